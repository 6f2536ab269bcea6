"""The spelling check: words no Hunspell dictionary of the language knows, with suggestions.

Runs on the source track and every translation. A word is reported only when it is in none
of: the language's dictionary (spell_dict.py), the project's word list
(`glossary/words/<lang>.txt`), the glossary (every inflected form the matcher accepts), the
source text (names and brands a translation keeps), a spelling the language's rules allow
(spell_rules.py: French capitals without accents, Portuguese before 1990, infra-estrutura
for infraestrutura, Spanish diminutives), a word of the
language's other dictionary (en_US beside en_GB). A word that no single slip (two letters
swapped, an accent, a letter left out, added or replaced) of a dictionary word explains is
taken for a name when capitalised (Dodoma, Averroès; Basque with a case ending written on a
name English knows: Samik) and for a borrowed word when English has it (manager, shoes); a
slip of a word of the language is reported (demand for demande). A small word no slip
explains is a rare word (anoréxico); a capitalised word beside a name no dictionary lists
is part of a full name (Ryck Vernaut), and so is a capitalised word inside its sentence
that is no slip of a name the dictionary knows nor a slip of the fingers (spell_names.py);
names other dictionaries list, Basque dialect forms: spell_unslipped.py; the names real
subtitles write (Brody, Τζέικ): spell_subnames.py; the words of speech they write (ey, oke,
Merci): spell_spoken.py. Each word is looked up once per language and process, its verdict
kept on disk; no dictionary: skipped, noted.

Long: `_right` is one decision whose steps run in the order of their cost (the cheap yes
first, the slip scans last); the rules themselves live in the spell_* modules, and what is
left here is that order and the report's loop.

A finding's `concept` is the word itself, so a reviewer accepts one word on one entry with
`# msm-accept: spelling:WORD`, every word of the entry with `# msm-accept: spelling`, and a
word for the whole project with `msm spelling add WORD --lang L`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from pipeline import languages
from pipeline.checks.model import EntryUnit
from pipeline.checks.registry import (
    LANGUAGE_LOADS,
    RUN_LANGUAGES,
    CheckContext,
    Problem,
    entry_text,
    register,
)
from pipeline.checks.spell_scripts import JOINS, fixes, mixes_scripts
from pipeline.checks.spell_words import (
    APOSTROPHES,
    WordList,
    from_source,
    message,
    skip,
    source_names,
    words,
)
from pipeline.checks.text import composed

if TYPE_CHECKING:  # the dictionaries and the glossary load on the first word a run checks
    from pipeline.checks import spell_dict

CHECK = "spelling"
ENGLISH = "en"
_COMMA_BELOW = str.maketrans("şţŞŢ", "șțȘȚ")
_STATE = "spelling.languages"
# A word the dictionary lacks said this often in one line is a sound or a chant (Bla, bla,
# bla): one slip changes one of them, so a typo is never said three times.
_SAID_AS_SOUND = 3


class _Language:
    """What the check knows of one language in a run (a plain class: no dataclass to make)."""

    def __init__(
        self,
        lang: str,
        speller: spell_dict.Speller,
        listed: WordList,
        comma_below: bool = False,
        variants: list[spell_dict.Speller] | None = None,
        english: spell_dict.Speller | None = None,
    ) -> None:
        self.lang = lang
        self.speller = speller
        self.listed = listed
        # Romanian: ş ţ looked up as ș ț (`comma-below` reports the cedilla, once); the
        # language's other dictionaries (en_US beside en_GB): a word one knows is right;
        # English, for the words other languages borrow (manager, shoes).
        self.comma_below = comma_below
        self.variants: list[spell_dict.Speller] = [] if variants is None else variants
        self.english = english
        # Each word's verdict by the dictionary and the word list alone, once a process.
        self.right: dict[str, bool] = {}
        # Words no rule makes right without a slip scan (_unscanned), their full verdict
        # not needed yet: the source or the glossary excused them where they stood.
        self.unproven: set[str] = set()
        # Whether _near may scan a word's slips; False while _unscanned asks the cheap rules.
        self.scan = True

    def flush(self) -> None:
        """Keep the new verdicts of every dictionary asked."""
        self.speller.flush()
        for other in [*self.variants, self.english]:
            if other is not None:
                other.flush()


def _source_language(ctx: CheckContext) -> str:
    return ctx.settings.source_language if ctx.settings is not None else languages.SOURCE


def _languages(ctx: CheckContext) -> dict[str, _Language | None]:
    found: dict[str, _Language | None] | None = ctx.cache.get(_STATE)
    if found is None:
        found = ctx.cache[_STATE] = {}
    return found


def _language(ctx: CheckContext, lang: str) -> _Language | None:
    """The language's speller and word list, made on first use; None (with a note) when the
    machine has no dictionary for it."""
    known = _languages(ctx)
    if lang in known:
        return known[lang]
    from pipeline.checks import spell_dict

    speller = spell_dict.speller(lang)
    if speller is None:
        known[lang] = None
        note = spell_dict.missing_note(lang)
        if note not in ctx.notes:
            ctx.notes.append(note)
        return None
    from pipeline.glossary.words import read_words

    listed = WordList.of(lang, read_words(ctx.root, lang) if ctx.root is not None else ())
    comma_below = languages.get(lang).typography.comma_below
    others = spell_dict.other_spellers(lang, speller)  # en_US beside en_GB
    english = spell_dict.speller(ENGLISH) if lang != ENGLISH else None
    made = _Language(lang, speller, listed, comma_below, others, english)
    known[lang] = made
    return made


def prepare(ctx: CheckContext) -> None:
    """Find the dictionary and read the word list of every language of the run, so a
    missing dictionary is noted once (workers inherit the word lists). When worker
    processes will check, each language the run checks with no verdict cached yet (a first
    run) is either given to one worker (LANGUAGE_LOADS: its loading cost said) or its
    dictionary loaded here, once, before they fork: each worker would load it. One process
    prepares only the run's languages (a language met later is noted when first checked)."""
    langs = [_source_language(ctx)]
    if ctx.settings is not None:
        langs += list(ctx.settings.target_languages)
    run = ctx.cache.get(RUN_LANGUAGES)
    if ctx.workers <= 1 and run is not None:
        langs = [lang for lang in langs if lang in run]
    config = ctx.cache.get("config")
    checked = ctx.cache.get(RUN_LANGUAGES, set()) if ctx.workers > 1 else set()
    loads: dict[str, float] | None = ctx.cache.get(LANGUAGE_LOADS)
    for lang in langs:
        if config is None or config.enabled(CHECK, lang):
            state = _language(ctx, lang)
            if state is not None and lang in checked and not state.speller.remembered():
                if loads is None:
                    state.speller.load()
                else:
                    from pipeline.checks.spell_dict import load_seconds

                    loads[lang] = load_seconds([state.speller, *state.variants])


