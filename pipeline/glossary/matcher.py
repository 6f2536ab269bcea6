"""Find the glossary's terms in a text, in any inflected form, with their original offsets.

Per language, every word of every term (and of its declared variants and exclusions) gets an
id; the terms become paths in a trie over those ids. A text is folded and split into words;
each distinct word is analysed once (dictionary look-ups: exact form, ending-class lemmas,
Snowball stem) into the ids it can stand for, and the trie is walked from each word. The
cost is per word of text, independent of how many terms the glossary holds.

Long: the per-language index, the walk over it and its saved form (compiled.py stores it) must
change together; split, they would still move in lockstep.
"""

from __future__ import annotations

import gc
import marshal
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence, Set
from functools import cache
from typing import Any, Final, Literal, cast

from pipeline import languages
from pipeline.glossary.model import Concept, Status, Term, TermBase
from pipeline.glossary.morphology import (
    MIN_STEM,
    Inflection,
    inflection,
    snowball_guard,
    stemmer,
)
from pipeline.glossary.normalise import (
    TOKEN,
    Folded,
    fold,
    fold_word,
    skeleton,
    wordwise,
    written_forms,
)
from pipeline.glossary.sense import fits, in_identifier

How = Literal["exact", "variant", "stem"]
_RANK: dict[str, int] = {"exact": 0, "variant": 1, "stem": 2}
_EXACT, _TABLE, _SNOWBALL = 0, 1, 2  # how one word matched
_FOUND_LIMIT = 20_000  # texts whose matches a Matcher remembers (source texts repeat)
_WORDS_LIMIT = 200_000  # words whose analysis a language index remembers, per cache
_STEM_GROUP_AFTER = 16  # text words guarded one by one before a group is stemmed whole
_MANY_MATCHES = 1_000  # paths of one text from which building their matches pauses the GC


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class Match:
    """One occurrence of a term in a text."""

    __slots__ = ("concept", "end", "how", "start", "term", "text")

    def __init__(
        self,
        concept: str,
        term: Term,
        start: int,  # offsets in the original text
        end: int,
        text: str,  # the original text matched
        how: How,  # exact, a declared variant, or an inflected (stemmed) form
    ) -> None:
        self.concept: Final = concept
        self.term: Final = term
        self.start: Final = start
        self.end: Final = end
        self.text: Final = text
        self.how: Final = how

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Match)
        return (self.concept, self.term, self.start, self.end, self.text, self.how) == (
            other.concept,
            other.term,
            other.start,
            other.end,
            other.text,
            other.how,
        )

    def __hash__(self) -> int:
        return hash((self.concept, self.term, self.start, self.end, self.text, self.how))

    def __repr__(self) -> str:
        return (
            f"Match(concept={self.concept!r}, "
            f"term={self.term!r}, "
            f"start={self.start!r}, "
            f"end={self.end!r}, "
            f"text={self.text!r}, "
            f"how={self.how!r})"
        )

    @property
    def status(self) -> Status:
        """The matched term's status."""
        return self.term.status


# What a trie node holds: (concept position, term position in the concept, kind).
_TERM, _VARIANT, _EXCLUDE, _REQUIRE = 0, 1, 2, 3
NUMBER = "#"  # in an exclusion or forcing context: any number ("a lot of #")
_NUMBER_WORD = "0"  # what it is in the trie: every number of a text also stands for it
_FREE_SKIPS = 2  # optional words (articles, prepositions, a slash's other half) per term
Entry = tuple[int, int, int]
Analysis = tuple[tuple[int, int], ...]  # (word id, how) pairs


@cache
def resolve(lang: str) -> str:
    """Our code for a language code (`pt` → `pt-PT`); unknown codes pass through."""
    found = languages.find(lang)
    return found.code if found else lang


# What a compiled glossary keeps of a language's index, in this order (`saved`, `__init__`).
_SAVED = (
    "words",
    "folded",
    "skeletons",
    "by_skeleton",
    "by_head",
    "prefixes",
    "children",
    "entries",
    "stems",
    "senses",
)


