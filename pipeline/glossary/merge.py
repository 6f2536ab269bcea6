"""Merge an imported term base into ours, term by term: add and update, never lose.

A concept of theirs is ours when the ids are equal (or its id is ours plus the digest a
per-language export gives a concept's further terms), or else when one of its approved
source-language terms is one of ours (other tools number their concepts, or give none). Within a
concept a term is ours when its text is, ignoring case (or when it is one of our variants).

Merging (the default) adds the terms we lack and updates ours with what the file *states*:
a status, a note, the "needs review" flag; variants and exclusions it lists are added to
ours, and so are the parts of a concept's note (definitions, sources) we lack. What the
file leaves out (a TBX term without a status or note, an empty CSV cell, a term, a language
or a concept it does not mention) stays as it is, so importing a two-language file from
another tool never drops a forbidden term, a note or an exclusion.
Replacing (`replace=True`, `msm glossary import --replace`) is the old, explicit way: for each
concept of the file, each language the file has becomes exactly what the file says (terms it
lacks are removed, fields it leaves out cleared); concepts and languages it lacks still stay.
Every change is reported, removals included, so `--dry-run` shows them before they happen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pipeline.glossary.model import Concept, Term, TermBase, sort_terms
from pipeline.glossary.normalise import fold_term
from pipeline.languages import SOURCE

ChangeKind = Literal["add", "update", "remove"]
_ENTRY_DIGEST = re.compile(r"^.+\.[0-9a-f]{8}$")  # see tbx.write_tbx_language
CONCEPT_NOTE = "*"  # the `lang` of a change to a concept's own note (as in the CSV)


@dataclass(frozen=True)
class Change:
    """One change an import makes: to a term, or (lang `*`) to a concept's note."""

    kind: ChangeKind
    concept: str
    lang: str
    term: str  # the term's text; empty for a concept note
    details: tuple[str, ...] = ()  # what changes, e.g. 'status preferred → forbidden'

    def __str__(self) -> str:
        where = (
            f"{self.concept} (concept note)"
            if self.lang == CONCEPT_NOTE
            else f'{self.concept} {self.lang} "{self.term}"'
        )
        if self.kind == "update":
            return f"update: {where}: {'; '.join(self.details)}"
        facts = f" ({', '.join(self.details)})" if self.details else ""
        return f"{self.kind}: {where}{facts}"


@dataclass
class MergeReport:
    """What an import changes, and the term base it makes."""

    termbase: TermBase
    matched: list[tuple[str, str]] = field(default_factory=list)  # their id -> our id
    added_concepts: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0  # terms the file mentions that already are as it says
    kept: int = 0  # our terms the file does not mention (left as they are)

    def count(self, kind: ChangeKind) -> int:
        """How many changes of this kind (a concept-note change counts as an update)."""
        return sum(1 for c in self.changes if c.kind == kind)

    def summary(self) -> str:
        """One line of counts: concepts added; terms added, updated, removed, unchanged."""
        concepts = f"{len(self.added_concepts)} concept(s) added; " if self.added_concepts else ""
        return (
            f"{concepts}{self.count('add')} term(s) added, {self.count('update')} updated, "
            f"{self.count('remove')} removed, {self.unchanged} unchanged; "
            f"{self.kept} not in the file kept as they are"
        )


def term_key(term: Term) -> tuple[str, str]:
    """What makes two terms of one concept the same term: language and text, any case."""
    return term.lang, term.text.casefold()


