"""The report's HTML: the index (status matrix) and one page per track.

Every page stands alone: inline CSS, inline SVG, no script, no font or image to fetch, links
relative to the report folder. All text from the project (titles, cue texts, messages) goes
through `escape`; translated text carries its `lang` attribute.

Long: the report's pages are plain string templates, one function per block of markup,
sharing the escaping and the page frame.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from pipeline import __version__, languages
from pipeline.checks.model import Finding
from pipeline.checks.registry import load_all
from pipeline.report.chart import ZONE_WORDS, render_chart, zone
from pipeline.report.markup import escape, render
from pipeline.report.pages import Row, TrackPage, page_href, severity_of
from pipeline.report.status import ProjectStatus, TrackStatus, Verdict
from pipeline.report.status_text import SYMBOLS
from pipeline.report.style import stylesheet
from pipeline.report.titles import STATE_WORDS, VideoTitles
from pipeline.tracks.model import format_timestamp

SEVERITY_ICONS = {"error": "✖", "warning": "▲", "info": "ℹ", "accepted": "✓"}
SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Note", "accepted": "Accepted"}
VERDICT_WORDS: dict[Verdict, str] = {
    "ready": "msm bundle would ship it as it is",
    "incomplete": "cues still to translate or to review (fuzzy)",
    "errors": "error-level findings to fix",
    "blocked": "ready itself, but the source track has errors",
    "missing": "no catalogue for this language yet: run msm update",
    "unreadable": "a file could not be read (see the message)",
}


def _lang_label(code: str) -> str:
    spec = languages.find(code)
    if spec is None:
        return escape(code)
    return f'{escape(spec.name)} (<span lang="{escape(code)}">{escape(spec.native_name)}</span>)'


def _name(code: str) -> str:
    spec = languages.find(code)
    return spec.name if spec is not None else code


def _page(title: str, body: str, footer: str, skip_to: str, skip_label: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="msm">\n'
        f"<title>{escape(title)}</title>\n<style>\n{stylesheet()}\n</style>\n</head>\n<body>\n"
        f'<a class="skip" href="#{skip_to}">{escape(skip_label)}</a>\n'
        f"{body}\n<footer>{footer}</footer>\n</body>\n</html>\n"
    )


def badge(verdict: Verdict) -> str:
    """The verdict as a badge: icon and word, coloured."""
    return (
        f'<span class="badge v-{verdict}"><span aria-hidden="true">{SYMBOLS[verdict]}</span> '
        f"{verdict}</span>"
    )


def _counts(track: TrackStatus) -> str:
    parts = []
    if track.cues is not None:
        if track.kind == "translation":
            parts.append(f"{track.translated}/{track.cues} translated")
            if track.fuzzy:
                parts.append(f"{track.fuzzy} fuzzy")
        else:
            parts.append(f"{track.cues} cues")
    found = [
        _plural(track.tally.errors, "error") if track.tally.errors else "",
        _plural(track.tally.warnings, "warning") if track.tally.warnings else "",
        f"{track.tally.accepted} accepted" if track.tally.accepted else "",
        "build stale" if track.build == "stale" else "",
    ]
    parts.extend(p for p in found if p)
    if not any(found) and track.cues is not None:
        parts.append("no findings")
    return " · ".join(parts)


def _plural(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def index_page(
    status: ProjectStatus,
    pages: Sequence[TrackPage],
    origin: str,
    terms_note: str,
    titles: Sequence[VideoTitles] = (),
) -> str:
    """The report's front page: summary, the status matrix, findings by check, and each
    video's YouTube titles and descriptions."""
    linked = {(p.video.slug, p.status.lang) for p in pages}
    s = status.summary()
    head = [
        '<header><p class="crumbs">msm review report</p>',
        f"<h1>{escape(status.name)}: subtitles and translations</h1>",
        f'<p class="lead">{s["ready"]} of {_plural(s["tracks"], "track")} ready; '
        f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')}"
        + (f", {s['accepted']} accepted" if s["accepted"] else "")
        + ".</p></header>",
    ]
    body = ['<main id="main">', '<h2 id="status-h">Status</h2>', _matrix(status, linked), _legend()]
    if status.problems:
        body.append("<h2>Inputs that could not be read</h2><ul>")
        body.extend(f"<li><code>{escape(p)}</code></li>" for p in status.problems)
        body.append("</ul>")
    body.append(_by_check(status.checks.findings.items))
    context = status.checks.context
    for note in context.notes if context is not None else ():
        body.append(f'<p class="muted">Not checked: {escape(note)}</p>')
    if titles:
        body.append(_titles(titles))
    if terms_note:
        body.append(f'<p class="muted">{escape(terms_note)}</p>')
    body.append("</main>")
    return _page(
        f"{status.name}: review report",
        "\n".join(head + body),
        _footer(origin),
        "main",
        "Skip to the status table",
    )


