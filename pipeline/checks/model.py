"""What checks look at (units) and what they produce (findings).

A check is a plain function registered with `@register(...)` (see registry.py). It receives one
unit and a context and yields `Finding`s. The runner reads every file once, builds the units,
and calls each enabled check: no check re-reads or re-parses a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any, Final, Literal

from pipeline.errors import Diagnostic
from pipeline.tracks.model import Cue

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# The fields of Finding and EntryUnit in order: their equality, hash and repr (a frozen
# dataclass's, written out) look at all of them.
_FINDING_FIELDS = (
    "path", "line", "context", "cue", "lang", "check", "severity", "message", "concept", "accepted"
)  # fmt: skip
_ENTRY_FIELDS = (
    "path", "line", "lang", "source", "target", "context", "cues", "fuzzy", "obsolete",
    "accepted", "from_po",
)  # fmt: skip
_finding_key = attrgetter(*_FINDING_FIELDS)
_entry_key = attrgetter(*_ENTRY_FIELDS)


def _repr(record: object, fields: tuple[str, ...]) -> str:
    """`Name(field=value, ...)`, as a dataclass writes it."""
    values = ", ".join(f"{name}={getattr(record, name)!r}" for name in fields)
    return f"{type(record).__qualname__}({values})"


# Immutable, but not `frozen` (as Cue, and for the same reason: a run locates every finding
# as one): Final fields for mypy; a frozen dataclass's equality, hash and repr written out
# (making the dataclass, its methods compiled from source, cost ~0.5 ms of every start-up).
class Finding:
    """One problem, located precisely; the JSON output contract of `msm check` is its fields."""

    __slots__ = (
        "accepted",
        "check",
        "concept",
        "context",
        "cue",
        "lang",
        "line",
        "message",
        "path",
        "severity",
    )

    def __init__(
        self,
        path: str,  # the file, relative to the project root when inside it
        line: int | None,  # PO: line of the msgid; SRT/VTT: line of the cue's timing line
        context: str | None,  # PO msgctxt, or None
        cue: int | None,  # 1-based cue number in the source track (first for shared entries)
        lang: str,  # BCP 47
        check: str,  # the check id, e.g. "cps-max", "glossary-missing"
        severity: Severity,
        message: str,
        concept: str | None = None,  # glossary concept id for glossary findings
        accepted: bool = False,  # a reviewer accepted it with an `msm-accept:` comment in the PO
    ) -> None:
        self.path: Final = path
        self.line: Final = line
        self.context: Final = context
        self.cue: Final = cue
        self.lang: Final = lang
        self.check: Final = check
        self.severity: Final = severity
        self.message: Final = message
        self.concept: Final = concept
        self.accepted: Final = accepted

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _finding_key(self) == _finding_key(other)

    def __hash__(self) -> int:
        return hash(_finding_key(self))

    def __repr__(self) -> str:
        return _repr(self, _FINDING_FIELDS)

    def as_json(self) -> dict[str, Any]:
        """The contract's object for this finding."""
        return {
            "path": self.path,
            "line": self.line,
            "context": self.context,
            "cue": self.cue,
            "lang": self.lang,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "concept": self.concept,
            "accepted": self.accepted,
        }

    def with_severity(self, severity: Severity) -> Finding:
        """The same finding at another severity (project overrides)."""
        return Finding(
            self.path,
            self.line,
            self.context,
            self.cue,
            self.lang,
            self.check,
            severity,
            self.message,
            self.concept,
            self.accepted,
        )


# Immutable, but not `frozen` (as Cue, and for the same reason: a run builds one unit per
# entry of every catalogue): Final fields for mypy; a frozen dataclass's equality, hash and
# repr written out, as Finding's.
class EntryUnit:
    """One translatable text: a PO entry, or one cue of a track read without a PO.

    `source` is the source-language text ("" when unknown, e.g. a lone translated SRT);
    `target` the translation ("" when untranslated). For the source track itself, `lang` is
    the source language and `target` is the source text.
    """

    __slots__ = (
        "accepted",
        "context",
        "cues",
        "from_po",
        "fuzzy",
        "lang",
        "line",
        "obsolete",
        "path",
        "source",
        "target",
    )

    def __init__(
        self,
        path: str,
        line: int | None,
        lang: str,
        source: str,
        target: str,
        context: str | None = None,
        cues: tuple[int, ...] = (),  # source cue numbers saying this text
        fuzzy: bool = False,
        obsolete: bool = False,
        accepted: frozenset[str] = frozenset(),  # check ids a reviewer accepted on it
        from_po: bool = True,
    ) -> None:
        self.path: Final = path
        self.line: Final = line
        self.lang: Final = lang
        self.source: Final = source
        self.target: Final = target
        self.context: Final = context
        self.cues: Final = cues
        self.fuzzy: Final = fuzzy
        self.obsolete: Final = obsolete
        self.accepted: Final = accepted
        self.from_po: Final = from_po

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _entry_key(self) == _entry_key(other)

    def __hash__(self) -> int:
        return hash(_entry_key(self))

    def __repr__(self) -> str:
        return _repr(self, _ENTRY_FIELDS)

    @property
    def cue(self) -> int | None:
        """The first cue saying this text, for reports."""
        return self.cues[0] if self.cues else None


