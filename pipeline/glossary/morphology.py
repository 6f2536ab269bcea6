"""When is a word in a text a form of a word of a term? Ending classes first, Snowball second.

Two routes decide it, on accent-free skeletons of folded words:

1. **Ending classes** (a small Hunspell-like table per language): two words are forms of one
   word when they share a stem of at least three letters and their endings belong to one
   class, e.g. Polish `umow|a` / `umow|` (umów), `ofer|ta` / `ofer|cie`; Greek
   `αναθετουσ|α` / `αναθετουσ|ας`; Romanian `autoritat|e` / `autoritat|ile`. This covers the
   forms Snowball misses and, because the text form must rebuild the term's exact form, it
   cannot confuse `licitador` with `licitación` or `ofertant` with `ofertă`.
2. **Snowball** (snowballstemmer ≥ 3.1, every language including Polish and English) for
   pairs the tables do not list, taken only when no exact or table match exists for the
   word, and guarded against its over-stemming (`snowball_guard`): equal stems count only
   when the two words differ in nothing but two known endings of the language, the term's
   word losing at most `term_tail` letters and the text's word adding at most `text_tail`.
   That rejects the known collisions: es licitación/licitador (`licit`), eu
   lizitazio/lizitatzaile (`lizi`), kontratazio/kontratua/kontu (`kon`), ro
   contractantă/contractul (`contract`), pt autoridade/autor (`autor`), en
   authority/author and contracting/contraction, nl overheid/over (`over`), pl
   zamawiający/zamawiają (a verb).

Tables are keyed by the Snowball algorithm name the language registry gives each language,
so this module knows no language codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from operator import attrgetter
from typing import Final

from pipeline import languages
from pipeline.glossary.normalise import fold, skeleton

MIN_STEM = 3  # letters two forms must share before their endings


# A plain class (a dataclass cost ~0.7 ms of start-up), immutable by its Final attributes.
class Inflection:
    """One language's ending classes and Snowball budgets."""

    def __init__(
        self,
        classes: tuple[tuple[str, ...], ...] = (),
        term_tail: int = 2,  # Snowball route: letters of the term's word that may change
        text_tail: int = 3,  # Snowball route: letters the text's word may add
        # Multi-word terms in a translation (see matcher.py): how many other words may stand
        # inside a term ("procédure [ouverte] de passation"), whether a two-word term may come
        # in the other order (noun-adjective), and the articles and prepositions that a
        # translation may add inside a term or leave out of it.
        inserted: int = 1,
        free_order: bool = False,
        optional: frozenset[str] = frozenset(),
        # Whether the language writes a noun modifier as the first part of a compound word
        # (nl "concessierichtlijn" for "concessions directive"): a translation's word that begins
        # with a one-word term then uses it (review.py).
        compounds: bool = False,
        # text ending -> the term endings it alternates with
        reverse: dict[str, frozenset[str]] | None = None,
        endings: frozenset[str] | None = None,
        longest: int = 0,
        longest_optional: int = 0,
    ) -> None:
        self.classes: Final = classes
        self.term_tail: Final = term_tail
        self.text_tail: Final = text_tail
        self.inserted: Final = inserted
        self.free_order: Final = free_order
        self.optional: Final = optional
        self.compounds: Final = compounds
        self.reverse: Final[dict[str, frozenset[str]]] = reverse if reverse is not None else {}
        self.endings: Final[frozenset[str]] = endings if endings is not None else frozenset()
        self.longest: Final = longest
        self.longest_optional: Final = longest_optional
        self._derive()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _compared(self) == _compared(other)

    def __hash__(self) -> int:
        return hash(_compared(self))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS)
        return f"Inflection({fields})"

    def _derive(self) -> None:
        # text ending -> the endings of its classes (itself included: swapping an ending for
        # itself gives the word itself, which the exact look-up has found already). One
        # frozenset per class, shared by its endings: Basque has one class of ~700.
        reverse: dict[str, frozenset[str]] = {}
        for group in self.classes:
            endings = frozenset(skeleton(fold(e).text) for e in group)  # ς → σ, ą → a
            if len(endings) < 2:
                continue  # nothing to swap with: the ending must not become a key either
            for a in endings:
                known = reverse.get(a)
                reverse[a] = endings if known is None else known | endings
        object.__setattr__(self, "reverse", reverse)
        object.__setattr__(self, "endings", frozenset(reverse) | {""})
        object.__setattr__(self, "longest", max((len(k) for k in reverse), default=0))
        object.__setattr__(
            self, "longest_optional", max((len(w) for w in self.optional), default=0)
        )

    def swaps(self, word: str) -> Iterator[tuple[str, frozenset[str]]]:
        """The forms `word` (a skeleton) may be an inflection of, by swapping endings: each way
        to cut a known ending off it (longest stem first), as the stem and the endings that
        may take the cut one's place (each stem + ending is one such form)."""
        size = len(word)
        for cut in range(0, min(self.longest, size - MIN_STEM) + 1):
            others = self.reverse.get(word[size - cut :] if cut else "")
            if others:
                yield word[: size - cut], others


