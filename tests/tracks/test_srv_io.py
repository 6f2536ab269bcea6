"""YouTube's timed-text XML (srv1, srv2, srv3) read into cues."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt, parse_srt
from pipeline.tracks.srv_io import parse_srv

SRV1 = """<?xml version="1.0" encoding="utf-8" ?><transcript>
<text start="0.5" dur="1.25">Lots &amp;amp; lots</text>
<text start="2" dur="1">It&amp;#39;s fine</text>
</transcript>"""

SRV2 = """<?xml version="1.0" encoding="utf-8" ?><timedtext>
<text t="500" d="1250">Lots &amp; lots</text>
<text t="2000" d="1000">Two
lines</text>
</timedtext>"""

# Automatic srv3: words in <s> spans, empty paragraphs that hold a line, rolling lines.
SRV3_ROLLING = """<?xml version="1.0" encoding="utf-8" ?><timedtext format="3">
<body>
<p t="0" d="2000" w="1"><s>public</s><s t="300"> procurement</s></p>
<p t="1990" d="10" a="1"></p>
<p t="2000" d="2000">public procurement
<s>cities</s><s t="200"> buy</s></p>
</body></timedtext>"""


def texts(result):
    return [(c.start, c.end, c.text) for c in result.cues]


def test_srv1_seconds_and_double_escaped_entities():
    assert texts(parse_srv(SRV1)) == [(500, 1750, "Lots & lots"), (2000, 3000, "It's fine")]


def test_srv2_milliseconds_and_line_breaks():
    assert texts(parse_srv(SRV2)) == [(500, 1750, "Lots & lots"), (2000, 3000, "Two\nlines")]


def test_srv3_rolling_lines_are_kept_once_and_cues_do_not_overlap():
    assert texts(parse_srv(SRV3_ROLLING)) == [
        (0, 2000, "public procurement"),
        (2000, 4000, "cities buy"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<timedtext><body>", "not valid timed-text XML"),
        ("<html><body>no</body></html>", "unknown timed-text document <html>"),
        ("<timedtext><body></body></timedtext>", "no captions"),
        (
            '<!DOCTYPE t [<!ENTITY a "aaaa">]><timedtext><body><p t="0" d="1">&a;</p></body>'
            "</timedtext>",
            "DOCTYPE or ENTITY is not accepted",
        ),
    ],
)
def test_bad_documents_are_rejected_with_a_reason(text, message):
    with pytest.raises(InputError, match=message):
        parse_srv(text, "x.srv3")


cue_text = st.one_of(
    st.sampled_from(["Lots &amp; lots", "<i>not a tag</i>", "5 > 3 & 2 < 4", "Μέρος 1"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
).filter(lambda s: s.strip() == s and s.strip() and "-->" not in s)


@given(
    st.lists(
        st.tuples(st.integers(0, 5000), cue_text), min_size=1, max_size=8, unique_by=lambda x: x[1]
    )
)
def test_srv2_round_trip_through_srt(items):
    """Whatever srv2 says (distinct lines, any order of lengths) comes out as the same SRT cues."""
    from xml.sax.saxutils import escape

    start = 0
    cues = []
    body = []
    for duration, text in items:
        duration = duration + 1
        cues.append(Cue(start, start + duration, text, len(cues) + 1))
        body.append(f'<text t="{start}" d="{duration}">{escape(text)}</text>')
        start += duration
    result = parse_srv("<timedtext>" + "".join(body) + "</timedtext>")
    assert [(c.start, c.end, c.text) for c in result.cues] == [
        (c.start, c.end, c.text) for c in cues
    ]
    again = parse_srt(compose_srt(result.cues))
    assert [(c.start, c.end, c.text) for c in again.cues] == [
        (c.start, c.end, c.text) for c in cues
    ]