class _LanguageIndex:
    """The trie and word analyser of one language.

    Plain lists and dicts of strings and numbers, so a compiled glossary can be saved and
    loaded again fast (see `compiled.py`): the trie is `children[node]` (word id -> node),
    node 0 the root, and `entries[node]` the terms ending there.
    """

    def __init__(self, lang: str, saved: tuple[Any, ...] | None = None) -> None:
        self.lang = lang
        self.rules: Inflection = inflection(lang)
        self.stem = stemmer(lang)
        self.words: dict[str, int] = {}  # folded term word -> id
        self.folded: list[str] = []  # id -> folded word
        self.skeletons: list[str] = []  # id -> skeleton
        self.by_skeleton: dict[str, list[int]] = {}
        # Words long enough for the Snowball route, by the first letters a guarded Snowball
        # match must share (snowball_guard needs MIN_STEM + 1); stemmed only when a text word
        # with those letters asks, so a big glossary costs no stemming up front.
        self.by_head: dict[str, list[int]] = {}
        self.prefixes: set[str] = set()
        self.children: list[dict[int, int]] = [{}]
        self.entries: dict[int, list[Entry]] = {}
        self.stems: list[str | None] = []  # id -> Snowball stem, once a text word needed it
        # (concept position, term position) -> the part of speech the term means (sense.py)
        self.senses: dict[tuple[int, int], str] = {}
        self.by_stem: dict[str, dict[str, list[int]]] = {}  # head -> stem -> ids
        self.asked: dict[str, int] = {}  # head -> text words that asked before by_stem had it
        if saved is not None:
            for name, value in zip(_SAVED, saved, strict=True):
                setattr(self, name, value)
        self.cache: dict[str, Analysis] = {}  # folded word -> analysis
        self.ordered: list[str] | None = None  # the skeletons, sorted (when first needed)
        self.forms: dict[str, Analysis] = {}  # word as written in a wordwise text -> analysis
        self.optional: set[int] | None = None  # ids of the term words a translation may omit
        self.free_words: dict[str, bool] = {}  # text word -> whether a translation may add it

    def saved(self) -> tuple[Any, ...]:
        """The index as plain data (what `__init__` takes back)."""
        return tuple(getattr(self, name) for name in _SAVED)

    def stem_all(self) -> None:
        """Compute every stem the Snowball route may need now rather than on first use."""
        for head in self.by_head:
            self._stemmed(head)

    def _stemmed(self, head: str) -> dict[str, list[int]]:
        """The words sharing these first letters, by Snowball stem (ids in ascending order,
        as the eager index had them): built when a text word first needs them."""
        found = self.by_stem.get(head)
        if found is None:
            found = self.by_stem[head] = {}
            for wid in self.by_head[head]:
                found.setdefault(self._stem_of(wid), []).append(wid)
        return found

    def _word_id(self, word: str) -> int:
        found = self.words.get(word)
        if found is not None:
            return found
        wid = len(self.skeletons)
        self.words[word] = wid
        skel = skeleton(word)
        self.skeletons.append(skel)
        self.folded.append(word)
        self.stems.append(None)
        self.by_skeleton.setdefault(skel, []).append(wid)
        self.ordered = None
        if self.stem is not None and len(skel) > MIN_STEM:
            self.by_head.setdefault(skel[: MIN_STEM + 1], []).append(wid)
        self.prefixes.add(skel[:MIN_STEM])
        return wid

    def _tails(self, stem: str, most: int) -> Set[str] | None:
        """What follows `stem` in the skeletons of the term words that begin with it; None
        when more than `most` words do (trying `most` lemmas is then as quick)."""
        ordered = self.ordered
        if ordered is None:
            ordered = self.ordered = sorted(self.by_skeleton)
        first = bisect_left(ordered, stem)
        if first == len(ordered) or not ordered[first].startswith(stem):
            return _NO_TAILS  # the most common answer, found with one look-up
        # Past every word beginning with `stem`: term words are \w+, never U+10FFFF.
        bound = min(len(ordered), first + most + 1)
        last = bisect_left(ordered, stem + "\U0010ffff", first, bound)
        if last > first + most:
            return None
        size = len(stem)
        return {word[size:] for word in ordered[first:last]}

    def _stem_of(self, wid: int) -> str:
        found = self.stems[wid]
        if found is None:
            assert self.stem is not None  # only words of the Snowball route are asked
            found = self.stems[wid] = self.stem(self.folded[wid])
        return found

    def add(self, phrase: str, entry: Entry, both_orders: bool = False) -> None:
        """Put a term (or a variant, an exclusion, a forcing context) into the trie; a
        two-word term of a language with free noun-adjective order in both orders."""
        words = TOKEN.findall(fold(phrase.replace(NUMBER, f" {_NUMBER_WORD} "), self.lang).text)
        if not words:
            return
        if both_orders and len(words) == 2 and words[0] != words[1]:
            self._path([words[1], words[0]], entry)
        self._path(words, entry)

    def _path(self, words: list[str], entry: Entry) -> None:
        node = 0
        children = self.children
        for word in words:
            wid = self._word_id(word)
            child = children[node].get(wid)
            if child is None:
                child = children[node][wid] = len(children)
                children.append({})
            node = child
        self.entries.setdefault(node, []).append(entry)

    def analyse(self, word: str) -> Analysis:
        """The term-word ids a folded text word can stand for, with how (cached)."""
        found = self.cache.get(word)
        if found is not None:
            return found
        result = self._analyse(word)
        if word.isdecimal() and word != _NUMBER_WORD:
            number = self.words.get(_NUMBER_WORD)
            if number is not None:
                result = (*result, (number, _EXACT))
        if len(self.cache) >= _WORDS_LIMIT:
            self.cache.clear()
        self.cache[word] = result
        return result

    def optional_ids(self) -> set[int]:
        """The ids of the term words that a translation may leave out (articles and
        prepositions of the language: `Inflection.optional`)."""
        if self.optional is None:
            optional = self.rules.optional
            self.optional = {wid for word, wid in self.words.items() if skeleton(word) in optional}
        return self.optional

    def free(self, word: str) -> bool:
        """Whether a translation may add this text word inside a term (an article, a
        preposition), as written in the text."""
        found = self.free_words.get(word)
        if found is None:
            if len(word) > self.rules.longest_optional:
                return False  # longer than any article or preposition of the language
            if len(self.free_words) >= _WORDS_LIMIT:
                self.free_words.clear()
            found = self.free_words[word] = (
                skeleton(fold_word(word, self.lang)) in self.rules.optional
            )
        return found

    def analyse_folded(self, words: list[str]) -> list[Analysis]:
        """The analyses of a text's folded words."""
        known = list(map(self.cache.get, words))  # words seen before: one C-level pass
        if None not in known:
            return cast(list[Analysis], known)  # no None left in it
        return [self.analyse(w) if a is None else a for w, a in zip(words, known, strict=True)]

    def analyse_written(self, words: list[str]) -> list[Analysis]:
        """The analyses of the words of a `wordwise` text, as written (each distinct form
        is folded once)."""
        forms = self.forms
        known = list(map(forms.get, words))
        if None not in known:
            return cast(list[Analysis], known)
        new = set(words).difference(forms)  # analyses do not depend on the order
        if len(forms) + len(new) > _WORDS_LIMIT:
            forms.clear()
            new = set(words)
        for word in new:
            forms[word] = self.analyse(fold_word(word, self.lang))
        return list(map(forms.__getitem__, words))

    def _analyse(self, word: str, pruned: bool = True) -> Analysis:
        """What `analyse` finds; `pruned=False` tries every lemma, even of stems no term word
        begins with (what the tests compare the pruned search with)."""
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
            by_skeleton = self.by_skeleton
            for stem, others in self.rules.swaps(skel):
                # A lemma is a term word only if that word begins with the stem: most stems
                # begin none, or a few that do not end in any of the (in Basque, hundreds
                # of) endings to try; the sorted words say so at once.
                tails = self._tails(stem, len(others)) if pruned else None
                endings: Iterable[str] = others  # every lemma
                if tails is not None:
                    common = others & tails
                    if not common:
                        continue
                    if len(common) > 1:  # in the order of `others`, as if trying every lemma
                        endings = [ending for ending in others if ending in common]
                    else:
                        endings = common
                for other in endings:
                    for wid in by_skeleton.get(stem + other, ()):
                        hits.setdefault(wid, _TABLE)
        head = skel[: MIN_STEM + 1]
        if not hits and self.stem is not None and len(skel) > MIN_STEM and head in self.by_head:
            best: list[int] = []
            best_key = (-1, 0)
            # The words sharing the first letters with an equal stem, in ascending order. A
            # group of a big glossary is big and Snowball slow: until a few text words have
            # asked, the guard (cheap, few pass it) goes first and only those are stemmed.
            asked = self.asked.get(head, 0) + 1
            lazily = head not in self.by_stem and asked <= _STEM_GROUP_AFTER
            text_stem: str | None = None
            if lazily:
                self.asked[head] = asked
                wids: Sequence[int] = self.by_head[head]
            else:
                wids = self._stemmed(head).get(self.stem(word), ())
            for wid in wids:
                shared = snowball_guard(skel, self.skeletons[wid], self.rules)
                if shared is None:
                    continue
                if lazily:
                    if text_stem is None:
                        text_stem = self.stem(word)
                    if self._stem_of(wid) != text_stem:
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


