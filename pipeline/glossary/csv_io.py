"""Read and write the reviewers' CSV: one row per term, plus one `*` row per concept note.

Columns: concept, lang, term, status, needs_review, variants, exclude, require, pos, note,
source (only the first three are required). Variants, exclusions and forcing contexts
(`require`) hold several phrases separated by `|`. Rows of one concept need not be adjacent;
the writer puts them together in the canonical order (language, then status), so a file
written by `msm glossary` and edited by hand diffs line by line.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a CR is written with a leading
apostrophe, so a spreadsheet opening the file shows it as text instead of running it as a
formula (OWASP's advice against CSV injection); the reader takes that apostrophe off again,
so every term reads back as it was written (docs/formats.md, "Limits").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline import languages
from pipeline.errors import Diagnostic, InputError
from pipeline.glossary.model import (
    PARTS_OF_SPEECH,
    TERM_FIELDS,
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

COLUMNS = (
    "concept",
    "lang",
    "term",
    "status",
    "needs_review",
    "variants",
    "exclude",
    "require",
    "pos",
    "note",
    "source",
)
REQUIRED = ("concept", "lang", "term")
CONCEPT_ROW = "*"  # the `lang` of a row that holds the concept's own note
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"", "no", "n", "false", "0"}

LangMap = Callable[[str], str | None]

# What a spreadsheet runs as a formula when a cell starts with it (OWASP, "CSV injection":
# `=HYPERLINK(...)`, `+cmd|...`, `-2+3`, `@SUM(...)`, or a tab or CR before them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: str) -> str:
    """A cell as written: one apostrophe before one that would start a formula (the
    spreadsheet shows it as text), also before one that already starts with apostrophes."""
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_START) else cell


def unguard(cell: str) -> str:
    """A cell as read: the apostrophe `guard` put in front taken off again."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START):
        return cell[1:]
    return cell


def resolve_language(code: str) -> str | None:
    """Our code for a language code from a file (`pt` → `pt-PT`), or None if unknown."""
    lang = languages.find(code)
    return lang.code if lang is not None else None


def language_problem(code: str) -> str:
    """Why `code` is not one of our languages, with a suggestion."""
    import difflib  # only when a name is wrong: not on the start-up path

    close = difflib.get_close_matches(code, list(languages.LANGUAGES), n=1, cutoff=0.4)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown language {code!r}{hint}; known: {', '.join(languages.LANGUAGES)}"


@dataclass
class _ConceptDraft:
    id: str
    line: int
    note: str = ""
    note_line: int | None = None
    terms: list[Term] = field(default_factory=list)


