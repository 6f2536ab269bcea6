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
one of those are scored, and none that could reach the threshold is missed. The index holds
only those rarest words of the texts looked up (a run fills one video: a few hundred words;
how many sources hold each word is counted once, with the memory), so building it costs one
set intersection per source text.

The whole memory is cached in `.msm-cache/memory-<lang>.bin` and what each file teaches in
`.msm-cache/memory-<lang>.parts` (marshal, git-ignored), keyed by the files' modification
time, change time, size and inode: a run reads again only the catalogues that changed since
the last one (catalogues through po_pairs, the full reader only for the files it leaves).
A cache that does not load is rebuilt, never trusted; one that cannot be written is skipped.

Long: building, caching and searching one language's memory share the index they make;
splitting them would pass that index's internals between modules.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import marshal
import math
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from pipeline import __version__
from pipeline.confine import confine
from pipeline.errors import Diagnostic, MsmError
from pipeline.fsutil import MAX_CACHE_BYTES, MAX_FILE_BYTES, atomic_write_bytes, read_bytes
from pipeline.memory.model import Match, Unit, tokens
from pipeline.memory.po_pairs import po_pairs
from pipeline.memory.settings import MemorySettings
from pipeline.memory.tmx import MAX_TMX_BYTES, read_tmx
from pipeline.project import Project
from pipeline.store import video_files
from pipeline.tracks.po_read import read_catalog

FORMAT = 5  # bump when the cache's layout changes
CACHE_DIR = ".msm-cache"
_CODE = ("store.py", "model.py", "tmx.py", "po_pairs.py")

# What one file teaches: (source, target, fuzzy, note, origins); origins empty for a
# catalogue (its own name is the origin).
Taught = tuple[str, str, bool, str, tuple[str, ...]]
Stamp = tuple[int, int, int, int]
Reader = Callable[[bytes, str], list[Taught]]
# A whole memory: targets, notes, sources in order, coded, vocabulary, counts (see Memory)
Saved = tuple[
    dict[str, dict[str, list[str]]],
    dict[tuple[str, str], str],
    list[str],
    list[str],
    dict[str, str],
    dict[str, int],
]
Signature = tuple[bool, tuple[tuple[str, Stamp], ...]]


def _code(number: int) -> str:
    """The character standing for word `number` of a memory's vocabulary (no surrogates)."""
    point = number + 0x100
    return chr(point if point < 0xD800 else point + 0x800)