def _right(
    word: str,
    state: _Language,
    known: Callable[[str], bool],
    rest: bool = False,
) -> bool:
    """Whether a word is right by the dictionary or the word list; a word joined by
    hyphens or apostrophes is right when its parts are (l’acheteur, procurement's), a part
    with a digit or an acronym is not looked up (236th-, WK-), and a part after the first
    may be an ending of the language (Basque EB-ko, Preston-en)."""
    if state.comma_below:
        word = word.translate(_COMMA_BELOW)
    # a verdict already known first: the word list's inflected forms cost ~80 set probes a
    # word, and it is asked before a look-up (a listed word loads no dictionary)
    if known(word) or state.speller.said_right(word) or word in state.listed:
        return True
    if state.speller.right(word):
        return True
    if word[:1].isupper() and word[1:].islower() and state.speller.right(word.lower()):
        return True  # a word the dictionary keeps small, first in its sentence (Heer)
    if _look_alike(word, state):  # Mέτρα with a Latin M: never right, never a name
        return False
    # the rules, for a word the dictionary does not know (a run that meets none loads none)
    from pipeline.checks import spell_rules, spell_spoken, spell_subnames, spell_unslipped
    from pipeline.checks.spell_rules import after_hyphen, compound, enclitic, interjection, variants

    if "’" in word and state.speller.right(word.replace("’", "'")):
        return True
    if rest and after_hyphen(word, state.lang, state.speller.right):
        return True
    if any(state.speller.right(other) for other in variants(word, state.lang)):
        return True
    if any(other.right(word) for other in state.variants):
        return True
    # a name English knows (Robert, Louis), a borrowed word (manager, shoes) that is no slip
    # of a word of the language's own, or one whose plural the dictionary lists (relay)
    english = state.english is not None and state.english.right(word)
    if english and (
        word[:1].isupper()
        or spell_rules.singular(word, state.lang, state.speller.right)
        or not _near(word, state)
    ):
        return True
    if word.count("-") >= 2 and any(map(state.speller.right, spell_rules.syllables(word))):
        return True  # said syllable by syllable (mi-ra-cu-lous), drawn out (He-e-elp)
    if spell_spoken.spoken(word, state.lang):  # subtitles' words of speech (taa, epá, d-nă)
        return True
    if "-" in word and spell_rules.repeated_parts(word):  # a sound: Mox-mox-mox, piou-piou
        return True
    if "-" in word and spell_rules.korean_name(word, state.speller.right):  # Hyun-seo
        return True
    if spell_rules.joined(word, state.speller.right):  # infra-estrutura, e-mail
        return True
    for mark in ("-", *APOSTROPHES):
        if mark in word:
            parts = [p for p in word.split(mark) if p]
            last = len(parts) - 1
            return all(
                len(p) < 2
                or skip(p)
                or _right(p, state, known, rest=at > 0)
                or (
                    mark == "-"
                    and spell_rules.hyphen_part(parts, at, state.lang, state.speller.right)
                )
                # a vowel elided at the apostrophe (Greek Δώσ'το: Δώσε το; Το'πιασα)
                or spell_rules.elided(
                    p,
                    mark if at else "",
                    mark if at < last else "",
                    state.lang,
                    state.speller.right,
                )
                for at, p in enumerate(parts)
            )
    if compound(word, state.lang, state.speller.right):
        return True
    # read loosely where no slip explains the word: regenboogvis, nulemissievoertuigen,
    # Spanish recalcula; not Mogeolijkheden (mogeo|lijk|heden: Mogelijkheden)
    loose = spell_rules.loose_compound, spell_rules.loose_prefixed
    if any(rule(word, state.lang, state.speller.right) for rule in loose) and _unslipped(
        word, state
    ):
        return True
    if enclitic(word, state.lang, state.speller.right) or interjection(word):
        return True
    if spell_rules.by_rule(word, state.lang, state.speller.right):
        return True
    small = spell_rules.spanish_diminutive(word, state.lang, state.speller.right)
    if small and not _slip_of_common(word, state) and not _accent_off(word, state):
        return True  # gatito, not minitos (minutos) nor Bogota (Bogotá, not boga + -ota)
    if spell_subnames.subtitle_name(word, state.lang):  # a name subtitles write (Brody, Τζέικ)
        return True
    names = _is_name(word, state) or _inflected_name(word, state) or _rare(word, state)
    return names or (state.scan and spell_unslipped.right_anyway(word, state.lang, state.speller))


