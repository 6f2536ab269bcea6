"""The report's look: one palette (checked for WCAG AA contrast by the tests) and its CSS.

Meaning never rests on colour alone: every verdict and severity also has an icon and a word,
chart zones have patterns, highlights have distinct underlines, forbidden terms a label.
"""

from __future__ import annotations

PALETTE: dict[str, str] = {
    "fg": "#1b1c20",
    "bg": "#ffffff",
    "muted": "#545862",
    "surface": "#f3f4f6",
    "border": "#c5c9d1",
    "link": "#0b4fb3",
    "ok": "#17652f",
    "ok-bg": "#e2f3e7",
    "warn": "#744700",
    "warn-bg": "#fff1c7",
    "err": "#a3122b",
    "err-bg": "#fde3e7",
    "info": "#0c5a86",
    "info-bg": "#e0eff9",
    "accepted-bg": "#eceef1",
    "term": "#0b4fb3",
    "term-bg": "#e7effd",
    "on-strong": "#ffffff",
    # chart marks (graphics: at least 3:1 against the plot background)
    "bar-ok": "#3a68ad",
    "bar-fast": "#9a5b00",
    "bar-fast-bg": "#ffd98a",
    "bar-too-fast": "#b3102c",
    "bar-too-fast-bg": "#f7b9c3",
    "gap": "#767b85",
}

# (foreground, background) pairs used for text: each must reach 4.5:1 (WCAG 2.1 AA).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("fg", "bg"),
    ("fg", "surface"),
    ("muted", "bg"),
    ("muted", "surface"),
    ("link", "bg"),
    ("link", "surface"),
    ("ok", "ok-bg"),
    ("warn", "warn-bg"),
    ("err", "err-bg"),
    ("info", "info-bg"),
    ("muted", "accepted-bg"),
    ("fg", "err-bg"),
    ("fg", "warn-bg"),
    ("fg", "info-bg"),
    ("fg", "accepted-bg"),
    ("fg", "term-bg"),
    ("on-strong", "err"),
    ("on-strong", "fg"),
    ("warn", "bg"),
    ("err", "bg"),
    ("info", "bg"),
)
# (graphic, background) pairs in the chart: each must reach 3:1 (WCAG 2.1 SC 1.4.11).
GRAPHIC_PAIRS: tuple[tuple[str, str], ...] = (
    ("bar-ok", "surface"),
    ("bar-fast", "surface"),
    ("bar-too-fast", "surface"),
    ("warn", "surface"),
    ("err", "surface"),
    ("gap", "surface"),
)

