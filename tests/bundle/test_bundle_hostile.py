"""`msm bundle verify` on hostile bundles: wrong JSON types, deep nesting, encrypted members,
unknown compression, zip bombs, random zips. Each gets a clear message, never a traceback."""

from __future__ import annotations

import contextlib
import json
import struct
import tracemalloc
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.bundle.manifest import MANIFEST, SCHEMA, nesting_depth, sha256, validate
from pipeline.bundle.verify import Verification, verify_bytes
from pipeline.bundle.zipper import ZIP_EPOCH, ZipLimits, zip_bytes
from pipeline.cli import cli
from pipeline.errors import InputError

DATA = Path(__file__).parent.parent / "data" / "bundle"
SRT = b"1\n00:00:01,000 --> 00:00:02,000\nHello\n"


def good_manifest() -> dict[str, Any]:
    """A minimal valid manifest listing one source track."""
    digest = sha256(SRT)
    track = {
        "lang": "en",
        "youtube_lang": "en",
        "name": "English",
        "native_name": "English",
        "kind": "source",
        "cues": 1,
        "source_cues": 1,
        "complete": True,
        "missing_cues": [],
        "checks": {"errors": 0, "warnings": 0, "accepted": 0, "verdict": "pass"},
        "files": {"srt": {"path": "demo/en.srt", "sha256": digest, "bytes": len(SRT)}},
    }
    return {
        "schema": SCHEMA,
        "bundle_version": "1.0",
        "source_date": "1980-01-01T00:00:00Z",
        "source_commit": None,
        "source_dirty": False,
        "tool": {"name": "msm", "version": "0.1.0"},
        "glossary": None,
        "allow_incomplete": False,
        "excluded": [],
        "checks": {"errors": 0, "warnings": 0, "accepted": 0, "verdict": "pass"},
        "videos": [{"slug": "demo", "title": "Demo", "url": "", "tracks": [track]}],
        "files": {"demo/en.srt": digest},
    }


def bundle(manifest: Any = None, raw: bytes | None = None) -> bytes:
    """A bundle holding the demo track and `manifest` (or the raw manifest bytes)."""
    if raw is None:
        raw = json.dumps(good_manifest() if manifest is None else manifest).encode()
    return zip_bytes({"demo/en.srt": SRT, MANIFEST: raw}, ZIP_EPOCH)


def verify_cli(tmp_path: Path, data: bytes, name: str = "b.zip") -> Result:
    path = tmp_path / name
    path.write_bytes(data)
    return CliRunner().invoke(cli, ["bundle", "verify", str(path)])


def assert_clean_failure(result: Result, expected: str) -> None:
    """Exit 1 or 2 with `expected` in the output, and no traceback."""
    assert result.exit_code in (1, 2), result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert expected in result.output, result.output


def test_the_minimal_bundle_is_intact(tmp_path: Path) -> None:
    assert validate(good_manifest()) == []
    result = verify_cli(tmp_path, bundle())
    assert result.exit_code == 0, result.output


