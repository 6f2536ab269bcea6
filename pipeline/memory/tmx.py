"""TMX 1.4b reading and writing: what OmegaT, memoQ, Trados, Weblate and translate-toolkit exchange.

Reading is for files from anywhere, so it is guarded: the file is read whole up to
`MAX_TMX_BYTES`, parsed by defusedxml with entity declarations refused (no expansion, nothing
fetched; a `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` line, which OmegaT writes, is allowed and never
loaded), and every problem is reported with the file's name. A segment's text is all the text
inside `<seg>`, inline codes (`<ph>`, `<bpt>`, …) included, spacing and line breaks as written.
Language codes are read as ours (`pl-PL` → `pl`, `pt` → `pt-PT`); units in other languages are
counted, not kept. TMX 1.1's `lang` attribute is read as `xml:lang`.

Writing is deterministic (no dates): the same units give the same bytes, so a memory kept in
git changes only where units change. Where each unit was found travels in a
`<prop type="x-msm-origin">` per origin, a note in `<note>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pipeline import __version__
from pipeline.errors import Diagnostic, InputError
from pipeline.languages import find
from pipeline.memory.model import Unit

MAX_TMX_BYTES = 100 * 1024 * 1024  # a memory of a million segments is about this size
ORIGIN_PROP = "x-msm-origin"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

LangMap = Callable[[str], str | None]


def our_language(code: str) -> str | None:
    """Our code for a language code from a file (`pl-PL` → `pl`), or None if unknown."""
    lang = find(code)
    return lang.code if lang is not None else None


@dataclass
class TmxRead:
    """The units read from a TMX file, and what was left out (per reason, with a count)."""

    units: list[Unit] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    source_lang: str = ""

    def skip(self, reason: str) -> None:
        """Count one unit left out for `reason`."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def notes(self) -> list[str]:
        """One line per reason units were left out."""
        return [f"{n} translation(s) left out: {reason}" for reason, n in self.skipped.items()]


def _fail(where: str, message: str, line: int | None = None) -> InputError:
    return InputError(f"{where}: {message}", [Diagnostic(where, line, "error", message, "tmx")])


def parse_xml(data: bytes, where: str) -> ET.Element:
    """Parse XML safely: entity declarations refused, nothing external fetched."""
    import defusedxml
    import defusedxml.ElementTree as SafeET

    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        kind = "an external entity" if exc.sysid or exc.pubid else "an entity"
        raise _fail(
            where,
            f"the file declares {kind} ({exc.name!r}); refused, because expanding XML entities "
            "can exhaust memory or read other files",
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise _fail(where, f"unsafe XML refused: {exc}") from None
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":", 1)[0]
        raise _fail(where, f"not well-formed XML: {message} (column {column + 1})", line) from None


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1]


def _lang_of(element: ET.Element) -> str:
    return (element.get(XML_LANG) or element.get("lang") or "").strip()


def read_tmx(
    data: bytes,
    where: str,
    source_language: str = "en",
    lang_map: LangMap = our_language,
    origin: str = "",
) -> TmxRead:
    """The translation units of a TMX document, one Unit per target-language variant.

    `origin` is recorded for units that carry no `x-msm-origin` of their own (the file they
    came from). The source variant of each unit is the one in `source_language` (the unit's
    or header's `srclang` when it names a language of ours).
    """
    root = parse_xml(data, where)
    if _local(root.tag) != "tmx":
        raise _fail(where, f"not a TMX file: the root element is <{_local(root.tag)}>, not <tmx>")
    header = next((c for c in root if _local(c.tag) == "header"), None)
    body = next((c for c in root if _local(c.tag) == "body"), None)
    if body is None:
        raise _fail(where, "not a TMX file: no <body>")
    default_source = source_language
    if header is not None:
        declared = lang_map(header.get("srclang") or "")
        if declared is not None:
            default_source = declared
    result = TmxRead(source_lang=default_source)
    for tu in body:
        if _local(tu.tag) != "tu":
            continue
        source_lang = lang_map(tu.get("srclang") or "") or default_source
        origins: list[str] = []
        notes: list[str] = []
        variants: list[tuple[str, str]] = []
        for child in tu:
            name = _local(child.tag)
            if name == "prop" and child.get("type") == ORIGIN_PROP and child.text:
                origins.append(child.text)
            elif name == "note":
                notes.append("".join(child.itertext()))
            elif name == "tuv":
                seg = next((c for c in child if _local(c.tag) == "seg"), None)
                text = "".join(seg.itertext()) if seg is not None else ""
                variants.append((_lang_of(child), text))
        _units(
            result,
            variants,
            source_lang,
            lang_map,
            origins or ([origin] if origin else []),
            "\n".join(notes),
        )
    return result


def _units(
    result: TmxRead,
    variants: Sequence[tuple[str, str]],
    source_lang: str,
    lang_map: LangMap,
    origins: list[str],
    note: str,
) -> None:
    sources = [text for code, text in variants if lang_map(code) == source_lang]
    targets = [(code, text) for code, text in variants if lang_map(code) != source_lang]
    if not sources or not sources[0].strip():
        for _ in targets or [("", "")]:
            result.skip(f"no {source_lang} text in the unit")
        return
    for code, text in targets:
        lang = lang_map(code)
        if lang is None:
            result.skip(f"language {code!r} is not one of ours" if code else "no language given")
        elif not text.strip():
            result.skip("empty translation")
        else:
            result.units.append(Unit(sources[0], text, lang, list(origins), note))


def _legal(char: str) -> bool:
    code = ord(char)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def writable(text: str) -> bool:
    """Whether XML 1.0 can hold `text` (no control characters but tab and line ends)."""
    return all(_legal(c) for c in text)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")  # a literal CR would be read back as a line feed
    )


def _attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def write_tmx(units: Iterable[Unit], source_language: str = "en") -> str:
    """A TMX 1.4b document holding `units` in their order (units XML cannot hold are the
    caller's to leave out: see `writable`)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<tmx version="1.4">\n',
        f'  <header creationtool="msm" creationtoolversion="{_attr(__version__)}" '
        f'datatype="plaintext" segtype="sentence" adminlang="{_attr(source_language)}" '
        f'srclang="{_attr(source_language)}" o-tmf="msm"/>\n',
        "  <body>\n",
    ]
    for unit in units:
        out.append("    <tu>\n")
        if unit.note:
            out.append(f"      <note>{_escape(unit.note)}</note>\n")
        for origin in unit.origins:
            out.append(f'      <prop type="{ORIGIN_PROP}">{_escape(origin)}</prop>\n')
        for lang, text in ((source_language, unit.source), (unit.lang, unit.target)):
            out.append(f'      <tuv xml:lang="{_attr(lang)}">\n')
            out.append(f"        <seg>{_escape(text)}</seg>\n")
            out.append("      </tuv>\n")
        out.append("    </tu>\n")
    out.append("  </body>\n</tmx>\n")
    return "".join(out)
