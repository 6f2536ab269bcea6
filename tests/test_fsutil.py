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


def test_a_fifo_is_refused_at_once_not_read(tmp_path: Path) -> None:
    import os

    from pipeline.fsutil import NotRegularFile

    fifo = tmp_path / "pl.po"
    os.mkfifo(fifo)  # nobody writes to it: a blocking open would wait for ever
    with pytest.raises(NotRegularFile) as exc:
        read_bytes(fifo)
    assert str(exc.value) == "a FIFO (named pipe); msm reads only regular files"


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    from pipeline.fsutil import NotRegularFile

    with pytest.raises(NotRegularFile, match="a device"):
        read_bytes("/dev/zero")
    with pytest.raises(IsADirectoryError):
        read_bytes(tmp_path)


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    from pipeline.fsutil import MB, TooLarge

    path = tmp_path / "big.srt"
    path.write_bytes(b"a" * 1001)
    assert read_bytes(path, limit=1001) == b"a" * 1001
    with pytest.raises(TooLarge) as exc:
        read_bytes(path, limit=1000)
    assert str(exc.value).startswith("1001 bytes, over the 1000 bytes msm reads at most")
    path.write_bytes(b"a" * (3 * MB))
    with pytest.raises(TooLarge, match=r"^3\.0 MB, over the 2\.0 MB"):
        read_bytes(path, limit=2 * MB)