def _set(path: str, value: Any) -> dict[str, Any]:
    manifest = good_manifest()
    *parents, last = path.split("/")
    node: Any = manifest
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[int(last) if isinstance(node, list) else last] = value
    return manifest


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("videos", 5, "manifest.videos: wrong type a number, expected an array"),
        ("files", ["x"], "manifest.files: wrong type an array, expected an object"),
        ("videos", ["x"], "manifest.videos[0]: wrong type a string, expected an object"),
        ("videos/0/tracks", "x", "manifest.videos[0].tracks: wrong type a string"),
        ("videos/0/tracks/0/files", ["srt"], "tracks[0].files: wrong type an array"),
        ("videos/0/tracks/0/files/srt", "demo/en.srt", "files['srt']: wrong type a string"),
        ("videos/0/tracks/0/checks", "pass", "tracks[0].checks: wrong type a string"),
        ("videos/0/tracks/0/missing_cues", [None], "missing_cues[0]: wrong type null"),
        ("videos/0/tracks/0/cues", -1, "cues: expected a count"),
        ("videos/0/tracks/0/cues", True, "cues: wrong type true/false"),
        ("tool", "msm", "manifest.tool: wrong type a string, expected an object"),
        ("checks", None, "manifest.checks: wrong type null"),
        ("excluded", {"a": 1}, "manifest.excluded: wrong type an object"),
        ("glossary", {"files": 3}, "manifest.glossary.files: wrong type a number"),
        ("files", {"demo/en.srt": 7}, "wrong type a number, expected a string"),
        ("schema", 1.5, "manifest.schema: wrong type a number"),
        ("schema", "x" * 10_000, "schema is 'xxxxx"),
    ],
)
def test_fields_of_the_wrong_type_are_problems(
    tmp_path: Path, path: str, value: Any, expected: str
) -> None:
    result = verify_cli(tmp_path, bundle(_set(path, value)))
    assert_clean_failure(result, expected)
    assert result.exit_code == 1
    assert max(len(line) for line in result.output.splitlines()) < 300  # values cut short


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"[" * 200_000 + b"]" * 200_000, "manifest.json: nested 200,000 deep"),
        (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "nested 100,000 deep"),
        (b'{"videos": "' + b"[" * 100_000 + b'"}', "manifest.videos: wrong type a string"),
        (b"1" * 5_000, "manifest.json: not valid JSON"),  # Python refuses ints of 4,300+ digits
        (
            b'"' + b"x" * (5 * 1024 * 1024) + b'"',
            "manifest.json: declares 5 MiB uncompressed, more than the limit of 4 MiB",
        ),
        (b"\xff\xfe{}", "manifest.json: not UTF-8"),
        (b"[]", "the manifest is an array, not a JSON object"),
    ],
)
def test_manifests_that_cannot_be_read_are_problems(
    tmp_path: Path, raw: bytes, expected: str
) -> None:
    assert_clean_failure(verify_cli(tmp_path, bundle(raw=raw)), expected)


def test_nesting_depth_skips_strings() -> None:
    assert nesting_depth('{"a": ["[[[", {"b": "\\"{{"}]}') == 3
    assert nesting_depth("[" * 50_000) == 50_000


def test_an_encrypted_member_is_named(tmp_path: Path) -> None:
    # Made with Info-ZIP's `zip -P secret` (tests/data/bundle/README.md).
    result = verify_cli(tmp_path, (DATA / "encrypted.zip").read_bytes())
    assert_clean_failure(result, "en.srt: encrypted; msm bundles never are")


def _with_field(data: bytes, form: str, local: int, central: int, value: int) -> bytes:
    """The zip with one field of every member set to `value` in both its headers: `form`
    (struct) at offset `local` of its local header and `central` of its central one."""
    out = bytearray(data)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for info in archive.infolist():
            struct.pack_into(form, out, info.header_offset + local, value)
    start = out.find(b"PK\x01\x02")
    while start != -1:
        struct.pack_into(form, out, start + central, value)
        start = out.find(b"PK\x01\x02", start + 4)
    return bytes(out)


def _with_method(data: bytes, method: int) -> bytes:
    """The zip with every member's compression method field set to `method` (both headers)."""
    return _with_field(data, "<H", 8, 10, method)


@pytest.mark.parametrize(
    ("method", "expected"), [(99, "method 99 (unknown)"), (12, "method 12 (bzip2)")]
)
def test_unsupported_compression_is_named(tmp_path: Path, method: int, expected: str) -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("demo/en.srt", SRT)
        archive.writestr(MANIFEST, json.dumps(good_manifest()))
    result = verify_cli(tmp_path, _with_method(buffer.getvalue(), method))
    assert_clean_failure(result, f"demo/en.srt: compression {expected} not supported")