def _matrix(status: ProjectStatus, linked: set[tuple[str, str]]) -> str:
    cols = status.languages
    out = [
        '<div class="scroll" role="region" aria-labelledby="status-h" tabindex="0">',
        '<table class="matrix stack">',
        "<caption>Each cell: the verdict, translated cues, then errors and warnings if any. "
        "Open a cell for its cues, findings and reading speed.</caption>",
        '<thead><tr><th scope="col">Video</th>',
    ]
    for code in cols:
        source = " (source)" if code == status.source_language else ""
        name = escape(_name(code))
        out.append(f'<th scope="col"><abbr title="{name}">{escape(code)}</abbr>{source}</th>')
    out.append("</tr></thead><tbody>")
    for video in status.videos:
        slug = video.video.slug
        out.append(
            f'<tr><th scope="row">{escape(video.video.title)}<br>'
            f"<small><code>{escape(slug)}</code></small></th>"
        )
        for track in video.tracks:
            label = escape(f"{_name(track.lang)} ({track.lang})")
            inner = f'{badge(track.verdict)}<span class="counts">{escape(_counts(track))}</span>'
            if (slug, track.lang) in linked:
                href = escape(page_href(slug, track.lang))
                cell = f'<a href="{href}" aria-label="{label}: {track.verdict}">{inner}</a>'
            else:
                cell = f'<span title="{escape(track.detail)}">{inner}</span>'
            out.append(f'<td data-label="{label}">{cell}</td>')
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


# The badge colour of each title state (the verdicts' classes).
_TITLE_CLASSES = {
    "translated": "v-ready",
    "fuzzy": "v-incomplete",
    "untranslated": "v-incomplete",
    "stale": "v-stale",
    "missing": "v-missing",
    "unreadable": "v-unreadable",
}


def _titles(titles: Sequence[VideoTitles]) -> str:
    """Per video, each language's YouTube title and description: state, text, findings."""
    out = [
        '<h2 id="titles-h">YouTube titles and descriptions</h2>',
        '<p class="muted">From <code>subtitles/&lt;video&gt;/meta/&lt;lang&gt;.po</code>; '
        "<code>msm publish</code> sends the translated ones without an error.</p>",
    ]
    for video in titles:
        slug = video.video.slug
        out.append(
            f'<h3 id="titles-{escape(slug)}">{escape(video.video.title)} '
            f"<small><code>{escape(slug)}</code></small></h3>"
        )
        if video.source_findings:
            out.append(_findings(video.source_findings, with_cue=True))
        described = bool(video.video.description)  # else YouTube keeps each one's own
        out.append(
            '<table class="stack titles"><thead><tr><th scope="col">Language</th>'
            '<th scope="col">State</th><th scope="col">Title</th>'
            + ('<th scope="col">Description</th>' if described else "")
            + '<th scope="col">Findings</th></tr></thead><tbody>'
        )
        for row in video.rows:
            word = STATE_WORDS[row.state]
            state = f'<span class="badge {_TITLE_CLASSES[row.state]}">{escape(word)}</span>'
            code = escape(row.lang)
            found = _findings(row.findings, with_cue=True) if row.findings else "none"
            title, description = (_text(row.lang, t) for t in (row.title, row.description))
            out.append(
                f'<tr data-lang="{code}" data-state="{escape(row.state)}">'
                f'<th scope="row">{_lang_label(row.lang)}</th>'
                f'<td data-label="State">{state}</td>'
                f'<td data-label="Title">{title}</td>'
                + (f'<td data-label="Description">{description}</td>' if described else "")
                + f'<td data-label="Findings">{found}</td></tr>'
            )
        out.append("</tbody></table>")
    return "\n".join(out)


