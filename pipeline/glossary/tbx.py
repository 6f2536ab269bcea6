"""TBX import and export: TBX 2 (ISO 30042:2008, `martif`) and TBX 3 (ISO 30042:2019, `tbx`).

Export: TBX-Basic in the 2008 `martif` form is the default, because that is what the peers
read: translate-toolkit's `tbxfile` (and so Weblate, Pootle, Virtaal) reads only `martif`
and fails on a TBX 3 file; TBX 3 stays available for tools that follow ISO 30042:2019.
`write_tbx_language` writes the file Weblate takes for one glossary language: the source
language and that one language, one entry per target term, a forbidden term marked with
the `forbidden` status Weblate turns into its forbidden flag (its docs/formats/tbx.rst:
"forbidden or obsolete administrative status"). translate-toolkit marks a whole entry
obsolete when all its terms are deprecated, and Weblate skips obsolete entries: one term
per entry, beside the approved source terms, keeps every forbidden term visible.

Reading goes through defusedxml: a file that declares entities (the "billion laughs") or
refers to external ones is refused with a clear error, never expanded or fetched. Both
versions are read by element names, so TBX-Basic, TBX-Default and private dialects, DCA style
(`<termNote type="administrativeStatus">`) and DCT style (`<basic:administrativeStatus>`),
`tig` and `ntig`, all import.

What our model holds beyond TBX-Basic travels in standard places: a term's variants as
extra terms with `termType` "variant" right after it, "needs review" as `processStatus`
"provisionallyProcessed", and the phrases a term does not count in as a `<note>` starting
with `msm-exclude:` (likewise `msm-require:` for its forcing contexts, `msm-pos:` for its
part of speech and `msm-source:` for where it is attested).

Long: TBX 2 and 3, read and written, share element names, escaping and encodings; together,
export and import stay symmetric.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pipeline.errors import Diagnostic, InputError
from pipeline.glossary.csv_io import LangMap, language_problem, resolve_language
from pipeline.glossary.model import (
    PARTS_OF_SPEECH,
    Concept,
    Status,
    Term,
    TermBase,
    concept_id_pattern,
    note_problem,
    parse_status,
    sort_terms,
    text_problem,
)
from pipeline.languages import SOURCE

TbxVersion = Literal[2, 3]
TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EXCLUDE_PREFIX = "msm-exclude:"
REQUIRE_PREFIX = "msm-require:"
SOURCE_PREFIX = "msm-source:"
POS_PREFIX = "msm-pos:"
_PREFIXES = (EXCLUDE_PREFIX, REQUIRE_PREFIX, SOURCE_PREFIX, POS_PREFIX)
_EXPORT_STATUS: dict[Status, str] = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
# Weblate reads "forbidden" (or "obsolete"), not the TBX-Basic deprecatedTerm-admn-sts, as
# its forbidden flag; our reader and translate-toolkit read it as well.
_WEBLATE_STATUS: dict[Status, str] = {**_EXPORT_STATUS, "forbidden": "forbidden"}
_REVIEW_PENDING = {"unprocessed", "provisionallyprocessed"}


def _local(tag: object) -> str:
    """An element's name without its namespace (`{urn:…}termSec` → `termSec`)."""
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1]


def _children(element: ET.Element, *names: str) -> Iterator[ET.Element]:
    for child in element:
        if _local(child.tag) in names:
            yield child


def _text(element: ET.Element) -> str:
    """All the text inside an element (TBX allows inline markup such as `<hi>` in terms)."""
    return " ".join("".join(element.itertext()).split())


