"""`msm glossary import` merges term by term and never loses what the file does not mention."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.storage.tbx import tbxfile

from pipeline.cli import cli
from pipeline.glossary import Matcher, load_termbase
from pipeline.glossary.csv_io import read_csv, write_csv
from pipeline.glossary.merge import MergeReport, _parts, merge, term_key
from pipeline.glossary.model import PARTS_OF_SPEECH, STATUSES, Concept, Term, TermBase, sort_terms
from pipeline.glossary.tbx import read_tbx, write_tbx, write_tbx_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "subtitles").mkdir()
    shutil.copy(ROOT / "subtitles" / "catalog.toml", tmp_path / "subtitles" / "catalog.toml")
    (tmp_path / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "procurement.csv", tmp_path / "glossary" / "procurement.csv")
    return tmp_path


def msm(project: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(project), "glossary", *args])


def toolkit_tbx(pairs: list[tuple[str, str]], target: str = "nl") -> bytes:
    """A two-language TBX written with translate-toolkit's own TBX API, as other tools do."""
    store = tbxfile(sourcelanguage="en", targetlanguage=target)
    for source, translation in pairs:
        unit = store.addsourceunit(source)
        unit.target = translation
    return bytes(store)


def test_reproduction_two_language_tbx_keeps_forbidden_terms_notes_and_exclusions(
    project: Path, tmp_path: Path
):
    glossary = project / "glossary/procurement.csv"
    before = glossary.read_text("utf-8")
    theirs = tmp_path / "en-nl.tbx"
    theirs.write_bytes(
        toolkit_tbx([("contracting authority", "aanbestedende overheid"), ("lot", "perceel")])
    )
    result = msm(project, "import", str(theirs), "--lang-map", "nl=nl-BE")
    assert result.exit_code == 0, result.output
    assert "0 term(s) added, 0 updated, 0 removed, 4 unchanged" in result.stderr
    assert "the glossary is unchanged" in result.stderr
    assert glossary.read_text("utf-8") == before
    tb = load_termbase(glossary)
    authority = tb.concept("contracting_authority")
    assert [(t.text, t.status) for t in authority.terms_in("nl-BE")] == [
        ("aanbestedende overheid", "preferred"),
        ("aanbestedende dienst", "forbidden"),
    ]
    assert authority.terms_in("nl-BE")[1].note.startswith("EU Dutch (eForms, Netherlands law)")
    [lot] = tb.concept("lot").terms_in("en")
    assert lot.exclude[:3] == ("a lot", "lots of", "lots more")
    assert lot.require == ("a lot of #",)
    found = Matcher(tb).find("We buy a lot of paper.", "en")
    assert [m.concept for m in found] == []
    assert [m.concept for m in Matcher(tb).find("Each lot is awarded.", "en")] == ["lot"]
    assert msm(project, "validate").exit_code == 0


# --- properties: hypothesis over term bases that share concepts, terms and languages -------

# Text that survives XML and our canonical form (no control characters, no '|'), and a small
# pool of real words so that generated files often name the same terms as the glossary.
TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=["Cc", "Cs", "Co", "Cn"],
        # "|" and "/" separate variants; the bidi controls are refused in a term (model.py)
        exclude_characters="|/\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069",
    ),
    min_size=1,
    max_size=12,
).filter(lambda s: s.split() and not s.strip().startswith("msm-"))
WORDS = st.one_of(
    st.sampled_from(["lot", "Lot", "tender", "perceel", "offerte", "inschrijving", "a lot"]),
    TEXT,
)
NOTES = st.one_of(st.just(""), st.sampled_from(["EU Dutch", "eForms BT-10", "[BE2]"]), TEXT)
LANGS = st.sampled_from(["en", "nl-BE", "pl", "es"])
IDS = st.sampled_from(["lot", "tender", "contracting_authority", "sme", "c-1", "c-2"])


@st.composite
def terms(draw: st.DrawFn) -> Term:
    return Term(
        draw(WORDS),
        draw(LANGS),
        draw(st.sampled_from(STATUSES)),
        tuple(draw(st.lists(WORDS, max_size=2))),
        tuple(draw(st.lists(WORDS, max_size=2))),
        draw(NOTES),
        draw(st.booleans()),
        require=tuple(draw(st.lists(WORDS, max_size=2))),
        pos=draw(st.sampled_from(PARTS_OF_SPEECH)),
        source=draw(NOTES),
    )


@st.composite
def termbases(draw: st.DrawFn) -> TermBase:
    """Concepts whose written forms (terms and variants) are unique per language."""
    concepts = []
    for concept_id in draw(st.lists(IDS, unique=True, max_size=4)):
        kept: list[Term] = []
        forms: set[tuple[str, str]] = set()
        for term in draw(st.lists(terms(), max_size=6)):
            keys = {(term.lang, f.casefold()) for f in (term.text, *term.variants)}
            if not keys & forms:
                forms |= keys
                kept.append(term)
        concepts.append(Concept(concept_id, sort_terms(kept), draw(NOTES)))
    return TermBase(tuple(concepts))