def _zeros_zip(members: dict[str, int]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, size in members.items():
            with archive.open(name, "w", force_zip64=True) as stream:
                for _ in range(size // (1 << 20)):
                    stream.write(bytes(1 << 20))
    return buffer.getvalue()


def _verify_measured(data: bytes) -> tuple[Verification, int]:
    """`verify_bytes(data)`, and the most memory it held at once (bytes)."""
    tracemalloc.start()
    try:
        result = verify_bytes(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_a_zip_bomb_is_refused_within_bounded_memory(tmp_path: Path) -> None:
    bomb = _zeros_zip({"demo/en.srt": 200 << 20})  # 200 MiB of zeros in ~200 KB
    assert len(bomb) < 400_000
    result, peak = _verify_measured(bomb)
    assert (
        "demo/en.srt: declares 200 MiB uncompressed, more than the limit of 64 MiB"
        in (result.problems[0])
    )
    assert peak < 8 << 20
    assert_clean_failure(verify_cli(tmp_path, bomb), "more than the limit of 64 MiB")


def test_the_total_is_bounded_too() -> None:
    bomb = _zeros_zip({f"f{i}": 2 << 20 for i in range(5)})
    with pytest.raises(InputError, match="declares 10 MiB uncompressed, more than the limit"):
        verify_bytes(bomb, limits=ZipLimits(member_bytes=4 << 20, total_bytes=8 << 20))


def _lying(data: bytes, size: int) -> bytes:
    """The zip with every member's declared uncompressed size set to `size`."""
    return _with_field(data, "<I", 22, 24, size)


def test_a_header_that_understates_the_size_is_not_trusted() -> None:
    """100 MiB of zeros whose headers say 100 bytes: inflating stops there, the CRC fails."""
    data = _lying(_zeros_zip({"big": 100 << 20, MANIFEST: 0}), 100)
    result, peak = _verify_measured(data)
    assert "big: unreadable: Bad CRC-32 for file 'big'" in result.problems, result.problems
    assert peak < 8 << 20


def test_too_many_members_are_refused() -> None:
    data = zip_bytes({f"f{i}": b"" for i in range(30)}, ZIP_EPOCH)
    with pytest.raises(InputError, match="30 files in the zip, more than the limit of 20"):
        verify_bytes(data, limits=ZipLimits(members=20))


# --- fuzzing ------------------------------------------------------------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


PATHS = _paths(good_manifest())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), JSON), min_size=1, max_size=4))
def test_fuzz_random_json_in_every_field(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    manifest = good_manifest()
    for path, value in changes:
        node: Any = manifest
        for key in path[:-1]:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        else:
            key = path[-1]
            in_dict = isinstance(node, dict) and isinstance(key, str)
            if in_dict or (isinstance(node, list) and isinstance(key, int) and key < len(node)):
                node[key] = value
    raw = json.dumps(manifest, allow_nan=True).encode()
    result = verify_bytes(bundle(raw=raw))  # never raises
    assert result.intact == (validate(manifest) == [] and result.problems == [])


NAMES = st.text(min_size=1, max_size=20).filter(lambda n: not n.endswith("/") and "\x00" not in n)
METHODS = st.sampled_from(
    [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(NAMES, st.binary(max_size=200), METHODS), max_size=5, unique_by=lambda m: m[0]
    ),
    st.booleans(),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=6),
    st.integers(min_value=0),
)
def test_fuzz_random_zips(
    members: list[tuple[str, bytes, int]],
    with_manifest: bool,
    flips: list[tuple[int, int]],
    cut: int,
) -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content, method in members:
            archive.writestr(name, content, compress_type=method)
        if with_manifest:
            archive.writestr(MANIFEST, json.dumps(good_manifest()))
    data = bytearray(buffer.getvalue())
    for offset, byte in flips:
        data[offset % len(data)] = byte
    if cut % 4 == 0:
        del data[cut % len(data) :]
    with contextlib.suppress(InputError):  # a clear error is fine; any other exception is not
        verify_bytes(bytes(data))