# The encodings expat reads natively (XML 1.0 requires UTF-8 and UTF-16 of every parser).
# Any other declared encoding is refused, not guessed: Python's expat cannot read multi-byte
# ones (Shift_JIS, UTF-7) at all, and a code page named wrongly would garble every term.
XML_ENCODINGS = ("UTF-8", "UTF-16", "US-ASCII", "ISO-8859-1")
_ENCODING_ALIASES = {
    "utf-8": "UTF-8",
    "utf8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16le": "UTF-16",
    "utf-16be": "UTF-16",
    "us-ascii": "US-ASCII",
    "ascii": "US-ASCII",
    "iso-8859-1": "ISO-8859-1",
    "latin1": "ISO-8859-1",
    "latin-1": "ISO-8859-1",
}
_DECLARATION = re.compile(r"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([^"']{0,60})["']""")


def declared_encoding(data: bytes) -> str | None:
    """The encoding an XML file declares (from its first bytes), or None if it declares none."""
    head = data[:400]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        le = head.startswith(b"\xff\xfe") or head[:2] == b"<\x00"
        text = head.decode("utf-16-le" if le else "utf-16-be", errors="replace")
    else:
        text = head.decode("latin-1")
    # Only a declaration at the very start counts (after a byte order mark), as in XML.
    found = _DECLARATION.match(text.removeprefix("\ufeff").removeprefix("\xef\xbb\xbf"))
    return found.group(1) if found else None


def encoding_problem(data: bytes) -> str | None:
    """Why msm will not read this XML file's declared encoding, or None."""
    if data.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        name = "UTF-32"
    else:
        name = declared_encoding(data) or "UTF-8"
    if name.strip().lower() in _ENCODING_ALIASES:
        return None
    source = name if re.fullmatch(r"[A-Za-z0-9._-]{1,40}", name) else "ENCODING"
    return (
        f"the file declares the encoding {name!r}; msm reads TBX in "
        f"{', '.join(XML_ENCODINGS[:-1])} or {XML_ENCODINGS[-1]} only. Convert it, e.g. "
        f"`iconv -f {source} -t UTF-8`, and change encoding= in its first line to UTF-8"
    )


def parse_xml(data: bytes, where: str) -> ET.Element:
    """Parse XML safely: no entity expansion, no external entities, clear errors."""
    import defusedxml
    import defusedxml.ElementTree as SafeET

    def refuse(message: str, line: int | None = None) -> InputError:
        return InputError(f"{where}: {message}", [Diagnostic(where, line, "error", message, "tbx")])

    problem = encoding_problem(data)
    if problem:
        raise refuse(problem, 1)

    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        kind = "an external entity" if exc.sysid or exc.pubid else "an entity"
        raise refuse(
            f"the file declares {kind} ({exc.name!r}); refused, because expanding XML "
            "entities can exhaust memory or read other files. Remove the DOCTYPE's "
            "entity declarations and try again"
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise refuse(f"unsafe XML refused: {exc}") from None
    except (ValueError, LookupError) as exc:  # an encoding expat cannot read, after all
        raise refuse(f"cannot read the file's encoding: {exc}", 1) from None
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":", 1)[0]
        raise InputError(
            f"{where}: not well-formed XML",
            [Diagnostic(where, line, "error", f"{message} (column {column + 1})", "tbx")],
        ) from None


@dataclass
class _Reader:
    where: str
    lang_map: LangMap
    problems: list[Diagnostic] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.problems.append(Diagnostic(self.where, None, "error", message, "tbx"))


def read_tbx(
    data: bytes, where: str = "glossary.tbx", lang_map: LangMap = resolve_language
) -> TermBase:
    """Parse a TBX file of either version into a term base."""
    root = parse_xml(data, where)
    name = _local(root.tag)
    if name not in ("martif", "tbx"):
        raise InputError(
            f"{where}: not a TBX file",
            [Diagnostic(where, None, "error", f"root element is <{name}>, not <martif> or <tbx>")],
        )
    reader = _Reader(where, lang_map)
    default_lang = root.get(XML_LANG, "")
    concepts: list[Concept] = []
    seen: set[str] = set()
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    for number, entry in enumerate(entries, start=1):
        concept = _read_concept(entry, number, default_lang, reader)
        for note in (concept.note, *(t.note for t in concept.terms)):
            if note_problem(note):
                reader.fail(f"concept {concept.id!r}: {note_problem(note)}")
        if concept.id in seen:
            reader.fail(f"concept id {concept.id!r} appears twice")
            continue
        seen.add(concept.id)
        concepts.append(concept)
    if reader.problems:
        raise InputError(f"{where}: invalid TBX", reader.problems)
    return TermBase(tuple(concepts))


