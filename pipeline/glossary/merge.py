"""Merge an imported term base into ours: by concept, and within a concept by language."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.glossary.model import Concept, TermBase, order_languages, sort_terms
from pipeline.glossary.normalise import fold_term
from pipeline.languages import SOURCE


@dataclass
class MergeReport:
    """What an import changes."""

    termbase: TermBase
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # id, languages
    unchanged: list[str] = field(default_factory=list)
    matched: list[tuple[str, str]] = field(default_factory=list)  # their id -> our id


def merge(ours: TermBase, theirs: TermBase, source_language: str = SOURCE) -> MergeReport:
    """Ours with theirs merged in.

    A concept of theirs is ours when the ids are equal, or else when its approved source-
    language term is one of ours (other tools number their concepts). For such a concept,
    each language present in their file replaces ours; languages absent from their file are
    kept, so importing a file that holds only some languages never drops the others. New
    concepts are added at the end.
    """
    by_id = {c.id: c for c in ours}
    by_source: dict[tuple[str, ...], str] = {}
    for concept in ours:
        for term in concept.approved_in(source_language):
            by_source.setdefault(fold_term(term.text, source_language), concept.id)
    merged: dict[str, Concept] = dict(by_id)
    report = MergeReport(ours)
    for concept in theirs:
        target = concept.id if concept.id in by_id else None
        if target is None:
            for term in concept.approved_in(source_language):
                target = by_source.get(fold_term(term.text, source_language))
                if target is not None:
                    report.matched.append((concept.id, target))
                    break
        if target is None:
            merged[concept.id] = concept
            report.added.append(concept.id)
            continue
        old = merged[target]
        langs = concept.languages
        kept = [t for t in old.terms if t.lang not in langs]
        new = Concept(
            target, sort_terms([*kept, *concept.terms]), concept.note or old.note, old.line
        )
        if new == old:
            report.unchanged.append(target)
            continue
        changed_langs = tuple(
            lang
            for lang in order_languages({*langs, *old.languages})
            if new.terms_in(lang) != old.terms_in(lang)
        )
        merged[target] = new
        report.changed.append((target, changed_langs))
    report.termbase = TermBase(tuple(merged.values()))
    return report
