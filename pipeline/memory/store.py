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
with it to contain one of the query's rarest words (prefix filtering: any choice of that
many words is safe, rarity only keeps the candidates few), so only texts holding one of
those are scored, and none that could reach the threshold is missed. The index holds only
those rarest words of the texts looked up (a run fills one video: a few hundred words), so
building it costs one set intersection per source text.

A run does only what filling one video needs. Catalogues are kept as read (each one's
msgids and msgstrs as UTF-8, a flag per entry) instead of being added pair by pair:
`prepare` finds the translations of just the texts looked up and of their best near
matches, one set intersection per catalogue. The sources' words are coded for all sources
at once (`coded_sources`). Catalogues to read are read in two processes when it pays
(parallel.py).

The cache, `.msm-cache/memory-<lang>.bin` (marshal, git-ignored), holds what each file
taught, keyed by the file's modification time, change time, size and inode, and the coded
sources of the memory those files made: a run reads again only the catalogues that changed
since the last one (catalogues through po_pairs, the full reader only for the files it
leaves), and codes the sources again only when one did. A cache that does not load is
rebuilt, never trusted; one that cannot be written is skipped.

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
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import itemgetter
from pathlib import Path

from pipeline import __version__
from pipeline.confine import confine
from pipeline.errors import Diagnostic, InputError, MsmError
from pipeline.fsutil import MAX_CACHE_BYTES, MAX_FILE_BYTES, atomic_write_bytes, read_bytes
from pipeline.memory.model import MARKS, Match, Unit, tokens
from pipeline.memory.parallel import read_all
from pipeline.memory.po_pairs import FUZZY, TRANSLATED, Fields, po_fields
from pipeline.memory.settings import MemorySettings
from pipeline.memory.tmx import MAX_TMX_BYTES, read_tmx
from pipeline.project import Project
from pipeline.store import video_files
from pipeline.tracks.po_read import read_catalog

FORMAT = 6  # bump when the cache's layout changes
CACHE_DIR = ".msm-cache"
_CODE = ("store.py", "model.py", "tmx.py", "po_pairs.py")

# What a TMX file teaches: (source, target, fuzzy, note, origins)
Taught = tuple[str, str, bool, str, tuple[str, ...]]
Stamp = tuple[int, int, int, int]
# The sources of a whole memory coded: joined, the vocabulary, the words' counts (Memory)
Coded = tuple[str, dict[str, str], dict[str, int]]
Signature = tuple[bool, tuple[tuple[str, Stamp], ...]]


def _code(number: int) -> str:
    """The character standing for word `number` of a memory's vocabulary (no surrogates)."""
    point = number + 0x100
    return chr(point if point < 0xD800 else point + 0x800)


def _codes() -> Iterator[str]:
    """`_code(0)`, `_code(1)`, … in C (a map over ranges), for a whole vocabulary at once."""
    return map(chr, chain(range(0x100, 0xD800), range(0xE000, 0x110000)))


_SEPARATOR = "\x01"  # between sources joined for coding (a token of its own; no word holds it)
# a word as `tokens` finds it: a mark, or a run of anything but spacing and marks
_TOKEN = re.compile(f"[{re.escape(_SEPARATOR + MARKS)}]|[^\\s{re.escape(_SEPARATOR + MARKS)}]+")


def coded_sources(sources: list[str]) -> tuple[str, dict[str, str]]:
    """Every source's words coded (`_code`), the sources apart by `_SEPARATOR`, and the
    vocabulary (word → character, numbered in order of first use).

    The same words `tokens` gives each source, found for all at once: the sources joined,
    case-folded once (case folding maps each character alone) and cut by one regular
    expression — a mark, or a run of anything but spacing and marks, as `tokens` splits
    them; a source holding the separator is coded alone."""
    if not sources:
        return "", {}
    joined = _SEPARATOR.join(sources)
    if joined.count(_SEPARATOR) != len(sources) - 1:
        return _coded_one_by_one(sources)
    words = _TOKEN.findall(joined.casefold())
    distinct = dict.fromkeys(words)
    distinct.pop(_SEPARATOR, None)
    if len(distinct) > _MAX_WORDS:
        raise _too_many_words()
    vocabulary = dict(zip(distinct, _codes(), strict=False))
    vocabulary[_SEPARATOR] = _SEPARATOR
    coded = "".join(map(vocabulary.__getitem__, words))
    del vocabulary[_SEPARATOR]
    return coded, vocabulary


