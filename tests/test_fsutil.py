"""The lean whole-file read gives what Path.read_bytes gives, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.fsutil import _CHUNK, atomic_write_bytes, read_bytes


@pytest.mark.parametrize("size", [0, 1, _CHUNK - 1, _CHUNK, _CHUNK + 1, 2 * _CHUNK, 3 * _CHUNK + 7])
def test_every_size_reads_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "data.bin"
    data = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    path.write_bytes(data)
    assert read_bytes(path) == path.read_bytes() == data
    assert read_bytes(str(path)) == data


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(st.binary(max_size=300), st.sampled_from([0, _CHUNK - 3, _CHUNK * 2 - 1]))
def test_any_bytes_read_back(tmp_path: Path, tail: bytes, padding: int) -> None:
    path = tmp_path / "any.po"
    data = b"#" * padding + tail
    atomic_write_bytes(path, data)
    assert read_bytes(path) == data


def test_the_errors_are_those_of_path_read_bytes(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.po", tmp_path):
        with pytest.raises(OSError) as ours:
            read_bytes(path)
        with pytest.raises(OSError) as theirs:
            path.read_bytes()
        assert type(ours.value) is type(theirs.value)
        assert ours.value.errno == theirs.value.errno