# An Inflection's fields in order (its repr), and those its equality and hash look at (a frozen
# dataclass's, written out: the tables derived from the classes are left out).
_FIELDS = (
    "classes", "term_tail", "text_tail", "inserted", "free_order", "optional", "compounds",
    "reverse", "endings", "longest", "longest_optional",
)  # fmt: skip
_compared = attrgetter(
    "classes", "term_tail", "text_tail", "inserted", "free_order", "optional", "compounds",
    "longest",
)  # fmt: skip


def _basque_endings() -> tuple[str, ...]:
    """Basque case suffixes attach to the last word of the phrase and stack; the article
    `-a`/`-ak` and the epenthetic `e` are part of the listed endings."""
    first = (
        "a", "ak", "ari", "aren", "arekin", "arekiko", "arentzat", "arengatik", "arengan",
        "an", "ean", "ra", "era", "rantz", "ko", "eko", "ekoa", "tik", "etik", "ek", "en", "ei",
        "etan", "etara", "etatik", "etako", "etarako", "ekin", "entzat", "engatik", "engan",
        "ez", "az", "ok", "on", "i", "ri", "ren", "rekin", "rentzat", "n", "k", "z", "tzat",
        "rako", "arako", "erako",
        # The animate local cases (Tomengandik, Maryrengana) and the others of place and
        # relation a name or a noun takes: -raino (as far as), -rantz (towards), -kiko.
        "rengan", "rengatik", "engandik", "rengandik", "arengandik", "engana", "rengana",
        "arengana", "enganaino", "renganaino", "raino", "eraino", "etaraino", "erantz",
        "etarantz", "ekiko", "rekiko",
    )  # fmt: skip
    second = ("", "a", "ak", "ko", "an", "en")
    # A third layer: a phrase in -ko/-tako/-rako (of, for) is a noun phrase again and takes
    # the article and a case of its own (lizitazioetakoekin, kontratuetarakoak).
    made = ("ko", "eko", "tako", "etako", "rako", "arako", "erako", "etarako")
    again = (
        "a", "ak", "ari", "aren", "arekin", "an", "ek", "ei", "en", "ekin", "entzat", "etan",
        "etako", "tik", "ra", "rentzat", "ri", "ren", "rekin",
    )  # fmt: skip
    last = ("", "a", "ak")
    stacked = {m + a + z for m in made for a in again for z in last}
    return tuple(sorted({f + s for f in first for s in second} | stacked | {""}))


