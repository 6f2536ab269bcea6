"""Find the glossary's terms in a text, in any inflected form, with their original offsets.

Per language, every word of every term (and of its declared variants and exclusions) gets an
id; the terms become paths in a trie over those ids. A text is folded and split into words;
each distinct word is analysed once (dictionary look-ups: exact form, ending-class lemmas,
Snowball stem) into the ids it can stand for, and the trie is walked from each word. The
cost is per word of text, independent of how many terms the glossary holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pipeline import languages
from pipeline.glossary.model import Status, Term, TermBase
from pipeline.glossary.morphology import (
    MIN_STEM,
    Inflection,
    inflection,
    snowball_guard,
    stemmer,
)
from pipeline.glossary.normalise import fold, skeleton, tokens

How = Literal["exact", "variant", "stem"]
_RANK: dict[str, int] = {"exact": 0, "variant": 1, "stem": 2}
_EXACT, _TABLE, _SNOWBALL = 0, 1, 2  # how one word matched


@dataclass(frozen=True)
class Match:
    """One occurrence of a term in a text."""

    concept: str
    term: Term
    start: int  # offsets in the original text
    end: int
    text: str  # the original text matched
    how: How  # exact, a declared variant, or an inflected (stemmed) form

    @property
    def status(self) -> Status:
        """The matched term's status."""
        return self.term.status


@dataclass
class _Entry:
    concept: str
    term: Term | None  # None: an exclusion phrase
    kind: Literal["term", "variant", "exclude"]


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    entries: list[_Entry] = field(default_factory=list)


def resolve(lang: str) -> str:
    """Our code for a language code (`pt` → `pt-PT`); unknown codes pass through."""
    found = languages.find(lang)
    return found.code if found else lang


class _LanguageIndex:
    """The trie and word analyser of one language."""

    def __init__(self, termbase: TermBase, lang: str) -> None:
        self.lang = lang
        self.rules: Inflection = inflection(lang)
        self.stem = stemmer(lang)
        self.words: dict[str, int] = {}  # folded term word -> id
        self.skeletons: list[str] = []
        self.by_skeleton: dict[str, list[int]] = {}
        self.by_stem: dict[str, list[int]] = {}
        self.prefixes: set[str] = set()
        self.root = _Node()
        self.cache: dict[str, tuple[tuple[int, int], ...]] = {}
        for concept in termbase:
            for term in concept.terms_in(lang):
                self._add(term.text, _Entry(concept.id, term, "term"))
                for variant in term.variants:
                    self._add(variant, _Entry(concept.id, term, "variant"))
                for phrase in term.exclude:
                    self._add(phrase, _Entry(concept.id, None, "exclude"))

    def _word_id(self, word: str) -> int:
        found = self.words.get(word)
        if found is not None:
            return found
        wid = len(self.skeletons)
        self.words[word] = wid
        skel = skeleton(word)
        self.skeletons.append(skel)
        self.by_skeleton.setdefault(skel, []).append(wid)
        if self.stem is not None and len(skel) > MIN_STEM:
            self.by_stem.setdefault(self.stem(word), []).append(wid)
        self.prefixes.add(skel[:MIN_STEM])
        return wid

    def _add(self, phrase: str, entry: _Entry) -> None:
        words = [w for w, _, _ in tokens(fold(phrase, self.lang).text)]
        if not words:
            return
        node = self.root
        for word in words:
            node = node.children.setdefault(self._word_id(word), _Node())
        node.entries.append(entry)

    def analyse(self, word: str) -> tuple[tuple[int, int], ...]:
        """The term-word ids a folded text word can stand for, with how (cached)."""
        found = self.cache.get(word)
        if found is not None:
            return found
        result = self._analyse(word)
        self.cache[word] = result
        return result

    def _analyse(self, word: str) -> tuple[tuple[int, int], ...]:
        skel = skeleton(word)
        exact = self.words.get(word)
        if skel[:MIN_STEM] not in self.prefixes and len(skel) >= MIN_STEM:
            return ((exact, _EXACT),) if exact is not None else ()
        hits: dict[int, int] = {}
        if exact is not None:
            hits[exact] = _EXACT
        for wid in self.by_skeleton.get(skel, ()):
            hits.setdefault(wid, _TABLE)
        if len(skel) >= MIN_STEM:
            for lemma in self.rules.lemmas(skel):
                for wid in self.by_skeleton.get(lemma, ()):
                    hits.setdefault(wid, _TABLE)
        if not hits and self.stem is not None and len(skel) > MIN_STEM:
            best: list[int] = []
            best_key = (-1, 0)
            for wid in self.by_stem.get(self.stem(word), ()):
                shared = snowball_guard(skel, self.skeletons[wid], self.rules)
                if shared is None:
                    continue
                # Of several over-stemmed candidates, the closest written form wins.
                key = (shared, -(len(self.skeletons[wid]) - shared))
                if key > best_key:
                    best, best_key = [wid], key
                elif key == best_key:
                    best.append(wid)
            for wid in best:
                hits[wid] = _SNOWBALL
        return tuple(hits.items())


