"""Time-overlap alignment of a translator's cues onto the source cues."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.tracks.align import align
from pipeline.tracks.model import Cue

SOURCE = [Cue(1000, 3000, "one"), Cue(3080, 5000, "two"), Cue(6000, 8000, "three")]


def test_same_timing_places_one_to_one() -> None:
    theirs = [Cue(c.start, c.end, c.text.upper()) for c in SOURCE]
    result = align(SOURCE, theirs)
    assert {p: pl.text for p, pl in result.placements.items()} == {1: "ONE", 2: "TWO", 3: "THREE"}
    assert not result.unplaced


def test_retimed_cues_still_land_on_the_cue_they_overlap_most() -> None:
    theirs = [Cue(1400, 3300, "UN"), Cue(3400, 5600, "DEUX"), Cue(5900, 7500, "TROIS")]
    result = align(SOURCE, theirs)
    assert {p: pl.text for p, pl in result.placements.items()} == {1: "UN", 2: "DEUX", 3: "TROIS"}


def test_a_split_cue_is_joined() -> None:
    theirs = [Cue(1000, 2000, "UN-a"), Cue(2000, 3000, "UN-b"), Cue(3080, 5000, "DEUX")]
    result = align(SOURCE, theirs)
    assert result.placements[1].text == "UN-a\nUN-b"
    assert len(result.placements[1].pieces) == 2


def test_a_merged_cue_lands_on_every_source_cue_it_covers() -> None:
    theirs = [Cue(1000, 3000, "UN"), Cue(3080, 8000, "DEUX+TROIS")]
    result = align(SOURCE, theirs)
    assert result.placements[2].text == result.placements[3].text == "DEUX+TROIS"
    for position in (2, 3):
        (share,) = result.placements[position].shares
        assert share.covers == (2, 3) and share.line == 0


def test_a_merged_cue_with_a_line_per_covered_cue_is_split_by_line() -> None:
    theirs = [Cue(1000, 8000, "UN\nDEUX\nTROIS")]
    result = align(SOURCE, theirs)
    assert {p: pl.text for p, pl in result.placements.items()} == {1: "UN", 2: "DEUX", 3: "TROIS"}
    assert [pl.shares[0].line for pl in result.placements.values()] == [1, 2, 3]


def test_a_cue_that_has_its_own_translation_is_only_noted_as_spanned() -> None:
    theirs = [Cue(1000, 3000, "UN"), Cue(2000, 5000, "UN-DEUX")]
    result = align(SOURCE, theirs)
    assert result.placements[1].text == "UN"  # cue 1 keeps its own piece
    assert result.placements[2].text == "UN-DEUX"
    assert result.placements[2].also_covers == [1]


def test_cues_overlapping_nothing_are_reported() -> None:
    theirs = [Cue(0, 900, "before"), Cue(5100, 5900, "in the gap"), Cue(9000, 9500, "after")]
    result = align(SOURCE, theirs)
    assert [c.text for c in result.unplaced] == ["before", "in the gap", "after"]
    assert not result.placements


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60_000), st.integers(1, 5000)), min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 60_000), st.integers(1, 5000)), min_size=0, max_size=40),
)
def test_no_translated_cue_is_ever_lost(source_spans, their_spans) -> None:
    spans = enumerate(sorted(source_spans))
    source = [Cue(s, s + d, f"s{i}") for i, (s, d) in spans]
    theirs = [Cue(s, s + d, f"t{i}") for i, (s, d) in enumerate(their_spans)]
    result = align(source, theirs)
    placed = {id(p): p.text for pl in result.placements.values() for p in pl.pieces}
    everything = list(placed.values()) + [c.text for c in result.unplaced]
    assert sorted(everything) == sorted(c.text for c in theirs)
    for position, placement in result.placements.items():
        target = source[position - 1]
        for piece in placement.pieces:  # each piece overlaps the cue it was placed on
            assert min(piece.end, target.end) > max(piece.start, target.start)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60_000), st.integers(1, 5000)), min_size=1, max_size=40),
    st.lists(
        st.tuples(st.integers(0, 60_000), st.integers(1, 5000), st.integers(1, 4)),
        min_size=0,
        max_size=40,
    ),
)
def test_every_translated_text_lands_whole_or_line_by_line(source_spans, their_spans) -> None:
    source = [Cue(s, s + d, f"s{i}") for i, (s, d) in enumerate(sorted(source_spans))]
    theirs = [
        Cue(s, s + d, "\n".join(f"t{i}.{k}" for k in range(lines)))
        for i, (s, d, lines) in enumerate(their_spans)
    ]
    result = align(source, theirs)
    unplaced = {id(c) for c in result.unplaced}
    for cue in theirs:
        shares = [
            (position, share)
            for position, placement in sorted(result.placements.items())
            for share in placement.shares
            if share.cue is cue
        ]
        assert bool(shares) != (id(cue) in unplaced)
        if not shares:
            continue
        positions = [p for p, _ in shares]
        assert positions == list(shares[0][1].covers)  # once on each source cue it covers
        texts = [share.text for _, share in shares]
        whole = all(t == cue.text for t in texts)
        assert whole or "\n".join(texts) == cue.text
    for placement in result.placements.values():  # time order within a source cue
        starts = [(s.cue.start, s.cue.end) for s in placement.shares]
        assert starts == sorted(starts)