def _accent_off(word: str, state: _Language) -> bool:
    """Whether the word with one mark put on a letter, or changed, is a dictionary word."""
    from pipeline.checks.spell_slips import remarked

    return any(map(state.speller.right, remarked(word)))


def _look_alike(word: str, state: _Language) -> bool:
    """Whether a word is a dictionary word with a letter of another script that looks like
    one of its own typed in (Mέτρα, сharacter): not maths written with a Greek letter
    (sinθ, Δx), which no look-alike letter puts right."""
    return mixes_scripts(word) and bool(fixes(word, state.lang, state.speller.right))


def _verdict(word: str, state: _Language) -> bool:
    """A word's verdict by the dictionary and the word list (once per word and language)."""
    ok = state.right.get(word)
    if ok is None:
        ok = state.right[word] = _right(word, state, _nowhere)
    return ok


def _unlisted_name(word: str, state: _Language) -> bool:
    """Whether a word no dictionary of the language lists is right all the same (a name)."""
    return word.isalpha() and not state.speller.right(word) and _verdict(word, state)


def _is_name(word: str, state: _Language) -> bool:
    """Whether an unknown word is a name: capitalised, and no single slip (two letters
    swapped, an accent, a letter left out, added or replaced) of a dictionary word, which
    is what a typo in a capitalised word is (Dodoma, Averroès: names; Parliamnet: a typo),
    wherever the word stands (spell_names.mid_sentence_name then looks at its place). A
    name with a foreign accent left off is a name too (French Lodz: Lódz)."""
    if not (state.scan and word[:1].isupper() and word[1:].islower() and word.isalpha()):
        return False  # unproven while the slip scans are off (_unscanned)
    from pipeline.checks.spell_names import two_accents
    from pipeline.checks.spell_rules import unaccented

    if two_accents(word):
        return False
    found = state.speller.suggestions(word)
    return not found or any(unaccented(word, near, state.lang) for near in found)


