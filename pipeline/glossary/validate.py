"""Check a term base: duplicates across concepts, missing languages, unverified terms."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.errors import Diagnostic, Severity
from pipeline.glossary.matcher import Matcher
from pipeline.glossary.model import Concept, Term, TermBase, order_languages
from pipeline.glossary.normalise import fold_term
from pipeline.languages import SOURCE


def validate(
    termbase: TermBase,
    where: str,
    target_languages: Sequence[str],
    source_language: str = SOURCE,
) -> list[Diagnostic]:
    """Every problem of the term base, errors first; errors make `msm glossary validate` fail."""
    problems: list[Diagnostic] = []

    def add(severity: Severity, line: int | None, message: str, code: str) -> None:
        problems.append(Diagnostic(where, line, severity, message, code))

    owner: dict[tuple[str, tuple[str, ...], str], tuple[str, str, str]] = {}
    for concept, term in termbase.terms():
        for form in (term.text, *term.variants):
            words = fold_term(form, term.lang)
            if not words:
                add(
                    "error",
                    term.line,
                    f"{concept.id}: {form!r} ({term.lang}) has no letters to match",
                    "glossary-empty",
                )
                continue
            # A noun and a verb of one spelling are two terms (the source's sense tells them
            # apart: see sense.py); otherwise one spelling belongs to one concept, except a
            # translation's term that a reviewer admits for a second concept (official texts
            # use it for both: pt "anúncio de concurso" names the contract notice and, in
            # eForms, the call for competition); it then counts for either.
            lang, pos = term.lang, term.pos
            key = (lang, words, pos)
            others = [(lang, words, "")] if pos else [(lang, words, p) for p in ("noun", "verb")]
            first = owner.get(key) or next((owner[k] for k in others if k in owner), None)
            if first is None:
                owner[key] = (concept.id, form, term.status)
            elif first[0] != concept.id and _shared(first[2], term.status, lang, source_language):
                continue
            elif first[0] != concept.id:
                add(
                    "error",
                    term.line,
                    f'{concept.id}: "{form}" ({term.lang}) is also a term of {first[0]} '
                    f'("{first[1]}"): a text using it cannot tell the two concepts apart',
                    "glossary-duplicate",
                )
            else:
                add(
                    "error",
                    term.line,
                    f'{concept.id}: "{form}" ({term.lang}) is listed twice (as "{first[1]}")',
                    "glossary-duplicate",
                )
    project_languages = {source_language, *target_languages}
    unverified: dict[str, list[str]] = {}
    uncited: dict[str, list[str]] = {}
    for concept in termbase:
        if not concept.approved_in(source_language):
            add(
                "error",
                concept.line,
                f"{concept.id}: no approved {source_language} term, so the checks never see "
                "it in a source text",
                "glossary-no-source",
            )
        missing = [lang for lang in target_languages if not concept.approved_in(lang)]
        if missing:
            add(
                "warning",
                concept.line,
                f"{concept.id}: no approved term in {', '.join(missing)} "
                "(translations are not checked for it there)",
                "glossary-missing-language",
            )
        for term in concept.terms:
            if term.needs_review:
                unverified.setdefault(term.lang, []).append(term.text)
            if not term.source:
                uncited.setdefault(term.lang, []).append(f"{term.text} ({concept.id})")
            if term.status == "forbidden" and not term.note:
                add(
                    "warning",
                    term.line,
                    f'{concept.id}: the forbidden term "{term.text}" ({term.lang}) has no note '
                    "saying why or where from (translators see the note in the finding)",
                    "glossary-forbidden-reason",
                )
            for phrase in term.exclude:
                if not _term_inside(phrase, term):
                    add(
                        "warning",
                        term.line,
                        f'{concept.id}: the exclusion "{phrase}" does not contain "{term.text}", '
                        "so it has no effect",
                        "glossary-exclusion",
                    )
    for lang in order_languages(uncited):
        names = uncited[lang]
        add(
            "warning",
            None,
            f"{len(names)} {lang} term(s) cite no source (the `source` column): "
            + ", ".join(names),
            "glossary-uncited",
        )
    for lang in order_languages(unverified):
        names = unverified[lang]
        add(
            "warning",
            None,
            f"{len(names)} {lang} term(s) need review (unverified): {', '.join(names)}",
            "glossary-unverified",
        )
    for lang in termbase.languages:
        if lang not in project_languages:
            add(
                "warning",
                None,
                f"terms in {lang!r}, which is not a language of this project",
                "glossary-language",
            )
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(problems, key=lambda d: order[d.severity])


def _term_inside(phrase: str, term: Term) -> bool:
    """Whether the term (in any form) occurs in one of its exclusion phrases."""
    bare = Term(term.text, term.lang, variants=term.variants)
    return bool(Matcher(TermBase((Concept("x", (bare,)),))).find(phrase, term.lang))


def _shared(first: str, second: str, lang: str, source_language: str) -> bool:
    """Whether two concepts may share a term of `lang` with these statuses: in a translation's
    language, approved in both and admitted in at least one (a declared overlap)."""
    statuses = (first, second)
    return lang != source_language and "admitted" in statuses and "forbidden" not in statuses
