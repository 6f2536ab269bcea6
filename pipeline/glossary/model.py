"""The term base: concepts, their terms per language, and each term's status."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from typing import Any, Final, Literal

from pipeline.errors import UsageError
from pipeline.languages import LANGUAGES, SOURCE

Status = Literal["preferred", "admitted", "forbidden"]
STATUSES: tuple[Status, ...] = ("preferred", "admitted", "forbidden")
# The optional fields of a term a file can leave out; what it gave is a term's `stated`.
TERM_FIELDS: frozenset[str] = frozenset(
    {"status", "variants", "exclude", "note", "needs_review", "require", "pos", "source"}
)
# The part of speech a term means in source texts (see `pipeline/glossary/sense.py`): empty
# for any, else a noun or a verb use of the word.
PARTS_OF_SPEECH: tuple[str, ...] = ("", "noun", "verb")

# What other tools call a status (TBX administrativeStatus / normativeAuthorization values,
# with the `-admn-sts` suffix and the `Term` infix removed), mapped onto ours.
_STATUS_ALIASES: dict[str, Status] = {
    "preferred": "preferred",
    "standardized": "preferred",
    "legal": "preferred",
    "regulated": "preferred",
    "approved": "preferred",
    "admitted": "admitted",
    "forbidden": "forbidden",
    "deprecated": "forbidden",
    "superseded": "forbidden",
    "notrecommended": "forbidden",
    "obsolete": "forbidden",
}


@cache
def concept_id_pattern() -> re.Pattern[str]:
    """What a concept's id may be. Compiled on first use (a run that reads the compiled
    glossary never needs it)."""
    return re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,99}$")


# XML 1.0 forbids these, spreadsheets mangle them: never part of a term. With the C1
# controls (a terminal obeys U+009B as ESC [) and the bidi controls (U+202E shows a term
# reversed, "Trojan Source"), which none of our languages needs.
# Compiled on first use (0.3-0.8 ms), for a text that is not all printable (`isprintable`
# is false for each of these characters): most terms and notes are.
@cache
def _control() -> re.Pattern[str]:
    return re.compile(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
        "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
    )


# Limits (docs/formats.md, "Limits"): the longest term in the project's glossary has 55 characters,
# the longest note 158; a CSV cell over 131,072 characters cannot even be read back.
MAX_TERM_CHARS = 200
MAX_NOTE_CHARS = 2000


def parse_status(value: str) -> Status | None:
    """Our status for any spelling of it (`deprecatedTerm-admn-sts` → forbidden), or None."""
    key = value.strip().lower().removesuffix("-admn-sts").replace("term", "").replace("-", "")
    key = key.replace("_", "").replace(" ", "")
    return _STATUS_ALIASES.get(key)


def clean_text(value: str) -> str:
    """A term as stored: NFC, outer spaces trimmed, inner runs of spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def clean_note(value: str) -> str:
    """A note as stored: one line of NFC text without control characters."""
    if value.isprintable():  # none of them (all are unprintable): most notes
        return clean_text(value)
    return clean_text(_control().sub(" ", value))


def text_problem(value: str) -> str | None:
    """Why `value` cannot be a term, or None."""
    if not clean_text(value):
        return "empty term"
    control = None if value.isprintable() else _control().search(value)
    if control:
        kind = "bidirectional control" if control[0] > "\u0600" else "control character"
        return f"{kind} U+{ord(control[0]):04X} in term"
    if "|" in value:
        return "'|' separates variants and cannot be part of a term"
    length = len(clean_text(value))
    if length > MAX_TERM_CHARS:
        return f"a term of {length:,} characters; the limit is {MAX_TERM_CHARS}"
    return None