@dataclass
class _Raw:
    first: int  # token indexes [first, last)
    last: int
    entry: _Entry
    exact: bool


class Matcher:
    """Finds a term base's terms in texts; build once, reuse for a whole run."""

    def __init__(self, termbase: TermBase) -> None:
        self.termbase = termbase
        self._indexes: dict[str, _LanguageIndex] = {}

    def _index(self, lang: str) -> _LanguageIndex:
        index = self._indexes.get(lang)
        if index is None:
            index = _LanguageIndex(self.termbase, lang)
            self._indexes[lang] = index
        return index

    def find(self, text: str, lang: str) -> list[Match]:
        """Every term of `lang` in `text`: longest matches win, exclusions removed."""
        code = resolve(lang)
        index = self._index(code)
        if not index.words:
            return []
        folded = fold(text, code)
        words = tokens(folded.text)
        analyses = [index.analyse(w) for w, _, _ in words]
        raws = list(self._walk(index, analyses))
        if not raws:
            return []
        excluded = [(r.first, r.last) for r in raws if r.entry.kind == "exclude"]
        matches: list[Match] = []
        for raw in _outermost([r for r in raws if r.entry.kind != "exclude"]):
            if any(a <= raw.first and raw.last <= b for a, b in excluded):
                continue
            term = raw.entry.term
            assert term is not None  # only exclusions lack a term
            start, end = folded.span(words[raw.first][1], words[raw.last - 1][2])
            how: How = "stem"
            if raw.exact:
                how = "exact" if raw.entry.kind == "term" else "variant"
            matches.append(Match(raw.entry.concept, term, start, end, text[start:end], how))
        return _best_per_span(matches)

    @staticmethod
    def _walk(index: _LanguageIndex, analyses: list[tuple[tuple[int, int], ...]]) -> Iterable[_Raw]:
        for first, hits in enumerate(analyses):
            if not hits:
                continue
            frontier: list[tuple[_Node, bool]] = [(index.root, True)]
            position = first
            while frontier and position < len(analyses):
                step: list[tuple[_Node, bool]] = []
                for node, exact in frontier:
                    for wid, how in analyses[position]:
                        child = node.children.get(wid)
                        if child is None:
                            continue
                        still_exact = exact and how == _EXACT
                        step.append((child, still_exact))
                        for entry in child.entries:
                            yield _Raw(first, position + 1, entry, still_exact)
                frontier = step
                position += 1


def _outermost(raws: list[_Raw]) -> list[_Raw]:
    """Drop matches lying strictly inside a longer one (one sweep over sorted spans)."""
    raws.sort(key=lambda r: (r.first, -r.last))
    kept: list[_Raw] = []
    reach = -1
    span_of_reach = (-1, -1)
    for raw in raws:
        span = (raw.first, raw.last)
        if raw.last <= reach and span != span_of_reach:
            continue
        kept.append(raw)
        if raw.last > reach:
            reach, span_of_reach = raw.last, span
    return kept


def _best_per_span(matches: list[Match]) -> list[Match]:
    """One match per concept and span: exact before variant before inflected."""
    best: dict[tuple[str, int, int], Match] = {}
    for match in matches:
        key = (match.concept, match.start, match.end)
        old = best.get(key)
        if old is None or _RANK[match.how] < _RANK[old.how]:
            best[key] = match
    return sorted(best.values(), key=lambda m: (m.start, m.end, m.concept))
