"""Build one language's memory from the project, and find exact and near matches in it.

Sources, in this order (the order breaks ties between equally good translations):
every video's `<lang>.po` in catalogue order (translated entries only; fuzzy ones — machine
drafts and earlier memory fills among them — only with `include_drafts`), then each TMX file
of the memory folder in name order. The same (source, translation) pair found in several
places is one unit listing every origin; a source translated two ways has two units, and the
one more places agree on wins.

Near matches are scored on words (see model.tokens) with rapidfuzz's Indel ratio, the
similarity gettext's and Weblate's fuzzy matching are built on, found through an index of
words: a text whose ratio with the query can reach the threshold must share enough words
with it to contain one of the query's rarest words (prefix filtering), so only texts holding
one of those are scored, and none that could reach the threshold is missed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Diagnostic, MsmError
from pipeline.fsutil import read_bytes
from pipeline.memory.model import Match, Unit, tokens
from pipeline.memory.settings import MemorySettings
from pipeline.memory.tmx import MAX_TMX_BYTES, read_tmx
from pipeline.project import Project
from pipeline.store import video_files
from pipeline.tracks.po_read import read_catalog


@dataclass
class Memory:
    """One language's translation units, indexed by source text and by word."""

    lang: str
    units: list[Unit] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    _pairs: dict[tuple[str, str], Unit] = field(default_factory=dict, repr=False)
    _by_source: dict[str, list[Unit]] = field(default_factory=dict, repr=False)
    _sources: list[str] = field(default_factory=list, repr=False)
    _words: list[list[str]] | None = field(default=None, repr=False)
    _index: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def add(self, source: str, target: str, origins: Iterable[str], note: str = "") -> None:
        """Add one pair (or add its origins to the pair already held)."""
        key = (source, target)
        unit = self._pairs.get(key)
        if unit is None:
            unit = self._pairs[key] = Unit(source, target, self.lang, [], note)
            self.units.append(unit)
            same = self._by_source.get(source)
            if same is None:
                self._by_source[source] = [unit]
                self._sources.append(source)
                self._words = None  # index again when next asked
            else:
                same.append(unit)
        for origin in origins:
            if origin not in unit.origins:
                unit.origins.append(origin)

    def __len__(self) -> int:
        return len(self.units)

    def exact(self, source: str, exclude: str = "") -> Match | None:
        """The best translation of exactly `source` found outside `exclude`."""
        best = _best(self._by_source.get(source, ()), exclude)
        return Match(best, 100.0, True) if best is not None else None

    def near(self, text: str, threshold: float, exclude: str = "", limit: int = 1) -> list[Match]:
        """The units whose source is most like `text` (word-level ratio ≥ threshold, in %),
        best first, exact source matches excluded."""
        from rapidfuzz.distance import Indel

        query = tokens(text)
        if not query:
            return []
        cutoff = threshold / 100.0
        words = self._indexed()
        found: list[tuple[float, int, int]] = []
        for i in self._candidates(query, cutoff):
            source = self._sources[i]
            if source == text:
                continue
            score = Indel.normalized_similarity(query, words[i], score_cutoff=cutoff)
            if score:
                best = _best(self._by_source[source], exclude)
                if best is not None:
                    found.append((-score, -len(best.origins), i))
        found.sort()
        matches = []
        for score, _, i in found[:limit]:
            best = _best(self._by_source[self._sources[i]], exclude)
            if best is not None:
                matches.append(Match(best, -score * 100.0, False))
        return matches

    def lookup(self, text: str, threshold: float, limit: int = 5) -> list[Match]:
        """Every translation of `text` itself, then the nearest other sources, best first."""
        exact = [
            Match(unit, 100.0, True)
            for unit in sorted(self._by_source.get(text, ()), key=lambda u: -len(u.origins))
        ]
        return [*exact, *self.near(text, threshold, limit=limit)][:limit]

    def _indexed(self) -> list[list[str]]:
        if self._words is None or len(self._words) != len(self._sources):
            self._words = [tokens(source) for source in self._sources]
            index: dict[str, list[int]] = {}
            for i, words in enumerate(self._words):
                for word in set(words):
                    postings = index.get(word)
                    if postings is None:
                        index[word] = [i]
                    else:
                        postings.append(i)
            self._index = index
        return self._words

    def _candidates(self, query: list[str], cutoff: float) -> set[int]:
        """The sources that could reach `cutoff`: a ratio 2m/(l1+l2) ≥ t with m ≤ l2 needs
        m ≥ t·l1/(2−t) shared words, so one of the query's l1−m+1 rarest words is shared."""
        need = max(1, math.ceil(cutoff * len(query) / (2 - cutoff) - 1e-9))
        index = self._index
        rarest = sorted(query, key=lambda w: len(index.get(w, ())))
        found: set[int] = set()
        for word in rarest[: len(query) - need + 1]:
            found.update(index.get(word, ()))
        return found