# The units below and Findings are plain classes, immutable by their Final attributes (for
# mypy) as Finding is: making a dataclass (its methods compiled and run from source) cost
# ~0.5 ms of start-up a class, and nothing compares, hashes or prints these.
class TrackUnit:
    """A whole timed track: the cues as they will be shown, and the source cues if known."""

    __slots__ = (
        "built_from_po",
        "committed",
        "cues",
        "diagnostics",
        "entry_of",
        "gaps",
        "is_source",
        "lang",
        "path",
        "source_cues",
    )

    def __init__(
        self,
        path: str,
        lang: str,
        cues: Sequence[Cue],
        source_cues: Sequence[Cue] | None = None,
        is_source: bool = False,
        # Translations built from a PO know which source cue each cue came from (Cue.index).
        built_from_po: bool = False,
        # What the reader noticed in the file (repairs, encoding); empty for a track built
        # from a PO.
        diagnostics: Sequence[Diagnostic] = (),
        # For a track built from a PO: the entry that gives each cue its text, by cue number,
        # so a finding on a cue is reported at the entry's msgid line (and can be accepted
        # there).
        entry_of: Mapping[int, EntryUnit] | None = None,
        # For a track built from a PO: source cues it cannot show, as (cue number, reason)
        # with reason "untranslated", "fuzzy", "missing" (no entry: run `msm update`) or
        # "invalid: …".
        gaps: Sequence[tuple[int, str]] = (),
        # For a track built from a PO: the built files on disk (`<lang>.srt`, `<lang>.vtt`).
        committed: Sequence[CommittedFile] = (),
    ) -> None:
        self.path: Final = path
        self.lang: Final = lang
        self.cues: Final = cues
        self.source_cues: Final = source_cues
        self.is_source: Final = is_source
        self.built_from_po: Final = built_from_po
        self.diagnostics: Final = diagnostics
        self.entry_of: Final[Mapping[int, EntryUnit]] = entry_of if entry_of is not None else {}
        self.gaps: Final = gaps
        self.committed: Final = committed


class CommittedFile:
    """A generated file as it is on disk, to compare with what `msm build` would write now."""

    __slots__ = ("data", "fmt", "path")

    def __init__(self, path: str, fmt: str, data: bytes) -> None:
        self.path: Final = path
        self.fmt: Final = fmt  # "srt" or "vtt"
        self.data: Final = data


class CatalogUnit:
    """A whole PO catalogue (for translation-state checks that look across entries)."""

    __slots__ = ("diagnostics", "entries", "file", "lang", "obsolete", "offsets", "path")

    def __init__(
        self,
        path: str,
        lang: str,
        entries: Sequence[EntryUnit],
        obsolete: Sequence[EntryUnit] = (),
        file: Path | None = None,  # the file on disk, when it was read from one
        # Where each entry's block starts in the file, by msgid line (when the file has the
        # usual layout): lets a project check read a few entries again without reading the
        # whole file.
        offsets: Mapping[int, int] | None = None,
        # What the reader noticed without refusing the file (a charset other than UTF-8).
        diagnostics: Sequence[Diagnostic] = (),
    ) -> None:
        self.path: Final = path
        self.lang: Final = lang
        self.entries: Final = entries
        self.obsolete: Final = obsolete
        self.file: Final = file
        self.offsets: Final[Mapping[int, int]] = offsets if offsets is not None else {}
        self.diagnostics: Final = diagnostics


class ProjectUnit:
    """Everything checked in one run, for checks that look across files (consistency).

    The runner does not keep every catalogue of a big run: it gives each project check what
    the check's `gather` kept of each catalogue, in catalogue order, in `gathered[check id]`
    (and leaves `catalogs` empty). Built by hand (tests), `catalogs` holds the catalogues.
    """

    __slots__ = ("catalogs", "gathered", "missing")

    def __init__(
        self,
        catalogs: Sequence[CatalogUnit] = (),
        # Catalogues the project expects but that do not exist: (path, lang).
        missing: Sequence[tuple[str, str]] = (),
        gathered: Mapping[str, Sequence[Any]] | None = None,
    ) -> None:
        self.catalogs: Final = catalogs
        self.missing: Final = missing
        self.gathered: Final[Mapping[str, Sequence[Any]]] = gathered if gathered is not None else {}


class Findings:
    """Findings collected from a run, and the files looked at."""

    __slots__ = ("files", "items")

    def __init__(self, items: list[Finding] | None = None, files: set[str] | None = None) -> None:
        self.items: list[Finding] = items if items is not None else []
        self.files: set[str] = files if files is not None else set()

    @property
    def errors(self) -> int:
        """Error-level findings that no reviewer accepted."""
        return sum(1 for f in self.items if f.severity == "error" and not f.accepted)

    @property
    def warnings(self) -> int:
        """Warning-level findings that no reviewer accepted."""
        return sum(1 for f in self.items if f.severity == "warning" and not f.accepted)

    @property
    def accepted(self) -> int:
        """Findings a reviewer accepted."""
        return sum(1 for f in self.items if f.accepted)
