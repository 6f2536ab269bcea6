"""Write and read zips reproducibly: fixed timestamps, order, permissions and compression."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from io import BytesIO

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can hold


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


def read_zip(data: bytes) -> list[tuple[str, bytes]]:
    """Every file of a zip, in archive order, duplicates included so a verifier can see them.

    Raises zipfile.BadZipFile on a damaged archive (and on a member whose CRC is wrong).
    """
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist() if not i.is_dir()]
