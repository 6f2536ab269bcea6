"""Atomic file writes (a temp file in the same folder, fsync, then rename over the target), and
a lean, bounded whole-file read that refuses FIFOs and devices."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

MB = 1024 * 1024
# The largest input file msm reads (a PO, SRT, VTT, glossary, catalogue): a two-hour film's
# subtitles are about 100 KB, a big term base a few MB, so 20 MB is far beyond a real file and
# still small enough to hold in memory.
MAX_FILE_BYTES = 20 * MB
MAX_CATALOG_BYTES = 5 * MB  # catalog.toml: 10,000 videos take about 1 MB
MAX_INFO_JSON_BYTES = 100 * MB  # a yt-dlp info JSON of a whole channel's playlist
MAX_CACHE_BYTES = 200 * MB  # msm's own caches (the compiled glossary)
MAX_BUNDLE_BYTES = 500 * MB  # a release bundle file (its members have limits of their own)


class _InputOSError(OSError):
    """An OSError whose text is its message alone (no errno, no repr of the path)."""

    def __str__(self) -> str:
        return str(self.strerror)


class NotRegularFile(_InputOSError):
    """An input is a FIFO, a device or a socket: msm reads only regular files."""


class TooLarge(_InputOSError):
    """An input is larger than msm accepts for its kind."""


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the new one, whole.

    A FIFO, device, socket or folder there (or a symbolic link to one) is refused with
    NotRegularFile: the rename would put a file in its place (`/dev/null`, run as root).
    """
    refuse_special_output(path)
    tmp = write_beside(path, data)
    try:
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_beside(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file in `path`'s folder, synced to disk, with the target's
    mode (or the usual 0644 for a new file); the caller renames it into place or removes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o777
    import tempfile  # shutil, random, bz2, lzma: ~4 ms that a read-only run never needs

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode if mode is not None else 0o644)  # mkstemp creates 0600
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text (no BOM, LF line endings as given) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


_CHUNK = 1 << 16  # a subtitle file or catalogue fits in one read


def read_bytes(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them, as `Path.read_bytes` gives them.

    Errors are OSErrors, as from `Path.read_bytes`: a FIFO, device or socket raises
    NotRegularFile (opened non-blocking, so a FIFO never hangs the run), a folder
    IsADirectoryError, a file over `limit` bytes TooLarge; each has a `strerror` a user
    understands. Fewer system calls than `Path.read_bytes`: `msm check` reads thousands of
    small files.
    """
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd)
        if not stat.S_ISREG(mode.st_mode):
            _not_regular(path, mode.st_mode)
        if mode.st_size > limit:
            raise TooLarge(errno.EFBIG, _too_large(mode.st_size, limit), str(path))
        # The whole file in one read when its size is known: a big file read in chunks of
        # 64 KB costs 20 ms for 8 MB (a kept check report), one read under 1 ms.
        chunks = [os.read(fd, max(_CHUNK, mode.st_size + 1))]
        size = len(chunks[0])
        while chunks[-1]:
            chunks.append(os.read(fd, _CHUNK))
            size += len(chunks[-1])
            if size > limit:  # grew while being read
                raise TooLarge(errno.EFBIG, _too_large(size, limit), str(path))
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)


def check_regular(path: Path | str, limit: int = MAX_FILE_BYTES) -> None:
    """Raise as `read_bytes` would when `path` is not a regular file or is over `limit`
    (for inputs another library opens itself: a zip, an SQLite cache)."""
    mode = Path(path).stat()
    if not stat.S_ISREG(mode.st_mode):
        _not_regular(path, mode.st_mode)
    if mode.st_size > limit:
        raise TooLarge(errno.EFBIG, _too_large(mode.st_size, limit), str(path))


def refuse_special_output(path: Path) -> None:
    """Raise NotRegularFile when `path`, or what a link there points to, exists and is not a
    regular file (a link to a regular file is replaced as a link always was), or leads into
    /dev or /proc (`/dev/stdout` redirected to a file: the rename would replace the link)."""
    if any(hop.parts[1:2] in (("dev",), ("proc",)) for hop in _link_chain(path)):
        _not_regular(path, stat.S_IFCHR, "writes")
    try:
        mode = path.stat().st_mode  # follows a link: /dev/stdout, a link to /dev/null
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISREG(mode):
        _not_regular(path, mode, "writes")


def _link_chain(path: Path) -> list[Path]:
    """`path` (absolute) and every place its symbolic links lead to, hop by hop (not through
    /proc's magic links, which `Path.resolve` follows to the open file)."""
    hops = [Path.cwd() / path]
    for _ in range(40):  # the kernel's own limit on nested links
        try:
            target = hops[-1].readlink()
        except OSError:  # not a link (or no such file)
            break
        hops.append(hops[-1].parent / target)  # absolute targets replace the parent
    # `..` taken lexically, as the kernel takes it for a path that leads nowhere real yet
    return [Path(os.path.normpath(hop)) for hop in hops]


def _not_regular(path: Path | str, mode: int, verb: str = "reads") -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    kind = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    hint = " (use - for standard output where a command offers it)" if verb == "writes" else ""
    raise NotRegularFile(errno.EINVAL, f"{kind}; msm {verb} only regular files{hint}", str(path))


def _too_large(size: int, limit: int) -> str:
    return (
        f"{_size(size)}, over the {_size(limit)} msm reads at most for this kind of file; "
        "is it the right file?"
    )


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n} bytes"
