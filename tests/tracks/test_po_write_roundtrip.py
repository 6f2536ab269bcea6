"""Every PO msm writes passes `msgfmt --check` and reads back exactly (property test).

Cue texts and titles may hold any character a subtitle file can: CR, U+2028/U+2029, NEL,
vertical tab, form feed, separators \\x1c-\\x1e. The writer escapes what PO can escape and puts
titles on one line; msm's reader ends a line at "\\n" only (gettext's rule).
Not covered: NUL and EOT (\\x04, gettext's context separator), which no PO string can hold and
which msm's track readers refuse as binary data.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.tracks.po_io import HeaderInfo, header, header_comment, new_catalog, parse_po, render
from tests.conftest import msgfmt_check

SPECIAL = '\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e\t"\\\u00a0\ufeff'
chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x04")
text = st.one_of(
    st.text(chars, min_size=1, max_size=40),
    st.text(st.sampled_from(SPECIAL + "ab \n"), min_size=1, max_size=12),
).map(lambda s: s.strip("\n"))  # cues neither begin nor end with a line break
source = text.filter(bool)


@st.composite
def entries(draw: st.DrawFn) -> list[polib.POEntry]:
    msgids = draw(st.lists(source, min_size=1, max_size=4, unique=True))
    made = []
    for msgid in msgids:
        if draw(st.booleans()):
            made.append(polib.POEntry(msgid=msgid, msgstr=draw(st.one_of(st.just(""), text))))
        else:  # a plural entry: Polish has three forms
            forms = {i: draw(text) for i in range(3)}
            made.append(polib.POEntry(msgid=msgid, msgid_plural=draw(source), msgstr_plural=forms))
    return made


def shape(po: polib.POFile) -> list[tuple[object, ...]]:
    return [
        (e.msgid, e.msgid_plural, e.msgstr, dict(sorted(e.msgstr_plural.items())))
        for e in po
        if e.msgid
    ]


@settings(max_examples=120, deadline=None)
@given(title=text, items=entries())
def test_what_msm_writes_passes_msgfmt_and_reads_back(title: str, items) -> None:
    info = HeaderInfo(project=title, created="2026-11-25 12:00+0000", revised="")
    po = new_catalog(header(info, "pl"), items, header_comment(title, "pl"))
    written = render(po)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pl.po"
        path.write_bytes(written.encode("utf-8"))
        msgfmt_check(path)
    back = parse_po(written, "pl.po")
    assert shape(back) == shape(po)
    assert back.metadata["Project-Id-Version"] == po.metadata["Project-Id-Version"]
