"""Spellings that are right though the language's dictionary lacks them: rules, not words.

- French writes capitals without their accent (Etat, Eglise, Ca va): a capital may stand
  for any accented capital of its letter; the 1990 reform drops the circumflex of i and u
  (abime, envoutante, connait), which the classic dictionary still wants; œ is typed as
  oe where a keyboard has no key for it (coeur, soeur, oeil: real French subtitles).
- Greek puts a second accent on a word an enclitic pronoun follows (τα κτίριά μας): the
  word is right when it is right without its last accent.
- European Portuguese before the 1990 spelling agreement (the pt_PT dictionary has only the
  new forms): a silent c or p before c, ç or t (acção, direcção, projecto, aspecto), the
  circumflex of -êem (dêem, lêem, vêem), vôo, and the accents that told apart pára/para,
  pêlo/pelo, péla/pela, pólo/polo, pêra/pera; and a pronoun joined to a verb form that
  lost its s or z (fê-lo: fez; fi-lo: fiz; fizemo-lo: fizemos).
- Spanish before the 2010 Ortografía accented a one-syllable word with a diphthong on its
  strong vowel (guión, truhán, Sión: now guion, truhan, Sion).
- A Romanian surname is an -esc or -ean adjective with the old -u (Solomonescu). Romanian
  before 1993 wrote î inside a word where it now writes â, and sînt for sunt (cînd, pînă,
  mîine, sîntem: 1–2 % of OpenSubtitles' Romanian, whole tracks written so).
- Dutch makes the plural of a noun in -ing with -en (regeringen), borrowings too, which
  the dictionary lists with -s only (screeningen beside screenings).

- Any language draws a word out for effect (sloooooow, leeeeento): a letter written four
  times or more (a slip doubles a letter at most to three) stands for one or two.
- Laughter and like interjections, one syllable said three times or more (jajaja,
  jejejeje, hahaha, χαχαχα), ok, okay in any case (the dictionaries list OK), and sounds
  drawn out by repeating a letter (ahh, mmm, shhh), are right in any language
  (`interjection`).

A word is right when the dictionary knows one of its `variants`.

- Greek drops a vowel where words meet and writes an apostrophe in its place: at a word's
  start ('θελες for ήθελες, 'ρθεις for έρθεις) or its end (Δώσ' for Δώσε); the word is right
  when one vowel put back makes a dictionary word (`elided`).
- Spanish joins unstressed pronouns to an infinitive (culparlos, ayudarme): the word is
  right when it is a dictionary infinitive and one pronoun (`enclitic`).

- Dutch writes compounds as one word, and its dictionary lists only the common ones: a word
  that is two dictionary words of four letters or more, with or without a linking s
  between them, is right (polygraafgegevens, leeftijdsgenoten).

Words a rule builds from a dictionary word with a few look-ups (`transliterated`,
`genitive`, `voseo`, `whether`, `prefixed`, `foreign_accents`, `feminine`): a Greek name
with omicron for omega or back (Βοστώνη), the genitive of a Greek feminine name
(Λισαβόνας) or the accusative of a masculine one (Μισισιπή), Spanish voseo with a changed
stem (podés), Basque -(e)nentz (denentz), a Romanian prefix (displăcuse), a name with
accents the language does not write (Dvořák), a Portuguese feminine of a masculine noun
(notária). `unaccented`: a name with such an accent left off
(French Lodz). `fits_stem`: whether a Basque ending follows a stem as Basque writes it
(Tomi, not Tomk). `hosts`: the words a rule builds a word from, in which a slip is looked
for.

Long: one small rule per language's way of writing (a few lines each, with the data and
the reason beside it); each rule is short, and splitting them by language would put the
shared letter tables (accents, vowels) in several places.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

_BARE_CAPITALS = {"A": "ÀÂ", "C": "Ç", "E": "ÉÈÊË", "I": "ÎÏ", "O": "Ô", "U": "ÙÛÜ"}
_CIRCUMFLEX = {"i": "î", "u": "û"}
# French è for é as the 1990 rectifications write it: in the future and conditional of the
# verbs like céder (préfèrerais, répèterai, considèrerait; a quarter of the préférerais of
# OpenSubtitles' French), and in the words their list names (règlementation, sècheresse,
# cèleri: the eForms SDK's French labels write Règlementation). Not elsewhere: dèveloppé,
# rèservé, mèdecin are slips.
_GRAVE_FUTURE = re.compile(
    r"è(?=(?:[bcdfgjklmnpqrstvz]|ch|gn|[bcdfgkpt][lr])er(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)$)"
)
_GRAVE_WORDS = ("règlement", "sècheresse", "cèleri", "empiètement")
# capitals too: a word first in its sentence may begin with one (Έλεγξέ το)
TONOS = dict(zip("άέήίόύώΆΈΉΊΌΎΏ", "αεηιουωΑΕΗΙΟΥΩ", strict=True))
GREEK_ACCENTED = frozenset(TONOS) | {"ΐ", "ΰ"}  # the letters that carry a Greek accent
# a Greek vowel with its accent put on (α: ά; ϊ: ΐ)
ACCENT_ON = {plain: accented for accented, plain in TONOS.items()} | {"ϊ": "ΐ", "ϋ": "ΰ"}
# A consonant the 1990 agreement dropped, after a vowel: acção, accionista, projecto, óptimo,
# excepcional.
_SILENT = re.compile(r"(?<=[aeiouáéíóúâêô])(?:c(?=[çt]|ci)|p(?=[çt]|ci))")
_OLD_ACCENTS = {"pára": "para", "pêlo": "pelo", "péla": "pela", "pólo": "polo", "pêra": "pera"}


# A letter written four times or more in a row: a word drawn out (sloooow), not a slip.
_DRAWN_OUT = re.compile(r"(\w)\1{3,}")


def variants(word: str, lang: str) -> Iterator[str]:
    """Other spellings of `word` that make it right when the dictionary knows one of them."""
    if _DRAWN_OUT.search(word):
        yield _DRAWN_OUT.sub(r"\1", word)
        yield _DRAWN_OUT.sub(r"\1\1", word)
    if lang == "fr":
        if "oe" in word or "Oe" in word:  # œ typed as two letters (coeur, soeur, oeil)
            yield word.replace("oe", "œ").replace("Oe", "Œ")
        for capital in _BARE_CAPITALS.get(word[:1], ""):
            yield capital + word[1:]
        for at, letter in enumerate(word):
            if letter in _CIRCUMFLEX:
                yield word[:at] + _CIRCUMFLEX[letter] + word[at + 1 :]
        for grave in _GRAVE_FUTURE.finditer(word):  # préfèrerais: préférerais
            yield word[: grave.start()] + "é" + word[grave.start() + 1 :]
        if word.lower().startswith(_GRAVE_WORDS):  # règlementation: réglementation
            yield word[:1] + word[1:].replace("è", "é", 1)
    elif lang == "el":
        accents = [at for at, letter in enumerate(word) if letter in TONOS]
        if len(accents) >= 2:
            at = accents[-1]
            yield word[:at] + TONOS[word[at]] + word[at + 1 :]
    elif lang == "pt-PT":
        yield from _before_1990(word)
        yield from _lost_consonant(word)
    elif lang == "es":
        yield from _before_2010(word)
    elif lang == "ro":
        yield from _surname(word)
        yield from _before_1993(word)
    elif lang == "nl-BE" and word.startswith("Eé"):
        yield "éé" + word[2:]  # één first in a sentence: Eén (Taalunie), not Één


# European Portuguese joins -lo, -la, -los, -las to a verb form ending in s or z by
# dropping that consonant: fez → fê-lo, fiz → fi-lo, fizemos → fizemo-lo (the dictionary
# lists the forms of -r: fazê-lo). A last a, e, o left stressed keeps its accent (fê-lo).
# A first person plural drops its s before -nos too (encontramos → encontramo-nos).
_PRONOUN = re.compile(r"(.+)-(?:l[ao]s?|nos)")
_STRESSED = {"á": "a", "ê": "e", "é": "e", "ô": "o", "ó": "o"}


def _lost_consonant(word: str) -> Iterator[str]:
    """The verb form a Portuguese pronoun after a hyphen was joined to (fê-lo: fez, fes)."""
    found = _PRONOUN.fullmatch(word)
    if found is None:
        return
    head = found.group(1)
    if word.endswith("-nos") and not head.lower().endswith("mo"):
        return  # -nos drops only the s of -mos (encontramo-nos); ama-nos is whole
    last = head[-1:].lower()
    if last in _STRESSED:
        head = head[:-1] + _STRESSED[last]
    elif not (last in "iu" or head.lower().endswith("mo")):
        return  # fe-lo: a stressed e without its accent is a slip
    yield head + "s"
    yield head + "z"


# Spanish before the 2010 Ortografía: a one-syllable word whose vowels make a diphthong or
# triphthong had an accent on its strong vowel (guión, truhán, fié, Sión; now guion, truhan).
_SPANISH_VOWELS = "aeiouáéíóúü"
_SPANISH_WEAK = "iuü"  # a weak vowel beside another joins its syllable, unless accented
_ACUTE = {"á": "a", "é": "e", "ó": "o"}


def _before_2010(word: str) -> Iterator[str]:
    """The 2010 spelling of a Spanish one-syllable word with a diphthong (guión: guion):
    its one accent on the last vowel of its one group of vowels (h inside it), after i or u."""
    groups = re.findall(f"[{_SPANISH_VOWELS}](?:h?[{_SPANISH_VOWELS}])*", word.lower())
    if len(groups) != 1:
        return
    group = groups[0].replace("h", "")
    last = group[-1]
    if last in _ACUTE and len(group) > 1 and group[-2] in _SPANISH_WEAK:
        at = word.lower().rfind(last)
        bare = _ACUTE[last]
        yield word[:at] + (bare.upper() if word[at].isupper() else bare) + word[at + 1 :]


# Romanian surnames are adjectives in -esc, -ean with the old ending -u: Solomonescu
# (solomonesc), Moldoveanu (moldovean).
def _surname(word: str) -> Iterator[str]:
    """The adjective a capitalised Romanian surname in -escu or -eanu is made of."""
    if word[:1].isupper() and word[1:].islower() and word.endswith(("escu", "eanu")):
        yield word[:-1].lower()


_SINT = {"sînt": "sunt", "sîntem": "suntem", "sînteți": "sunteți"}


def _before_1993(word: str) -> Iterator[str]:
    """The Romanian word as written since 1993: â for î inside it (cînd, pînă), sunt for
    sînt; î first or last in the word stays (în, a urî)."""
    inner = word[1:-1]
    if "î" not in inner:
        return
    lower = word.lower()
    if lower in _SINT:
        yield word[0] + _SINT[lower][1:]
    yield word[0] + inner.replace("î", "â") + word[-1]


def _before_1990(word: str) -> Iterator[str]:
    """The 1990 agreement's form of a European Portuguese word written the older way."""
    lower = word.lower()
    silent = [m.start() for m in _SILENT.finditer(lower)]
    for at in silent:
        yield word[:at] + word[at + 1 :]
    if len(silent) > 1:
        yield "".join(c for at, c in enumerate(word) if at not in silent)
    if lower.endswith("êem"):
        yield word[:-3] + "eem"
    if "ôo" in lower:
        yield word.replace("ôo", "oo")
    new = _OLD_ACCENTS.get(lower)
    if new is not None:
        yield new.capitalize() if word[:1].isupper() else new