def _read_concept(entry: ET.Element, number: int, default_lang: str, reader: _Reader) -> Concept:
    """One termEntry/conceptEntry; an id that is not a valid XML ID gets a numbered one."""
    raw_id = entry.get("id") or f"concept-{number}"
    concept_id = raw_id if concept_id_pattern().match(raw_id) else f"concept-{number}"
    notes = _notes(entry)
    for group in _children(entry, "descripGrp"):
        notes.extend(_notes(group))
    # Every description of the concept, `type: text` (definition, usage note, subject field,
    # Weblate's `Translation needed`…): a note holds them all, none is dropped on import.
    described = [
        (d.get("type") or _local(d.tag), _text(d))
        for d in [
            *_children(entry, "descrip", "definition"),
            *(x for g in _children(entry, "descripGrp") for x in _children(g, "descrip")),
        ]
        if _text(d)
    ]
    described.sort(key=lambda kind_text: kind_text[0] != "definition")  # the definition first
    definitions = [f"{kind}: {text}" for kind, text in described]
    note_texts = [n for n in notes if not n.startswith(_PREFIXES)]
    terms: list[Term] = []
    for section in _children(entry, "langSet", "langSec"):
        code = section.get(XML_LANG) or default_lang
        lang = reader.lang_map(code) if code else None
        if lang is None:
            reader.fail(f"concept {concept_id!r}: {language_problem(code or '(none)')}")
            continue
        terms.extend(_read_terms(section, lang, concept_id, reader))
    note = " / ".join([*definitions, *note_texts])
    return Concept(concept_id, tuple(terms), note, note_stated=bool(note))


def _notes(element: ET.Element) -> list[str]:
    return [_text(n) for n in _children(element, "note") if _text(n)]


def _term_groups(section: ET.Element) -> Iterator[tuple[ET.Element, list[ET.Element]]]:
    """(term element, elements holding its properties) for each tig, ntig or termSec."""
    for holder in _children(section, "tig", "termSec", "ntig"):
        if _local(holder.tag) == "ntig":
            group = next(_children(holder, "termGrp"), None)
            term = next(_children(group, "term"), None) if group is not None else None
            props = [holder, *([group] if group is not None else [])]
        else:
            term = next(_children(holder, "term"), None)
            props = [holder]
        if term is not None:
            yield term, props


def _properties(props: list[ET.Element]) -> Iterator[tuple[str, str]]:
    """(data category, value) pairs: DCA `<termNote type="x">` and DCT `<ns:x>` alike."""
    for holder in props:
        for child in holder:
            name = _local(child.tag)
            if name in ("termNoteGrp", "descripGrp", "adminGrp"):
                for inner in child:
                    kind = inner.get("type") or _local(inner.tag)
                    yield kind, _text(inner)
            elif name in ("termNote", "descrip", "admin"):
                yield child.get("type", ""), _text(child)
            elif name not in ("term", "termGrp", "note", "transacGrp", "ref", "xref"):
                yield name, _text(child)