def read_csv(
    text: str, where: str = "glossary.csv", lang_map: LangMap = resolve_language
) -> TermBase:
    """Parse the reviewers' CSV; every problem is reported at once as `path:line: message`."""
    problems: list[Diagnostic] = []

    def fail(line: int | None, message: str) -> None:
        problems.append(Diagnostic(where, line, "error", message, "glossary-csv"))

    # strict: an unclosed quote would otherwise swallow the rest of the file silently.
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(
            f"{where}: empty glossary file", [Diagnostic(where, 1, "error", "no header row")]
        ) from None
    except csv.Error as exc:
        raise InputError(
            f"{where}: not a CSV file", [Diagnostic(where, 1, "error", str(exc))]
        ) from None
    names = [h.strip().lower() for h in header]
    for name in names:
        if name not in COLUMNS:
            import difflib  # only when a name is wrong: not on the start-up path

            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail(1, f"unknown column {name!r}{hint}; columns: {', '.join(COLUMNS)}")
    for name in REQUIRED:
        if name not in names:
            fail(1, f"missing column {name!r}")
    if problems:
        raise InputError(f"{where}: invalid glossary", problems)

    drafts: dict[str, _ConceptDraft] = {}
    seen: dict[tuple[str, str, str], int] = {}
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            fail(start, f"malformed CSV: {exc}")
            break
        line = start
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            fail(
                line, f"{len(row)} cells, but the header has {len(names)} columns (a stray comma?)"
            )
            continue
        cells = dict(zip(names, [*row, *[""] * (len(names) - len(row))], strict=True))
        cells = {name: unguard(cell) for name, cell in cells.items()}
        long_note = note_problem(cells.get("note", ""))
        if long_note:
            fail(line, long_note)
            continue
        concept_id = cells["concept"].strip()
        if not concept_id_pattern().match(concept_id):
            fail(
                line,
                f"concept id {concept_id!r}: start with a letter; use letters, digits, _ - .",
            )
            continue
        draft = drafts.setdefault(concept_id, _ConceptDraft(concept_id, line))
        lang_cell = cells["lang"].strip()
        if lang_cell == CONCEPT_ROW:
            if cells["term"].strip():
                fail(line, "a '*' row holds the concept's note, not a term")
            elif draft.note_line is not None:
                fail(
                    line, f"concept {concept_id!r} already has a note row (line {draft.note_line})"
                )
            else:
                draft.note, draft.note_line = cells.get("note", ""), line
            continue
        lang = lang_map(lang_cell)
        if lang is None:
            fail(line, language_problem(lang_cell))
            continue
        term_text = cells["term"]
        problem = text_problem(term_text)
        if problem:
            fail(line, problem)
            continue
        status = _status(cells.get("status", ""), line, fail)
        needs_review = _flag(cells.get("needs_review", ""), line, fail)
        variants = _phrases(cells.get("variants", ""), line, "variant", fail)
        exclude = _phrases(cells.get("exclude", ""), line, "exclusion", fail)
        require = _phrases(cells.get("require", ""), line, "forcing context", fail)
        pos = cells.get("pos", "").strip().lower()
        if pos not in PARTS_OF_SPEECH:
            fail(line, f"pos is {pos!r}; write noun, verb or leave it empty")
            continue
        if (
            status is None
            or needs_review is None
            or variants is None
            or exclude is None
            or require is None
        ):
            continue
        # An empty cell states nothing: an import keeps what the glossary has there.
        stated = frozenset(name for name in TERM_FIELDS if cells.get(name, "").strip())
        term = Term(
            term_text,
            lang,
            status,
            variants,
            exclude,
            cells.get("note", ""),
            needs_review,
            line,
            stated,
            require,
            pos,
            cells.get("source", ""),
        )
        key = (concept_id, lang, term.text.casefold())
        if key in seen:
            fail(
                line,
                f"{term.text!r} ({lang}) is already a term of {concept_id!r} (line {seen[key]})",
            )
            continue
        seen[key] = line
        draft.terms.append(term)
    if problems:
        raise InputError(f"{where}: invalid glossary", problems)
    return TermBase(
        tuple(
            Concept(d.id, tuple(d.terms), d.note, d.line, bool(d.note.strip()))
            for d in drafts.values()
        )
    )


def _status(value: str, line: int, fail: Callable[[int | None, str], None]) -> Status | None:
    if not value.strip():
        return "preferred"
    status = parse_status(value)
    if status is None:
        fail(line, f"unknown status {value.strip()!r}; use preferred, admitted or forbidden")
    return status


def _flag(value: str, line: int, fail: Callable[[int | None, str], None]) -> bool | None:
    key = value.strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    fail(line, f"needs_review is {value.strip()!r}; write 'yes' or leave it empty")
    return None


def _phrases(
    value: str, line: int, what: str, fail: Callable[[int | None, str], None]
) -> tuple[str, ...] | None:
    phrases = tuple(p.strip() for p in value.split("|") if p.strip())
    for phrase in phrases:
        problem = text_problem(phrase)
        if problem:
            fail(line, f"{what} {phrase!r}: {problem}")
            return None
    return phrases


def write_csv(termbase: TermBase) -> str:
    """The canonical CSV text of a term base (LF line ends, UTF-8 without BOM when saved)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)

    def row(cells: list[str]) -> None:
        writer.writerow([guard(cell) for cell in cells])  # no cell runs as a formula

    for concept in termbase:
        if concept.note or not concept.terms:  # a concept without terms still has its row
            row([concept.id, CONCEPT_ROW, "", "", "", "", "", "", "", concept.note, ""])
        for term in sort_terms(concept.terms):
            row(
                [
                    concept.id,
                    term.lang,
                    term.text,
                    term.status,
                    "yes" if term.needs_review else "",
                    "|".join(term.variants),
                    "|".join(term.exclude),
                    "|".join(term.require),
                    term.pos,
                    term.note,
                    term.source,
                ]
            )
    return out.getvalue()