def exported(tb: TermBase, how: str) -> list[TermBase]:
    """The term base as a file of ours says it, read back (one per file)."""
    if how == "csv":
        return [read_csv(write_csv(tb))]
    if how in ("tbx2", "tbx3"):
        return [read_tbx(write_tbx(tb, 2 if how == "tbx2" else 3).encode("utf-8"))]
    return [
        read_tbx(write_tbx_language(tb, lang).encode("utf-8"))
        for lang in tb.languages
        if lang != "en"
    ]


@settings(max_examples=150, deadline=None)
@given(tb=termbases(), how=st.sampled_from(["csv", "tbx2", "tbx3", "per-language"]))
def test_import_of_an_export_is_the_identity(tb: TermBase, how: str):
    for theirs in exported(tb, how):
        report = merge(tb, theirs)
        assert report.termbase == tb
        assert [c.note for c in report.termbase] == [c.note for c in tb]
        assert report.changes == [] and report.added_concepts == []


def subset(tb: TermBase, ids: set[str], langs: set[str]) -> TermBase:
    """Some concepts of a term base, with only some of their languages."""
    return TermBase(
        tuple(
            Concept(c.id, tuple(t for t in c.terms if t.lang in langs), c.note)
            for c in tb
            if c.id in ids
        )
    )


def touched(
    ours: TermBase, theirs: TermBase, report: MergeReport
) -> dict[str, set[tuple[str, str]]]:
    """Our concepts the file names (by id or English term): the (language, term) it gives."""
    names = {c.id for c in ours}
    target = dict(report.matched)
    found: dict[str, set[tuple[str, str]]] = {}
    for concept in theirs:
        our_id = concept.id if concept.id in names else target.get(concept.id)
        base, _, digest = concept.id.rpartition(".")
        if our_id is None and base in names and len(digest) == 8:  # a per-language entry id
            our_id = base
        if our_id is not None:
            found.setdefault(our_id, set()).update(term_key(t) for t in concept.terms)
    return found


def any_import(test: Callable[..., None]) -> Callable[..., None]:
    """A property of any import: our term base, another one, the concepts and languages of it
    a file holds, and the way that file is written."""
    return settings(max_examples=200, deadline=None)(
        given(
            ours=termbases(),
            other=termbases(),
            ids=st.sets(IDS),
            langs=st.sets(LANGS, min_size=1),
            how=st.sampled_from(["csv", "tbx2", "per-language"]),
        )(test)
    )


def imported(
    ours: TermBase, other: TermBase, ids: set[str], langs: set[str], how: str
) -> Iterator[tuple[TermBase, MergeReport, dict[str, Concept], dict[str, set[tuple[str, str]]]]]:
    """Each file holding those concepts and languages of `other`, merged into `ours`: the file,
    the merge report, our concepts after it by id, and the terms of ours the file names."""
    for theirs in exported(subset(other, ids, langs), how):
        report = merge(ours, theirs)
        result = {c.id: c for c in report.termbase}
        yield theirs, report, result, touched(ours, theirs, report)


@any_import
def test_import_of_any_subset_changes_nothing_outside_it(
    ours: TermBase, other: TermBase, ids: set[str], langs: set[str], how: str
):
    """A file holding some concepts (ours or new ones), some languages, even one pair."""
    for _, report, result, named in imported(ours, other, ids, langs, how):
        assert [c.id for c in report.termbase][: len(ours)] == [c.id for c in ours]
        for concept in ours:
            after = result[concept.id]
            if concept.id not in named:
                assert after == concept and after.note == concept.note
                continue
            for term in concept.terms:
                if term_key(term) not in named[concept.id]:  # a term the file does not name
                    assert term in after.terms, (term, after.terms)


@any_import
def test_import_never_loses_a_term_status_note_or_exclusion(
    ours: TermBase, other: TermBase, ids: set[str], langs: set[str], how: str
):
    """Every (concept, language, term) stays; a status changes only to one the file states."""
    for theirs, report, result, named in imported(ours, other, ids, langs, how):
        assert report.count("remove") == 0
        stated_status = {
            (our_id, *term_key(t), t.status)
            for c in theirs
            for t in c.terms
            if t.states("status")
            for our_id in [c.id if c.id in result else dict(report.matched).get(c.id, c.id)]
        }
        for concept in ours:
            after = result[concept.id]
            now = {term_key(t): t for t in after.terms}
            for term in concept.terms:
                new = now[term_key(term)]  # the term is still there
                assert {v.casefold() for v in term.variants} <= {v.casefold() for v in new.variants}
                assert {p.casefold() for p in term.exclude} <= {p.casefold() for p in new.exclude}
                assert bool(new.note) >= bool(term.note)
                if new.status != term.status:
                    assert concept.id in named
                    assert (concept.id, *term_key(term), new.status) in stated_status
            assert set(_parts(concept.note)) <= set(_parts(after.note))