def _read_terms(section: ET.Element, lang: str, concept_id: str, reader: _Reader) -> list[Term]:
    terms: list[Term] = []
    for term_element, props in _term_groups(section):
        text = _text(term_element)
        problem = text_problem(text)
        if problem:
            reader.fail(f"concept {concept_id!r} ({lang}): {problem}")
            continue
        status: Status = "preferred"
        needs_review = False
        variant = False
        stated: set[str] = set()  # what the file says of this term (an import keeps the rest)
        for kind, value in _properties(props):
            if kind in ("administrativeStatus", "normativeAuthorization"):
                found = parse_status(value)
                if found is None:
                    reader.fail(
                        f"concept {concept_id!r} ({lang}) {text!r}: unknown {kind} {value!r}"
                    )
                else:
                    status = found
                    stated.add("status")
            elif kind == "processStatus":
                needs_review = value.replace(" ", "").lower() in _REVIEW_PENDING
                stated.add("needs_review")
            elif kind == "termType" and value.lower() == "variant":
                variant = True
        # A note of the whole language section (Weblate keeps a translator's explanation
        # there, `<note from="translator">`) is a note of each of its terms.
        notes = [*(n for holder in props for n in _notes(holder)), *_notes(section)]
        exclude = _prefixed(notes, EXCLUDE_PREFIX)
        require = _prefixed(notes, REQUIRE_PREFIX)
        source = " / ".join(_prefixed(notes, SOURCE_PREFIX, " / "))
        pos = "".join(_prefixed(notes, POS_PREFIX))[:10].lower()
        if pos not in PARTS_OF_SPEECH:
            reader.fail(f"concept {concept_id!r} ({lang}) {text!r}: unknown pos {pos!r}")
            pos = ""
        # A term's own descriptions (its context, a definition, a usage note) join its note.
        described = [
            f"{d.get('type') or 'descrip'}: {_text(d)}"
            for holder in props
            for d in _children(holder, "descrip")
            if _text(d)
        ]
        kept = [n for n in notes if not n.startswith(_PREFIXES)]
        note = " / ".join([*kept, *described])
        if note:
            stated.add("note")
        for name, prefix in (
            ("exclude", EXCLUDE_PREFIX),
            ("require", REQUIRE_PREFIX),
            ("source", SOURCE_PREFIX),
            ("pos", POS_PREFIX),
        ):
            if any(n.startswith(prefix) for n in notes):
                stated.add(name)
        if variant and terms and terms[-1].status == status:
            main = terms[-1]
            terms[-1] = Term(
                main.text,
                lang,
                main.status,
                (*main.variants, text),
                main.exclude,
                main.note,
                main.needs_review,
                stated=(main.stated or frozenset()) | {"variants"},
                require=main.require,
                pos=main.pos,
                source=main.source,
            )
            continue
        terms.append(
            Term(
                text,
                lang,
                status,
                (),
                exclude,
                note,
                needs_review,
                stated=frozenset(stated),
                require=require,
                pos=pos,
                source=source,
            )
        )
    return terms


def _prefixed(notes: list[str], prefix: str, separator: str = "|") -> tuple[str, ...]:
    """The `separator`-separated parts of the notes that start with `prefix`."""
    return tuple(
        part.strip()
        for n in notes
        if n.startswith(prefix)
        for part in n.removeprefix(prefix).split(separator)
        if part.strip()
    )


def escape(text: str) -> str:
    """Text escaped for XML content."""
    # Imported here: xml.sax.saxutils pulls in urllib.request (some 20 ms), which every run
    # that reads the glossary would pay for; only writing TBX needs it.
    from xml.sax.saxutils import escape as escaped

    return escaped(text)


def quoteattr(text: str) -> str:
    """Text escaped and quoted as an XML attribute value."""
    from xml.sax.saxutils import quoteattr as quoted  # see `escape`

    return quoted(text)


def write_tbx(
    termbase: TermBase, version: TbxVersion = 2, title: str = "Procurement glossary"
) -> str:
    """The TBX-Basic text of a term base: TBX 3 (ISO 30042:2019) or TBX 2 (martif)."""
    concept_tag, section_tag, term_tag = (
        ("conceptEntry", "langSec", "termSec") if version == 3 else ("termEntry", "langSet", "tig")
    )
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>']
    if version == 3:
        out.append(
            '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/'
            'master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
            'schematypens="http://relaxng.org/ns/structure/1.0"?>'
        )
        out.append(f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX3_NS}">')
        out.append("  <tbxHeader>")
    else:
        out.append('<martif type="TBX-Basic" xml:lang="en">')
        out.append("  <martifHeader>")
    out.append("    <fileDesc>")
    out.append(f"      <sourceDesc><p>{escape(title)}</p></sourceDesc>")
    out.append("    </fileDesc>")
    if version == 3:
        out.append("  </tbxHeader>")
    else:
        out.append('    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>')
        out.append("  </martifHeader>")
    out.append("  <text>")
    out.append("    <body>")
    for concept in termbase:
        out.append(f"      <{concept_tag} id={quoteattr(concept.id)}>")
        if concept.note:
            out.append(f"        <note>{escape(concept.note)}</note>")
        for lang in concept.languages:
            out.extend(_section_lines(concept.terms_in(lang), lang, section_tag, term_tag))
        out.append(f"      </{concept_tag}>")
    out.append("    </body>")
    out.append("  </text>")
    out.append("</tbx>" if version == 3 else "</martif>")
    return "\n".join(out) + "\n"