_NO_TAILS: frozenset[str] = frozenset()

# A path of the trie that words of a text spell: token indexes [first, last), the trie
# entry, whether every word matched exactly. A plain tuple: a text can spell thousands.
_Raw = tuple[int, int, Entry, bool]


# A screen for forbidden terms: a pattern of their first letters, and by those first letters
# (as skeletons) what a word's skeleton must begin with (see `Matcher._screen`).
_Screen = tuple[re.Pattern[str], dict[str, tuple[str, ...]]]
# The same as plain data (the pattern as text), or True/False (every text, none).
ScreenSpec = tuple[str, dict[str, tuple[str, ...]]] | bool

# A concept as saved: (id, note, line, terms), each term as Term's fields in order.
RawConcept = tuple[str, str, int | None, tuple[tuple[Any, ...], ...]]


def _unmarshalled(blob: bytes) -> tuple[Any, ...] | None:
    """A language's index as `_LanguageIndex.saved` gave it (None: not what it wrote)."""
    try:
        found = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    return found if type(found) is tuple and len(found) == len(_SAVED) else None


class Matcher:
    """Finds a term base's terms in texts; build once, reuse for a whole run."""

    def __init__(self, termbase: TermBase) -> None:
        self._termbase: TermBase | None = termbase
        self._concepts: list[Concept | None] = list(termbase.concepts)
        self._raw: Sequence[RawConcept] = ()  # concepts not built yet (a loaded glossary)
        self._ids = [concept.id for concept in termbase.concepts]
        self._saved: dict[str, tuple[Any, ...] | bytes] = {}  # indexes not opened yet
        self._indexes: dict[str, _LanguageIndex] = {}
        self._by_lang: dict[str, list[tuple[int, int, Term]]] | None = None
        self._positions: dict[str, int] | None = None
        # What `find` found, by (language, text): a run asks about each source text once per
        # target language. Bounded, so a run over a whole channel keeps memory flat.
        self._found: dict[tuple[str, str], tuple[Match, ...]] = {}
        # Per language: a pattern finding the words a forbidden term may begin with in a
        # wordwise text, or True (any text may hold one), or False (there is none).
        self._screens: dict[str, _Screen | bool] = {}
        self._screen_specs: dict[str, ScreenSpec] = {}  # saved ones (a loaded glossary)
        # Per language: written words the screen looked at, with their skeletons.
        self._skeletons: dict[str, dict[str, str]] = {}
        self._forbidden: dict[str, list[str]] | None = None  # phrases, by language

    # --- a compiled glossary: saved indexes, concepts built when a match needs them ----------

    @classmethod
    def from_saved(
        cls,
        raw: Sequence[RawConcept],
        indexes: dict[str, tuple[Any, ...] | bytes],  # bytes: marshalled, read on first use
        screens: dict[str, ScreenSpec] | None = None,
    ) -> Matcher:
        """A matcher from what `saved()` and `saved_screens()` gave (see compiled.py)."""
        matcher = cls(TermBase())
        matcher._termbase = None
        matcher._raw = raw
        matcher._concepts = [None] * len(raw)
        matcher._ids = [concept[0] for concept in raw]
        matcher._saved = dict(indexes)
        matcher._screen_specs = dict(screens or {})
        return matcher

    def saved_screens(self) -> dict[str, ScreenSpec]:
        """Every language's forbidden-term screen as plain data (what `_screen` compiles): a
        loaded glossary then builds none (building them reads every character's written
        forms: measured 7 ms of the 25 the benchmark's screens took before the first text
        of a run; compiling the patterns is the rest)."""
        if self._forbidden is None:
            self._forbidden = self._forbidden_phrases()
        return {code: self._screen_spec(code) for code in sorted(self._forbidden)}

    def saved(self) -> tuple[list[RawConcept], dict[str, tuple[Any, ...]]]:
        """The concepts and every language's index as plain data (built now if need be)."""
        raw: list[RawConcept] = []
        langs: set[str] = set()
        for position in range(len(self._ids)):
            concept = self._concept_at(position)
            terms = tuple(
                (
                    t.text,
                    t.lang,
                    t.status,
                    t.variants,
                    t.exclude,
                    t.note,
                    t.needs_review,
                    t.line,
                    None,
                    t.require,
                    t.pos,
                    t.source,
                )
                for t in concept.terms
            )
            langs.update(t.lang for t in concept.terms)
            raw.append((concept.id, concept.note, concept.line, terms))
        return raw, {lang: self._index(lang).saved() for lang in sorted(langs)}

    def prepare(self, *langs: str) -> None:
        """Build the indexes of `langs` (default: every language of the term base) in full
        now, stems included, instead of as texts need them."""
        for lang in langs or self.termbase.languages:
            self._index(resolve(lang)).stem_all()

    @property
    def termbase(self) -> TermBase:
        """The term base (built in full on first use when the matcher was loaded)."""
        if self._termbase is None:
            concepts = tuple(self._concept_at(p) for p in range(len(self._ids)))
            self._termbase = TermBase(concepts)
        return self._termbase

    def concept(self, concept_id: str) -> Concept | None:
        """The concept with this id (the first, should an id repeat), or None."""
        if self._positions is None:
            self._positions = {}
            for at, found in enumerate(self._ids):
                self._positions.setdefault(found, at)
        position = self._positions.get(concept_id)
        return None if position is None else self._concept_at(position)

    def _concept_at(self, position: int) -> Concept:
        concept = self._concepts[position]
        if concept is None:
            cid, note, line, terms = self._raw[position]
            concept = Concept(cid, tuple(map(Term.remade, terms)), note, line)
            self._concepts[position] = concept
        return concept

    # --- matching ------------------------------------------------------------------------------

    def _index(self, lang: str) -> _LanguageIndex:
        index = self._indexes.get(lang)
        if index is None:
            saved = self._saved.pop(lang, None)
            if isinstance(saved, bytes):  # compiled.py: each language unmarshalled when needed
                saved = _unmarshalled(saved)
                if saved is None:  # damaged: built from the concepts instead
                    self._termbase = self.termbase
            if saved is not None or self._termbase is None:
                index = _LanguageIndex(lang, saved)
            else:
                index = _LanguageIndex(lang)
                both = index.rules.free_order
                for cpos, tpos, term in self._terms_in(lang):
                    index.add(term.text, (cpos, tpos, _TERM), both)
                    for variant in term.variants:
                        index.add(variant, (cpos, tpos, _VARIANT), both)
                    for phrase in term.exclude:
                        index.add(phrase, (cpos, tpos, _EXCLUDE))
                    for phrase in term.require:
                        index.add(phrase, (cpos, tpos, _REQUIRE))
                    if term.pos:
                        index.senses[(cpos, tpos)] = term.pos
            self._indexes[lang] = index
        return index

    def _terms_in(self, lang: str) -> list[tuple[int, int, Term]]:
        if self._by_lang is None:
            self._by_lang = {}
            for cpos, concept in enumerate(self.termbase.concepts):
                for tpos, term in enumerate(concept.terms):
                    self._by_lang.setdefault(term.lang, []).append((cpos, tpos, term))
        return self._by_lang.get(lang, [])

    def find(self, text: str, lang: str) -> list[Match]:
        """Every term of `lang` in `text`: longest matches win, exclusions removed."""
        return list(self.matches(text, lang))

    def matches(
        self, text: str, lang: str, *, remember: bool = True, translation: bool = False
    ) -> tuple[Match, ...]:
        """What `find` finds, as a tuple (the caller may keep it; nothing copies it).

        A matcher remembers what it found in the last texts it was asked about (a run asks
        about each source text once per target language). `remember=False` is for a text
        asked about once (a translation): remembering it would push out those that repeat.
        `translation=True` matches as in a translation (see `_find`), never remembered.
        """
        code = resolve(lang)
        if not remember or translation:
            return self._find(text, code, translation=translation)
        key = (code, text)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= _FOUND_LIMIT:
                self._found.clear()
            found = self._found[key] = self._find(text, code)
        return found

    def may_hold_forbidden(self, text: str, lang: str) -> bool:
        """False when `text` holds no forbidden term of `lang` for sure; True when it may
        (then `find` says).

        A text word stands for a term word only when its skeleton begins with all of the
        term word that no inflection changes (`fixed_start`; the whole word, when shorter
        than MIN_STEM), and a term is found only where each of its words is: so a pattern
        of how one word of each forbidden term begins, over the text as written when it is
        `wordwise`, finds the few words worth folding (once per distinct word), without
        folding the text or analysing a word. Most texts mention no forbidden term.
        """
        code = resolve(lang)
        screen = self._screens.get(code)
        if screen is None:
            screen = self._screens[code] = self._screen(code)
        if isinstance(screen, bool):
            return screen
        if not wordwise(text):
            return True
        pattern, starts = screen
        at = 0
        while (found := pattern.search(text, at)) is not None:
            # A word whose first letters may be a start's: does its skeleton begin with one?
            word = TOKEN.match(text, found.start())
            if word is None:
                return True  # not a word as the matcher splits them: let `find` say
            skel = self._skeleton(word.group(), code)
            for start in starts.get(skel[:MIN_STEM], ()):
                if skel.startswith(start) if len(start) >= MIN_STEM else skel == start:
                    return True
            at = word.end()
        return False

    def _skeleton(self, word: str, code: str) -> str:
        """The skeleton of a word of a `wordwise` text, as the matcher analyses it."""
        known = self._skeletons.setdefault(code, {})
        skel = known.get(word)
        if skel is None:
            if len(known) >= _WORDS_LIMIT:
                known.clear()
            skel = known[word] = skeleton(fold_word(word, code))
        return skel

    def _screen(self, code: str) -> _Screen | bool:
        """The screen of language `code`, compiled (from the saved spec, if any)."""
        spec = self._screen_specs.get(code)
        if spec is None:
            spec = self._screen_spec(code)
        if isinstance(spec, bool):
            return spec
        pattern, starts = spec
        return re.compile(pattern), starts

    def _screen_spec(self, code: str) -> ScreenSpec:
        """What `may_hold_forbidden` looks for in texts of language `code`: how the longest
        word of each of its forbidden terms begins (a short word such as "de" would let most
        texts through). First a pattern of the first MIN_STEM letters (a tree of
        alternatives, one look at each letter, each letter as the class of its written
        forms: a class costs a little to compile, so no deeper); then, for each word it
        finds, the word's skeleton must begin with as much of a term's word as no inflection
        changes (`fixed_start`), by the skeletons of the starts the pattern matched."""
        if self._forbidden is None:
            self._forbidden = self._forbidden_phrases()
        rules = inflection(code)
        tree: dict[str, Any] = {}
        whole: dict[str, list[str]] = {}  # the first MIN_STEM letters -> the fixed starts
        for phrase in self._forbidden.get(code, ()):
            words = TOKEN.findall(fold(phrase, code).text)  # as `_LanguageIndex.add` has them
            if not words:
                continue
            node = tree
            start = max((fixed_start(skeleton(word), rules) for word in words), key=len)
            whole.setdefault(start[:MIN_STEM], []).append(start)
            for char in start[:MIN_STEM]:
                node = node.setdefault(char, {})
            # A shorter word must be the whole word (a longer one may go on).
            node[""] = r"(?!\w)" if len(start) < MIN_STEM else ""
        if not tree:
            return False

        def branches(node: dict[str, Any]) -> str | None:
            found: list[str] = []
            for char, below in sorted(node.items()):
                if not char:  # a start ends here
                    found.append(below)
                    continue
                forms, rest = written_forms(char), branches(below)
                if forms is None or rest is None:
                    return None  # a letter nothing here knows the forms of
                found.append(forms + rest)
            return found[0] if len(found) == 1 else f"(?:{'|'.join(found)})"

        starts: list[tuple[str, str]] = []  # each first letter's class, and what follows it
        for char, below in sorted(tree.items()):
            forms, rest = written_forms(char) if char else None, branches(below)
            if forms is None or rest is None:
                return True  # a letter nothing here knows the forms of, or an empty start
            starts.append((forms, rest))
        return screen_pattern(starts), {first: tuple(found) for first, found in whole.items()}

    def _forbidden_phrases(self) -> dict[str, list[str]]:
        """The forbidden terms and their variants, by language (read from the saved concepts
        when the matcher was loaded, without building them)."""
        rows: Iterable[tuple[str, str, str, tuple[str, ...]]]
        if self._termbase is not None:
            terms = (term for concept in self._termbase.concepts for term in concept.terms)
            rows = ((t.text, t.lang, t.status, t.variants) for t in terms)
        else:
            rows = (fields[:4] for concept in self._raw for fields in concept[3])
        found: dict[str, list[str]] = {}
        for text, lang, status, variants in rows:
            if status == "forbidden":
                found.setdefault(lang, []).extend((text, *variants))
        return found

    def _find(
        self, text: str, code: str, by_word: bool = True, translation: bool = False
    ) -> tuple[Match, ...]:
        """The matches in `text`; `by_word=False` folds it whole even when it is `wordwise`
        (the general path, which the tests compare the word-by-word one with).

        `translation=True` reads `text` as a translation: its multi-word terms may hold an
        inserted word, an added or dropped article or preposition, the other half of a
        slash, or (two-word terms, where the language allows it) come in the other order
        (`_walk_flexible`); and a term inside a longer term of another concept counts too
        (a source text's matches are the outermost ones).
        """
        index = self._index(code)
        if not index.words:
            return ()
        folded: Folded | None = None
        if by_word and wordwise(text):
            words = TOKEN.findall(text)
            analyses = index.analyse_written(words)
        else:
            folded = fold(text, code)
            words = TOKEN.findall(folded.text)
            analyses = index.analyse_folded(words)
        if not any(analyses):
            return ()  # no word of the text is a word of a term (most texts)
        where = text if folded is None else folded.text
        spans: list[tuple[int, int]] = []  # token spans (a wordwise text lines up with its fold)
        if translation:
            slashed: set[int] = set()  # "lot/lots": either half of a slash stands
            if "/" in where:
                spans = [m.span() for m in TOKEN.finditer(where)]
                for at in range(len(spans) - 1):
                    end = spans[at][1]
                    if where[end : end + 1] == "/" and spans[at + 1][0] == end + 1:
                        slashed.update((at, at + 1))
            raws = self._walk_flexible(index, analyses, words, slashed, index.rules.inserted)
        else:
            raws = self._walk(index, analyses)
        if not raws:
            return ()
        if not spans:
            spans = [m.span() for m in TOKEN.finditer(where)]
        raws = _sensible(index, raws, spans, where, code)
        if not raws:
            return ()
        kept = _outermost_per_concept(raws) if translation else _outermost(raws)
        # Thousands of paths (a long text, a big glossary) make thousands of matches with no
        # cycle among them: the cycle collector would walk the whole heap, glossary and all,
        # while they pile up. Paused meanwhile, as `compiled.py` pauses it while loading.
        paused = len(kept) >= _MANY_MATCHES and gc.isenabled()
        if paused:
            gc.disable()
        try:
            matches: list[Match] = []
            concepts, ids = self._concepts, self._ids
            for first, last, (cpos, tpos, kind), exact in kept:
                concept = concepts[cpos] or self._concept_at(cpos)
                start, end = spans[first][0], spans[last - 1][1]
                if folded is not None:
                    start, end = folded.span(start, end)
                how: How = ("exact" if kind == _TERM else "variant") if exact else "stem"
                term = concept.terms[tpos]
                matches.append(Match(ids[cpos], term, start, end, text[start:end], how))
            return _best_per_span(matches)
        finally:
            if paused:
                gc.enable()

    @staticmethod
    def _walk_flexible(
        index: _LanguageIndex,
        analyses: list[Analysis],
        words: list[str],
        slashed: Set[int],
        inserted: int,
    ) -> list[_Raw]:
        """Every path of the trie the words of a translation spell from each word on, where
        inside a term up to `inserted` other words may stand, a free word (an article, a
        preposition: `_LanguageIndex.free`; a `slashed` word, one half of a slash) may stand
        or a term's optional word be left out (at most _FREE_SKIPS of those), in text order.

        A path's state is its node, whether it is exact so far and the skips it has left;
        the states of one start are kept as a set, so the work per word of text is bounded
        by the term paths that reach it, independent of the number of terms."""
        children, entries = index.children, index.entries
        optional = index.optional_ids()
        root = children[0]
        size = len(analyses)
        raws: list[_Raw] = []
        for first, hits in enumerate(analyses):
            if not hits:
                continue
            states: set[tuple[int, bool, int, int]] | None = None
            for wid, how in hits:
                child = root.get(wid)
                if child is None:
                    continue
                exact = how == _EXACT
                for entry in entries.get(child, ()):
                    raws.append((first, first + 1, entry, exact))
                if not children[child]:
                    continue  # a one-word term (most): no longer term goes on from here
                if states is None:
                    states = set()
                states.add((child, exact, inserted, _FREE_SKIPS))
                if not optional:
                    continue
                for node, left in _closure(children, child, optional, _FREE_SKIPS)[1:]:
                    # Leaving out a term's word ends its inserted words ("partenariat pour
                    # l'innovation" is not "partenariat d'innovation").
                    if children[node]:  # a longer term goes on from here
                        states.add((node, exact, 0, left))
                    for entry in entries.get(node, ()):
                        raws.append((first, first + 1, entry, exact))
            if states is None:
                continue
            position = first + 1
            while states and position < size:
                step = set()
                here = analyses[position]
                for node, exact, gaps, left in states:
                    below = children[node]
                    if below:
                        for wid, how in here:
                            child = below.get(wid)
                            if child is None:
                                continue
                            still = exact and how == _EXACT
                            for entry in entries.get(child, ()):
                                raws.append((first, position + 1, entry, still))
                            if children[child]:
                                step.add((child, still, gaps, left))
                            if not optional or not left:
                                continue
                            for reached, rest in _closure(children, child, optional, left)[1:]:
                                if children[reached]:
                                    step.add((reached, still, 0, rest))
                                for entry in entries.get(reached, ()):
                                    raws.append((first, position + 1, entry, still))
                        if left and (position in slashed or index.free(words[position])):
                            step.add((node, exact, gaps, left - 1))
                        elif gaps:
                            step.add((node, exact, gaps - 1, left))
                states = step
                position += 1
        return raws

    @staticmethod
    def _walk(index: _LanguageIndex, analyses: list[Analysis]) -> list[_Raw]:
        """Every path of the trie the words spell from each word on, in text order."""
        children, entries = index.children, index.entries
        root = children[0]
        size = len(analyses)
        raws: list[_Raw] = []
        for first, hits in enumerate(analyses):
            if not hits:
                continue
            # The first step on its own: most words that are a word of some term start none.
            frontier: list[tuple[int, bool]] = []
            for wid, how in hits:
                child = root.get(wid)
                if child is None:
                    continue
                frontier.append((child, how == _EXACT))
                for entry in entries.get(child, ()):
                    raws.append((first, first + 1, entry, how == _EXACT))
            position = first + 1
            while frontier and position < size:
                step: list[tuple[int, bool]] = []
                for node, exact in frontier:
                    for wid, how in analyses[position]:
                        child = children[node].get(wid)
                        if child is None:
                            continue
                        still_exact = exact and how == _EXACT
                        step.append((child, still_exact))
                        for entry in entries.get(child, ()):
                            raws.append((first, position + 1, entry, still_exact))
                frontier = step
                position += 1
        return raws


