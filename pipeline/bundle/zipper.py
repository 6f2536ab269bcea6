"""Write and read zips reproducibly: fixed timestamps, order, permissions and compression.

Reading is for zips from anywhere (`msm bundle verify`), so it is bounded: members are
inflated in chunks and hashed as they stream, never held whole (but for the few a caller
keeps, each under its own ceiling), and a member's declared size is checked before and its
actual size while it inflates, against the limits below (docs/formats.md, "Limits").
"""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO

from pipeline.errors import InputError

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can hold
MiB = 1024 * 1024
_CHUNK = 64 * 1024
# What a reader meets in a damaged or hostile zip (zipfile raises all of these).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    struct.error,
    OverflowError,
    IndexError,
    KeyError,
)
# The methods msm writes (deflate) and the one every zip tool can write (stored).
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_KNOWN_METHODS = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma", 9: "deflate64"}


@dataclass(frozen=True)
class ZipLimits:
    """The most a zip may hold: members, bytes per member and in all (uncompressed)."""

    members: int = 20_000
    member_bytes: int = 64 * MiB
    total_bytes: int = 512 * MiB


LIMITS = ZipLimits()


@dataclass(frozen=True)
class Member:
    """One file of a zip as read: its SHA-256 (None when unreadable) and, if kept, its bytes."""

    name: str
    size: int
    sha256: str | None
    data: bytes | None = None
    problem: str = ""


def zip_bytes(files: Mapping[str, bytes], moment: datetime) -> bytes:
    """A zip of `files` (archive name → content), byte-identical for identical inputs."""
    stamp = max(moment.astimezone(UTC), ZIP_EPOCH)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permissions below mean the same everywhere
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def size_text(count: int) -> str:
    """A byte count for people: `64 MiB`, `1.5 MiB`, `900 bytes`."""
    if count < MiB:
        return f"{count:,} bytes"
    return f"{count / MiB:,.1f}".removesuffix(".0") + " MiB"


def scan_zip(
    data: bytes,
    where: str,
    keep: Mapping[str, int] | None = None,
    limits: ZipLimits = LIMITS,
) -> list[Member]:
    """Every file of a zip, in archive order, duplicates included so a verifier can see them.

    Each member is hashed as it inflates; the members named in `keep` (name → most bytes)
    also keep their content. A member that cannot be read (encrypted, an unsupported
    compression method, a bad CRC, over a limit) comes back with `problem` set. A zip that
    cannot be opened, has too many members or inflates past the total limit raises InputError.
    """
    keep = keep or {}
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise InputError(f"{where}: not a readable zip: {exc}") from None
    with archive:
        infos = [i for i in archive.infolist() if not i.filename.endswith("/")]  # no folders
        if len(infos) > limits.members:
            raise InputError(
                f"{where}: {len(infos):,} files in the zip, more than the limit of "
                f"{limits.members:,}; not a bundle msm made"
            )
        declared = sum(i.file_size for i in infos)
        if declared > limits.total_bytes:
            raise InputError(
                f"{where}: the zip declares {size_text(declared)} uncompressed, more than the "
                f"limit of {size_text(limits.total_bytes)}; refused (a zip bomb?)"
            )
        budget = [limits.total_bytes]
        return [_member(archive, info, keep, limits, budget, where) for info in infos]


def _member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    keep: Mapping[str, int],
    limits: ZipLimits,
    budget: list[int],
    where: str,
) -> Member:
    name = info.filename
    if not name:
        return Member("(no name)", info.file_size, None, problem="a file without a name")
    if info.flag_bits & 0x1:
        return Member(name, info.file_size, None, problem="encrypted; msm bundles never are")
    if info.compress_type not in _METHODS:
        method = _KNOWN_METHODS.get(info.compress_type, "unknown")
        return Member(
            name,
            info.file_size,
            None,
            problem=f"compression method {info.compress_type} ({method}) not supported; "
            "msm reads stored and deflate members only",
        )
    ceiling = min(limits.member_bytes, keep.get(name, limits.member_bytes))
    if info.file_size > ceiling:
        return Member(
            name,
            info.file_size,
            None,
            problem=f"declares {size_text(info.file_size)} uncompressed, more than the limit "
            f"of {size_text(ceiling)} for this file; refused",
        )
    digest = hashlib.sha256()
    kept: list[bytes] | None = [] if name in keep else None
    size = 0
    try:
        with archive.open(info) as stream:
            # Never trust the header alone: count what actually comes out, chunk by chunk.
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise InputError(
                        f"{where}: inflates past {size_text(limits.total_bytes)} in all, the "
                        "limit; refused (a zip bomb?)"
                    )
                if size > ceiling:
                    return Member(
                        name,
                        size,
                        None,
                        problem=f"inflates past {size_text(ceiling)}, the limit for this file; "
                        "refused",
                    )
                digest.update(chunk)
                if kept is not None:
                    kept.append(chunk)
    except _ZIP_ERRORS as exc:
        return Member(name, size, None, problem=f"unreadable: {exc}")
    data = b"".join(kept) if kept is not None else None
    return Member(name, size, digest.hexdigest(), data)
