"""The settings' TOML parsed once (pipeline/settings_cache.py): what is kept is used only for
exactly the same text, gives exactly what tomllib gives, and anything else is parsed."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import settings_cache
from pipeline.errors import ProjectError
from pipeline.project import CATALOG, Project
from pipeline.settings_cache import CACHE_DIR, FILE, parse_toml

REPO = Path(__file__).resolve().parents[1]


def project(tmp_path: Path, cache: bool = True) -> Path:
    root = tmp_path / "project"
    (root / "subtitles").mkdir(parents=True)
    shutil.copy(REPO / CATALOG, root / CATALOG)
    if cache:
        (root / CACHE_DIR).mkdir()
    return root


def typed(value: object) -> str:
    """A value with its types (True is not 1, 1.0 is not 1): their repr."""
    return repr(value)


def test_kept_only_in_a_cache_folder_that_is_there(tmp_path: Path):
    root = project(tmp_path, cache=False)
    Project.load(root)
    assert not (root / CACHE_DIR).exists()  # a dry run in a fresh project makes nothing
    (root / CACHE_DIR).mkdir()
    first = Project.load(root)
    assert (root / CACHE_DIR / FILE).is_file()
    again = Project.load(root)
    assert typed(again.settings.raw) == typed(first.settings.raw)


def test_a_one_byte_change_is_parsed_again(tmp_path: Path):
    root = project(tmp_path)
    catalog = root / CATALOG
    assert Project.load(root).settings.frame_rate == 25
    kept = (root / CACHE_DIR / FILE).read_bytes()
    catalog.write_bytes(catalog.read_bytes().replace(b"frame_rate = 25", b"frame_rate = 24"))
    assert Project.load(root).settings.frame_rate == 24
    assert (root / CACHE_DIR / FILE).read_bytes() != kept  # kept anew
    assert Project.load(root).settings.frame_rate == 24
    # the same length and date (mtime) as the kept text: still the file's own text counts
    stat = catalog.stat()
    catalog.write_bytes(catalog.read_bytes().replace(b"frame_rate = 24", b"frame_rate = 30"))
    os.utime(catalog, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert Project.load(root).settings.frame_rate == 30


def test_what_is_kept_for_another_text_is_not_used(tmp_path: Path):
    # a cache file whose data is not tomllib's reading of this text (written for another
    # text, or by hand) is used only if its text is this text, byte for byte
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    parse_toml("a = 1\n", "x.toml", folder)
    assert parse_toml("a = 2\n", "x.toml", folder) == {"a": 2}
    stamp = (settings_cache.FORMAT, sys.version, "a = 3\n")
    (folder / FILE).write_bytes(marshal.dumps((*stamp[:1], "another Python", *stamp[2:], {})))
    assert parse_toml("a = 3\n", "x.toml", folder) == {"a": 3}
    (folder / FILE).write_bytes(marshal.dumps((settings_cache.FORMAT - 1, *stamp[1:], {})))
    assert parse_toml("a = 3\n", "x.toml", folder) == {"a": 3}


@pytest.mark.parametrize(
    "damaged",
    [b"", b"\x00 not marshal", marshal.dumps(("a", "b")), marshal.dumps([1, 2, 3, 4]), b"\xe9" * 9],
)
def test_a_damaged_cache_file_is_parsed_again_and_replaced(tmp_path: Path, damaged: bytes):
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    (folder / FILE).write_bytes(damaged)
    assert parse_toml('b = "x"\n', "x.toml", folder) == {"b": "x"}
    assert (folder / FILE).read_bytes() != damaged
    assert parse_toml('b = "x"\n', "x.toml", folder) == {"b": "x"}


def test_a_cache_file_that_is_a_folder_or_unwritable_is_no_error(tmp_path: Path):
    folder = tmp_path / CACHE_DIR
    (folder / FILE).mkdir(parents=True)
    assert parse_toml("c = true\n", "x.toml", folder) == {"c": True}
    if os.geteuid() != 0:  # root writes anywhere
        other = tmp_path / "read-only"
        other.mkdir(mode=0o555)
        assert parse_toml("c = true\n", "x.toml", other) == {"c": True}


def test_dates_are_parsed_every_time(tmp_path: Path):
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    text = "when = 2026-12-06T21:00:00Z\n"
    for _ in range(2):
        assert parse_toml(text, "x.toml", folder) == tomllib.loads(text)
    assert not (folder / FILE).exists()  # marshal keeps no datetime


def test_invalid_toml_is_a_located_error_and_nothing_is_kept(tmp_path: Path):
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    with pytest.raises(ProjectError, match=r"^x\.toml: not valid TOML: "):
        parse_toml("a = \n", "x.toml", folder)
    assert not (folder / FILE).exists()


# TOML documents of the kinds a settings file holds: tables, arrays of tables, strings (any
# character TOML lets a basic string hold, escaped as JSON escapes them), integers, floats
# (infinities and signed zeros too), booleans, arrays.
_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f"))
_scalar = st.one_of(
    _text,
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
)
_value = st.one_of(_scalar, st.lists(_scalar, max_size=4))
_key = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
_table = st.dictionaries(_key, _value, max_size=5)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


def _document(top: dict[str, object], tables: dict[str, dict[str, object]]) -> str:
    lines = [f"{k} = {_toml(v)}" for k, v in top.items()]
    for name, table in tables.items():
        lines += [f"[{name}]", *(f"{k} = {_toml(v)}" for k, v in table.items())]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(
    top=_table,
    tables=st.dictionaries(_key.map(lambda k: "T" + k), _table, max_size=3),  # not a key
)
def test_what_is_kept_reads_back_as_tomllib_reads_the_text(
    tmp_path_factory: pytest.TempPathFactory,
    top: dict[str, object],
    tables: dict[str, dict[str, object]],
):
    folder = tmp_path_factory.mktemp("cache")
    text = _document(top, tables)
    expected = tomllib.loads(text)
    parsed = parse_toml(text, "x.toml", folder)  # parsed, and kept
    remembered = parse_toml(text, "x.toml", folder)  # from the cache file
    assert marshal.loads((folder / FILE).read_bytes())[-1] == expected
    assert typed(parsed) == typed(remembered) == typed(expected)
    # one key more (no generated key has a capital): parsed again
    assert parse_toml("Z = 1\n" + text, "x.toml", folder) == {"Z": 1, **expected}


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_the_settings_file_is_utf8_with_or_without_a_byte_order_mark(tmp_path: Path, bom: bytes):
    root = project(tmp_path)
    catalog = root / CATALOG
    catalog.write_bytes(bom + catalog.read_bytes())
    assert Project.load(root).settings.frame_rate == 25
    catalog.write_bytes(bom + b'[project]\nname = "caf\xe9"\n')  # Latin-1, not UTF-8
    with pytest.raises(ProjectError, match="cannot read: 'utf-8' codec can't decode byte 0xe9"):
        Project.load(root)