def _closure(
    children: list[dict[int, int]], node: int, optional: Set[int], left: int
) -> list[tuple[int, int]]:
    """The node, and the nodes after it that leaving out optional term words reaches (each
    with the free skips left)."""
    found = [(node, left)]
    if not optional or not left:
        return found
    for wid, child in children[node].items():
        if wid in optional:
            found.extend(_closure(children, child, optional, left - 1))
    return found


def _sensible(
    index: _LanguageIndex, raws: list[_Raw], spans: list[tuple[int, int]], where: str, lang: str
) -> list[_Raw]:
    """The term paths that stand: not inside an exclusion (unless inside a forcing context
    of the term), not part of a code identifier, of the part of speech the term means
    (sense.py); exclusion and forcing paths themselves dropped."""
    excluded = [(a, b) for a, b, entry, _ in raws if entry[2] == _EXCLUDE]
    required = [(a, b) for a, b, entry, _ in raws if entry[2] == _REQUIRE]
    senses = index.senses
    kept: list[_Raw] = []
    for raw in raws:
        first, last, entry, _ = raw
        if entry[2] >= _EXCLUDE:
            continue
        if required and any(a <= first and last <= b for a, b in required):
            kept.append(raw)  # forced: a context that says which sense this is
            continue
        if excluded and any(a <= first and last <= b for a, b in excluded):
            continue
        start, end = spans[first][0], spans[last - 1][1]
        if (where[start - 1 : start] == "-" or where[end : end + 1] == "-") and in_identifier(
            where, start, end
        ):
            continue
        if senses:
            pos = senses.get((entry[0], entry[1]))
            if pos:
                before = where[spans[first - 1][0] : spans[first - 1][1]].lower() if first else None
                word = where[spans[first][0] : spans[first][1]].lower()
                if not fits(pos, before, lang, word):
                    continue
        kept.append(raw)
    return kept