# Languages that write a case ending on a name itself (Basque Samik, Tomi, Vegasera).
_ENDING_ON_NAMES = {"eu"}
_NAME_STEM = 3  # letters of the name an ending follows
_LOAN_STEM = 4  # letters of the borrowed word an ending follows (baseballa, rugbya)


def _inflected_name(word: str, state: _Language) -> bool:
    """Whether a word is a name or a borrowed word English knows with one of the language's
    endings written on it as it follows such a stem (a vowel after a consonant: Tomi,
    baseballa; no epenthetic e after a vowel: Samik). A capitalised stem no slip explains is
    no proof (Pozzten), nor an ending that does not fit (Tomk: Tomek); a lowercase word must
    be no slip of a word of the language (the last test, a scan the report makes anyway)."""
    english = state.english
    if english is None or state.lang not in _ENDING_ON_NAMES or not word.isalpha():
        return False
    title = word[:1].isupper() and word[1:].islower()
    if not (title or word.islower()):
        return False
    from pipeline.checks.spell_rules import CASES_ON_NAMES, ending_splits

    shortest = _NAME_STEM if title else _LOAN_STEM
    for stem, tail in ending_splits(word, state.lang, shortest):
        if not english.right(stem):
            continue
        if not title:
            return not _near(word, state)
        if tail in CASES_ON_NAMES or not english.right(stem.lower()):
            return True
    return False


_SCANNED = 18  # letters of the longest word whose scan (spell_dict._BUDGET) tries every slip


def _rare(word: str, state: _Language) -> bool:
    """Whether a lowercase word is no single slip of any dictionary word (nor of its
    capitalised form, a rule's spelling, the word a rule builds it from): a rare word the
    dictionary lacks (anoréxico), not a typing slip (demand, ustralië, envoutnte, culpralos).
    The first scan is the report's own; the others run only when it finds nothing."""
    if not (word.isalpha() and word.islower() and len(word) <= _SCANNED):
        return False
    from pipeline.checks.spell_rules import hosts, variants

    others = [word, word.capitalize(), *variants(word, state.lang), *hosts(word, state.lang)]
    return not any(_near(other, state) for other in others)


def _slip_of_common(word: str, state: _Language) -> bool:
    """Whether a word is a slip of the hand (spell_slips.hand_slip) on a word the language's
    subtitles write often (spell_common): minitos for minutos. Presumed so while the slip
    scans are off (_unscanned)."""
    if not state.scan:
        return True
    from pipeline.checks.spell_common import common_word
    from pipeline.checks.spell_slips import hand_slip, undone

    if any(common_word(other, state.lang) and state.speller.right(other) for other in undone(word)):
        return True  # the scan's suggestions may leave it out (minitos: minutos)
    near = state.speller.suggestions(word)
    return any(hand_slip(word, other) and common_word(other, state.lang) for other in near)


def _unslipped(word: str, state: _Language) -> bool:
    """Whether no slip makes the word a dictionary word, or, by a letter put in, a word the
    language's subtitles write often (any letter put in proves little: Hunspell's own
    compounding takes regenboogvijs, toverkamp). False while the slip scans are off
    (_unscanned)."""
    if not state.scan:
        return False
    from pipeline.checks.spell_common import common_word

    added, others = state.speller.one_slip(word)
    if any(common_word(other, state.lang) for other in added):
        return False
    return not any(map(state.speller.right, others))


def _near(word: str, state: _Language) -> bool:
    """Whether a word is one slip of a word the language's dictionary knows, or of one
    spell_spoken lists (lacking/<lang>.txt, which the dictionary cannot suggest). The scan
    costs up to _BUDGET look-ups (the first run's main cost); while it is switched off
    (state.scan, in _unscanned) every word is presumed a slip: the rules _near decides
    only ever make a word right when it is NOT a slip, so they stay unproven."""
    if not state.scan:
        return True
    from pipeline.checks.spell_spoken import near_listed

    return bool(state.speller.suggestions(word) or near_listed(word, state.lang))