_RULES = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
"Liberation Sans",sans-serif;color:var(--fg);background:var(--bg)}
.skip{position:absolute;left:-9999px;top:.5rem;background:var(--fg);color:var(--on-strong);
padding:.5rem 1rem;z-index:10;border-radius:.25rem}
.skip:focus{left:.5rem}
header,main,footer{max-width:76rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
footer{color:var(--muted);font-size:.875rem;border-top:1px solid var(--border);
margin-top:2.5rem;padding-top:.75rem;padding-bottom:2rem}
a{color:var(--link)}
a:focus-visible,input:focus-visible+label,summary:focus-visible{outline:3px solid var(--link);
outline-offset:2px}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin:2rem 0 .5rem}
.crumbs{font-size:.9rem;margin:0}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:var(--muted)}
.lead{font-size:1.05rem}
.muted,small{color:var(--muted)}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.875em}
.badge{display:inline-block;padding:.05rem .55rem;border-radius:1rem;font-weight:600;
border:1px solid currentColor;white-space:nowrap}
.v-ready{color:var(--ok);background:var(--ok-bg)}
.v-incomplete,.v-stale{color:var(--warn);background:var(--warn-bg)}
.v-errors,.v-blocked,.v-missing,.v-unreadable{color:var(--err);background:var(--err-bg)}
.stats{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.75rem 0;padding:0}
.stats div{display:flex;gap:.4rem}
.stats dt{color:var(--muted)}
.stats dd{margin:0;font-weight:600}
.langs{list-style:none;display:flex;flex-wrap:wrap;gap:.35rem;padding:0;margin:.5rem 0}
.langs a,.langs span{display:inline-block;padding:.1rem .5rem;border:1px solid var(--border);
border-radius:.25rem;text-decoration:none}
.langs [aria-current]{background:var(--fg);color:var(--on-strong);border-color:var(--fg)}
table{border-collapse:collapse;width:100%}
caption{text-align:left;color:var(--muted);padding:.25rem 0;caption-side:bottom;font-size:.875rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid var(--border)}
thead th{font-size:.875rem;color:var(--muted);border-bottom:2px solid var(--border)}
.scroll{overflow-x:auto}
.matrix{font-size:.9rem}
.matrix th,.matrix td{padding:.4rem .3rem}
.matrix tbody th{min-width:9rem}
.matrix .badge{padding:.05rem .4rem}
.matrix td a{display:block;text-decoration:none;border-radius:.35rem;padding:.2rem}
.matrix td a:hover .badge{text-decoration:underline}
.matrix .counts{display:block;font-size:.8rem;color:var(--muted);margin-top:.15rem}
.legend-list{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:.75rem 0}
.legend-list dd{margin:0}
.text{overflow-wrap:anywhere;word-break:normal;min-width:0}
.cues{table-layout:fixed}
.cues .num{white-space:nowrap;width:3.75rem}
.cues .num a{font-weight:700}
.cues .time{white-space:nowrap;font-variant-numeric:tabular-nums;font-size:.875rem;width:8.5rem}
.cues .speed{font-variant-numeric:tabular-nums;width:9.5rem}
.cues tbody tr{scroll-margin-top:1rem}
.cues tbody tr:target{outline:3px solid var(--link);outline-offset:-3px}
tr.sev-error>th{box-shadow:inset 5px 0 var(--err)}
tr.sev-warning>th{box-shadow:inset 5px 0 var(--warn)}
tr.sev-info>th{box-shadow:inset 5px 0 var(--info)}
tr.sev-accepted>th{box-shadow:inset 5px 0 var(--muted)}
.row-icon{display:block;font-size:.8rem}
.i-error{color:var(--err)}.i-warning{color:var(--warn)}.i-info{color:var(--info)}
.i-accepted{color:var(--muted)}
.findings{list-style:none;margin:.5rem 0 0;padding:0;font-size:.9rem}
.findings li{padding:.2rem .5rem;border-left:4px solid;margin-top:.25rem;
border-radius:0 .25rem .25rem 0}
.findings .f-error{background:var(--err-bg);border-color:var(--err)}
.findings .f-warning{background:var(--warn-bg);border-color:var(--warn)}
.findings .f-info{background:var(--info-bg);border-color:var(--info)}
.findings .f-accepted{background:var(--accepted-bg);border-color:var(--muted)}
.sev{font-weight:700}
.f-error .sev{color:var(--err)}.f-warning .sev{color:var(--warn)}.f-info .sev{color:var(--info)}
.f-accepted .sev{color:var(--muted)}
mark.hl{color:inherit;text-decoration-line:underline;text-decoration-thickness:2px;
text-underline-offset:.2em;border-radius:.15rem}
mark.hl-error{background:var(--err-bg);text-decoration-style:wavy;text-decoration-color:var(--err)}
mark.hl-warning{background:var(--warn-bg);text-decoration-style:dashed;
text-decoration-color:var(--warn)}
mark.hl-info{background:var(--info-bg);text-decoration-style:dotted;text-decoration-color:var(--info)}
mark.hl-accepted{background:var(--accepted-bg);text-decoration-style:dotted;
text-decoration-color:var(--muted)}
.ins{font-weight:700;padding:0 .1em;border-radius:.15rem}
.ins-error{color:var(--err);background:var(--err-bg)}
.ins-warning{color:var(--warn);background:var(--warn-bg)}
.ins-info,.ins-accepted{color:var(--info);background:var(--info-bg)}
.term{background:var(--term-bg);border-bottom:2px solid var(--term)}
.term-forbidden{background:var(--err-bg);border-bottom:2px dashed var(--err);
text-decoration:line-through;text-decoration-color:var(--err)}
.tag{display:inline-block;font-size:.7rem;font-weight:700;text-transform:uppercase;
letter-spacing:.03em;padding:0 .3rem;border-radius:.25rem;margin:0 .2rem;vertical-align:.1em;
line-height:1.4}
.tag-forbidden{background:var(--err);color:var(--on-strong)}
.tag-state{background:var(--warn-bg);color:var(--warn);border:1px solid var(--warn)}
.empty{font-style:italic;color:var(--muted);margin:0}
.filter{margin:.5rem 0 1rem;display:flex;align-items:center;gap:.5rem}
.filter input{width:1.15rem;height:1.15rem}
#only-problems:checked~table tr.clean{display:none}
figure{margin:0}
figcaption{font-size:.875rem;color:var(--muted)}
.chart{width:100%;height:auto;display:block;margin:.5rem 0}
.chart .plot{fill:var(--surface)}
.chart .grid{stroke:var(--border);stroke-width:1}
.chart .tick,.chart .axis-label,.chart .line-label{font-size:13px;fill:var(--muted)}
.chart .line-label{font-weight:700}
.chart .line-optimal-label{fill:var(--warn)}.chart .line-max-label{fill:var(--err)}
.chart .bar.ok{fill:var(--bar-ok)}
.chart .bar.fast{fill:url(#p-fast);stroke:var(--bar-fast);stroke-width:1}
.chart .bar.too-fast{fill:url(#p-too-fast);stroke:var(--bar-too-fast);stroke-width:1}
.chart .bar.draft{stroke:var(--fg);stroke-width:1.5;stroke-dasharray:4 2;fill-opacity:.55}
.chart .gap{fill:url(#p-gap);fill-opacity:.7}
.chart a:hover .bar{stroke:var(--fg);stroke-width:2}
.chart .pat-fast-bg{fill:var(--bar-fast-bg)}.chart .pat-fast-fg{fill:var(--bar-fast)}
.chart .pat-too-fast-bg{fill:var(--bar-too-fast-bg)}
.chart .pat-too-fast-fg{stroke:var(--bar-too-fast);stroke-width:1.6}
.chart .pat-gap-fg{fill:var(--gap)}
.chart .line-optimal{stroke:var(--warn);stroke-width:2;stroke-dasharray:7 4}
.chart .line-max{stroke:var(--err);stroke-width:2.5}
.key{list-style:none;display:flex;flex-wrap:wrap;gap:.35rem 1.25rem;padding:0;margin:.25rem 0;
font-size:.875rem}
.key li{display:flex;align-items:center;gap:.4rem}
.key svg{width:1.6rem;height:1rem;flex:none}
@media (max-width:46rem){
  h1{font-size:1.35rem}
  .stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  .stack,.stack tbody,.stack tr,.stack th,.stack td{display:block;width:auto}
  .cues{table-layout:auto}
  .stack caption{display:block;text-align:left}
  .stack tbody tr{border:1px solid var(--border);border-radius:.4rem;margin:.75rem 0;
  overflow:hidden}
  .stack th,.stack td{border-bottom:0;padding:.3rem .6rem}
  .stack td[data-label]::before{content:attr(data-label);display:block;font-size:.75rem;
  font-weight:700;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
  .cues .time,.cues .speed{white-space:normal}
  tr.sev-error{box-shadow:inset 5px 0 var(--err)}
  tr.sev-warning{box-shadow:inset 5px 0 var(--warn)}
  tr.sev-info{box-shadow:inset 5px 0 var(--info)}
  tr.sev-accepted{box-shadow:inset 5px 0 var(--muted)}
}
@media print{.skip,.filter{display:none}#only-problems:checked~table tr.clean{display:table-row}}
"""


def stylesheet() -> str:
    """The CSS every page inlines: the palette as custom properties, then the rules."""
    props = ";".join(f"--{name}:{value}" for name, value in PALETTE.items())
    rules = "\n".join(line.strip() for line in _RULES.strip().splitlines())
    return f":root{{color-scheme:light;{props}}}\n{rules}"


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two `#rrggbb` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