def fixed_start(skel: str, rules: Inflection) -> str:
    """What every text word standing for a term word (of this skeleton) begins with, as
    `_LanguageIndex._analyse` relates them: an exact or skeleton match changes nothing; an
    ending swap and the Snowball route (whose lost letters must be an ending too) change
    only an ending of the language that the term word ends with. So: all but the longest
    such ending, and never less than MIN_STEM letters (the whole of a shorter word)."""
    if len(skel) <= MIN_STEM:
        return skel
    reach = max(len(ending) for ending in rules.endings if skel.endswith(ending))
    return skel[: max(MIN_STEM, len(skel) - reach)]


def screen_pattern(starts: list[tuple[str, str]], skipping: bool = True) -> str:
    """The screen's pattern from each first letter's class (`[...]`) and what may follow it:
    where no word character comes before, one of the first letters and what follows it.

    `skipping` puts the first letters apart: a pattern opening with one character class is
    searched for by skipping, in C, every character outside it, while one opening with a
    look-behind is tried at every character (measured over the benchmark's 69,000
    translations: the whole screen, with its other tests, 0.12 s before, 0.095 s after). So:
    any first letter, then "no word character before it", then the branch of that letter
    (its class looked back at). `skipping=False` is the plain form the tests compare it with.
    """
    if not skipping:
        plain = [forms + rest for forms, rest in starts]
        return r"(?<!\w)" + (plain[0] if len(plain) == 1 else f"(?:{'|'.join(plain)})")
    firsts = "".join(forms[1:-1] for forms, _ in starts)  # escaped characters and ranges
    rests = [f"(?<={forms}){rest}" for forms, rest in starts]
    branch = rests[0] if len(rests) == 1 else f"(?:{'|'.join(rests)})"
    return rf"[{firsts}](?<!\w.){branch}"