def note_problem(value: str) -> str | None:
    """Why `value` cannot be a note (too long), or None."""
    length = len(clean_note(value))
    if length > MAX_NOTE_CHARS:
        return f"a note of {length:,} characters; the limit is {MAX_NOTE_CHARS:,}"
    return None


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class Term:
    """One term of a concept in one language, with its status and the reviewers' notes."""

    def __init__(
        self,
        text: str,
        lang: str,
        status: Status = "preferred",
        variants: tuple[str, ...] = (),  # other written forms that count as this term
        exclude: tuple[str, ...] = (),  # phrases in which the term does not count ("a lot of")
        note: str = "",
        needs_review: bool = False,
        line: int | None = None,  # where it was read
        # Which of TERM_FIELDS the file it was read from gave (an empty CSV cell, a TBX term
        # without a status or note gives none); None: all of them (a term made in code). An
        # import updates only what its file states (pipeline/glossary/merge.py).
        stated: frozenset[str] | None = None,
        # Phrases in which the term counts even where an exclusion or its part of speech would
        # drop it ("a lot of #": # stands for any number).
        require: tuple[str, ...] = (),
        pos: str = "",  # one of PARTS_OF_SPEECH
        source: str = "",  # where the term is attested (file and key, law, page)
    ) -> None:
        self.text: Final = clean_text(text)
        self.lang: Final = lang
        self.status: Final = status
        self.variants: Final = tuple(clean_text(v) for v in variants)
        self.exclude: Final = tuple(clean_text(v) for v in exclude)
        self.note: Final = clean_note(note)
        self.needs_review: Final = needs_review
        self.line: Final = line
        self.stated: Final = stated
        self.require: Final = tuple(clean_text(v) for v in require)
        self.pos: Final = pos.strip().lower()
        self.source: Final = clean_note(source)

    @classmethod
    def remade(cls, fields: Iterable[Any]) -> Term:
        """`Term(*fields)` for the fields of a term made before, in `__init__`'s order (a
        compiled glossary's): clean already, so not cleaned again (0.9 ms a one-track run)."""
        term = cls.__new__(cls)
        vars(term).update(zip(_TERM_INIT, fields, strict=True))
        return term

    def replace(self, **changes: Any) -> Term:
        """This term with some fields changed (what `dataclasses.replace` did)."""
        fields = {name: getattr(self, name) for name in _TERM_INIT}
        return Term(**{**fields, **changes})

    def _compared(self) -> tuple[Any, ...]:
        """What equality and the hash look at: all but where it was read and what it stated."""
        return (
            self.text,
            self.lang,
            self.status,
            self.variants,
            self.exclude,
            self.note,
            self.needs_review,
            self.require,
            self.pos,
            self.source,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Term)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        return (
            f"Term(text={self.text!r}, lang={self.lang!r}, status={self.status!r}, "
            f"variants={self.variants!r}, exclude={self.exclude!r}, note={self.note!r}, "
            f"needs_review={self.needs_review!r}, require={self.require!r}, pos={self.pos!r}, "
            f"source={self.source!r})"
        )

    @property
    def approved(self) -> bool:
        """Preferred or admitted: a translation may use it."""
        return self.status != "forbidden"

    def states(self, name: str) -> bool:
        """Whether the file this term was read from gave the field `name`."""
        return self.stated is None or name in self.stated

    def label(self) -> str:
        """The term quoted, with its status when it is not the preferred one."""
        return f'"{self.text}"' if self.status == "preferred" else f'"{self.text}" ({self.status})'


_TERM_INIT = (
    "text",
    "lang",
    "status",
    "variants",
    "exclude",
    "note",
    "needs_review",
    "line",
    "stated",
    "require",
    "pos",
    "source",
)


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class Concept:
    """One concept: an id (the TBX termEntry/conceptEntry id) and its terms."""

    def __init__(
        self,
        id: str,
        terms: tuple[Term, ...] = (),
        note: str = "",
        line: int | None = None,
        note_stated: bool = True,  # see Term.stated
    ) -> None:
        self.id: Final = id
        self.terms: Final = terms
        self.note: Final = clean_note(note)
        self.line: Final = line
        self.note_stated: Final = note_stated

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Concept)
        return (self.id, self.terms, self.note) == (other.id, other.terms, other.note)

    def __hash__(self) -> int:
        return hash((self.id, self.terms, self.note))

    def __repr__(self) -> str:
        return f"Concept(id={self.id!r}, terms={self.terms!r}, note={self.note!r})"

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """Every term in `lang`."""
        return tuple(t for t in self.terms if t.lang == lang)

    def approved_in(self, lang: str) -> tuple[Term, ...]:
        """The terms a translation into `lang` may use."""
        return tuple(t for t in self.terms if t.lang == lang and t.approved)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the concept has terms in, in registry order."""
        return order_languages({t.lang for t in self.terms})

    def headword(self, lang: str = SOURCE) -> str:
        """The first approved term in `lang` (or the id), to name the concept to people."""
        approved = self.approved_in(lang)
        return approved[0].text if approved else self.id


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class TermBase:
    """A whole term base: concepts in their file order."""

    def __init__(
        self,
        concepts: tuple[Concept, ...] = (),
    ) -> None:
        self.concepts: Final = concepts

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, TermBase)
        return (self.concepts,) == (other.concepts,)

    def __hash__(self) -> int:
        return hash((self.concepts,))

    def __repr__(self) -> str:
        return f"TermBase(concepts={self.concepts!r})"

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, concept_id: str) -> Concept | None:
        """The concept with this id, or None."""
        return self._by_id.get(concept_id)

    @cached_property
    def _by_id(self) -> dict[str, Concept]:
        """Concepts by id (the first, should an id repeat): `get` is called per finding."""
        found: dict[str, Concept] = {}
        for concept in self.concepts:
            found.setdefault(concept.id, concept)
        return found

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id, or a UsageError suggesting the nearest id."""
        found = self.get(concept_id)
        if found is None:
            import difflib  # only when a name is wrong: not on the start-up path

            ids = [c.id for c in self.concepts]
            close = difflib.get_close_matches(concept_id, ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UsageError(f"no concept {concept_id!r} in the glossary{hint}")
        return found

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language with a term, in registry order."""
        return order_languages({t.lang for c in self.concepts for t in c.terms})

    def terms(self) -> Iterator[tuple[Concept, Term]]:
        """Every (concept, term) pair."""
        for concept in self.concepts:
            for term in concept.terms:
                yield concept, term


def order_languages(codes: Iterable[str]) -> tuple[str, ...]:
    """Languages in registry order (source first), unknown codes last, alphabetically."""
    known = list(LANGUAGES)
    return tuple(sorted(set(codes), key=lambda c: (known.index(c) if c in known else 99, c)))


def sort_terms(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Terms in the canonical file order: by language, then status; otherwise as given."""
    order = {lang: i for i, lang in enumerate(LANGUAGES)}
    return tuple(
        sorted(terms, key=lambda t: (order.get(t.lang, 99), t.lang, STATUSES.index(t.status)))
    )