# Languages that write compounds as one word, with the letters that may link their parts.
_COMPOUNDING = {"nl-BE": ("", "s")}
_PART_MIN = 4  # letters of each part of a compound
_COMPOUND_MIN = 10  # letters of a compound


def compound(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word is two words of the dictionary (`right`) joined, as the language
    makes compounds."""
    links = _COMPOUNDING.get(lang)
    if links is None or not word.isalpha():
        return False
    lower = word.lower()
    if _ing_plural(lower, right):
        return True
    if len(word) < _COMPOUND_MIN:
        return False
    for at in range(_PART_MIN, len(lower) - _PART_MIN + 1):
        head, tail = lower[:at], lower[at:]
        if not (right(tail) or _ing_plural(tail, right)):
            continue
        for link in links:
            stem = head[: len(head) - len(link)] if link else head
            if head.endswith(link) and len(stem) >= _PART_MIN and right(stem):
                return True
    return False


# A compound read more loosely, when no slip explains the word (the caller asks): a part of
# three letters (jagers|hut, regenboog|vis, nul|emissievoertuigen) or a part itself two
# parts of four letters or more (vijfde|graads|formule, software|ontwikkelings|kit; not
# actie|pro|gamma: actieprogamma is a slip)
_SHORT_PART = 3
_LONG_PART = 5  # letters of the other part when one has three
_LOOSE_MIN = 8  # letters of such a compound
_LOOSE_MAX = 32  # and at most (the longest in the real text read: 24); its cost grows as the square


def loose_compound(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word is two words of the dictionary (`right`) joined, one of three letters,
    or one of them itself a compound (`compound`'s parts of four letters or more). Looser
    than `compound`, so a slip splits this way too (Mogeolijkheden: mogeo|lijk|heden): the
    caller takes it only for a word no slip turns into a dictionary word
    (`spell_dict.Speller.one_slip`)."""
    links = _COMPOUNDING.get(lang)
    if links is None or not _LOOSE_MIN <= len(word) <= _LOOSE_MAX or not word.isalpha():
        return False
    return _parts(word.lower(), links, right, _SHORT_PART, nested=True)


def _parts(
    lower: str, links: tuple[str, ...], right: Callable[[str], bool], short: int, nested: bool
) -> bool:
    """Whether `lower` is two parts of `short` letters or more joined with one of `links`,
    each a dictionary word or, when `nested`, itself two parts of four letters or more."""

    def whole(part: str) -> bool:
        if right(part) or _ing_plural(part, right):
            return True
        return nested and _parts(part, links, right, _PART_MIN, nested=False)

    for at in range(short, len(lower) - short + 1):
        head, tail = lower[:at], lower[at:]
        if (len(tail) < _PART_MIN and len(head) < _LONG_PART) or not whole(tail):
            continue
        for link in links:
            stem = head[: len(head) - len(link)]
            if not head.endswith(link) or len(stem) < short:
                continue
            if (len(stem) >= _PART_MIN or len(tail) >= _LONG_PART) and whole(stem):
                return True
    return False


_ING_PLURAL = 8  # letters of a Dutch plural in -ingen the rule takes (not dingen, ringen)


def _ing_plural(word: str, right: Callable[[str], bool]) -> bool:
    """Whether a Dutch word is the plural in -en of a dictionary noun in -ing: every such
    noun has it (regeringen), borrowings too, which the dictionary lists with -s only
    (screeningen beside screenings)."""
    return len(word) > _ING_PLURAL and word.endswith("ingen") and right(word[:-2])


# Dutch makes the plural of a borrowing with -s, and its dictionary may list the plural only
# (relays, not relay: the Dutch subtitles of the Tor Project's animation).
_S_PLURAL = {"nl-BE"}
# Letters of such a singular at least: a short English word is often a Dutch word's slip
# with its s left out (mar for maar: mars; baa for baan: baas).
_SINGULAR_MIN = 5


def singular(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word (one English knows: the caller asks) is a borrowing whose plural in
    -s the dictionary (`right`) lists."""
    return lang in _S_PLURAL and len(word) >= _SINGULAR_MIN and word.isalpha() and right(word + "s")


# One syllable of two letters said three times or more: jajaja, jejejeje, hahaha, χαχαχα
# (twice is a typo's shape too: Elel for Elle, Anan for Anna; measured).
_REPEATED = re.compile(r"(\w\w)\1{2,}")


# Written in every language's subtitles, in any case, where the dictionaries list OK only.
_INTERJECTIONS = {"ok", "okay", "ehm", "uhm", "mhm", "psst", "pff", "hmm"}
# ... and, in real subtitles of several languages (OpenSubtitles 2018's 10,000 commonest
# lines, orgtre/top-open-subtitles-sentences), English ones: hey and wow written small,
# the cries of pain, disgust and effort (argh, ugh, ew, hmph, tsk, gah, hyah, unh), uau
_INTERJECTIONS |= {"hey", "wow", "argh", "agh", "ugh", "urgh", "ew", "hmph", "tsk", "gah"}
_INTERJECTIONS |= {"hyah", "unh", "ungh", "mwah", "hah", "ha", "aw", "uau", "guau"}
_INTERJECTIONS |= {"haha", "hehe", "hihi", "jaja", "jeje", "χαχα", "héhé"}  # laughter, twice
# (not yoo-hoo: Dutch hoo is a slip of hoor, hoe; measured)
_INTERJECTIONS |= {"bam", "hup", "oop", "wah", "nuh", "mnh"}  # nuh-uh, mnh-mnh
# Sounds subtitles write alike in every language, drawn out by repeating a letter (ahh,
# ohhh, mmm, shhh, pfff, aww; Polish yyy; Greek εεε, ααα, ωω, χμμ): a run of one letter
# stands for one.
_DRAWN_SOUNDS = frozenset(
    {"ah", "oh", "eh", "uh", "hm", "m", "sh", "pf", "uf", "aw", "ps", "br", "y", "gr", "s"}
    | {"um", "ow", "mh", "hum", "ach", "au"}  # umm, oww, mmh, humm, aach, auw
    | {"st", "pft"}  # ssst, pffft
    | {"α", "ε", "ω", "ο", "μ", "χμ"}  # Greek
)
_RUN = re.compile(r"(\w)\1+")
# One letter written three times or more and nothing else: a sound (Aaa, Eee, zzz) or a
# credit's drawing (--ooO--); no slip of the fingers leaves one letter only.
_ONE_LETTER_DRAWN = 3


# A letter three times or more where hyphens joined: a word drawn out in syllables.
_DRAWN_IN_SYLLABLES = re.compile(r"(\w)\1{2,}")


def syllables(word: str) -> Iterator[str]:
    """The word said syllable by syllable (`word`, with two hyphens or more) stands for:
    joined (mi-ra-cu-lous), and a letter drawn out over them said once or twice
    (He-e-elp, No-o-o, Go-o-od)."""
    joined = word.replace("-", "")
    yield joined
    if _DRAWN_IN_SYLLABLES.search(joined):
        yield _DRAWN_IN_SYLLABLES.sub(r"\1", joined)
        yield _DRAWN_IN_SYLLABLES.sub(r"\1\1", joined)


# A Korean given name, its two syllables joined by a hyphen as subtitles romanise them
# (Hyun-seo, Jun-shik, Tae-ju, Duk-soo, Hyo-Jin: real lines of OpenSubtitles 2018): each
# syllable an initial consonant, a vowel and a final consonant at most, as the Revised
# Romanization writes them (with the common oo, ee, ou, sh, woo, yi).
_KOREAN_SYLLABLE = re.compile(
    r"(?:kk|tt|pp|ss|jj|ch|sh|[gkndtrlmbpsjh])?"
    r"(?:yae|wae|yeo|you|woo|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|yi|[aeoui])"
    r"(?:ng|[kntlmp])?"
)


def korean_name(word: str, right: Callable[[str], bool]) -> bool:
    """Whether a capitalised word of hyphen-joined parts is a romanised Korean given name:
    every part a Korean syllable, the first not a word of the language (`right`), as a typo
    in a clitic's hyphenated form leaves it (Romanian Du-re for Du-te)."""
    parts = word.split("-")
    first = parts[0]
    if len(parts) < 2 or not first[:1].isupper() or right(first.lower()):
        return False
    return all(_KOREAN_SYLLABLE.fullmatch(part.lower()) is not None for part in parts)


def interjection(word: str) -> bool:
    """Whether a word is laughter or a like interjection (a two-letter syllable repeated),
    ok, okay, a sound drawn out (ahh, mmm, shhh, ssst; not sh or ah alone, which the
    dictionary decides; not an interjection, whose doubled letter is a slip's too: ook for
    ok, haa), or one letter said three times or more (Aaa, Ooo)."""
    lower = word.lower()
    if lower in _INTERJECTIONS or _REPEATED.fullmatch(lower) is not None:
        return True
    if len(lower) >= _ONE_LETTER_DRAWN and lower == lower[0] * len(lower):
        return True  # one letter drawn out, as a sound (Aaa, Uuu, Ooo) or in a drawing
    drawn = _RUN.sub(r"\1", lower)
    return drawn != lower and drawn in _DRAWN_SOUNDS


# The vowels Greek elides where words meet: at a word's start (ήθελες → 'θελες) and end.
# είν': είναι; 'πε, 'πα: είπε, είπα (ει dropped at the start)
_ELIDED = {"el": ("ε", "έ", "η", "ή", "α", "ά", "ο", "ό", "ι", "ί", "αι", "εί", "ει")}


def elided(word: str, before: str, after: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word written with an apostrophe for a dropped vowel (`before` or `after` it)
    is a dictionary word (`right`) with the vowel put back."""
    vowels = _ELIDED.get(lang)
    if vowels is None:
        return False
    if before and before in "'’" and any(right(v + word) for v in vowels):
        return True
    return bool(after) and after in "'’" and any(right(word + v) for v in vowels)


# Greek text typed where the keyboard or the font had no accented capital writes the tonos
# as an apostrophe before it ('Οχι, ΄Ελα, ’Ετσι: 62 of the 10,000 commonest lines of Greek
# OpenSubtitles 2018, orgtre/top-open-subtitles-sentences).
_TONOS_MARKS = "'’΄"
_ACCENTED_CAPITAL = {bare: accented for accented, bare in TONOS.items() if bare.isupper()}


def tonos_before(word: str, before: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a Greek word after an apostrophe is a dictionary word with that apostrophe
    as the accent of its capital ('Οχι: Όχι). Without the mark (Οχι) it is still a slip."""
    accented = accented_capital(word)
    return (
        lang == "el"
        and accented is not None
        and bool(before)
        and before in _TONOS_MARKS
        and right(accented)
    )


def accented_capital(word: str) -> str | None:
    """A Greek word with the accent put on its first capital (Οχι: Όχι), if it has none."""
    capital = _ACCENTED_CAPITAL.get(word[:1])
    return None if capital is None else capital + word[1:]


# Speech clipped at a word's end, an apostrophe in place of what is left unsaid, as
# subtitles write it (real lines of OpenSubtitles, hermitdave/FrequencyWords 2018: goin',
# talkin', nothin'; Spanish pa' for para, na' for nada, to' for todo): the endings put back.
_CLIPPED = {"en": ("in", ("g",)), "es": ("", ("ra", "da", "do", "d"))}


def clipped(word: str, after: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word written with an apostrophe right `after` it for its clipped end is a
    dictionary word (`right`) with the end put back (English g-dropping: goin' for going;
    Spanish pa' for para). Without the apostrophe it is a typo (goin)."""
    rule = _CLIPPED.get(lang)
    if rule is None or not after or after not in "'’":
        return False
    tail, ends = rule
    return word.endswith(tail) and any(right(word + end) for end in ends)


# Romanian drops the î of îm-, în- after a word it joins with a hyphen (e-mpotriva for e
# împotriva, să-ncep for să încep), the way Greek elides a vowel.
_ELIDED_START = {"ro": ("î", "mn")}


def elided_start(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a part after a hyphen is a dictionary word with the language's elided first
    letter put back (Romanian mpotriva in e-mpotriva: împotriva)."""
    found = _ELIDED_START.get(lang)
    return found is not None and word[:1] in found[1] and right(found[0] + word)


_CLITICS = {"es": ("me", "te", "se", "nos", "os", "lo", "la", "los", "las", "le", "les")}
_INFINITIVE = ("ar", "er", "ir")


def hosts(word: str, lang: str) -> Iterator[str]:
    """The words a rule builds `word` from, to look for a slip in (culpralos: culpra, a
    slip of culpar with a pronoun joined; displăcusee: plăcusee)."""
    for clitic in _CLITICS.get(lang, ()):
        if word.endswith(clitic) and len(word) - len(clitic) > 3:
            yield word[: -len(clitic)]
    for prefix in _PREFIXES.get(lang, ()):
        if word.startswith(prefix) and len(word) - len(prefix) >= _PREFIXED_REST:
            yield word[len(prefix) :]
    negated = _negated_rest(word, lang)
    if negated is not None:
        yield negated  # nesemanrea: semanrea, a slip of semnarea
    if lang == "el":
        verb = _greek_verb(word)
        if verb is not None:
            yield verb  # παραπάιε: πάιε, a slip of πάει
        if word[-1:] in "ηή" and len(word) >= _VOCATIVE_MIN:
            yield word + "ς"  # καριόλλη: καριόλλης, a slip of καριόλης


def enclitic(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word is an infinitive the dictionary knows with one pronoun joined to it
    (Spanish culparlos, ayudarme), or a form of a verb with one or two, and the accent the
    pronouns make it write on its stressed syllable (conéctala, ajústala, tráemelo)."""
    clitics = _CLITICS.get(lang, ())
    for clitic in clitics:
        stem = word[: -len(clitic)]
        if word.endswith(clitic) and stem.endswith(_INFINITIVE) and len(stem) > 3 and right(stem):
            return True
    lower = word.lower()
    for clitic in clitics:
        if lower.endswith(clitic) and len(lower) > len(clitic) + 1:
            stem = lower[: -len(clitic)]
            if _stressed_form(stem, right) or _imperative(stem, clitic, right):
                return True
            for second in clitics:  # tráemelo: trae + me + lo
                if stem.endswith(second) and _stressed_form(stem[: -len(second)], right):
                    return True
    return False


_STRESS_MARKS = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
_ACCENTED = {plain: marked for marked, plain in _STRESS_MARKS.items()}
# The imperatives of tú of one syllable (pon, ten, ven, sal, haz, di): a pronoun joins them
# as they are (ponme, hazlo), and their compounds lose the accent it no longer needs
# (detén → detenlo, mantén → mantenme, sostén → sostente).
_SHORT_IMPERATIVES = ("pon", "ten", "ven", "sal", "haz", "di")


def _imperative(stem: str, clitic: str, right: Callable[[str], bool]) -> bool:
    """Whether a Spanish imperative is `stem` with `clitic` joined to it: a first person
    plural, which drops its s before nos (vámonos: vamos; separémonos), an imperative of
    vosotros (cogedle), or a one-syllable imperative of tú or one of its compounds (ponme;
    detenlo: detén). Not vosotros without its d before os (sentaos: sentad): that rule took
    the slip podeos (podemos) for poded + os, measured."""
    if clitic == "nos" and _stressed_form(stem + "s", right):
        return True
    if stem.endswith(("ad", "ed", "id")) and len(stem) > 3 and right(stem):
        return True
    for short in _SHORT_IMPERATIVES:
        if stem == short:
            return True
        if stem.endswith(short) and len(stem) > len(short) + 1:
            last = stem[-2]  # the vowel of the last syllable: detén, compón
            if last in _ACCENTED and right(stem[:-2] + _ACCENTED[last] + stem[-1]):
                return True
    return False


def _stressed_form(stem: str, right: Callable[[str], bool]) -> bool:
    """Whether `stem` is a dictionary word with one acute accent added on its next-to-last
    syllable, or on its only one (conécta: conecta; dá: da)."""
    accents = [at for at, letter in enumerate(stem) if letter in _STRESS_MARKS]
    if len(accents) != 1:
        return False
    nuclei: list[list[int]] = []  # the vowels of each syllable
    for at, letter in enumerate(stem):
        if letter not in _SPANISH_VOWELS:
            continue
        joined = nuclei and nuclei[-1][-1] == at - 1
        if joined and (letter in _SPANISH_WEAK or stem[at - 1] in _SPANISH_WEAK):
            nuclei[-1].append(at)
        else:
            nuclei.append([at])
    stressed = len(nuclei) - 2 if len(nuclei) > 1 else 0
    if not nuclei or accents[0] not in nuclei[stressed]:
        return False
    at = accents[0]
    return right(stem[:at] + _STRESS_MARKS[stem[at]] + stem[at + 1 :])


# Greek writes the o of a foreign name with omicron or omega (Βοστόνη, Βοστώνη; Λονδίνο);
# no key of the Greek keyboard lies beside the other (ο on o, ω on v).
_OMEGA = {"ο": "ω", "ω": "ο", "ό": "ώ", "ώ": "ό"}


def transliterated(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a capitalised Greek word is a name the dictionary knows (only capitalised)
    with one of its o sounds written the other way (omicron for omega or back)."""
    if lang != "el" or not (word[:1].isupper() and word[1:].islower()):
        return False
    for at, letter in enumerate(word):
        other = _OMEGA.get(letter.lower())
        if other is None:
            continue
        if at == 0:
            other = other.upper()
        name = word[:at] + other + word[at + 1 :]
        if right(name) and not right(name.lower()):
            return True
    return False


def genitive(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a capitalised Greek word is the genitive (-ας, -ης) of a feminine name the
    dictionary knows only in the nominative (Λισαβόνα, της Λισαβόνας; Ηγουμενίτσας), or
    the accusative or genitive of a masculine one, which drop its last ς (ο Μισισιπής,
    στο Μισισιπή)."""
    if lang != "el" or not word[:1].isupper() or len(word) < 4:
        return False
    if not word.endswith("ς"):
        name = word + "ς"
        return right(name) and not right(name.lower())
    name = word[:-1]
    return word.endswith(("ας", "ης")) and right(name) and not right(name.lower())


# Prefixes a language puts on any verb or adjective, of three letters or more (Romanian
# displăcea: dis + plăcea); its dictionary lists the prefixed word in some forms only
# (displăcea, not displăcuse). Two-letter ones (ne-, re-) make too many words by chance.
_PREFIXES = {"ro": ("dis", "des", "dez", "răs", "pre", "sub", "anti", "auto", "contra", "supra")}
_PREFIXED_REST = 6  # letters of the word after the prefix (not pre + tenii: prietenii)
# Romanian negates a noun made of a verb with ne- (neatribuirea, nesemnarea, neprezentarea
# ofertei: the EU's procurement texts); a longer noun after it, as ne- is short
_NEGATED = {"ro": ("ne", 8)}


# A two-letter prefix, read where no slip explains the word (the caller asks): Spanish
# re- on any verb (recalcula: the eForms labels; reescalas: 3b1b's captions), which the
# dictionary lists with a few verbs only
_LOOSE_PREFIXES = {"es": ("re",)}


def loose_prefixed(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word is one of the language's short prefixes on a dictionary word of six
    letters or more; a slip makes such words by chance too, so the caller takes it only for
    a word no slip turns into a dictionary word (`spell_dict.Speller.one_slip`)."""
    for prefix in _LOOSE_PREFIXES.get(lang, ()):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= _PREFIXED_REST and right(rest):
            return True
    return False


def prefixed(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word is one of the language's prefixes on a dictionary word (displăcuse,
    neatribuirea)."""
    for prefix in _PREFIXES.get(lang, ()):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= _PREFIXED_REST and right(rest):
            return True
    negated = _negated_rest(word.lower(), lang)
    return negated is not None and right(negated)


def _negated_rest(word: str, lang: str) -> str | None:
    """The word after the language's negating prefix, when long enough (neatribuirea:
    atribuirea); None when there is none."""
    negated = _NEGATED.get(lang)
    if negated is None:
        return None
    prefix, shortest = negated
    rest = word[len(prefix) :]
    return rest if word.startswith(prefix) and len(rest) >= shortest else None


# Rioplatense Spanish (voseo) stresses the present's last syllable: podés for puedes, querés;
# the dictionary lists the regular ones (pensás, comés, vivís) but not a changed stem. Its
# present subjunctive does the same with the other vowel (confiés: confiar; comás: comer).
_VOSEO = {"ás": ("ar", "er", "ir"), "és": ("er", "ar"), "ís": ("ir",)}


def voseo(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a Spanish word is the voseo present, indicative or subjunctive, of a
    dictionary infinitive (podés, confiés)."""
    if lang != "es" or len(word) < 5:
        return False
    stem = word[:-2].lower()
    return any(right(stem + infinitive) for infinitive in _VOSEO.get(word[-2:].lower(), ()))


# European Portuguese makes the feminine of a noun in -o with -a and of one in -ão with -ã,
# and the pt_PT dictionary lacks some (notária, náufraga, cirurgiã; adjudicatária, the
# contractor a procurement awards: treebank and glossary lines).
_FEMININE = {"pt-PT": (("a", "o"), ("as", "o"), ("ã", "ão"), ("ãs", "ão"))}
# Letters of the word at least: a short word in -as is often a slip of a verb form in -os
# (demas for demais: demos; measured on the Tatoeba lines, subtitle-like recall 0.981).
_FEMININE_MIN = 7


def feminine(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word is the feminine of a noun the dictionary (`right`) has only in the
    masculine (Portuguese notária: notário)."""
    if len(word) < _FEMININE_MIN:
        return False
    lower = word.lower()
    return any(
        lower.endswith(end) and right(lower[: -len(end)] + masculine)
        for end, masculine in _FEMININE.get(lang, ())
    )


# Diminutives the pt_PT dictionary lists only in part (calminha, prontinho: real subtitles'):
# -inho, -inha for the base's last vowel (calm-a, pront-o). Spanish: spanish_diminutive.
_DIMINUTIVE = {"pt-PT": ("inho", "inha", "inhos", "inhas")}
_DIMINUTIVE_STEM = 4  # letters of the base before its vowel (calm-a)
_SPELT_BEFORE_I = {"qu": "c", "gu": "g"}  # pouquinho: pouco, amiguinho: amigo


def diminutive(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a word is the diminutive of a dictionary word (calminha: calma)."""
    for ending in _DIMINUTIVE.get(lang, ()):
        if not word.endswith(ending) or len(word) - len(ending) < _DIMINUTIVE_STEM:
            continue
        stem = word[: -len(ending)]
        plural = "s" if ending.endswith("s") else ""
        for before_i, base in _SPELT_BEFORE_I.items():
            if stem.endswith(before_i):
                stem = stem[: -len(before_i)] + base
        if any(right(stem + vowel + plural) for vowel in "oae"):
            return True
    return False


# Spanish makes a diminutive of almost any noun or adjective and a superlative of almost any
# adjective, and the es dictionary lists only the common ones (gatito, bebita, solito,
# bellísimo: real OpenSubtitles 2018 lines): -ito, -illo after the base's last vowel dropped
# (gat-o, beb-é) or after a consonant (papel-ito), -cito after n, r, e (amor-cito,
# madre-cita), -ísimo for the last vowel (bell-o), and the augmentatives -azo, -ón, -ote in
# the same place (carr-azo, perr-ón: Tatoeba's ¡Qué carrazo!, ¡Qué perrón!; grand-ote). c,
# g, z are spelt qu, gu, c before i (poquito: poco, amiguito: amigo, tacita: taza). Such a
# word is also where a slip of a word in -ito, -utos lands (minitos: minutos) or a word
# with its accent left off (Bogota: boga + -ota), so spelling._right takes it only when it
# is no slip of the hand of a word subtitles write often and no accent makes it a word.
_SPANISH_SMALL = ("ito", "ita", "itos", "itas", "illo", "illa", "illos", "illas")
_SPANISH_MOST = ("ísimo", "ísima", "ísimos", "ísimas")
_SPANISH_BIG = (
    *("azo", "aza", "azos", "azas", "ón", "ona", "ones", "onas"),
    *("ote", "ota", "otes", "otas"),  # grand-ote, boc-ota (the DLE lists grandote)
)
_SPANISH_STEM = 2  # letters of the base before its vowel (gat-o, os-o: osito; al-a: alitas)
_SPANISH_BEFORE_I = {"qu": "c", "gu": "g", "c": "z"}


def spanish_diminutive(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a Spanish word is the diminutive, the augmentative or the superlative of a
    dictionary word (gatito: gato; amorcito: amor; carrazo: carro; bellísimo: bello)."""
    if lang != "es" or not word[1:].islower():
        return False
    word = word.lower()  # first in its sentence: Gatito
    for ending in _SPANISH_SMALL + _SPANISH_MOST + _SPANISH_BIG:
        if not word.endswith(ending) or len(word) - len(ending) < _SPANISH_STEM:
            continue
        stem = word[: -len(ending)]
        plural = "s" if ending.endswith("s") else ""
        stems = [stem]
        for before_i, base in _SPANISH_BEFORE_I.items():
            if stem.endswith(before_i):
                stems.append(stem[: -len(before_i)] + base)
        if ending in _SPANISH_SMALL and stem.endswith("c") and stem[-2:-1] in "nre":
            stems.append(stem[:-1])  # amor-cito, madre-cita: the base whole
        for base in stems:
            if any(right(base + vowel + plural) for vowel in ("o", "a", "e", "é", "")):
                return True
    return False


# Greek joins a pronoun to an imperative whose last e it drops (δώσε το: δώστο, πάρτο,
# κάντο; colloquial, and the commonest way real subtitles write it), and calls a man by a
# noun in -ης with -α (κυβερνήτη → κυβερνήτα, γερουσιαστής → γερουσιαστά), and the same
# noun's other cases with -η (καριόλης → καριόλη, χοντρούλης → χοντρούλη: the dictionary
# lists some such nouns in the nominative only). Speech puts ξανα- (again) and παρα- (too
# much) before any verb (ξαναπέστο, παραπάει), ξανά- eliding the verb's first ε
# (ξανάρθω: ξανά + έρθω).
_JOINED_PRONOUNS = ("το", "τα", "τον", "την", "τους")
# the consonants such an imperative ends in once it drops its e (δώσ-, κάν-, πάρ-, βγάλ-,
# κόψ-, δείξ-); not τ: απόλυττο, τίποττα are slips (απόλυτο, τίποτα), measured
_IMPERATIVE_ENDS = "σνρλψξ"
_GREEK_VOCATIVE = {"α": "ης", "ά": "ής", "η": "ης", "ή": "ής"}
_VOCATIVE_MIN = 7  # letters: Πράτα (a slip of Πάρτα) is no vocative of Πράτης
_GREEK_PREFIXES = ("ξανα", "παρα")
_PREFIXED_VERB = 4  # letters of the verb after ξανα-, παρα- (παρα + πάει)


def _greek_verb(word: str) -> str | None:
    """The verb after ξανα- or παρα- (small letters), when long enough; None otherwise."""
    rest = word[len(_GREEK_PREFIXES[0]) :]
    return rest if word.startswith(_GREEK_PREFIXES) and len(rest) >= _PREFIXED_VERB else None


def accent_moved(word: str, right: Callable[[str], bool]) -> bool:
    """Whether a Greek word with its accent on another small vowel is a dictionary word
    (παρακάλω: παρακαλώ; τροποποίησεων: τροποποιήσεων)."""
    bare = "".join(TONOS.get(letter, letter) for letter in word)
    return any(
        right(bare[:at] + accented + bare[at + 1 :])
        for accented, plain in TONOS.items()
        if plain.islower()
        for at in range(len(bare))
        if bare[at] == plain and bare[:at] + accented + bare[at + 1 :] != word
    )


def greek_spoken(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a Greek word is an imperative with a pronoun joined (Δώστο: Δώσε + το),
    the vocative or another case of a masculine noun in -ης (Κυβερνήτα, καριόλη), or a
    verb after ξανα-, παρα- (παραπάει, ξανάρθω)."""
    if lang != "el":
        return False
    lower = word.lower()
    verb = _greek_verb(lower)  # not παρακάλω, an accent's slip on παρακαλώ (κάλω is a verb)
    if verb is not None and not accent_moved(lower, right) and right(verb):
        return True
    if lower.startswith("ξανά") and len(lower) > _PREFIXED_VERB + 2 and right("έ" + lower[4:]):
        return True  # ξανάρθω: έρθω
    for pronoun in _JOINED_PRONOUNS:
        head = word[: -len(pronoun)]
        last = head[-1:]
        if word.endswith(pronoun) and last and last in _IMPERATIVE_ENDS and right(head + "ε"):
            return True
    ending = _GREEK_VOCATIVE.get(word[-1:])
    return ending is not None and len(word) >= _VOCATIVE_MIN and right(word[:-1] + ending)


# Basque asks whether with -(e)nentz on a verb's relative form: den → denentz, diren →
# direnentz (etorriko denentz, "whether he will come"), which Xuxen does not list.
def whether(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a Basque word is a relative verb form (in -n) with -entz (denentz)."""
    if lang != "eu" or not word.endswith("nentz") or len(word) < 7:
        return False
    return right(word[:-4])


_VOWELS = frozenset("aeiouy")
# One Basque case on a name, no more (Tomi, Tomek, Tomekin, Maryren): what a name that is
# also a common English word (Tom: tom) may take; Irk+eiko is a slip of Irekiko.
CASES_ON_NAMES = frozenset(
    (
        *("i", "ek", "en", "ekin", "entzat", "engatik", "engan", "ez", "era", "etik", "eko"),
        *("ri", "k", "ren", "rekin", "rentzat", "rengatik", "rengan", "z", "ra", "tik", "ko"),
        *("engandik", "engana", "enganaino", "eraino", "erantz", "ekiko"),
        *("rengandik", "rengana", "renganaino", "raino", "rantz", "rekiko"),
    )
)


def ending_splits(word: str, lang: str, shortest: int) -> Iterator[tuple[str, str]]:
    """The ways a word is a stem of `shortest` letters or more and one of the language's
    endings that may follow that stem as written (`fits_stem`), the longest stem first
    (Tomi: Tom + i; filmea: filme + a)."""
    from pipeline.glossary.morphology import inflection

    endings = inflection(lang).endings
    for at in range(len(word) - 1, shortest - 1, -1):
        stem, tail = word[:at], word[at:]
        if tail in endings and fits_stem(stem, tail):
            yield stem, tail


def fits_stem(stem: str, ending: str) -> bool:
    """Whether a Basque ending may follow the stem as written: after a consonant the ending
    brings a vowel (Tomi, Tomek, baseballa; not Tomk), after a vowel it brings no epenthetic
    e (Maryk, Maryren; not Maryek)."""
    if not ending:
        return True
    if stem[-1:].lower() in _VOWELS:
        return ending[0] != "e"
    return ending[0] in _VOWELS


# The accented letters each language writes itself; another accent on a name is foreign.
_OWN_ACCENTS = {
    "en": "",
    "eu": "ñü",
    "nl-BE": "éëèïöüáóíúêâô",
    "fr": "éèêëàâîïôûùüçœæÿ",
    "el": "άέήίόύώϊϋΐΰ",
    "pl": "ąćęłńóśźż",
    "pt-PT": "áàâãçéêíóôõú",
    "ro": "ăâîșțşţ",
    "es": "áéíóúñü",
}


def unaccented(word: str, name: str, lang: str) -> bool:
    """Whether `word` is the dictionary's `name` with one accent the language does not
    write left off (French Lodz for Lódz, Łódź): foreign names lose such accents; a slip
    in an accent the language writes is still a slip (Bogota in Spanish)."""
    own = _OWN_ACCENTS.get(lang)
    if own is None or len(word) != len(name):
        return False
    changed = [at for at in range(len(word)) if word[at] != name[at]]
    if len(changed) != 1:
        return False
    letter = name[changed[0]]
    if letter.lower() in own:
        return False
    return unicodedata.normalize("NFD", letter)[0] == word[changed[0]]


_PLAIN = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}


def foreign_accents(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a capitalised word is a name the dictionary knows, written with accents the
    language does not write (English Dvořák for Dvorak, José for Jose)."""
    own = _OWN_ACCENTS.get(lang)
    if own is None or not (word[:1].isupper() and word[1:].islower()):
        return False
    plain = []
    for letter in word:
        if letter.lower() in own or letter.isascii():
            plain.append(letter)
        else:
            plain.append(_PLAIN.get(letter) or unicodedata.normalize("NFD", letter)[0])
    name = "".join(plain)
    return name != word and name.isascii() and right(name) and not right(name.lower())


# English verbs cut short after an apostrophe (where've, that'll): the dictionary lists
# some joined words (who've), not all.
_ENGLISH_CLITICS = frozenset({"ve", "ll", "re"})


def after_hyphen(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a part after a hyphen or an apostrophe is right there only: one of the
    language's endings (Basque EB-ko), a word with its first letter elided (Romanian
    e-mpotriva), an English verb cut short (where've)."""
    if lang == "en" and word.lower() in _ENGLISH_CLITICS:
        return True
    return is_ending(word, lang) or elided_start(word, lang, right)


# Romanian calls a man by the vocative in -ule of a noun or adjective with its article -ul
# (nenorocitule, tâmpitule, trădătorule: real OpenSubtitles 2018 lines, the insults films
# shout); the ro dictionary lists the common ones (omule, prostule) only.
_VOCATIVE_MIN_RO = 7  # letters: not a short word with an e added (omul + e is listed)


def romanian_vocative(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a Romanian word is the vocative in -ule of a word with its article -ul
    (Nenorocitule: nenorocitul), or in -e of a noun ending in a consonant (Inspectore,
    Comisare, Căpitane: inspector, comisar, căpitan)."""
    if lang != "ro" or len(word) < _VOCATIVE_MIN_RO or not word.endswith("e"):
        return False
    if word.endswith("ule") and right(word[:-1]):
        return True
    stem = word[:-1].lower()
    return stem[-1] not in "aeiouăâîy" and right(stem)


# A prefix written with a hyphen before a word, which the language writes joined to it
# (Greek αυτο-ομοιότητα, ιδιο-βάσης for αυτοομοιότητα, ιδιοβάσης; 3Blue1Brown's Greek
# community captions): the prefix alone is no word. A dimension after a number is written
# as the end of its compound (2-διάστατο: δισδιάστατο, 3-διάστατος: τρισδιάστατος).
# Spanish and Portuguese writers hyphenate the Latin prefixes the academies join: compra
# pública pre-comercial, post-licitación, co-financiamento, sub-átomos (3Blue1Brown's
# Spanish captions), as the EU's own texts and the other languages' dictionaries do.
_LATIN_PREFIXES = frozenset(
    {"sub", "multi", "co", "ex", "super", "semi", "micro", "macro", "mini", "inter", "intra"}
    | {"extra", "neo", "pseudo", "auto", "anti", "bi", "tri", "euro", "eco", "contra"}
    | {"vice", "hiper", "ultra", "mega", "infra", "pre", "post"}
)
_HYPHEN_PREFIXES = {
    "el": frozenset({"αυτο", "ιδιο", "νεο", "αντι", "υπερ", "υπο", "ψευδο", "μετα", "μικρο"})
    | frozenset({"μακρο", "πολυ", "ημι", "μονο", "ενδο", "εξω", "ολο", "προ", "μη"}),
    "es": _LATIN_PREFIXES | {"pos", "pro"},
    "pt-PT": _LATIN_PREFIXES | {"pré", "pós", "pró"},
}
_AFTER_NUMBER = {"el": ("δισ", "τρισ", "πολυ", "μονο")}


def hyphen_prefix(part: str, lang: str) -> bool:
    """Whether the part before a hyphen is a prefix the language writes joined (αυτο-)."""
    return part.lower() in _HYPHEN_PREFIXES.get(lang, frozenset())


def after_number(part: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether a part after a number and a hyphen is the end of a compound the dictionary
    knows with a number's prefix (2-διάστατο: δισδιάστατο)."""
    return any(right(prefix + part) for prefix in _AFTER_NUMBER.get(lang, ()))


def hyphen_part(parts: list[str], at: int, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether `parts[at]` of a word joined by hyphens is right where it stands: a prefix
    the language writes joined, before a part that is right (αυτο-ομοιότητα), a
    compound's end after a number (2-διάστατο), or a part of a Portuguese future with its
    pronoun inside (dir-lhe-ia)."""
    part = parts[at]
    if lang == "pt-PT" and mesoclisis(parts, right):
        return True
    if at + 1 < len(parts) and hyphen_prefix(part, lang):
        return right(parts[at + 1])
    return at > 0 and parts[at - 1].isdigit() and after_number(part, lang, right)


# European Portuguese puts the pronoun of a future or conditional inside the verb, between
# its stem (the infinitive; dir, far, trar for dizer, fazer, trazer) and its ending:
# dir-lhe-ia (diria), far-se-á (fará), dar-te-ei (darei). Before -lo, -la, -los, -las the r
# drops and a last a, e stays stressed: fá-lo-ei (farei), amá-la-ia, di-lo-emos.
_MESOCLITICS = frozenset({"me", "te", "se", "lhe", "nos", "vos", "lhes", "mo", "ma", "to", "lho"})
_MESOCLITICS_LO = frozenset({"lo", "la", "los", "las"})
_FUTURE_ENDINGS = frozenset(
    {"ei", "ás", "á", "emos", "eis", "ão", "ia", "ias", "íamos", "íeis", "iam"}
)
_DROPPED_R = _STRESSED | {"i": "i"}  # the vowel before the dropped r (fá: far; di: dir)


def mesoclisis(parts: list[str], right: Callable[[str], bool]) -> bool:
    """Whether three hyphen-joined parts are a Portuguese future or conditional with a
    pronoun inside (dir-lhe-ia: diria; fá-lo-ei: farei)."""
    if len(parts) != 3:
        return False
    stem, pronoun, ending = (part.lower() for part in parts)
    if ending not in _FUTURE_ENDINGS or len(stem) < 2:
        return False
    if pronoun in _MESOCLITICS:
        return stem.endswith("r") and right(stem + ending)
    last = _DROPPED_R.get(stem[-1])
    if pronoun not in _MESOCLITICS_LO or last is None:
        return False
    return right(stem[:-1] + last + "r" + ending)


_JOINED_PART = 4  # letters of each part after a hyphen, at least: no clitic (Pude-l, Cară-te)


def joined(word: str, right: Callable[[str], bool]) -> bool:
    """Whether a word with hyphens is, without them, a dictionary word: a compound the
    language writes joined (infra-estrutura, semi-circunferência, bio-tecnología, e-mail),
    or one with a word said inside it (Un-fucking-believable, abso-bloody-lutely). Not when
    a part after a hyphen is short, a pronoun's place in Romanian or Portuguese (Pude-l, a
    slip of Pune-l, would be Pudel: measured on 3,000 real subtitle lines)."""
    parts = word.split("-")
    if len(parts) < 2 or any(len(part) < _JOINED_PART for part in parts[1:]):
        return False
    if right("".join(parts)):
        return True
    return len(parts) == 3 and right(parts[1]) and right(parts[0] + parts[2])


def is_ending(word: str, lang: str) -> bool:
    """Whether a word is one of the language's inflectional endings (Basque EB-ko)."""
    from pipeline.glossary.morphology import inflection
    from pipeline.glossary.normalise import fold, skeleton

    return skeleton(fold(word, lang).text) in inflection(lang).endings


def repeated_parts(word: str) -> bool:
    """Whether a hyphen joins one part said over and over (Mox-mox-mox, piou-piou, bla-bla):
    a sound. One slip changes one part, so a typo never leaves the parts the same."""
    parts = word.lower().split("-")
    return len(parts) >= 2 and len(parts[0]) >= 2 and len(set(parts)) == 1


def by_rule(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether one of the language's cheap word rules (a few look-ups each) takes a word."""
    return (
        transliterated(word, lang, right)
        or genitive(word, lang, right)
        or voseo(word, lang, right)
        or prefixed(word, lang, right)
        or foreign_accents(word, lang, right)
        or whether(word, lang, right)
        or feminine(word, lang, right)
        or diminutive(word, lang, right)
        or greek_spoken(word, lang, right)
        or romanian_vocative(word, lang, right)
    )