def _coded_one_by_one(sources: list[str]) -> tuple[str, dict[str, str]]:
    """`coded_sources`, source by source (`tokens`)."""
    vocabulary: dict[str, str] = {}
    coded = []
    for source in sources:
        chars = []
        for word in tokens(source):
            char = vocabulary.get(word)
            if char is None:
                if len(vocabulary) == _MAX_WORDS:
                    raise _too_many_words()
                char = vocabulary[word] = _code(len(vocabulary))
            chars.append(char)
        coded.append("".join(chars))
    return _SEPARATOR.join(coded), vocabulary


def _too_many_words() -> MsmError:
    return MsmError(f"the translation memory holds more than {_MAX_WORDS:,} different words")


# One character per word: 0x100 up to 0x10FFFF without the surrogates
_MAX_WORDS = 0x110000 - 0x100 - 0x800

Targets = dict[str, dict[str, list[str]]]  # source → its translations → their origins
# A catalogue's origin, sources, and translations: as read (separator, msgstrs, which to
# keep) until decoded
Pending = tuple[str, list[str], list[str] | tuple[str, bytes, bytes | None]]
_KEEP_TRANSLATED = bytes.maketrans(TRANSLATED + FUZZY, b"\x01\x00")  # flags → keep or not
_KEEP_DRAFTS = bytes.maketrans(TRANSLATED + FUZZY, b"\x01\x01")


