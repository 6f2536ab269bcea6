"""The registry of checks: each check is a function over one unit, declared with `@register`.

A check yields `Problem`s; the runner turns them into `Finding`s with the check's id, the
unit's file, line and language, and the severity the project settings give the check.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Iterable
from operator import attrgetter
from pathlib import Path
from typing import Any, Final, Literal

from pipeline.checks.gates import Gate
from pipeline.checks.model import CatalogUnit, EntryUnit, Severity
from pipeline.project import Settings

Scope = Literal["entry", "track", "catalog", "project"]

# The modules that hold checks (each registers its checks when imported), with the ids of
# the checks each registers: settings that name a check are validated against these
# without importing any check (a re-check that the result cache answers runs none, and
# importing them took ~8 ms of its start-up). tests/test_startup_lazy.py holds
# them equal to what the modules register.
CHECK_IDS: dict[str, tuple[str, ...]] = {
    "pipeline.checks.timing": (
        "cps-optimal", "cps-max", "line-length", "line-count", "empty-cue", "duration-min",
        "duration-short", "duration-max", "overlap", "gap-min", "gap-chain", "timing-mismatch",
    ),
    "pipeline.checks.typography": (
        "comma-below", "ellipsis-character", "double-space", "space-before-punctuation",
        "period-after-mark", "invisible-character", "repeated-word", "nbsp-punctuation",
        "guillemet-spacing", "quote-style", "inverted-marks", "semicolon",
        "greek-question-mark", "ellipsis-spacing", "unit-space", "acronym-periods",
        "dialogue-dash", "style-tags",
    ),
    "pipeline.checks.state": (
        "untranslated", "fuzzy", "obsolete", "po-outdated", "invalid-translation",
        "stale-build", "inconsistent-translation", "missing-catalog", "identical-to-source",
        "accept-unknown",
    ),
    "pipeline.checks.files": ("encoding", "file-format", "po-charset", "po-language"),
    "pipeline.checks.glossary_checks": ("glossary-missing", "glossary-forbidden"),
    "pipeline.checks.fidelity": (
        "number-mismatch", "link-mismatch", "bracket-mismatch", "end-punctuation",
    ),
    "pipeline.checks.spelling": ("spelling",),
    "pipeline.checks.grammar": ("grammar",),
}  # fmt: skip
CHECK_MODULES: tuple[str, ...] = tuple(CHECK_IDS)


# Problem and CheckSpec are plain classes, immutable by their Final attributes: a frozen
# dataclass cost 0.5-1 ms of start-up a class (its methods compiled from source). Problems
# are compared (tests): a frozen dataclass's equality, hash and repr are written out.
class Problem:
    """What a check found, before the runner locates it; fields left None come from the unit."""

    __slots__ = ("concept", "cue", "entry", "lang", "line", "message", "path", "severity")

    def __init__(
        self,
        message: str,
        line: int | None = None,
        cue: int | None = None,
        concept: str | None = None,
        severity: Severity | None = None,  # overrides the check's default (warn/error bands)
        # Where, when not in the unit itself: another file (a built SRT), or an entry of
        # another unit (project- and catalogue-wide checks point at the entry concerned).
        path: str | None = None,
        entry: EntryUnit | None = None,
        lang: str | None = None,  # with `path`: the language of that file, if the unit has none
    ) -> None:
        self.message: Final = message
        self.line: Final = line
        self.cue: Final = cue
        self.concept: Final = concept
        self.severity: Final = severity
        self.path: Final = path
        self.entry: Final = entry
        self.lang: Final = lang

    def _key(self) -> tuple[object, ...]:
        """The fields equality and the hash compare (a dataclass's, in order)."""
        return (
            self.message,
            self.line,
            self.cue,
            self.concept,
            self.severity,
            self.path,
            self.entry,
            self.lang,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Problem)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Problem(message={self.message!r}, line={self.line!r}, cue={self.cue!r}, "
            f"concept={self.concept!r}, severity={self.severity!r}, path={self.path!r}, "
            f"entry={self.entry!r}, lang={self.lang!r})"
        )


class CheckContext:
    """Shared, lazily built resources a check may need (settings, profiles, glossary)."""

    # A plain class: a dataclass cost ~0.5 ms of start-up (its methods compiled from source).
    def __init__(
        self,
        settings: Settings | None = None,
        root: Path | None = None,
        glossary_path: Path | None = None,
        cache: dict[str, Any] | None = None,
        workers: int = 1,  # processes checking this run (the cache is per process)
        # What the run could not check, one line each (a language without a spelling
        # dictionary): the reports print them. Filled by `prepare`, before any worker forks.
        notes: list[str] | None = None,
    ) -> None:
        self.settings = settings
        self.root = root
        self.glossary_path = glossary_path
        self.cache: dict[str, Any] = cache if cache is not None else {}
        self.workers = workers
        self.notes: list[str] = notes if notes is not None else []

    @property
    def frame_rate(self) -> float:
        """The project's frame rate (25 when there is no project)."""
        return self.settings.frame_rate if self.settings is not None else 25.0


# `CheckContext.cache` key: the languages a run checks (a set), put there before `prepare`.
RUN_LANGUAGES = "run.languages"
# `CheckContext.cache` key, put there (an empty dict) before `prepare` when a first run's
# worker processes may each check only some languages (lang_split.py): the checks fill it
# with what loading each language costs them (CPU seconds) instead of loading it before
# the workers fork. Left empty, the run is split by video.
LANGUAGE_LOADS = "run.language-loads"

CheckFunc = Callable[[Any, CheckContext], Iterable[Problem]]
# What an entry check's problems depend on, besides the language (see `memo`).
MemoKey = Callable[[EntryUnit], Hashable]
# What a project check keeps of each catalogue (see `gather`).
Gather = Callable[[CatalogUnit], Any]
Prepare = Callable[[CheckContext], None]


class CheckSpec:
    """A registered check."""

    def __init__(
        self,
        id: str,
        scope: Scope,
        severity: Severity,
        summary: str,  # one line, shown in `msm check --list` and docs/reviewers.md
        func: CheckFunc,
        langs: frozenset[str] | None = None,  # None: every language
        source: bool = False,  # also runs on the source track (not only translations)
        # Entry checks: the problems depend on nothing but memo(unit) and the language, so
        # the runner checks each distinct key once per language and reuses the problems
        # (which then must not point at an entry or a file of their own).
        memo: MemoKey | None = None,
        # Project checks: what to keep of each catalogue as soon as it is checked (the
        # runner keeps that, not the catalogue); the check finds it in
        # `ProjectUnit.gathered[id]`.
        gather: Gather | None = None,
        # Loads what the check shares across the run (a glossary) before any unit is
        # checked, so an unreadable resource is reported once and parallel workers inherit it.
        prepare: Prepare | None = None,
        # Memoised entry checks: what every text they could report on holds; the runner
        # calls them only on the texts of a file holding it (see gates.py).
        gate: Gate | None = None,
    ) -> None:
        self.id: Final = id
        self.scope: Final = scope
        self.severity: Final = severity
        self.summary: Final = summary
        self.func: Final = func
        self.langs: Final = langs
        self.source: Final = source
        self.memo: Final = memo
        self.gather: Final = gather
        self.prepare: Final = prepare
        self.gate: Final = gate


REGISTRY: dict[str, CheckSpec] = {}


# An entry's texts, flags and acceptances: the memo key of entry checks that read nothing
# else of it (not its file, line or cues). Checks sharing one key function share one look-up
# per unit (see the runner). An attrgetter: the key is made in C for every unit of a run.
entry_text: Callable[[EntryUnit], tuple[str, str, bool, bool, bool, frozenset[str]]] = attrgetter(
    "source", "target", "fuzzy", "obsolete", "from_po", "accepted"
)


def register(
    id: str,
    scope: Scope,
    severity: Severity,
    summary: str,
    langs: Iterable[str] | None = None,
    source: bool = False,
    *,
    memo: MemoKey | None = None,
    gather: Gather | None = None,
    prepare: Prepare | None = None,
    gate: Gate | None = None,
) -> Callable[[CheckFunc], CheckFunc]:
    """Declare a check function under `id`."""
    if memo is not None and scope != "entry":
        raise ValueError(f"{id}: only entry checks can be memoised")
    if gate is not None and memo is None:
        raise ValueError(f"{id}: only memoised entry checks take a gate")
    if gather is not None and scope != "project":
        raise ValueError(f"{id}: only project checks gather from catalogues")

    def decorate(func: CheckFunc) -> CheckFunc:
        if id in REGISTRY:
            raise ValueError(f"check id {id!r} registered twice")
        REGISTRY[id] = CheckSpec(
            id,
            scope,
            severity,
            summary,
            func,
            frozenset(langs) if langs else None,
            source,
            memo,
            gather,
            prepare,
            gate,
        )
        return func

    return decorate


def check_ids() -> list[str]:
    """Every check's id, without importing a check."""
    return [id for ids in CHECK_IDS.values() for id in ids]


def load_all() -> dict[str, CheckSpec]:
    """Import every check module and return the registry."""
    for name in CHECK_MODULES:
        importlib.import_module(name)
    return REGISTRY