def write_tbx_language(
    termbase: TermBase,
    lang: str,
    source_language: str = SOURCE,
    title: str = "Procurement glossary",
) -> str:
    """The TBX-Basic (martif) file of one language pair, as Weblate takes a glossary language.

    One `termEntry` per term of `lang`, each with the concept's approved source terms: the
    first term of a concept (its preferred one) has the concept's id, the others the id and
    a short digest of the term, stable whatever else changes. Concepts without an approved
    source term or without a term in `lang` are left out; so are forbidden source terms.
    """
    import hashlib

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<martif type="TBX-Basic" xml:lang={quoteattr(source_language)}>',
        "  <martifHeader>",
        "    <fileDesc>",
        f"      <sourceDesc><p>{escape(f'{title}: {source_language} to {lang}')}</p></sourceDesc>",
        "    </fileDesc>",
        '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>',
        "  </martifHeader>",
        "  <text>",
        "    <body>",
    ]
    for concept in termbase:
        sources = concept.approved_in(source_language)
        if not sources or lang == source_language:
            continue
        for number, term in enumerate(sort_terms(concept.terms_in(lang))):
            entry_id = concept.id
            if number:
                digest = hashlib.sha1(term.text.casefold().encode("utf-8")).hexdigest()[:8]
                entry_id = f"{concept.id}.{digest}"
            out.append(f"      <termEntry id={quoteattr(entry_id)}>")
            if concept.note:
                out.append(f"        <note>{escape(concept.note)}</note>")
            out.extend(_section_lines(sources, source_language, "langSet", "tig"))
            out.extend(_section_lines((term,), lang, "langSet", "tig", _WEBLATE_STATUS))
            out.append("      </termEntry>")
    out.extend(["    </body>", "  </text>", "</martif>"])
    return "\n".join(out) + "\n"


def _section_lines(
    terms: Iterable[Term],
    lang: str,
    section_tag: str,
    term_tag: str,
    statuses: Mapping[Status, str] = _EXPORT_STATUS,
) -> list[str]:
    """One language section: each term, then its variants, in the canonical order."""
    lines = [f"        <{section_tag} xml:lang={quoteattr(lang)}>"]
    for term in sort_terms(terms):
        lines.extend(_term_lines(term, term.text, term_tag, False, statuses))
        for variant in term.variants:
            lines.extend(_term_lines(term, variant, term_tag, True, statuses))
    lines.append(f"        </{section_tag}>")
    return lines


def _term_lines(
    term: Term, text: str, tag: str, variant: bool, statuses: Mapping[Status, str]
) -> list[str]:
    pad = "            "
    lines = [f"          <{tag}>", f"{pad}<term>{escape(text)}</term>"]
    lines.append(f'{pad}<termNote type="administrativeStatus">{statuses[term.status]}</termNote>')
    if variant:
        lines.append(f'{pad}<termNote type="termType">variant</termNote>')
    elif term.needs_review:
        lines.append(f'{pad}<termNote type="processStatus">provisionallyProcessed</termNote>')
    if not variant:
        if term.note:
            lines.append(f"{pad}<note>{escape(term.note)}</note>")
        for prefix, parts, separator in (
            (EXCLUDE_PREFIX, term.exclude, "|"),
            (REQUIRE_PREFIX, term.require, "|"),
            (POS_PREFIX, (term.pos,) if term.pos else (), ""),
            (SOURCE_PREFIX, (term.source,) if term.source else (), ""),
        ):
            if parts:
                text = f"{prefix} {separator.join(parts)}"
                lines.append(f"{pad}<note>{escape(text)}</note>")
    lines.append(f"          </{tag}>")
    return lines
