"""Compare a translation with its source against the glossary: missing and forbidden terms."""

from __future__ import annotations

from typing import Final, Literal

from pipeline import languages
from pipeline.glossary.matcher import Match, Matcher, resolve
from pipeline.glossary.model import Term
from pipeline.glossary.morphology import MIN_STEM, inflection
from pipeline.glossary.normalise import TOKEN, fold, fold_term

IssueKind = Literal["missing", "forbidden"]
_COMPOUND_REST = 4  # letters a compound word has past the term it begins with


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class GlossaryIssue:
    """A glossary problem in one translated text."""

    def __init__(
        self,
        kind: IssueKind,
        concept: str,
        message: str,
        start: int | None = None,  # where in the translation (forbidden terms)
        end: int | None = None,
    ) -> None:
        self.kind: Final = kind
        self.concept: Final = concept
        self.message: Final = message
        self.start: Final = start
        self.end: Final = end

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, GlossaryIssue)
        return (self.kind, self.concept, self.message, self.start, self.end) == (
            other.kind,
            other.concept,
            other.message,
            other.start,
            other.end,
        )

    def __hash__(self) -> int:
        return hash((self.kind, self.concept, self.message, self.start, self.end))

    def __repr__(self) -> str:
        return (
            f"GlossaryIssue(kind={self.kind!r}, "
            f"concept={self.concept!r}, "
            f"message={self.message!r}, "
            f"start={self.start!r}, "
            f"end={self.end!r})"
        )


def _approved_list(terms: tuple[Term, ...]) -> str:
    return " or ".join(t.label() for t in terms)


def review(
    matcher: Matcher,
    source: str,
    target: str,
    lang: str,
    source_lang: str = languages.SOURCE,
) -> list[GlossaryIssue]:
    """Glossary issues of `target` (in `lang`) as a translation of `source`.

    missing: the source mentions a concept that has approved terms in `lang`, and the
    translation uses none of them in any form (when it uses a forbidden term of that concept
    instead, only the forbidden term is reported). forbidden: the translation uses a
    forbidden term, in any form, whatever the source says.
    """
    code = resolve(lang)
    mentions: tuple[Match, ...] = ()
    if source.strip() and resolve(source_lang) != code:
        mentions = matcher.matches(source, source_lang)  # asked about once per target language
    if not mentions and not matcher.may_hold_forbidden(target, code):
        return []  # nothing to look for in the translation (most texts)
    # Each translation is asked about once: not remembered (source texts are). Its terms
    # may be split or reordered, and a term inside another concept's term counts.
    found = matcher.matches(target, code, remember=False, translation=True)
    issues: list[GlossaryIssue] = []
    reported: set[tuple[str, str]] = set()
    forbidden_concepts: set[str] = set()
    for match in found:
        if match.term.approved:
            continue
        forbidden_concepts.add(match.concept)
        if _inside_forbidden(match, found):
            continue  # the longer forbidden term is the one to report
        key = (match.concept, match.term.text)
        if key in reported:
            continue
        reported.add(key)
        issues.append(_forbidden(matcher, match, code))
    if not mentions:
        return issues
    present = {m.concept for m in found if m.term.approved}
    mentioned: dict[str, Match] = {}
    for match in mentions:
        mentioned.setdefault(match.concept, match)
    compounds = inflection(code).compounds
    words: list[str] | None = None  # the translation's folded words, once a compound may help
    for concept_id, mention in mentioned.items():
        if concept_id in present or concept_id in forbidden_concepts:
            continue
        if _fused(mention, mentions, present):
            continue
        concept = matcher.concept(concept_id)
        approved = concept.approved_in(code) if concept else ()
        if not approved:
            continue  # no approved term in this language: nothing to ask for
        if compounds:
            if words is None:
                words = TOKEN.findall(fold(target, code).text)
            if _compounded(approved, words, code):
                continue
        issues.append(
            GlossaryIssue(
                "missing",
                concept_id,
                f'the source says "{mention.text}" ({concept_id}) but the translation uses '
                f"none of its terms: {_approved_list(approved)}",
            )
        )
    return issues


def _compounded(approved: tuple[Term, ...], words: list[str], code: str) -> bool:
    """Whether a (folded) word of the translation is a compound whose first part is a one-word
    approved term: nl "concessierichtlijn" (concessions directive) uses "concessie". Only for
    a missing term: a forbidden term inside a compound is not reported (it may be another
    word's start)."""
    for term in approved:
        for form in (term.text, *term.variants):
            parts = fold_term(form, code)
            if len(parts) != 1 or len(parts[0]) <= MIN_STEM:
                continue
            head = parts[0]
            least = len(head) + _COMPOUND_REST
            if any(len(word) >= least and word.startswith(head) for word in words):
                return True
    return False


def _inside_forbidden(match: Match, found: tuple[Match, ...]) -> bool:
    """Whether a longer forbidden term of the translation holds this one."""
    return any(
        not other.term.approved
        and other.start <= match.start
        and match.end <= other.end
        and other.end - other.start > match.end - match.start
        for other in found
    )


def _fused(mention: Match, mentions: tuple[Match, ...], present: set[str]) -> bool:
    """Whether the source words of `mention` are shared with another concept's term that the
    translation uses: two terms overlapping in the source ("public procurement procedure":
    public procurement, procurement procedure) are often one phrase in the translation
    ("διαδικασία σύναψης δημόσιας σύμβασης"), which then stands for both."""
    return any(
        other.concept != mention.concept
        and other.concept in present
        and other.start < mention.end
        and mention.start < other.end
        for other in mentions
    )


def _forbidden(matcher: Matcher, match: Match, lang: str) -> GlossaryIssue:
    concept = matcher.concept(match.concept)
    approved = concept.approved_in(lang) if concept else ()
    advice = f"; use {_approved_list(approved)}" if approved else ""
    form = (
        ""
        if match.text.casefold() == match.term.text.casefold()
        else f' (a form of "{match.term.text}")'
    )
    note = f" — {match.term.note}" if match.term.note else ""
    return GlossaryIssue(
        "forbidden",
        match.concept,
        f'"{match.text}"{form} is a forbidden term for {match.concept}{advice}{note}',
        match.start,
        match.end,
    )