@dataclass
class Memory:
    """One language's translation units, indexed by source text and by word.

    Catalogues are kept as they were read (`add_catalogue`: their lists of sources and
    translations, in order) until something needs every unit (`units`, `add`, `len`);
    a lookup gathers the translations of only the sources it asks about. The word index
    covers only the words of the texts looked up (`prepare`), built in one pass over the
    sources when they are first needed. For scoring, a candidate source is written as one
    character per word (`_code`): rapidfuzz then compares word sequences as short strings,
    in C.
    """

    lang: str
    problems: list[Diagnostic] = field(default_factory=list)
    _targets: Targets = field(default_factory=dict, repr=False)  # folded: the units of `add`
    _notes: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _pending: list[Pending] = field(default_factory=list, repr=False)  # after `_targets`
    _holds: list[frozenset[str]] = field(default_factory=list, repr=False)  # their sources
    _gathered: Targets = field(default_factory=dict, repr=False)  # _targets_of, kept
    _parts: dict[int, list[bytes]] = field(default_factory=dict, repr=False)  # _translation
    _sources: list[str] = field(default_factory=list, repr=False)  # in order: their ids
    _joined: str = field(default="", repr=False)  # the sources coded, apart by _SEPARATOR
    _coded: list[str] = field(default_factory=list, repr=False)  # each source's words coded
    _vocabulary: dict[str, str] = field(default_factory=dict, repr=False)  # word → character
    _index: dict[str, list[int]] = field(default_factory=dict, repr=False)  # character → ids
    _counts: dict[str, int] = field(default_factory=dict, repr=False)  # character → uses
    _near: dict[tuple[str, float], list[tuple[float, int]]] = field(
        default_factory=dict, repr=False
    )  # _scored, kept

    def add(self, source: str, target: str, origins: Iterable[str], note: str = "") -> None:
        """Add one pair (or add its origins to the pair already held)."""
        self._fold()
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

    def add_catalogue(self, fields: Fields, origin: str, drafts: bool) -> None:
        """Add what one catalogue taught: its pairs in order (fuzzy ones only with `drafts`),
        each as if by `add`; kept as they are until every unit is needed (the translations
        are decoded only when asked for)."""
        separator, msgids, msgstrs, flags = fields
        keep = flags.translate(_KEEP_DRAFTS if drafts else _KEEP_TRANSLATED)
        if not keep or keep.count(0) == len(keep):
            return
        sources = msgids.decode().split(separator)
        every = keep.count(0) == 0
        if not every:
            sources = list(compress(sources, keep))
        self._pending.append((origin, sources, (separator, msgstrs, None if every else keep)))
        self._holds, self._gathered, self._sources = [], {}, []

    def _fold(self) -> None:
        """Add the catalogues kept as they were read to the units, pair by pair."""
        targets_of = self._targets
        for at, (origin, sources, _) in enumerate(self._pending):
            for source, target in zip(sources, self._translations(at), strict=True):
                translations = targets_of.get(source)
                if translations is None:
                    targets_of[source] = {target: [origin]}
                    continue
                held = translations.get(target)
                if held is None:
                    translations[target] = [origin]
                elif origin not in held:
                    held.append(origin)
        self._pending, self._holds, self._gathered, self._parts = [], [], {}, {}

    def _translations(self, at: int) -> list[str]:
        """The translations of pending catalogue `at`, beside its sources (decoded once)."""
        origin, sources, kept = self._pending[at]
        if isinstance(kept, list):
            return kept
        separator, msgstrs, keep = kept
        targets = msgstrs.decode().split(separator)
        if keep is not None:
            targets = list(compress(targets, keep))
        self._pending[at] = (origin, sources, targets)
        return targets

    def _translation(self, at: int, place: int) -> str:
        """The translation at `place` of pending catalogue `at` (only that one decoded)."""
        kept = self._pending[at][2]
        if isinstance(kept, list):
            return kept[place]
        parts = self._parts.get(at)
        if parts is None:
            separator, msgstrs, keep = kept
            parts = msgstrs.split(separator.encode())
            if keep is not None:
                parts = list(compress(parts, keep))
            self._parts[at] = parts
        return parts[place].decode()

    def _targets_of(self, source: str) -> dict[str, list[str]]:
        """The translations of `source` and their origins, as `_fold` would make them."""
        if not self._pending:
            return self._targets.get(source, {})
        found = self._gathered.get(source)
        if found is not None:
            return found
        if not self._holds:
            self._holds = [frozenset(sources) for _, sources, _ in self._pending]
        folded = self._targets.get(source, {})
        found = {target: list(origins) for target, origins in folded.items()}
        holding = map(frozenset.__contains__, self._holds, repeat(source))
        for at in compress(range(len(self._pending)), holding):
            self._take(found, at, source)
        self._gathered[source] = found
        return found

    @property
    def units(self) -> list[Unit]:
        """Every unit, in the order first found."""
        self._fold()
        return [
            Unit(source, target, self.lang, list(origins), self._notes.get((source, target), ""))
            for source, targets in self._targets.items()
            for target, origins in targets.items()
        ]

    def __len__(self) -> int:
        self._fold()
        return sum(len(targets) for targets in self._targets.values())

    def exact(self, source: str, exclude: str = "") -> Match | None:
        """The best translation of exactly `source` found outside `exclude`."""
        best = self._best(source, exclude)
        return Match(best, 100.0, True) if best is not None else None

    def near(self, text: str, threshold: float, exclude: str = "", limit: int = 1) -> list[Match]:
        """The units whose source is most like `text` (word-level ratio ≥ threshold, in %),
        best first; exact source matches are `exact`'s."""
        ordered = self._scored(text, threshold)
        # best score first, then the source found first; the units of only as many scores
        # as it takes (a common sentence can have hundreds of near matches)
        sources = self._sources
        chosen: list[tuple[float, int, int, Unit]] = []
        group: list[tuple[float, int, int, Unit]] = []
        for number, (score, at) in enumerate(ordered):
            best = self._best(sources[at], exclude)
            if best is not None:
                group.append((score, -len(best.origins), at, best))
            if number + 1 == len(ordered) or ordered[number + 1][0] != score:
                chosen.extend(sorted(group, key=lambda r: r[:3]))
                group = []
                if len(chosen) >= limit:
                    break
        return [Match(best, -score * 100.0, False) for score, _, _, best in chosen[:limit]]

    def _scored(self, text: str, threshold: float) -> list[tuple[float, int]]:
        """(−score, id) of every other source as like `text` as `threshold`, best first."""
        self._order()  # first: sources added since make the kept results stale
        kept = self._near.get((text, threshold))
        if kept is not None:
            return kept
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
        ids = list(found)
        codes, sources = self._coded, self._sources
        # rapidfuzz skips, in C, a candidate whose length cannot reach the cutoff
        scored = process.extract(
            coded,
            [codes[i] for i in ids] if len(ids) < 2 else itemgetter(*ids)(codes),
            scorer=Indel.normalized_similarity,
            score_cutoff=cutoff - 1e-6,  # rapidfuzz drops a score of exactly the cutoff
            limit=None,
        )
        ordered = sorted(
            (-score, ids[at])
            for _, score, at in scored
            if score >= cutoff - 1e-9 and sources[ids[at]] != text
        )
        self._near[(text, threshold)] = ordered
        return ordered

    def lookup(self, text: str, threshold: float, limit: int = 5) -> list[Match]:
        """Every translation of `text` itself, then the nearest other sources, best first."""
        targets = self._targets_of(text)
        ranked = sorted(targets.items(), key=lambda item: -len(item[1]))
        exact = [
            Match(Unit(text, target, self.lang, list(o), self._note(text, target)), 100.0, True)
            for target, o in ranked
        ]
        return [*exact, *self.near(text, threshold, limit=limit)][:limit]

    def _note(self, source: str, target: str) -> str:
        return self._notes.get((source, target), "") if self._notes else ""

    def _best(self, source: str, exclude: str) -> Unit | None:
        """The translation of `source` most places agree on (the first found on a tie), not
        counting `exclude`."""
        best: tuple[str, list[str]] | None = None
        for target, origins in self._targets_of(source).items():
            kept = [o for o in origins if o != exclude]
            if kept and (best is None or len(kept) > len(best[1])):
                best = (target, kept)
        if best is None:
            return None
        return Unit(source, best[0], self.lang, best[1], self._note(source, best[0]))

    def _order(self) -> None:
        """Number the sources and code each one's words (once; again after sources are
        added), and count how many times each word is used (to find a text's rarest)."""
        if self._sources or not (self._targets or self._pending):
            return
        self._sources = list(
            dict.fromkeys(chain(self._targets, *(sources for _, sources, _ in self._pending)))
        )
        self._joined, self._vocabulary = coded_sources(self._sources)
        self._split_codes()
        self._counts = dict(Counter(self._joined))

    def _split_codes(self) -> None:
        self._coded = self._joined.split(_SEPARATOR) if self._sources else []
        self._index, self._near = {}, {}

    def prepare(self, texts: Iterable[str], threshold: float = 100.0, exclude: str = "") -> None:
        """Do at once what looking up `texts` at `threshold` needs: one pass over the
        sources indexes the rarest words of each text (`_prefix`), the texts without an
        exact match are scored, and one pass over the catalogues finds the translations of
        the texts and of their best near matches."""
        self._order()
        texts = list(dict.fromkeys(texts))
        self._gather(texts)
        vocabulary, counts = self._vocabulary, self._counts
        wanted: set[str] = set()
        for text in texts:
            coded = "".join(vocabulary.get(word, "\x00") for word in tokens(text))
            wanted.update(_prefix(coded, threshold / 100.0, counts))
        wanted.difference_update(self._index)
        wanted.discard("\x00")  # the words no source holds
        if wanted:
            self._index_chars(wanted)
        best: list[str] = []
        for text in texts:
            if self._best(text, exclude) is None:
                ordered = self._scored(text, threshold)
                best.extend(self._sources[at] for score, at in ordered if score == ordered[0][0])
        self._gather(best)

    def _gather(self, sources: Iterable[str]) -> None:
        """Find the translations of `sources` in the pending catalogues (`_targets_of`):
        one set intersection per catalogue for them all."""
        if not self._pending:
            return
        wanted = set(sources).difference(self._gathered)
        if not wanted:
            return
        for source in wanted:
            folded = self._targets.get(source, {})
            self._gathered[source] = {target: list(origins) for target, origins in folded.items()}
        for at, pending in enumerate(self._pending):
            for source in wanted.intersection(pending[1]):
                self._take(self._gathered[source], at, source)

    def _take(self, found: dict[str, list[str]], at: int, source: str) -> None:
        """Add the translations of `source` in pending catalogue `at` to `found`."""
        origin, sources, _ = self._pending[at]
        place = sources.index(source)
        while place >= 0:
            held = found.setdefault(self._translation(at, place), [])
            if origin not in held:
                held.append(origin)
            place = _next(sources, source, place + 1)

    def _index_chars(self, wanted: set[str]) -> None:
        """Index the words (characters) `wanted`: one pass over the sources."""
        index = self._index
        for char in wanted:
            index[char] = []
        shared = wanted.intersection
        for at, coded in enumerate(self._coded):
            for char in shared(coded):
                index[char].append(at)

    def saved(self) -> Coded:
        """The sources' words coded, as plain data for the cache (the units are the files')."""
        self._order()
        return self._joined, self._vocabulary, self._counts

    def use_saved(self, saved: Coded) -> None:
        """Take the coded words `saved` gave for the units added since (the same files)."""
        self._sources = list(
            dict.fromkeys(chain(self._targets, *(sources for _, sources, _ in self._pending)))
        )
        self._joined, self._vocabulary, self._counts = saved
        self._split_codes()