def _dutch_classes() -> tuple[tuple[str, ...], ...]:
    """Dutch plural and inflection: -en/-s/-e, long vowels written single before -en
    (perceel/percelen, dialoog/dialogen), doubled consonants after a short vowel
    (stuk/stukken), f/v and s/z alternation, -heid/-heden."""
    classes: list[tuple[str, ...]] = [
        ("", "s", "en", "e", "es", "n"),
        # Diminutives: perceeltje, lotje, offertetje, and their plurals in -s.
        ("", "je", "jes", "tje", "tjes", "pje", "pjes", "etje", "etjes"),
        ("heid", "heden"),
        ("um", "a"),
        ("f", "ven", "ve"),
        ("s", "zen", "ze"),
    ]
    for consonant in "bdfgklmnprstz":
        # A short vowel doubles the consonant: stuk/stukken, pakket/pakketten.
        classes.append((consonant, consonant * 2 + "en", consonant * 2 + "e"))
        for vowel in "aeou":
            long = vowel * 2 + consonant
            classes.append((long, vowel + consonant + "en", vowel + consonant + "e"))
    return tuple(classes)


_POLISH_NOMINAL = (
    "", "a", "y", "i", "e", "ie", "o", "u", "em", "om", "ami", "ach", "ow", "owi", "owie",
    "ej", "ego", "emu", "ym", "ymi", "ych", "im", "imi", "ich", "iej", "iego", "iemu", "ia",
    "iu", "iem", "iom", "iami", "iach", "ii", "ja", "ji", "je", "jom", "jami", "jach", "ją",
    "ę", "ą", "ów",
)  # fmt: skip

# Each language's table is built on first use (Basque's ~700 endings take ~2 ms): a run
# builds only the languages it checks.
_MAKERS: dict[str, Callable[[], Inflection]] = {
    "english": lambda: Inflection((("", "s", "es"), ("y", "ies"), ("on", "a")), 2, 2),
    "spanish": lambda: Inflection(
        (
            ("", "s", "es"),
            ("o", "a", "os", "as"),
            ("on", "ones"),
            ("z", "ces"),
            ("or", "ora", "ores", "oras"),
        ),
        free_order=True,
        optional=frozenset(
            {"de", "del", "la", "el", "los", "las", "a", "al", "en", "o", "y", "e", "u"}
        ),
    ),
    "portuguese": lambda: Inflection(
        (
            ("", "s", "es"),
            ("o", "a", "os", "as"),
            ("ao", "oes", "aes", "aos"),
            ("l", "is"),
            ("m", "ns"),
        ),
        free_order=True,
        optional=frozenset(
            {"de", "do", "da", "dos", "das", "o", "a", "os", "as", "no", "na", "nos", "nas"}
            | {"em", "ao", "aos", "ou", "e"}
        ),
    ),
    "french": lambda: Inflection(
        (
            ("", "s", "x", "e", "es"),
            ("al", "aux", "ale", "ales"),
            ("eur", "eurs", "euse", "euses", "rice", "rices"),
            ("eau", "eaux"),
            ("if", "ive", "ifs", "ives"),
            ("el", "elle", "els", "elles"),
            ("en", "enne", "ens", "ennes"),
            ("on", "onne", "ons", "onnes"),
        ),
        free_order=True,
        optional=frozenset(
            {"de", "du", "des", "d", "la", "le", "les", "l", "a", "au", "aux", "en", "ou", "et"}
        ),
    ),
    "dutch": lambda: Inflection(
        _dutch_classes(),
        optional=frozenset({"de", "het", "van", "een", "of", "en"}),
        compounds=True,
    ),
    "romanian": lambda: Inflection(
        (
            (
                "",
                "a",
                "e",
                "i",
                "ii",
                "ei",
                "ele",
                "elor",
                "ul",
                "ului",
                "uri",
                "urile",
                "urilor",
                "le",
                "lor",
                "ile",
                "ilor",
                "ea",
                "iei",
                "ia",
                "ie",
                "u",
                "lui",
            ),
            ("oarea", "oare", "ori", "orii", "orile", "orilor"),
        ),
        2,
        4,
        free_order=True,
        optional=frozenset({"de", "a", "al", "ale", "ai", "lui", "sau", "si"}),
    ),
    "polish": lambda: Inflection(
        (
            _POLISH_NOMINAL,
            # Consonant alternations before -e/-ie (oferta/ofercie) and -i (oferent/oferenci).
            ("ta", "cie", "ty", "te"),
            ("da", "dzie"),
            ("ra", "rze"),
            ("ka", "ce", "ki", "ek", "kom", "kami", "kach", "ke"),
            ("ga", "dze"),
            ("cha", "sze"),
            ("sta", "scie"),
            ("t", "ci", "cie"),
            ("d", "dzie", "dzi"),
            ("r", "rze"),
            # Mobile e: rachunek/rachunku, przesłanka/przesłanek.
            ("ek", "ku", "kiem", "ki", "kow", "kach", "kami", "kom", "kowi"),
        ),
        2,
        4,
        free_order=True,
        optional=frozenset({"lub", "i", "oraz", "albo"}),
    ),
    "greek": lambda: Inflection(
        (
            ("α", "ας", "ες", "ων"),
            ("η", "ης", "ες", "εις", "εων", "ων"),
            ("ος", "ου", "ο", "ε", "οι", "ων", "ους", "α"),
            ("ας", "α", "ες", "ων"),
            ("εας", "εα", "εις", "εων"),
            # Neuter nouns in -μα: σύστημα/συστήματος/συστήματα, τμήμα/τμήματος.
            ("μα", "ματος", "ματα", "ματων"),
            # Neuters in -ο/-ι and adjectives in -ος/-η/-ο of three genders.
            ("ο", "ου", "α", "ων"),
            ("ι", "ιου", "ια", "ιων"),
            ("ης", "η", "ες", "ων", "εις", "εων"),
            (
                "ων",
                "οντος",
                "οντα",
                "οντες",
                "οντων",
                "οντας",
                "ουσα",
                "ουσας",
                "ουσες",
                "ουσων",
            ),
        ),
        2,
        4,
        free_order=True,
        optional=frozenset(
            {"του", "της", "των", "τον", "την", "το", "τα", "ο", "η", "οι", "τις", "τους", "και"}
        ),
    ),
    "basque": lambda: Inflection((_basque_endings(),), 2, 8, optional=frozenset({"eta", "edo"})),
}