def _best(units: Sequence[Unit], exclude: str) -> Unit | None:
    """The unit most places agree on (the first found on a tie), not counting `exclude`;
    a copy without `exclude` among its origins."""
    best: Unit | None = None
    count = 0
    for unit in units:
        origins = [o for o in unit.origins if o != exclude]
        if len(origins) > count:
            best, count = unit, len(origins)
    if best is None:
        return None
    if exclude in best.origins:
        return Unit(
            best.source,
            best.target,
            best.lang,
            [o for o in best.origins if o != exclude],
            best.note,
        )
    return best


def po_origin(slug: str, lang: str) -> str:
    """How a video's catalogue is named as an origin: `<video>/<lang>.po`."""
    return f"{slug}/{lang}.po"


def learnable(entry: object, include_drafts: bool) -> bool:
    """Whether a catalogue entry teaches the memory: translated, singular, live, and (unless
    drafts are asked for) not fuzzy."""
    msgid = getattr(entry, "msgid", "")
    return bool(
        msgid
        and getattr(entry, "msgstr", "")
        and not getattr(entry, "obsolete", 0)
        and not getattr(entry, "msgid_plural", "")
        and (include_drafts or "fuzzy" not in getattr(entry, "flags", ()))
    )


def tmx_files(project: Project, settings: MemorySettings) -> list[Path]:
    """The TMX files of the memory folder, by name."""
    folder = project.root / settings.path
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".tmx" and p.is_file())


def load_memory(project: Project, lang: str, settings: MemorySettings) -> Memory:
    """The memory of `lang`: every video's catalogue, then the memory folder's TMX files."""
    memory = Memory(lang)
    source_lang = project.settings.source_language
    for video in project.settings.videos:
        path = video_files(project, video).po(lang)
        try:
            data = read_bytes(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            memory.problems.append(_problem(path, f"not read for the memory: {exc.strerror}"))
            continue
        try:
            catalog = read_catalog(data.decode("utf-8-sig"), str(path))
        except (UnicodeDecodeError, MsmError):
            memory.problems.append(_problem(path, "not read for the memory: not a valid PO file"))
            continue
        origin = [po_origin(video.slug, lang)]
        for entry in catalog.entries:
            if learnable(entry, settings.include_drafts):
                memory.add(entry.msgid, entry.msgstr, origin)
    for path in tmx_files(project, settings):
        shown = path.relative_to(project.root).as_posix()
        try:
            read = read_tmx(read_bytes(path, MAX_TMX_BYTES), shown, source_lang, origin=shown)
        except OSError as exc:
            memory.problems.append(_problem(path, f"not read for the memory: {exc.strerror}"))
            continue
        except MsmError as exc:
            memory.problems.append(_problem(path, f"not read for the memory: {exc}", "tmx"))
            continue
        for unit in read.units:
            if unit.lang == lang:
                memory.add(unit.source, unit.target, unit.origins, unit.note)
    return memory


def _problem(path: Path, message: str, code: str = "memory") -> Diagnostic:
    return Diagnostic(str(path), None, "warning", message, code)
