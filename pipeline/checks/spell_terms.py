"""The glossary's terms in a text, for the spelling check: a word inside a term the matcher
found (in any inflected form it accepts) is not reported, unless it is the term's own word
with other accents."""

from __future__ import annotations

from pipeline.checks.registry import CheckContext
from pipeline.checks.spell_words import words
from pipeline.errors import MsmError


def glossary_spans(text: str, lang: str, ctx: CheckContext) -> list[tuple[int, int, set[str]]]:
    """Where the glossary matcher finds a term (of any status) in a text of a language,
    with the skeletons of the term's own words."""
    from pipeline.checks.glossary_checks import matcher_for

    try:
        matcher = matcher_for(ctx)
    except MsmError:  # the glossary checks report an unreadable glossary
        return []
    if matcher is None:
        return []
    spans = []
    for m in matcher.matches(text, lang):
        forms = [m.term.text, *m.term.variants]
        spans.append((m.start, m.end, {w for form in forms for w, _, _ in words(form)}))
    return spans


def in_term(word: str, start: int, end: int, spans: list[tuple[int, int, set[str]]]) -> bool:
    """Whether a word lies in a glossary term the matcher found, and is not the term's own
    word with other accents (the matcher folds accents away: Greek προσφορα for προσφορά,
    Polish oferte for ofertę are misspelt, however the term matched)."""
    for a, b, own in spans:
        if a <= start and end <= b:
            lower = word.casefold()
            key = _skeleton(word)
            return not any(_skeleton(form) == key and form.casefold() != lower for form in own)
    return False


def _skeleton(word: str) -> str:
    from pipeline.glossary.normalise import fold, skeleton

    return skeleton(fold(word).text)