def _unscanned(word: str, state: _Language, known: Callable[[str], bool]) -> bool:
    """Whether a word is right by the rules that need no slip scan: True means _right is
    True; False leaves it open (a borrowed English word, a name)."""
    state.scan = False
    try:
        return _right(word, state, known)
    finally:
        state.scan = True


def _nowhere(word: str) -> bool:
    """No source text to take words from."""
    return False


@register(
    CHECK,
    "entry",
    "warning",
    "a word the language's Hunspell dictionary and the word list do not know (with suggestions)",
    source=True,
    memo=entry_text,
    prepare=prepare,
)
def spelling(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """The misspelt words of one text."""
    text = unit.target
    if unit.obsolete or not text.strip():
        return ()
    state = _language(ctx, unit.lang)
    if state is None:
        return ()
    # a decomposed letter (cafe + U+0301) is one word with its mark: read as it was, “café”
    # gave the word “cafe” and “Mulțumesc” gave “umesc”
    text = composed(text)
    translated = unit.lang != _source_language(ctx) and unit.source
    from_text: list[tuple[set[str], list[str]]] = []  # the source's words, read on first need

    def known(word: str) -> bool:
        if not translated:
            return False
        if not from_text:
            from_text.append(source_names(composed(unit.source)))
        return from_source(word, *from_text[0])

    # Reported: no rule, source word, glossary term, elision or full name excuses it. Each
    # is a yes or no, so the slip scans (up to _BUDGET look-ups a word) are asked last.
    unknown: list[tuple[int, str, int, int]] = []
    right, unproven = state.right, state.unproven
    shifted: list[tuple[str, int, int]] = []  # THe, TWait: a slip of the shift key?
    tokens = list(words(text, shifted))
    for at, (word, start, end) in enumerate(tokens):
        ok = right.get(word)
        if ok is None and word not in unproven:  # once per word and language
            if _unscanned(word, state, _nowhere):
                ok = right[word] = True
            else:
                unproven.add(word)
        if ok or (translated and _unscanned(word, state, known)):
            continue
        from pipeline.checks.spell_place import in_place  # an elision, a shared part

        if not in_place(tokens, at, text, state.lang, state.speller.right):
            unknown.append((at, word, start, end))
    if len(unknown) >= _SAID_AS_SOUND:  # Bla, bla, bla; ian, ian, ian: a sound, a chant
        said = Counter(word.lower() for _, word, _, _ in unknown)
        # not a word with its accents left off, however often it is said (Stiu, stiu, stiu)
        chants = {
            word
            for word in {u[1] for u in unknown}
            if said[word.lower()] >= _SAID_AS_SOUND and not _accent_off(word, state)
        }
        unknown = [u for u in unknown if u[1] not in chants]
    capitals: list[tuple[str, int, int]] = []  # a line in capitals: a title, a sign
    if any(line.isupper() for line in text.split("\n")):
        from pipeline.checks.spell_caps import caps_words

        capitals = caps_words(text)
    if not unknown and not capitals and not shifted:
        state.flush()
        return ()
    from pipeline.checks.spell_common import common_word
    from pipeline.checks.spell_names import in_full_name, mid_sentence_name, opening_name
    from pipeline.checks.spell_phrases import english_words, in_phrase, with_clipped
    from pipeline.checks.spell_terms import glossary_spans, in_term

    spans = glossary_spans(text, unit.lang, ctx)
    english = None if state.english is None else with_clipped(state.english.right, tokens, text)
    in_english: frozenset[int] | None = None  # the words sung or said in English, on need
    problems = []
    seen: set[str] = set()

    def report(word: str) -> None:
        seen.add(word)
        problems.append(Problem(message(word, state.speller, state.lang), concept=word))

    for at, word, start, end in unknown:
        if word in seen or in_term(word, start, end, spans):
            continue
        ok = right.get(word)
        if ok is None:  # the dictionary and the word list, with the slip scans
            ok = right[word] = _right(word, state, _nowhere)
            unproven.discard(word)
        if ok or (translated and _right(word, state, known)):
            continue
        if _look_alike(word, state):  # Mέτρα with a Latin M: no name, no borrowing
            report(word)
            continue
        spell = state.speller  # a name inside its sentence: by a scan, so never unscanned
        name = state.scan and mid_sentence_name(word, start, text, spell.right, spell.suggestions)
        if name or in_full_name(at, tokens, text, lambda n: _unlisted_name(n, state)):
            continue
        if state.scan and opening_name(
            word, start, text, spell.right, spell.suggestions, lambda n: common_word(n, state.lang)
        ):  # ¡Mikaela!, not Contestwa.
            continue
        if in_phrase(at, tokens, text, spell.right, english):  # in vitro, Royal Society of
            continue
        if english is not None and english(word):  # ♪ Get out and don't come back; Thank you.
            if in_english is None:
                in_english = english_words(tokens, text, spell.right, english)
            if at in in_english:
                continue
        report(word)
    # words never looked up as words: in a line in capitals, of two capitals then small
    # letters; reported when a slip explains them
    slips = [(at, _caps_slip) for at in capitals] + [(at, _shift_slip) for at in shifted]
    for (word, start, end), slip in slips:
        if word in seen or in_term(word, start, end, spans):
            continue
        if not slip(word, state, known, text[start - 1 : start] if start else "", text[end:][:1]):
            continue
        report(word)
    state.flush()
    return problems


def _shift_slip(
    word: str, state: _Language, known: Callable[[str], bool], before: str, after: str
) -> bool:
    """Whether a word of two capitals (or a small letter and a capital) then small letters
    is a slip of the shift key on a word the subtitles write most, not an acronym with an
    ending nor a name (eSender), the word list's or the source's (spell_caps.shift_slip).
    (What stands `before` and `after` it is no matter.)"""
    if known(word) or word in state.listed:
        return False
    from pipeline.checks.spell_caps import shift_slip
    from pipeline.checks.spell_common import common_word

    return shift_slip(word, state.speller.right, lambda near: common_word(near, state.lang))


def _caps_slip(
    word: str, state: _Language, known: Callable[[str], bool], before: str, after: str
) -> bool:
    """Whether a word of a line in capitals is a slip on a dictionary word: unknown in
    capitals, in small letters and capitalised (a name of the word list), and one slip of
    the hand from a word the dictionary suggests, or any one slip from one of the words the
    language's subtitles write most (spell_caps, spell_common). A Greek word is looked up
    with its accent put back, and with a vowel elided at an apostrophe `before` or `after`
    it ('ΠΙΑΣΕΣ: έπιασες; ΒΟΥΛΩΣ' ΤΟ: βούλωσε)."""
    if state.speller.right(word) or known(word):
        return False
    from pipeline.checks.spell_common import common_word

    lower = word.lower()
    speller = state.speller
    common = partial(common_word, lang=state.lang)
    if state.lang in _ACCENTS_DROPPED:
        from pipeline.checks.spell_greek_caps import accented, greek_slip
        from pipeline.checks.spell_rules import elided

        # right by a rule, or a name (Αμέλια): not by a slip scan, which finds no slip of a
        # word with its accent put back on the wrong vowel (ειμιά: είμαι is two slips off)
        forms = accented(lower)
        if any(_unscanned(w, state, known) for form in forms for w in _cased(form)):
            return False
        cut = [form[:-1] + "σ" for form in forms if form.endswith("ς")]  # βούλωσ' το
        if any(elided(form, before, after, state.lang, speller.right) for form in forms + cut):
            return False
        return bool(greek_slip(lower, speller.right_or_title, speller.suggestions, common))
    if _verdict(lower, state) or _verdict(lower.capitalize(), state):
        return False
    # a word joined by a hyphen or an apostrophe, wrong as a whole: a slip in one of its
    # parts (TRRONU-JOKOA)
    from pipeline.checks.spell_slips import hand_slip

    parts = [lower] if lower.isalpha() else [p for p in JOINS.split(lower) if p]
    return any(
        hand_slip(part, near.lower()) or common(near)
        for part in parts
        if not speller.right(part)
        for near in speller.suggestions(part)
    )


def _cased(word: str) -> tuple[str, str]:
    """A word of a line in capitals as it may be written: small, or a name (Αθήνα)."""
    return word, word.capitalize()


_ACCENTS_DROPPED = frozenset({"el"})  # languages whose capitals drop their accents (ΕΙΜΑΙ)