def merge(
    ours: TermBase,
    theirs: TermBase,
    source_language: str = SOURCE,
    replace: bool = False,
) -> MergeReport:
    """Ours with theirs merged in (or, with `replace`, theirs replacing what it covers)."""
    by_id = {c.id: c for c in ours}
    by_source: dict[tuple[str, ...], str] = {}

    def remember(concept: Concept) -> None:
        for term in concept.approved_in(source_language):
            words = fold_term(term.text, source_language)
            if words:  # a term without letters names nothing to match by
                by_source.setdefault(words, concept.id)

    for concept in ours:
        remember(concept)
    report = MergeReport(ours)
    # Their concepts grouped by the concept of ours they update (a file may hold one concept
    # in several entries, e.g. one per term as the per-language export writes them), so that
    # each of ours is merged once, with everything the file says of it.
    groups: dict[str, list[Concept]] = {}
    created: set[str] = set()
    for concept in theirs:
        target = concept.id if concept.id in by_id else None
        # `<id>.<digest>`: the entry of one more term of concept <id> in a per-language file.
        base = concept.id.rpartition(".")[0]
        if target is None and _ENTRY_DIGEST.match(concept.id) and base in by_id:
            target = base
        if target is None:
            for term in concept.approved_in(source_language):
                target = by_source.get(fold_term(term.text, source_language))
                if target is not None:
                    if target not in created:
                        report.matched.append((concept.id, target))
                    break
        if target is None:
            target = concept.id
            by_id[target] = Concept(target)
            created.add(target)
            remember(concept)
        groups.setdefault(target, []).append(concept)

    merged: dict[str, Concept] = {c.id: c for c in ours}
    mentioned = 0
    for target, group in groups.items():
        old = by_id[target]
        new, seen = _merge_concept(old, group, replace, report, target in created)
        mentioned += seen
        merged[target] = new
        if target in created:
            report.added_concepts.append(target)
    report.kept = sum(len(c.terms) for c in ours) - mentioned - report.count("remove")
    report.termbase = TermBase(tuple(merged.values()))
    return report


def _merge_concept(
    old: Concept, group: Sequence[Concept], replace: bool, report: MergeReport, new: bool
) -> tuple[Concept, int]:
    """One concept of ours with the file's entries for it; and how many of ours they name."""
    notes = [c.note for c in group if c.note_stated and c.note]
    # A concept's note gathers definitions, sources, remarks: a merge adds theirs to ours.
    note = (notes[0] if notes else "") if replace else _joined_notes(old.note, notes)
    if note != old.note and not new:
        report.changes.append(
            Change(
                "update",
                old.id,
                CONCEPT_NOTE,
                "",
                (_plus_minus("note", _parts(old.note), _parts(note)),),
            )
        )
    theirs = _combine(t for c in group for t in c.terms)
    index = {term_key(t): i for i, t in enumerate(old.terms)}
    variant_of = {(t.lang, v.casefold()): i for i, t in enumerate(old.terms) for v in t.variants}
    updated: dict[int, Term] = {}
    added: list[Term] = []
    mentions: list[tuple[int, str]] = []  # (our term, one of its variants the file lists)
    for term in theirs:
        key = term_key(term)
        if key in index:
            updated[index[key]] = _updated(old.terms[index[key]], term, replace)
        elif key in variant_of:
            mentions.append((variant_of[key], term.text))
        else:
            added.append(term.replace(line=None, stated=None))
    for i, variant in mentions:
        term = updated.get(i, old.terms[i])
        if variant.casefold() not in {v.casefold() for v in term.variants}:
            term = term.replace(variants=(*term.variants, variant))
        updated[i] = term
    languages = {t.lang for t in theirs}
    result: list[Term] = []
    for i, term in enumerate(old.terms):
        if i in updated:
            details = _differences(term, updated[i])
            if details:
                report.changes.append(Change("update", old.id, term.lang, term.text, details))
            else:
                report.unchanged += 1
            result.append(updated[i])
        elif replace and term.lang in languages:
            report.changes.append(Change("remove", old.id, term.lang, term.text, _facts(term)))
        else:
            result.append(term)
    for term in added:
        report.changes.append(Change("add", old.id, term.lang, term.text, _facts(term)))
    return Concept(old.id, sort_terms([*result, *added]), note, old.line), len(updated)


def _combine(terms: Iterable[Term]) -> list[Term]:
    """The file's terms with repeats of one term (same language and text) made one."""
    found: dict[tuple[str, str], Term] = {}
    for term in terms:
        key = term_key(term)
        first = found.get(key)
        if first is None:
            found[key] = term
            continue
        both = None if first.stated is None or term.stated is None else first.stated | term.stated
        found[key] = _updated(first, term, replace=False).replace(stated=both)
    return list(found.values())


