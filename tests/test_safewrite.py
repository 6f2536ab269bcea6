"""Compare before replace: the one guarded write every command uses (pipeline/safewrite.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.plan import FileChange, apply_all
from pipeline.safewrite import (
    ChangedError,
    ReadOnlyError,
    Seen,
    between_read_and_write,
    read_seen,
    read_text_seen,
    replace_if_unchanged,
)


def editor_saves(target: Path, text: bytes):
    """A hook: another editor saves `text` into `target` between msm's read and its write."""

    def hook(path: Path) -> None:
        if path == target:
            target.write_bytes(text)

    return hook


def test_an_unchanged_file_is_replaced_and_the_new_record_is_returned(tmp_path: Path):
    path = tmp_path / "pl.po"
    path.write_bytes(b"old\n")
    _, seen = read_seen(path)
    after = replace_if_unchanged(path, b"new\n", seen)
    assert path.read_bytes() == b"new\n"
    assert after == Seen.of(path, b"new\n")
    replace_if_unchanged(path, b"newer\n", after)  # a second save compares with the first
    assert path.read_bytes() == b"newer\n"
    assert [p.name for p in tmp_path.iterdir()] == ["pl.po"]  # no temporary file left


@pytest.mark.parametrize(
    "theirs",
    [b"their save\n", b"old\r\n", b"\xef\xbb\xbfold\n", b""],
    ids=["other-text", "crlf-only", "bom-only", "emptied"],
)
def test_a_file_changed_between_read_and_write_is_never_reverted(tmp_path: Path, theirs):
    path = tmp_path / "pl.po"
    path.write_bytes(b"old\n")
    _, seen = read_seen(path)
    with between_read_and_write(editor_saves(path, theirs)), pytest.raises(ChangedError) as exc:
        replace_if_unchanged(path, b"msm's plan\n", seen)
    assert path.read_bytes() == theirs
    assert f"{path}: changed since msm read it; nothing was written to it" in str(exc.value)
    assert [p.name for p in tmp_path.iterdir()] == ["pl.po"]


def test_a_file_deleted_meanwhile_is_not_brought_back(tmp_path: Path):
    path = tmp_path / "pl.po"
    path.write_bytes(b"old\n")
    _, seen = read_seen(path)
    with between_read_and_write(lambda p: p.unlink()), pytest.raises(ChangedError):
        replace_if_unchanged(path, b"new\n", seen)
    assert not path.exists()


def test_a_new_file_that_appeared_meanwhile_is_kept(tmp_path: Path):
    path = tmp_path / "fr.srt"
    data, seen = read_seen(path)
    assert data is None
    with (
        between_read_and_write(editor_saves(path, b"theirs\n")),
        pytest.raises(ChangedError, match="appeared after msm found no such file"),
    ):
        replace_if_unchanged(path, b"ours\n", seen)
    assert path.read_bytes() == b"theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["fr.srt"]


def test_a_new_file_is_created_with_the_usual_mode(tmp_path: Path):
    path = tmp_path / "sub" / "fr.srt"
    replace_if_unchanged(path, b"1\n", Seen(path, None))
    assert path.read_bytes() == b"1\n"
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path):
    path = tmp_path / "pl.po"
    path.write_bytes(b"old\n")
    path.chmod(0o444)
    _, seen = read_seen(path)
    with pytest.raises(ReadOnlyError, match="read-only"):
        replace_if_unchanged(path, b"new\n", seen)
    assert path.read_bytes() == b"old\n"
    assert path.stat().st_mode & 0o777 == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["pl.po"]


def test_a_file_made_read_only_meanwhile_is_refused(tmp_path: Path):
    path = tmp_path / "pl.po"
    path.write_bytes(b"old\n")
    _, seen = read_seen(path)
    with between_read_and_write(lambda p: p.chmod(0o444)), pytest.raises(ReadOnlyError):
        replace_if_unchanged(path, b"new\n", seen)
    assert path.read_bytes() == b"old\n"


def test_the_mode_of_a_writable_file_is_kept(tmp_path: Path):
    path = tmp_path / "pl.po"
    path.write_bytes(b"old\n")
    path.chmod(0o664)
    replace_if_unchanged(path, b"new\n", read_seen(path)[1])
    assert path.stat().st_mode & 0o777 == 0o664


def test_apply_all_writes_the_others_and_names_the_changed_file(tmp_path: Path):
    a, b = tmp_path / "a.po", tmp_path / "b.po"
    a.write_text("a\n")
    b.write_text("b\n")
    old_a, seen_a = read_text_seen(a)
    old_b, seen_b = read_text_seen(b)
    changes = [FileChange(a, "A\n", old_a, "", seen_a), FileChange(b, "B\n", old_b, "", seen_b)]
    with between_read_and_write(editor_saves(a, b"theirs\n")):
        written, errors = apply_all(changes)
    assert [c.path for c in written] == [b]
    assert [str(a) in str(e) for e in errors] == [True]
    assert a.read_bytes() == b"theirs\n" and b.read_text() == "B\n"


def test_a_change_without_a_record_compares_with_its_old_text(tmp_path: Path):
    path = tmp_path / "pl.po"
    path.write_text("old\n")
    with between_read_and_write(editor_saves(path, b"theirs\n")):
        _, errors = apply_all([FileChange(path, "new\n", "old\n")])
    assert len(errors) == 1 and path.read_bytes() == b"theirs\n"
    _, errors = apply_all([FileChange(path, "new\n", "theirs\n")])
    assert not errors and path.read_text() == "new\n"
    _, errors = apply_all([FileChange(tmp_path / "new.po", "x\n", "was here\n")])
    assert len(errors) == 1 and not (tmp_path / "new.po").exists()


def test_reading_a_fifo_or_a_device_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "pl.po"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"a FIFO \(named pipe\); msm reads only regular files"):
        read_seen(fifo)
    with pytest.raises(InputError, match="a device; msm reads only regular files"):
        read_seen(Path("/dev/zero"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_text_that_is_not_utf8_is_an_input_error(tmp_path: Path, encoding: str):
    """`msm fix` reads with utf-8-sig (a byte order mark is dropped) and said 'save it as
    UTF-8-SIG', which no editor offers."""
    path = tmp_path / "pl.po"
    path.write_bytes(b"ok\ncaf\xe9\n")
    with pytest.raises(InputError) as info:
        read_text_seen(path, encoding)
    assert str(info.value) == (f"{path}:2: not UTF-8 (invalid byte at offset 6); save it as UTF-8")