def test_import_adds_new_terms_and_concepts_and_updates_what_the_file_states(
    project: Path, tmp_path: Path
):
    glossary = project / "glossary/procurement.csv"
    theirs = tmp_path / "reviewed.tbx"
    theirs.write_text(
        """<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="lot">
    <langSet xml:lang="nl-BE">
      <tig><term>perceel</term><note>Wet 17 juni 2016 art. 2 [BE2]</note></tig>
      <tig><term>kavel</term>
        <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="t-9">
    <langSet xml:lang="en"><tig><term>tender</term></tig></langSet>
    <langSet xml:lang="nl-BE">
      <tig><term>Offerte</term>
        <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="jp">
    <note>Directive 2014/24/EU art. 38</note>
    <langSet xml:lang="en"><tig><term>joint procurement</term></tig></langSet>
    <langSet xml:lang="nl-BE"><tig><term>gezamenlijke aanbesteding</term></tig></langSet>
  </termEntry>
</body></text></martif>""",
        "utf-8",
    )
    before = glossary.read_text("utf-8")
    # Every term of the project glossary but the three the file names stays as it is.
    kept = len(list(load_termbase(glossary).terms())) - 3
    dry = msm(project, "import", str(theirs), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stderr.splitlines() == [
        "matched t-9 to tender by its English term",
        "add concept: jp",
        'update: lot nl-BE "perceel": note "" → "Wet 17 juni 2016 art. 2 [BE2]"',
        'add: lot nl-BE "kavel" (admitted)',
        'update: tender nl-BE "offerte": status preferred → admitted',
        'add: jp en "joint procurement" (preferred)',
        'add: jp nl-BE "gezamenlijke aanbesteding" (preferred)',
        "1 concept(s) added; 3 term(s) added, 2 updated, 0 removed, 1 unchanged; "
        f"{kept} not in the file kept as they are",
        "dry run: 1 file(s) would change",
    ]
    assert "+lot,nl-BE,kavel,admitted,,,,,,," in dry.stdout  # the diff of the CSV
    assert glossary.read_text("utf-8") == before
    applied = msm(project, "import", str(theirs))
    assert applied.exit_code == 0, applied.output
    tb = load_termbase(glossary)
    assert [(t.text, t.status) for t in tb.concept("tender").terms_in("nl-BE")] == [
        ("offerte", "admitted"),
        ("inschrijving", "forbidden"),  # not in the file: stays, with its note
    ]
    assert tb.concept("tender").terms_in("nl-BE")[1].note.startswith("EU Dutch for a tender")
    assert tb.concept("jp").note == "Directive 2014/24/EU art. 38"
    assert [c.id for c in tb][-1] == "jp"
    assert msm(project, "import", str(theirs)).stderr.endswith("the glossary is unchanged\n")


def test_replace_is_explicit_and_its_dry_run_shows_what_it_removes(project: Path, tmp_path: Path):
    glossary = project / "glossary/procurement.csv"
    before = glossary.read_text("utf-8")
    theirs = tmp_path / "en-nl.tbx"
    theirs.write_bytes(toolkit_tbx([("lot", "perceel")]))
    dry = msm(project, "import", str(theirs), "--lang-map", "nl=nl-BE", "--replace", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert (
        'update: lot en "lot": note "the idiom "a lot" never counts ("a lot of €200,000" does: '
        'a number follows); nor "parking lot"" → ""; source '
        '"eForms translations/business-term_en.xml business-term|name|BT-137" → ""; '
        'exclusions -"a lot" -"lots of" -"lots more" -"parking lot" -"car lot" -"vacant lot" '
        '-"LOT Polish Airlines"; forcing contexts -"a lot of #"'
    ) in dry.stderr
    assert '-"eForms BT-137"' in dry.stderr
    assert "0 term(s) added, 3 updated, 0 removed, 0 unchanged" in dry.stderr
    assert glossary.read_text("utf-8") == before
    authority = tmp_path / "authority.tbx"
    authority.write_bytes(toolkit_tbx([("contracting authority", "aanbestedende overheid")]))
    dry = msm(project, "import", str(authority), "-l", "nl=nl-BE", "--replace", "--dry-run")
    assert dry.exit_code == 2  # (the option is --lang-map)
    dry = msm(project, "import", str(authority), "--lang-map", "nl=nl-BE", "--replace", "--dry-run")
    assert 'remove: contracting_authority nl-BE "aanbestedende dienst" (forbidden, ' in dry.stderr
    assert "-contracting_authority,nl-BE,aanbestedende dienst,forbidden" in dry.stdout
    assert glossary.read_text("utf-8") == before
    applied = msm(project, "import", str(authority), "--lang-map", "nl=nl-BE", "--replace")
    assert applied.exit_code == 0, applied.output
    nl = load_termbase(glossary).concept("contracting_authority").terms_in("nl-BE")
    assert [t.text for t in nl] == ["aanbestedende overheid"]