def _next(items: list[str], item: str, start: int) -> int:
    """Where `item` is next in `items` from `start`, or -1."""
    try:
        return items.index(item, start)
    except ValueError:
        return -1


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
    """What each file taught at the last run, by its path relative to the project, and the
    memory's sources coded as they were then (one file: `.msm-cache/memory-<lang>.bin`)."""

    path: Path | None
    key: str
    catalogues: dict[str, tuple[Stamp, Fields]] = field(default_factory=dict)
    tmx: dict[str, tuple[Stamp, list[Taught]]] = field(default_factory=dict)
    coded: tuple[Signature, Coded] | None = None  # all files as they were, their sources coded
    changed: bool = False

    @classmethod
    def open(cls, path: Path | None) -> _Cache:
        """The cache of the last run (empty when there is none, or it does not load)."""
        cache = cls(path, _code_key())
        loaded = cache._load(path)
        if isinstance(loaded, tuple) and len(loaded) == 3:
            catalogues, tmx, coded = loaded
            if isinstance(catalogues, dict) and isinstance(tmx, dict):
                cache.catalogues, cache.tmx = catalogues, tmx
                if isinstance(coded, tuple) and len(coded) == 2:
                    cache.coded = coded
        return cache

    def holds(self, name: str, stamp: Stamp) -> bool:
        """Whether the cache holds what the catalogue `name` taught, as it is now."""
        kept = self.catalogues.get(name)
        return kept is not None and tuple(kept[0]) == stamp

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

    def save(self, names: set[str], signature: Signature, memory: Memory) -> None:
        """Write what each file in `names` taught, and the memory's coded sources."""
        for held in (self.catalogues, self.tmx):
            for gone in set(held) - names:
                del held[gone]
        if self.path is None:
            return
        # a file not read: said again next time, so the memory is not cached whole
        coded = None if memory.problems else (signature, memory.saved())
        with contextlib.suppress(OSError, ValueError):  # an unwritable cache only costs time
            data = marshal.dumps((self.key, (self.catalogues, self.tmx, coded)))
            atomic_write_bytes(self.path, data)


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def _catalogue_fields(data: bytes, where: str) -> Fields:
    """The translated pairs of a catalogue, as the memory keeps them (po_pairs reads the
    usual files; the full reader the rest, and says what is wrong with a broken one)."""
    text = data.decode("utf-8-sig")  # a file that is not UTF-8 is refused here
    fields = po_fields(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
    if fields is not None:
        return fields
    catalog = read_catalog(text, where)
    entries = [
        e for e in catalog.entries if e.msgid and e.msgstr and not e.obsolete and not e.msgid_plural
    ]
    msgids, msgstrs = [e.msgid for e in entries], [e.msgstr for e in entries]
    flags = b"".join(FUZZY if "fuzzy" in e.flags else TRANSLATED for e in entries)
    everything = "".join(msgids) + "".join(msgstrs)
    # a character no text holds (gettext's own strings may hold a NUL, escaped)
    separator = next((c for c in _SEPARATORS if c not in everything), None)
    if separator is None:
        raise InputError(f"{where}: its texts hold every character msm separates them with")
    return (
        separator,
        separator.join(msgids).encode(),
        separator.join(msgstrs).encode(),
        flags,
    )


# NUL, then Unicode's noncharacters U+FDD0–U+FDEF (never meant for interchange)
_SEPARATORS = ("\x00", *map(chr, range(0xFDD0, 0xFDF0)))


def _tmx_taught(data: bytes, where: str, source_lang: str, lang: str) -> list[Taught]:
    read = read_tmx(data, where, source_lang, origin=where)
    return [
        (u.source, u.target, False, u.note, tuple(u.origins)) for u in read.units if u.lang == lang
    ]


def load_memory(
    project: Project, lang: str, settings: MemorySettings, cache: bool = True, save: bool = True
) -> Memory:
    """The memory of `lang`: every video's catalogue, then the memory folder's TMX files.

    With `cache`, only the files changed since the last run are read again, and when none
    changed the sources are not coded again either. Without `save` (dry runs, checks) the
    cache is read but never written."""
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
    source_lang = project.settings.source_language

    def tmx_reader(data: bytes, where: str) -> list[Taught]:
        return _tmx_taught(data, where, source_lang, lang)

    # the catalogues changed since the last run, read at once (in two processes if it pays)
    todo = [
        (name, path)
        for (name, path, origin), (_, stamp) in zip(files, stamps, strict=True)
        if origin and not saved.holds(name, stamp)
    ]
    read = dict(zip([name for name, _ in todo], read_all(todo, _read_catalogue), strict=True))
    names: set[str] = set()
    for (name, path, origin), (_, stamp) in zip(files, stamps, strict=True):
        if origin:
            fields, why = read[name] if name in read else (saved.catalogues[name][1], "")
            if fields is None:
                memory.problems.append(_problem(path, why))
                continue
            if name in read:
                saved.catalogues[name] = (stamp, fields)
                saved.changed = True
            memory.add_catalogue(fields, origin, settings.include_drafts)
        else:
            taught = _learn(saved, name, path, stamp, memory, tmx_reader)
            if taught is None:
                continue
            for source, target, _, note, origins in taught:
                memory.add(source, target, origins or (name,), note)
        names.add(name)
    unchanged = saved.coded is not None and saved.coded[0] == signature and not saved.changed
    if unchanged and not memory.problems and saved.coded is not None:
        memory.use_saved(saved.coded[1])
    elif save and files:  # nothing read, nothing worth a cache file
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


def _read_catalogue(job: tuple[str, Path]) -> tuple[Fields | None, str]:
    """What the catalogue at `job` (its name, its path) teaches, or why it was not read."""
    name, path = job
    try:
        return _catalogue_fields(read_bytes(path, MAX_FILE_BYTES), name), ""
    except (OSError, UnicodeDecodeError, MsmError) as exc:
        return None, _not_read(exc)


def _learn(
    saved: _Cache,
    name: str,
    path: Path,
    stamp: Stamp,
    memory: Memory,
    read: Callable[[bytes, str], list[Taught]],
) -> list[Taught] | None:
    """What the TMX file at `path` teaches: from the cache when unchanged, else read."""
    kept = saved.tmx.get(name)
    if kept is not None and tuple(kept[0]) == stamp:
        return kept[1]
    try:
        taught = read(read_bytes(path, MAX_TMX_BYTES), name)
    except (OSError, UnicodeDecodeError, MsmError) as exc:
        memory.problems.append(_problem(path, _not_read(exc), "tmx"))
        return None
    saved.tmx[name] = (stamp, taught)
    saved.changed = True
    return taught


def _not_read(exc: OSError | UnicodeDecodeError | MsmError) -> str:
    """Why a file was not read for the memory."""
    if isinstance(exc, OSError):
        return f"not read for the memory: {exc.strerror}"
    return f"not read for the memory: {exc if isinstance(exc, MsmError) else 'not UTF-8'}"


def _problem(path: Path, message: str, code: str = "memory") -> Diagnostic:
    return Diagnostic(str(path), None, "warning", message, code)
