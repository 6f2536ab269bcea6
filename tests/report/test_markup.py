"""Subtitle text as HTML: everything escaped, marks placed exactly, the text itself unchanged."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.report.markup import Mark, render

TAGS = re.compile(r"<[^<>]*>")


def shown(markup: str) -> str:
    """What a browser shows of the markup: tags gone, line breaks back, entities decoded."""
    return html.unescape(TAGS.sub("", markup.replace("<br>", "\n")))


def test_untrusted_text_is_escaped() -> None:
    text = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    out = render(text)
    assert "<script" not in out and "<img" not in out
    assert out == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"
    )


def test_titles_are_escaped_too() -> None:
    out = render("abc", [Mark(0, 1, "error", '"><script>x</script>')])
    assert "<script>" not in out
    assert 'title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in out


def test_line_breaks_become_br() -> None:
    assert render("one\ntwo") == "one<br>two"


def test_a_mark_wraps_exactly_its_characters() -> None:
    out = render("Aşa cumpără", [Mark(1, 2, "error", "comma-below: ş")])
    assert out == 'A<mark class="hl hl-error" title="comma-below: ş">ş</mark>a cumpără'


def test_overlapping_marks_are_cut_into_pieces_worst_severity_wins() -> None:
    out = render(
        "abcdef",
        [Mark(1, 4, "warning", "w"), Mark(2, 5, "error", "e"), Mark(0, 6, "term", "t")],
    )
    assert shown(out) == "abcdef"
    pieces = re.findall(r'<mark class="hl hl-(\w+)" title="([^"]*)">(\w+)</mark>', out)
    assert pieces == [("warning", "w", "b"), ("error", "w · e", "cd"), ("error", "e", "e")]
    assert out.count('class="term term-term"') == 5  # the term covers every piece: a|b|cd|e|f


def test_forbidden_terms_get_a_visible_label_after_them() -> None:
    out = render("de aanbestedende dienst.", [Mark(3, 23, "forbidden", "contracting_authority")])
    assert out.endswith('</span><span class="tag tag-forbidden">forbidden</span>.')
    assert 'class="term term-forbidden" title="contracting_authority"' in out


def test_an_empty_mark_marks_a_place() -> None:
    out = render("mot!", [Mark(3, 3, "warning", "no-break space before !")])
    assert out.startswith('mot<span class="ins ins-warning" role="img" aria-label=')
    assert out.endswith("‸</span>!")


def test_marks_outside_the_text_are_ignored() -> None:
    assert render("abc", [Mark(2, 9, "error", "x"), Mark(-1, 1, "error", "y")]) == "abc"


marks = st.lists(
    st.tuples(
        st.integers(0, 30),
        st.integers(0, 30),
        st.sampled_from(["error", "warning", "info", "accepted", "term"]),
    ),
    max_size=6,
)


@given(st.text(max_size=30), marks)
def test_rendering_never_changes_the_text(text: str, raw: list[tuple[int, int, str]]) -> None:
    found = [Mark(min(a, b), max(a, b), kind, 't<&>"') for a, b, kind in raw if a != b]
    out = render(text, found)
    assert shown(out) == text
    # every < and > of the text itself is escaped: outside our own tags there are none
    assert "<" not in TAGS.sub("", out) and ">" not in TAGS.sub("", out)