@dataclass
class Memory:
    """One language's translation units, indexed by source text and by word.

    The word index covers only the words of the texts looked up (`prepare`), built in one
    pass over the sources when they are first needed. For scoring, a candidate source is
    written as one character per word (`_code`): rapidfuzz then compares word sequences as
    short strings, in C.
    """

    lang: str
    problems: list[Diagnostic] = field(default_factory=list)
    _targets: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)
    _notes: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _sources: list[str] = field(default_factory=list, repr=False)  # in order: their ids
    _coded: list[str] = field(default_factory=list, repr=False)  # each source's words coded
    _vocabulary: dict[str, str] = field(default_factory=dict, repr=False)  # word → character
    _index: dict[str, list[int]] = field(default_factory=dict, repr=False)  # character → ids
    _counts: dict[str, int] = field(default_factory=dict, repr=False)  # character → sources

    def add(self, source: str, target: str, origins: Iterable[str], note: str = "") -> None:
        """Add one pair (or add its origins to the pair already held)."""
        targets = self._targets.get(source)
        if targets is None:
            targets = self._targets[source] = {}
            self._sources = []  # index again when next asked
        held = targets.get(target)
        if held is None:
            held = targets[target] = []
        for origin in origins:
            if origin not in held:
                held.append(origin)
        if note and (source, target) not in self._notes:
            self._notes[(source, target)] = note

    def add_catalogue(self, taught: list[Taught], origin: str, drafts: bool) -> None:
        """Add what one catalogue taught (`add` for each pair, fuzzy ones only with `drafts`;
        inlined: a memory of 1,000 videos adds 100,000 pairs)."""
        targets_of = self._targets
        fresh = False
        for source, target, fuzzy, _, _ in taught:
            if fuzzy and not drafts:
                continue
            targets = targets_of.get(source)
            if targets is None:
                targets_of[source] = {target: [origin]}
                fresh = True
                continue
            held = targets.get(target)
            if held is None:
                targets[target] = [origin]
            elif origin not in held:
                held.append(origin)
        if fresh:
            self._sources = []

    @property
    def units(self) -> list[Unit]:
        """Every unit, in the order first found."""
        return [
            Unit(source, target, self.lang, list(origins), self._notes.get((source, target), ""))
            for source, targets in self._targets.items()
            for target, origins in targets.items()
        ]

    def __len__(self) -> int:
        return sum(len(targets) for targets in self._targets.values())

    def exact(self, source: str, exclude: str = "") -> Match | None:
        """The best translation of exactly `source` found outside `exclude`."""
        best = self._best(source, exclude)
        return Match(best, 100.0, True) if best is not None else None

    def near(self, text: str, threshold: float, exclude: str = "", limit: int = 1) -> list[Match]:
        """The units whose source is most like `text` (word-level ratio ≥ threshold, in %),
        best first; exact source matches are `exact`'s."""
        from rapidfuzz import process
        from rapidfuzz.distance import Indel

        query = tokens(text)
        if not query:
            return []
        cutoff = threshold / 100.0
        self._order()
        vocabulary, index, counts = self._vocabulary, self._index, self._counts
        unknown: dict[str, str] = {}  # words no source has: characters no source holds
        coded = "".join(
            vocabulary.get(w) or unknown.setdefault(w, _code(len(vocabulary) + len(unknown)))
            for w in query
        )
        found: set[int] = set()
        prefix = _prefix(coded, cutoff, counts)
        missing = {char for char in prefix if char not in index and counts.get(char)}
        if missing:
            self._index_chars(missing)
        for char in prefix:
            found.update(index.get(char, ()))
        # and a length the ratio allows: t·l1/(2−t) ≤ l2 ≤ l1·(2−t)/t
        shortest = cutoff * len(query) / (2 - cutoff) - 1e-9
        longest = len(query) * (2 - cutoff) / cutoff + 1e-9
        codes, sources = self._coded, self._sources
        ids = [i for i in found if shortest <= len(codes[i]) <= longest and sources[i] != text]
        scored = process.extract(
            coded,
            [codes[i] for i in ids],
            scorer=Indel.normalized_similarity,
            score_cutoff=cutoff - 1e-6,  # rapidfuzz drops a score of exactly the cutoff
            limit=None,
        )
        ranked: list[tuple[float, int, int, Unit]] = []
        for _, score, at in scored:
            if score < cutoff - 1e-9:
                continue
            best = self._best(sources[ids[at]], exclude)
            if best is not None:
                ranked.append((-score, -len(best.origins), ids[at], best))
        ranked.sort(key=lambda r: r[:3])
        return [Match(best, -score * 100.0, False) for score, _, _, best in ranked[:limit]]

    def lookup(self, text: str, threshold: float, limit: int = 5) -> list[Match]:
        """Every translation of `text` itself, then the nearest other sources, best first."""
        targets = self._targets.get(text, {})
        ranked = sorted(targets.items(), key=lambda item: -len(item[1]))
        exact = [
            Match(Unit(text, target, self.lang, list(o), self._note(text, target)), 100.0, True)
            for target, o in ranked
        ]
        return [*exact, *self.near(text, threshold, limit=limit)][:limit]

    def _note(self, source: str, target: str) -> str:
        return self._notes.get((source, target), "")

    def _best(self, source: str, exclude: str) -> Unit | None:
        """The translation of `source` most places agree on (the first found on a tie), not
        counting `exclude`."""
        best: tuple[str, list[str]] | None = None
        for target, origins in self._targets.get(source, {}).items():
            kept = [o for o in origins if o != exclude]
            if kept and (best is None or len(kept) > len(best[1])):
                best = (target, kept)
        if best is None:
            return None
        return Unit(source, best[0], self.lang, best[1], self._note(source, best[0]))

    def _order(self) -> None:
        """Number the sources and code each one's words (once; again after sources are
        added), and count how many sources hold each word."""
        if self._sources or not self._targets:
            return
        self._sources = list(self._targets)
        vocabulary: dict[str, str] = {}
        coded = []
        for source in self._sources:
            chars = []
            for word in tokens(source):
                char = vocabulary.get(word)
                if char is None:
                    char = vocabulary[word] = _code(len(vocabulary))
                chars.append(char)
            coded.append("".join(chars))
        self._vocabulary, self._coded = vocabulary, coded
        self._counts = dict(Counter(chain.from_iterable(map(set, coded))))
        self._index = {}

    def prepare(self, texts: Iterable[str], threshold: float = 100.0) -> None:
        """Index what looking up `texts` at `threshold` needs, in one pass over the sources
        for them all: the rarest words of each text (`_prefix`)."""
        self._order()
        vocabulary, counts = self._vocabulary, self._counts
        wanted: set[str] = set()
        for text in texts:
            coded = "".join(vocabulary.get(word, "\x00") for word in tokens(text))
            wanted.update(_prefix(coded, threshold / 100.0, counts))
        wanted.difference_update(self._index)
        wanted.discard("\x00")  # the words no source holds
        if wanted:
            self._index_chars(wanted)

    def _index_chars(self, wanted: set[str]) -> None:
        """Index the words (characters) `wanted`: one pass over the sources."""
        index = self._index
        for char in wanted:
            index[char] = []
        shared = wanted.intersection
        for at, coded in enumerate(self._coded):
            for char in shared(coded):
                index[char].append(at)

    def saved(self) -> Saved:
        """Everything the memory holds, its sources coded, as plain data for the cache."""
        self._order()
        return (
            self._targets,
            self._notes,
            self._sources,
            self._coded,
            self._vocabulary,
            self._counts,
        )

    @classmethod
    def from_saved(cls, lang: str, saved: Saved) -> Memory:
        """The memory `saved` gave (complete: nothing is added to it afterwards)."""
        memory = cls(lang)
        targets, notes, sources, coded, vocabulary, counts = saved
        memory._targets, memory._notes, memory._sources = targets, notes, sources
        memory._coded, memory._vocabulary, memory._counts = coded, vocabulary, counts
        return memory