def _outermost(raws: list[_Raw]) -> list[_Raw]:
    """Drop matches lying strictly inside a longer one (one sweep over sorted spans)."""
    # By first word, the longest first; an int key (not a tuple per path, which a text with
    # thousands of paths would hand to the garbage collector).
    ends = 1 + max(raw[1] for raw in raws)
    raws.sort(key=lambda raw: raw[0] * ends - raw[1])
    kept: list[_Raw] = []
    reach = reach_first = -1  # the span reaching furthest so far
    for raw in raws:
        first, last = raw[0], raw[1]
        if last <= reach and (first != reach_first or last != reach):
            continue
        kept.append(raw)
        if last > reach:
            reach, reach_first = last, first
    return kept


def _outermost_per_concept(raws: list[_Raw]) -> list[_Raw]:
    """Drop matches lying inside a longer one of the same concept: a term nested in another
    concept's term stays (it counts for its own concept)."""
    by_concept: dict[int, list[_Raw]] = {}
    for raw in raws:
        by_concept.setdefault(raw[2][0], []).append(raw)
    if len(by_concept) == 1:
        return _outermost(raws)
    kept: list[_Raw] = []
    for group in by_concept.values():
        kept.extend(_outermost(group))
    return kept


def _best_per_span(matches: list[Match]) -> tuple[Match, ...]:
    """One match per concept and span: exact before variant before inflected."""
    best: dict[tuple[int, int, str], Match] = {}
    rank = _RANK
    for match in matches:
        key = (match.start, match.end, match.concept)
        old = best.get(key)
        if old is None or rank[match.how] < rank[old.how]:
            best[key] = match
    return tuple(best[key] for key in sorted(best))