_NONE = Inflection()


def inflection(lang: str) -> Inflection:
    """The ending classes and budgets for a language code (none for unknown languages)."""
    found = languages.find(lang)
    return _table(found.stemmer) if found else _NONE


@cache
def _table(stemmer: str) -> Inflection:
    """The table of a Snowball language name, built once (none for a language without)."""
    make = _MAKERS.get(stemmer)
    return make() if make is not None else _NONE


@cache
def stemmer(lang: str) -> Callable[[str], str] | None:
    """The Snowball stemmer of a language code, or None when it has none."""
    import snowballstemmer

    found = languages.find(lang)
    if found is None or found.stemmer not in snowballstemmer.algorithms():
        return None
    stem: Callable[[str], str] = snowballstemmer.stemmer(found.stemmer).stemWord
    return stem


def common_prefix(a: str, b: str) -> int:
    """How many leading characters two strings share."""
    size = min(len(a), len(b))
    for i in range(size):
        if a[i] != b[i]:
            return i
    return size


def snowball_guard(text_skel: str, term_skel: str, rules: Inflection) -> int | None:
    """The shared stem length when a Snowball match is a plain ending swap, else None.

    Snowball over-stems, so its verdict only stands when the two words differ in nothing
    but inflectional endings of the language (any two, not necessarily of one class), within
    budget: the term's word loses at most `term_tail` letters. A derived word with the same
    stem is refused: en `contraction` for `contracting`, pl `zamawiają` (they order) for
    `zamawiający`, ro `publicate` for `publică`, es `licitador` for `licitación`.
    """
    shared = common_prefix(text_skel, term_skel)
    # The common prefix may have swallowed the first letter of both endings (a/ami).
    for stem in range(shared, max(shared - 2, MIN_STEM) - 1, -1):
        lost, added = term_skel[stem:], text_skel[stem:]
        if stem < MIN_STEM + 1 or len(lost) > rules.term_tail or len(added) > rules.text_tail:
            continue
        if lost in rules.endings and added in rules.endings:
            return stem
    return None
