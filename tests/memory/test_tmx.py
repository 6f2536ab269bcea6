"""TMX 1.4b: our writer and reader agree on every text, and files from other tools read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.storage import tmx as tt_tmx

from pipeline.errors import InputError
from pipeline.memory.model import Unit, tokens
from pipeline.memory.tmx import read_tmx, writable, write_tmx

# Any text XML 1.0 can hold: tabs, CR, line feeds, markup characters, non-BMP letters.
xml_char = st.characters(
    codec="utf-8",
    exclude_categories=("Cs",),
).filter(lambda c: writable(c))
text = st.text(xml_char, min_size=1, max_size=40).filter(lambda t: t.strip() != "")
units = st.lists(
    st.builds(
        Unit,
        source=text,
        target=text,
        lang=st.sampled_from(["pl", "fr", "nl-BE", "pt-PT", "eu"]),
        origins=st.lists(text, max_size=3, unique=True),
        note=st.one_of(st.just(""), text),
    ),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(units)
def test_write_then_read_is_the_identity(written: list[Unit]) -> None:
    document = write_tmx(written, "en").encode("utf-8")
    back = read_tmx(document, "memory.tmx", "en")
    assert back.units == written
    assert not back.skipped


def test_a_tmx_written_by_translate_toolkit_reads() -> None:
    store = tt_tmx.tmxfile(sourcelanguage="en")
    store.addtranslation(
        "What is public procurement?",
        "en",
        "Czym są zamówienia publiczne?",
        "pl-PL",
        comment="from a client",
    )
    store.addtranslation("Line one\nline two & <more>", "en", "Ligne un\nligne deux & <plus>", "fr")
    store.addtranslation("Hello", "en", "Hallo", "de")  # not one of our languages
    data = bytes(store)
    assert b"<!DOCTYPE tmx" in data  # allowed: a DOCTYPE without entities is never loaded
    read = read_tmx(data, "client.tmx", "en", origin="client.tmx")
    assert read.units == [
        Unit(
            "What is public procurement?",
            "Czym są zamówienia publiczne?",
            "pl",
            ["client.tmx"],
            "from a client",
        ),
        Unit("Line one\nline two & <more>", "Ligne un\nligne deux & <plus>", "fr", ["client.tmx"]),
    ]
    assert read.notes() == ["1 translation(s) left out: language 'de' is not one of ours"]


def test_translate_toolkit_reads_what_we_write() -> None:
    ours = [
        Unit("A & B\nline two", "A i B\nlinia dwa", "pl", ["demo/pl.po"]),
        Unit("Tenders", "Offres", "fr", []),
    ]
    store = tt_tmx.tmxfile.parsestring(write_tmx(ours, "en").encode("utf-8"))
    pairs = [(u.source, u.target) for u in store.units]
    assert pairs == [("A & B\nline two", "A i B\nlinia dwa"), ("Tenders", "Offres")]


def test_inline_codes_and_tmx_1_1_lang_attributes_read() -> None:
    data = b"""<?xml version="1.0"?>
<tmx version="1.1"><header srclang="EN-GB" creationtool="x" creationtoolversion="1"
 segtype="sentence" o-tmf="x" adminlang="en" datatype="html"/>
<body><tu>
<tuv lang="EN-GB"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept></seg></tuv>
<tuv lang="PT"><seg>Prima <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>
<tu><tuv lang="en"><seg>  </seg></tuv><tuv lang="pl"><seg>x</seg></tuv></tu>
</body></tmx>"""
    read = read_tmx(data, "old.tmx", "en")
    assert read.units == [Unit("Press <b>OK</b>", "Prima <b>OK</b>", "pt-PT", [])]
    assert read.skipped == {"no en text in the unit": 1}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;">]><tmx><body/></tmx>',
            "declares an entity ('a')",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<tmx><body><tu><tuv xml:lang='pl'><seg>&x;</seg></tuv></tu></body></tmx>",
            "declares an external entity ('x')",
        ),
        (b"<tmx><body><tu></body></tmx>", "memory.tmx: not well-formed XML: mismatched tag"),
        (b"<martif><text/></martif>", "the root element is <martif>, not <tmx>"),
        (b"<tmx><header/></tmx>", "no <body>"),
    ],
)
def test_hostile_or_broken_files_are_refused_with_the_file_name(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_tmx(data, "memory.tmx", "en")
    assert message in str(caught.value)
    assert str(caught.value).startswith("memory.tmx")


def test_a_large_flat_file_reads_in_linear_time() -> None:
    """100,000 units (about 20 MB) read in one pass: no quadratic step."""
    import time

    one = (
        '<tu><tuv xml:lang="en"><seg>text {0}</seg></tuv>'
        '<tuv xml:lang="pl"><seg>tekst {0}</seg></tuv></tu>'
    )
    small = (
        "<tmx><body>" + "".join(one.format(i) for i in range(10_000)) + "</body></tmx>"
    ).encode()
    big = (
        "<tmx><body>" + "".join(one.format(i) for i in range(100_000)) + "</body></tmx>"
    ).encode()
    start = time.perf_counter()
    assert len(read_tmx(small, "s.tmx").units) == 10_000
    middle = time.perf_counter()
    assert len(read_tmx(big, "b.tmx").units) == 100_000
    end = time.perf_counter()
    assert end - middle < 30 * (middle - start) + 0.5  # ×10 the input, not ×100 the time


def test_words_ignore_case_spacing_and_line_breaks_and_split_off_marks() -> None:
    assert tokens("Public procurement,\nDONE  well.") == [
        "public",
        "procurement",
        ",",
        "done",
        "well",
        ".",
    ]
    assert tokens("instytucji zamawiającej?") == ["instytucji", "zamawiającej", "?"]