def _text(lang: str, text: str) -> str:
    """A translated title or description in its language, or a muted 'none'."""
    if not text:
        return '<span class="muted">none</span>'
    return f'<span lang="{escape(lang)}">{escape(text)}</span>'


def _legend() -> str:
    items = "".join(
        f"<dt>{badge(v)}</dt><dd>{escape(VERDICT_WORDS[v])}</dd>" for v in VERDICT_WORDS
    )
    return f'<h3 class="muted">What the verdicts mean</h3><dl class="legend-list">{items}</dl>'


def _by_check(findings: Iterable[Finding]) -> str:
    tally = Counter((f.check, severity_of(f)) for f in findings)
    if not tally:
        return "<h2>Findings by check</h2><p>No findings: every check passed.</p>"
    specs = load_all()
    rows = []
    for (check, severity), count in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])):
        spec = specs.get(check)
        summary = escape(spec.summary) if spec is not None else ""
        rows.append(
            f'<tr><td data-label="Check"><code>{escape(check)}</code></td>'
            f'<td data-label="Severity">{_severity(severity)}</td>'
            f'<td data-label="Findings">{count}</td><td data-label="What">{summary}</td></tr>'
        )
    return (
        '<h2>Findings by check</h2><table class="stack"><thead><tr><th scope="col">Check</th>'
        '<th scope="col">Severity</th><th scope="col">Findings</th><th scope="col">What it '
        "looks for</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _severity(severity: str) -> str:
    return (
        f'<span class="sev i-{severity}"><span aria-hidden="true">{SEVERITY_ICONS[severity]}'
        f"</span> {SEVERITY_WORDS[severity]}</span>"
    )


def _footer(origin: str) -> str:
    return (
        f"Made by msm {escape(__version__)}"
        + (f" from {escape(origin)}" if origin else "")
        + ". A static report: it works offline, straight from the folder."
    )


def track_page(page: TrackPage, siblings: Sequence[TrackPage], origin: str) -> str:
    """One track's page: its status, the reading-speed chart, and every cue."""
    track = page.status
    video = page.video
    lang = track.lang
    source_name = _name(page.source_lang)
    what = "source track" if page.is_source else "translation"
    head = [
        '<header><nav class="crumbs" aria-label="Breadcrumb"><ol>'
        '<li><a href="../index.html">Review report</a></li>'
        f"<li>{escape(video.title)}</li>"
        f'<li aria-current="page">{escape(_name(lang))}</li></ol></nav>',
        f"<h1>{_lang_label(lang)} {what}: {escape(video.title)}</h1>",
        _languages_nav(page, siblings),
        "</header>",
    ]
    body = [
        '<main id="main">',
        f"<p>{badge(track.verdict)} {escape(track.detail)}</p>",
        _stats(page),
        '<section aria-labelledby="speed-h"><h2 id="speed-h">Reading speed</h2>',
        "<figure>",
        render_chart(page.rows, page.profile, _name(lang)),
        _chart_key(),
        f"<figcaption>Characters per second of every cue ({escape(_name(lang))}), counted as "
        f"the checks count them, against the <code>{escape(page.profile.name)}</code> profile: "
        f"optimal {page.profile.cps_optimal:g}, maximum {page.profile.cps_max:g}. Select a bar "
        "to jump to its cue.</figcaption>",
        "</figure></section>",
    ]
    if page.other:
        body.append(
            '<section aria-labelledby="track-h"><h2 id="track-h">Findings on the whole track</h2>'
        )
        body.append(_findings(page.other, with_cue=True))
        body.append("</section>")
    body.append(_cue_table(page, source_name))
    body.append("</main>")
    return _page(
        f"{_name(lang)}: {video.title}",
        "\n".join(head + body),
        _footer(origin),
        "cues",
        "Skip to the cues",
    )


def _languages_nav(page: TrackPage, siblings: Sequence[TrackPage]) -> str:
    items = []
    for other in siblings:
        code = escape(other.status.lang)
        name = escape(_name(other.status.lang))
        if other is page:
            items.append(f'<li><span aria-current="page" title="{name}">{code}</span></li>')
        else:
            items.append(f'<li><a href="{code}.html" title="{name}">{code}</a></li>')
    return (
        '<nav aria-label="Other languages of this video"><ul class="langs">'
        + "".join(items)
        + "</ul></nav>"
    )


def _stats(page: TrackPage) -> str:
    track = page.status
    pairs: list[tuple[str, str]] = [("cues", str(track.cues))]
    if track.kind == "translation":
        pairs += [
            ("translated", str(track.translated)),
            ("fuzzy", str(track.fuzzy)),
            ("untranslated", str(track.untranslated)),
        ]
    pairs += [
        ("errors", str(track.tally.errors)),
        ("warnings", str(track.tally.warnings)),
        ("notes", str(track.tally.notes)),
        ("accepted", str(track.tally.accepted)),
    ]
    if track.build is not None:
        pairs.append(("built SRT", track.build))
    profile = page.profile
    pairs.append(
        (
            "limits",
            f"{profile.max_chars_per_line} characters × {profile.max_lines} lines, "
            f"{profile.cps_optimal:g}–{profile.cps_max:g} characters/s",
        )
    )
    items = "".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in pairs)
    return f'<dl class="stats">{items}</dl>'