def _prefix(coded: str, cutoff: float, counts: dict[str, int]) -> list[str]:
    """The words (characters) of a coded query one of which any source as like it as `cutoff`
    holds: a ratio 2m/(l1+l2) ≥ t needs m ≥ t·l1/(2−t) shared words, so one of the query's
    l1−m+1 rarest words is shared (prefix filtering)."""
    need = max(1, math.ceil(cutoff * len(coded) / (2 - cutoff) - 1e-9))
    rarest = sorted(coded, key=lambda c: counts.get(c, 0))
    return rarest[: len(coded) - need + 1]


def po_origin(slug: str, lang: str) -> str:
    """How a video's catalogue is named as an origin: `<video>/<lang>.po`."""
    return f"{slug}/{lang}.po"


def tmx_files(project: Project, settings: MemorySettings) -> list[Path]:
    """The TMX files of the memory folder, by name."""
    folder = project.root / settings.path
    if not folder.is_dir():
        return []
    confine(folder, project.root, "memory folder")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".tmx" and p.is_file())


def _code_key() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    digest.update(f"{FORMAT}/{__version__}/{sys.version}/{marshal.version}".encode())
    return digest.hexdigest()[:32]


@dataclass
class _Cache:
    """What each file taught at the last run, by its path relative to the project."""

    path: Path | None
    key: str
    files: dict[str, tuple[Stamp, list[Taught]]] = field(default_factory=dict)
    whole: tuple[Signature, Saved] | None = None  # all files as they were, and the memory
    changed: bool = False

    @classmethod
    def open(cls, path: Path | None) -> _Cache:
        """The whole memory of the last run (the files' parts are read only if needed)."""
        key = _code_key()
        cache = cls(path, key)
        loaded = cache._load(path)
        if isinstance(loaded, tuple) and len(loaded) == 2:
            cache.whole = loaded
        return cache

    def read_parts(self) -> None:
        """What each file taught at the last run (when the whole memory cannot be used)."""
        parts = self._load(self._parts_path)
        if isinstance(parts, dict):
            self.files = parts

    @property
    def _parts_path(self) -> Path | None:
        return self.path.with_suffix(".parts") if self.path is not None else None

    def _load(self, path: Path | None) -> object:
        if path is None:
            return None
        try:
            loaded = marshal.loads(read_bytes(path, MAX_CACHE_BYTES))
        except (OSError, EOFError, ValueError, TypeError):
            return None  # no cache yet, or a broken one: rebuilt
        if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == self.key:
            return loaded[1]
        return None

    def taught(self, name: str, stamp: Stamp) -> list[Taught] | None:
        held = self.files.get(name)
        return held[1] if held is not None and tuple(held[0]) == stamp else None

    def keep(self, name: str, stamp: Stamp, taught: list[Taught]) -> None:
        self.files[name] = (stamp, taught)
        self.changed = True

    def save(self, names: set[str], signature: Signature, memory: Memory) -> None:
        for gone in set(self.files) - names:
            del self.files[gone]
            self.changed = True
        if self.path is None or self._parts_path is None:
            return
        with contextlib.suppress(OSError, ValueError):  # an unwritable cache only costs time
            if self.changed:
                atomic_write_bytes(self._parts_path, marshal.dumps((self.key, self.files)))
            if memory.problems:  # a file not read: said again next time, not cached over
                self.path.unlink(missing_ok=True)
                return
            self.whole = (signature, memory.saved())
            atomic_write_bytes(self.path, marshal.dumps((self.key, self.whole)))


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def _catalogue_taught(data: bytes, where: str) -> list[Taught]:
    """The translated pairs of a catalogue (po_pairs reads the usual files; the full reader
    the rest, and says what is wrong with a broken one)."""
    text = data.decode("utf-8-sig")  # a file that is not UTF-8 is refused here
    pairs = po_pairs(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
    if pairs is not None:
        return [(msgid, msgstr, fuzzy, "", ()) for msgid, msgstr, fuzzy in pairs]
    catalog = read_catalog(text, where)
    return [
        (e.msgid, e.msgstr, "fuzzy" in e.flags, "", ())
        for e in catalog.entries
        if e.msgid and e.msgstr and not e.obsolete and not e.msgid_plural
    ]


def _tmx_taught(data: bytes, where: str, source_lang: str, lang: str) -> list[Taught]:
    read = read_tmx(data, where, source_lang, origin=where)
    return [
        (u.source, u.target, False, u.note, tuple(u.origins)) for u in read.units if u.lang == lang
    ]


def load_memory(
    project: Project, lang: str, settings: MemorySettings, cache: bool = True, save: bool = True
) -> Memory:
    """The memory of `lang`: every video's catalogue, then the memory folder's TMX files.

    With `cache`, a run whose files are all as the last run found them loads the memory
    whole from the cache; otherwise only the changed files are read again. Without `save`
    (dry runs, checks) the cache is read but never written."""
    memory = Memory(lang)
    saved = _Cache.open(project.root / CACHE_DIR / f"memory-{lang}.bin" if cache else None)
    catalogues = _catalogues(project, lang, memory)
    try:
        found = tmx_files(project, settings)
    except MsmError as exc:
        memory.problems.append(_problem(project.root / settings.path, str(exc), "tmx"))
        found = []
    files = [*catalogues, *((p.relative_to(project.root).as_posix(), p, "") for p in found)]
    stamps = []
    for name, path, _ in files:
        try:
            stamps.append((name, _stamp(path.stat())))
        except OSError:
            stamps.append((name, (0, 0, 0, 0)))
    signature: Signature = (settings.include_drafts, tuple(stamps))
    if saved.whole is not None and saved.whole[0] == signature and not memory.problems:
        return Memory.from_saved(lang, saved.whole[1])
    saved.read_parts()
    source_lang = project.settings.source_language

    def tmx_reader(data: bytes, where: str) -> list[Taught]:
        return _tmx_taught(data, where, source_lang, lang)

    names: set[str] = set()
    for (name, path, origin), (_, stamp) in zip(files, stamps, strict=True):
        if origin:
            taught = _learn(saved, name, path, stamp, memory, _catalogue_taught, MAX_FILE_BYTES)
            if taught is not None:
                memory.add_catalogue(taught, origin, settings.include_drafts)
        else:
            taught = _learn(saved, name, path, stamp, memory, tmx_reader, MAX_TMX_BYTES, "tmx")
            for source, target, _, note, origins in taught or ():
                memory.add(source, target, origins or (name,), note)
        if taught is not None:
            names.add(name)
    if save and files:  # nothing read, nothing worth a cache file
        saved.save(names, signature, memory)
    return memory


def _catalogues(project: Project, lang: str, memory: Memory) -> list[tuple[str, Path, str]]:
    """Each video's catalogue of `lang` that exists: (name, path, origin), confined."""
    folder = project.subtitles
    try:
        with os.scandir(folder) as entries:
            linked = {e.name for e in entries if e.is_symlink()}
    except OSError:
        return []
    found = []
    for video in project.settings.videos:
        path = folder / video.slug / f"{lang}.po"
        try:
            if video.slug in linked or stat.S_ISLNK(os.lstat(path).st_mode):
                path = video_files(project, video).po(lang)  # refuses what leads outside
        except FileNotFoundError:
            continue
        except MsmError as exc:
            memory.problems.append(_problem(path, f"not read for the memory: {exc}"))
            continue
        except OSError:
            continue
        found.append((f"subtitles/{video.slug}/{lang}.po", path, po_origin(video.slug, lang)))
    return found


def _learn(
    saved: _Cache,
    name: str,
    path: Path,
    stamp: Stamp,
    memory: Memory,
    read: Reader,
    limit: int,
    code: str = "memory",
) -> list[Taught] | None:
    """What `path` teaches: from the cache when unchanged, else read (and cached)."""
    taught = saved.taught(name, stamp)
    if taught is not None:
        return taught
    try:
        taught = read(read_bytes(path, limit), name)
    except OSError as exc:
        memory.problems.append(_problem(path, f"not read for the memory: {exc.strerror}", code))
        return None
    except (UnicodeDecodeError, MsmError) as exc:
        why = str(exc) if isinstance(exc, MsmError) else "not UTF-8"
        memory.problems.append(_problem(path, f"not read for the memory: {why}", code))
        return None
    saved.keep(name, stamp, taught)
    return taught


def _problem(path: Path, message: str, code: str = "memory") -> Diagnostic:
    return Diagnostic(str(path), None, "warning", message, code)
