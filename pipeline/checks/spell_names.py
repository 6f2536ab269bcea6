"""Names the dictionary lacks: a capitalised word beside a name no dictionary lists is part
of it; a capitalised word inside its sentence that no slip of the fingers explains is one."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from pipeline.checks.spell_scripts import JOINS
from pipeline.checks.spell_slips import left_out, typing_slip, undone

_SENTENCE_END = ".!?…:"
_OPENING = " \t\n\"'“”„«»‘’¡¿-–—([*#♪"
_SPACE = " \t\n([{¡¿*#♪"
_QUOTE_OR_DASH = "\"'“”„«»‘’‚‹›-–—"


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of its sentence (or of the text)."""
    before = text[:start].rstrip(_OPENING)
    return not before or before[-1] in _SENTENCE_END


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of its sentence, of the text, or of what a
    dialogue dash or a quotation mark opens (“Helo, he said”): its place may capitalise it."""
    before = text[:start].rstrip(_SPACE)
    return not before or before[-1] in _SENTENCE_END or before[-1] in _QUOTE_OR_DASH


def mid_sentence_name(
    word: str,
    start: int,
    text: str,
    right: Callable[[str], bool],
    suggestions: Callable[[str], list[str]],
) -> bool:
    """Whether a capitalised word inside its sentence (where only being a name capitalises
    it) is a name, though one slip of a dictionary word explains it (Κλαρίσα: κλαρίνα).

    Not when a sentence, a dash or a quote opens with it (Κλαρίσα, είσαι;); nor when it is
    a slip of the fingers on a word (a swap, an accent, a doubled letter, the key beside:
    Presidemt, Αγγλικκά, Biston for Boston, whatever the scan suggests first); nor a name
    the dictionary knows (a suggestion it has only capitalised) with a letter left out
    (Ελάδα for Ελλάδα); nor a Greek word with two accents, which Greek never writes
    (Γουλιύέλμος). A name of parts joined by a hyphen or an apostrophe is one when each
    part the dictionary lacks is (à Pleumeur-Bodou, la gare d'Inari).

    Not counted: a letter left out of a lowercase word, since a name one letter short of a
    word (Ist, Zoua, Van Alebeek) is commoner here than that typo (measured: with it,
    treebank recall 0.977–0.993 → 0.990–1.000, false alarms +7 in five languages); and any
    other edit of a known name (a letter added, or put for one whose key is far), since
    names one letter from another are common (Sterry: Terry; Greek film subtitles' Τζέικ,
    Κάιλ for Jake, Kyle: Τζέιν, Κάιν). Measured on the treebanks: false alarms per 200
    lower in seven languages (nl-BE 9.33 → 4.00, eu 17.33 → 13.33), keyboard-typo recall
    the same but in Greek (0.977 → 0.973), typos planted at random missed more where they
    fall in a name (recall 0.96–0.99 → 0.94–0.98); treebank recall was 0.927 in Greek
    without the slips of the fingers."""
    if opens_sentence(text, start):
        return False
    parts = [part for part in JOINS.split(word) if len(part) > 1]
    if len(parts) > 1:
        parts = [part for part in parts if not right(part)]
    return bool(parts) and all(_name_part(part, right, suggestions) for part in parts)


def _name_part(
    word: str, right: Callable[[str], bool], suggestions: Callable[[str], list[str]]
) -> bool:
    """Whether a capitalised word is a name by its slips (see mid_sentence_name)."""
    if not (_title(word) and word.isalpha()):
        return False
    if two_accents(word):
        return False
    if any(
        typing_slip(word, near) or (not right(near.lower()) and left_out(word, near))
        for near in suggestions(word)
    ):
        return False
    return not any(right(near) for near in undone(word))


def two_accents(word: str) -> bool:
    """Whether a word has two Greek accents: one a name never has, which only an enclitic
    after a word brings (Έλεγξέ το) and which is otherwise a slip (Γουλιύέλμος, Έλγεξέ)."""
    from pipeline.checks.spell_rules import GREEK_ACCENTED

    return sum(letter in GREEK_ACCENTED for letter in word) > 1


def opening_name(
    word: str,
    start: int,
    text: str,
    right: Callable[[str], bool],
    suggestions: Callable[[str], list[str]],
    common: Callable[[str], bool],
) -> bool:
    """Whether a capitalised word that opens its sentence, or stands alone in its line, is a
    name (“¡Mikaela!”, “Jovan, mon fils !”): its place capitalises it anyway, so it must be
    no slip of the hand on any dictionary word the scan suggests (`mid_sentence_name`'s
    test, and no letter left out of a word either: Roz for Roza), and none of those words
    may be one the language's subtitles write most (`common`; spell_common): a typo is made
    on the words people say (Contestwa: contesta), a name is mostly one slip from a rare
    word (Micaela, Serpigo). Measured on 3,000 real subtitle lines a language, one-word
    lines among them: keyboard-typo recall the same in eight languages, 0.001 lower in
    French; of the typos planted at random, 0–6 more missed a language (of 2,500–2,900);
    on the treebanks' news sentences, whose words are not the subtitles', 6 more of 300
    in Basque. A word alone in its line may be a slip of the fingers on rare names only
    (`_slip_of_names`: Lyssa!, Liide.): 3 false alarms fewer on the 3,000 Basque lines, none
    elsewhere, no planted typo newly missed there nor on the treebank, Tatoeba and subtitle
    sets."""
    if not opens_sentence(text, start):
        return False
    if not _name_part(word, right, suggestions) and not (
        alone_in_line(word, start, text) and _slip_of_names(word, right, suggestions, common)
    ):
        return False
    return not any(left_out(word, near) or common(near) for near in suggestions(word))


def alone_in_line(word: str, start: int, text: str) -> bool:
    """Whether the word at `start` is all its line says (Lyssa!, “Asami.”, - Liide?)."""
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    line = text[begin : len(text) if end < 0 else end]
    return not any(ch.isalnum() for ch in line.replace(word, "", 1))


def _slip_of_names(
    word: str,
    right: Callable[[str], bool],
    suggestions: Callable[[str], list[str]],
    common: Callable[[str], bool],
) -> bool:
    """Whether every dictionary word one slip of the fingers from a capitalised word is a
    rare name (Lysa for Lyssa, Lide for Liide, Adami for Asami): a word the dictionary
    knows only capitalised and that the subtitles do not write often (`common`). Called out
    alone, as a line of its own, such a word is another name, not a typo of that one."""
    if not (_title(word) and word.isalpha()) or two_accents(word):
        return False
    near = [*suggestions(word), *(other for other in undone(word) if right(other))]
    return all(not right(other.lower()) and not common(other) for other in near)


def _title(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


def in_full_name(
    at: int, tokens: list[tuple[str, int, int]], text: str, unlisted_name: Callable[[str], bool]
) -> bool:
    """Whether the capitalised word `tokens[at]` stands beside a name (one space between)
    that no dictionary lists and the check took for one (`unlisted_name`): two words of one
    full name (Ryck Vernaut, Quintilius Varus, Toki Pona), the word a slip of some name only
    by chance. Not the first word of a sentence, which its place capitalises (Ieeri Betty:
    a slip of Ieri)."""
    word, start, _ = tokens[at]
    if not _title(word) or starts_sentence(text, start):
        return False
    return any(_title(name) and unlisted_name(name) for name, _, _ in neighbours(tokens, at, text))


def neighbours(
    tokens: Sequence[tuple[str, int, int]], at: int, text: str
) -> Iterator[tuple[str, int, int]]:
    """The words right before and right after `tokens[at]` with one space between."""
    _, start, end = tokens[at]
    if at > 0 and text[tokens[at - 1][2] : start] == " ":
        yield tokens[at - 1]
    if at + 1 < len(tokens) and text[end : tokens[at + 1][1]] == " ":
        yield tokens[at + 1]