def _chart_key() -> str:
    def swatch(inner: str) -> str:
        return f'<svg viewBox="0 0 26 16" aria-hidden="true" class="chart">{inner}</svg>'

    rect = '<rect class="{}" x="1" y="1" width="24" height="14"/>'
    line = '<line class="{}" x1="0" x2="26" y1="8" y2="8"/>'
    items = [
        (rect.format("bar ok"), "within the optimal speed"),
        (rect.format("bar fast"), "above the optimal speed (stripes)"),
        (rect.format("bar too-fast"), "above the maximum (cross-hatched)"),
        (rect.format("bar ok draft"), "fuzzy draft (dashed outline)"),
        (rect.format("gap"), "nothing to read (not translated)"),
        (line.format("line-optimal"), "optimal line (dashed)"),
        (line.format("line-max"), "maximum line"),
    ]
    return (
        '<ul class="key">'
        + "".join(f"<li>{swatch(shape)} {escape(text)}</li>" for shape, text in items)
        + "</ul>"
    )


def _findings(findings: Iterable[Finding], with_cue: bool = False) -> str:
    out = ['<ul class="findings" lang="en">']
    for f in findings:
        severity = severity_of(f)
        where = ""
        if with_cue:
            if f.cue is not None:
                where = f'<a href="#cue-{f.cue}">cue {f.cue}</a>: '
            elif f.line is not None:
                where = f"<code>{escape(f.path)}:{f.line}</code>: "
            else:
                where = f"<code>{escape(f.path)}</code>: "
        extra = ""
        if f.concept and f.check == "spelling":
            extra += f" <small>(word <code>{escape(f.concept)}</code>)</small>"
        elif f.concept:
            extra += f" <small>(glossary concept <code>{escape(f.concept)}</code>)</small>"
        if f.context:
            extra += f" <small>(context {escape(f.context)})</small>"
        out.append(
            f'<li class="f f-{severity}" data-check="{escape(f.check)}">{_severity(severity)} '
            f"<code>{escape(f.check)}</code> {where}{escape(f.message)}{extra}</li>"
        )
    out.append("</ul>")
    return "".join(out)