def _updated(ours: Term, theirs: Term, replace: bool) -> Term:
    """Our term with what theirs states (merge), or as theirs says (replace); our spelling."""

    def given(name: str) -> bool:
        return replace or theirs.states(name)

    return Term(
        ours.text,
        ours.lang,
        theirs.status if given("status") else ours.status,
        _phrases(ours.variants, theirs.variants, given("variants"), replace),
        _phrases(ours.exclude, theirs.exclude, given("exclude"), replace),
        theirs.note if replace or (theirs.states("note") and theirs.note) else ours.note,
        theirs.needs_review if given("needs_review") else ours.needs_review,
        ours.line,
        require=_phrases(ours.require, theirs.require, given("require"), replace),
        pos=theirs.pos if replace or (theirs.states("pos") and theirs.pos) else ours.pos,
        source=(
            theirs.source if replace or (theirs.states("source") and theirs.source) else ours.source
        ),
    )


def _phrases(
    ours: tuple[str, ...], theirs: tuple[str, ...], given: bool, replace: bool
) -> tuple[str, ...]:
    """Variants or exclusions after an import: theirs (replace), or ours plus theirs (merge)."""
    if not given:
        return ours
    result: list[str] = [] if replace else list(ours)
    seen = {p.casefold() for p in result}
    for phrase in theirs:
        if phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            result.append(phrase)
    return tuple(result)


def _differences(old: Term, new: Term) -> tuple[str, ...]:
    """What changed between two versions of a term, one phrase per field."""
    details: list[str] = []
    if old.status != new.status:
        details.append(f"status {old.status} → {new.status}")
    if old.note != new.note:
        details.append(_was("note", old.note, new.note))
    if old.needs_review != new.needs_review:
        details.append("needs review " + ("yes → no" if old.needs_review else "no → yes"))
    if old.pos != new.pos:
        details.append(_was("pos", old.pos, new.pos))
    if old.source != new.source:
        details.append(_was("source", old.source, new.source))
    for name, label in (
        ("variants", "variants"),
        ("exclude", "exclusions"),
        ("require", "forcing contexts"),
    ):
        before: tuple[str, ...] = getattr(old, name)
        after: tuple[str, ...] = getattr(new, name)
        if before != after:
            details.append(_plus_minus(label, before, after))
    return tuple(details)


def _plus_minus(label: str, before: Sequence[str], after: Sequence[str]) -> str:
    """'exclusions +"a lot" -"lots"': the phrases a list gains and loses."""
    plus = [f'+"{p}"' for p in after if p not in before]
    minus = [f'-"{p}"' for p in before if p not in after]
    return f"{label} {' '.join(plus + minus) or '(reordered)'}"


def _parts(note: str) -> list[str]:
    return [p.strip() for p in note.split(" / ") if p.strip()]


def _joined_notes(ours: str, theirs: Sequence[str]) -> str:
    """Our concept note, with the ' / '-separated parts of theirs it lacks added."""
    parts = _parts(ours)
    seen = {p.casefold() for p in parts}
    added: list[str] = []
    for note in theirs:
        for part in _parts(note):
            if part.casefold() not in seen:
                seen.add(part.casefold())
                added.append(part)
    return " / ".join([ours, *added]) if ours and added else ours or " / ".join(added)


def _was(name: str, old: str, new: str) -> str:
    return f'{name} "{old}" → "{new}"'


def _facts(term: Term) -> tuple[str, ...]:
    """A term's status and what it carries, for the report of an added or removed term."""
    facts: list[str] = [term.status]
    if term.needs_review:
        facts.append("needs review")
    if term.variants:
        facts.append(f"{len(term.variants)} variant(s)")
    if term.exclude:
        facts.append(f"{len(term.exclude)} exclusion(s)")
    if term.require:
        facts.append(f"{len(term.require)} forcing context(s)")
    if term.pos:
        facts.append(term.pos)
    if term.source:
        facts.append("with a source")
    if term.note:
        facts.append("with a note")
    return tuple(facts)