_STATE_WORDS = {
    "untranslated": "not translated",
    "missing": "no entry in the PO: run msm update",
    "invalid": "translation cannot be a subtitle",
}


def _cue_table(page: TrackPage, source_name: str) -> str:
    lang = page.status.lang
    problems = sum(1 for r in page.rows if r.findings)
    out = [
        '<section aria-labelledby="cues"><h2 id="cues" tabindex="-1">Cues</h2>',
        f"<p>{len(page.rows)} cues, {problems} with findings.</p>",
        '<div class="filter-wrap">',
        '<input type="checkbox" id="only-problems" class="filter-box">'
        '<label for="only-problems" class="filter-label"> Show only cues with findings</label>',
        '<table class="cues stack">',
        '<thead><tr><th scope="col" class="num">Cue</th><th scope="col" class="time">Time</th>',
        f'<th scope="col">{escape(source_name)}</th>',
    ]
    if not page.is_source:
        out.append(f'<th scope="col">{escape(_name(lang))}</th>')
    out.append('<th scope="col" class="speed">Speed</th></tr></thead><tbody>')
    for row in page.rows:
        out.append(_cue_row(page, row, source_name))
    out.append("</tbody></table></div></section>")
    return "\n".join(out)


def _cue_row(page: TrackPage, row: Row, source_name: str) -> str:
    worst = row.worst
    classes = [f"sev-{worst}" if worst else "clean", f"state-{row.state}"]
    icon = ""
    if worst:
        icon = (
            f'<span class="row-icon i-{worst}"><span aria-hidden="true">'
            f"{SEVERITY_ICONS[worst]}</span> {len(row.findings)}</span>"
        )
    cells = [
        f'<tr id="cue-{row.number}" class="{" ".join(classes)}">',
        f'<th scope="row" class="num"><a href="#cue-{row.number}">{row.number}</a>{icon}</th>',
        f'<td class="time" data-label="Time">{format_timestamp(row.start)}<br>'
        f"{format_timestamp(row.end)}<br><small>{row.duration / 1000:.2f} s</small></td>",
    ]
    findings = _findings(row.findings) if row.findings else ""
    source_lang = escape(page.source_lang)
    if page.is_source:
        cells.append(
            f'<td class="text" data-label="{escape(source_name)}"><div lang="{source_lang}">'
            f"{render(row.source, row.source_marks)}</div>{findings}</td>"
        )
    else:
        cells.append(
            f'<td class="text" data-label="{escape(source_name)}"><div lang="{source_lang}">'
            f"{render(row.source, row.source_marks)}</div></td>"
        )
        lang = escape(page.status.lang)
        if row.text is not None:
            state = (
                ' <span class="tag tag-state">fuzzy</span>' if row.state == "fuzzy" else ""
            ) + (' <span class="tag tag-state">invalid</span>' if row.state == "invalid" else "")
            text = f'<div lang="{lang}">{render(row.text, row.text_marks)}{state}</div>'
        else:
            text = f'<div class="empty">{escape(_STATE_WORDS.get(row.state, row.state))}</div>'
        cells.append(
            f'<td class="text" data-label="{escape(_name(page.status.lang))}">{text}{findings}</td>'
        )
    cells.append(f'<td class="speed" data-label="Speed">{_speed(row, page)}</td>')
    cells.append("</tr>")
    return "".join(cells)


def _speed(row: Row, page: TrackPage) -> str:
    if row.cps is None:
        return '<span class="empty">–</span>'
    speed = "∞" if row.cps == float("inf") else f"{row.cps:.1f}"
    kind = zone(row.cps, page.profile)
    note = ""
    if kind != "ok":
        icon = "✖" if kind == "too-fast" else "▲"
        cls = "error" if kind == "too-fast" else "warning"
        note = (
            f'<br><span class="sev i-{cls}"><span aria-hidden="true">{icon}</span> '
            f"{escape(ZONE_WORDS[kind])}</span>"
        )
    return f"{speed} char/s<br><small>{row.chars} characters</small>{note}"
