"""A full disk is not a corrupt cache: msm says to make room, never to delete a healthy cache.

The real case runs `msm translate` on a 256 KiB tmpfs filled to the last byte, mounted in a
private mount namespace (`unshare -rm`: no root needed where user namespaces are allowed;
skipped where they are not). SQLite then meets a real ENOSPC from the kernel.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from mt_project import translate_settings

from pipeline.errors import InputError
from pipeline.mt.cache import CacheWriteError, TranslationCache

KEY_ENV = "MSM_TEST_LIBRE_KEY"


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return done.returncode == 0


needs_tmpfs = pytest.mark.skipif(
    not _namespaces_work(), reason="needs `unshare -rm` (user and mount namespaces)"
)

# Mount a tiny tmpfs, run the steps; FILL and FREE fill it to ENOSPC and free it again.
SCRIPT = """\
set -u
mount -t tmpfs -o size=256k tmpfs "$DISK"
{steps}
"""
FILL = 'echo "== fill"; "$PY" -c "$FILL_PY" "$DISK/filler"'
FREE = 'echo "== free"; rm -f "$DISK/filler"'
FILL_PY = """
import errno, sys
with open(sys.argv[1], "wb", buffering=0) as out:
    try:
        while True:
            out.write(bytes(4096))
    except OSError as exc:
        print("filler:", errno.errorcode[exc.errno])
"""


def msm_step(root: Path, *args: str) -> str:
    quoted = " ".join(f"'{a}'" for a in args)
    return f'echo "== msm {quoted}"; "$PY" -m pipeline -C "{root}" {quoted} 2>&1; echo "== exit $?"'


def run_on_tmpfs(disk: Path, steps: list[str], env: dict[str, str]) -> dict[str, str]:
    """Run the steps in a private mount namespace; the output of each, by its header."""
    disk.mkdir()
    script = SCRIPT.format(steps="\n".join(steps))
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**env, "DISK": str(disk), "PY": sys.executable, "FILL_PY": FILL_PY},
    )
    assert done.returncode == 0, done.stderr
    sections: dict[str, str] = {}
    name = ""
    for line in done.stdout.splitlines():
        if line.startswith("== ") and not line.startswith("== exit"):
            name = line[3:]
            while name in sections:
                name += "'"
            sections[name] = ""
        else:
            sections[name] += line + "\n"
    return sections


@needs_tmpfs
def test_translate_on_a_full_disk_says_make_room_not_delete(
    mt_project, libre, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    cache = disk / "cache" / "translations.sqlite"
    settings = translate_settings(libre=libre.url).replace(
        "[translate]\n", f'[translate]\ncache = "{cache}"\n', 1
    )
    root = mt_project(settings, langs=("pl", "fr"))
    env = {"PATH": "/usr/bin:/bin", KEY_ENV: "", "SOURCE_DATE_EPOCH": "1767225600"}
    if "PYTHONPATH" in os.environ:  # the compiled pass runs its own copy of the package
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    out = run_on_tmpfs(
        disk,
        [
            msm_step(root, "translate", "--lang", "pl"),  # a healthy cache, on the tmpfs
            FILL,
            msm_step(root, "translate", "--lang", "fr"),  # needs to write: ENOSPC
            FREE,
            msm_step(root, "translate", "--lang", "pl", "--dry-run"),
            msm_step(root, "translate", "--lang", "fr"),
        ],
        env,
    )
    first, full, estimate, after = (
        out["msm 'translate' '--lang' 'pl'"],
        out["msm 'translate' '--lang' 'fr'"],
        out["msm 'translate' '--lang' 'pl' '--dry-run'"],
        out["msm 'translate' '--lang' 'fr''"],
    )
    assert "drafted" in first, first
    assert "filler: ENOSPC" in out["fill"]
    assert "cannot write to the translation cache" in full, full
    assert "the disk is full" in full and "make room" in full
    assert "delete" not in full and "unreadable" not in full and "Traceback" not in full
    # The cache was healthy all along: every pl answer is still there once there is room.
    assert "Traceback" not in estimate
    requests = [line for line in estimate.splitlines() if line.startswith("pl")]
    assert requests and requests[0].split()[4] == "0", estimate  # 0 requests: all cached
    assert "drafted" in after and "Traceback" not in after, after


def test_sqlite_full_is_a_write_error_and_the_cache_stays_readable(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL (max_page_count reached), without a tmpfs."""
    path = tmp_path / "t.sqlite"
    with TranslationCache(path) as cache:
        cache.put("libre", "en", "pl", "kept", "zachowane")
        db = cache._connect()
        assert db is not None
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(CacheWriteError) as caught:
            cache.put("libre", "en", "pl", "big " * 10_000, "duży " * 10_000)
    message = str(caught.value)
    assert "database or disk is full; the disk is full" in message
    assert "delete" not in message
    with TranslationCache(path, read_only=True) as cache:
        assert cache.get("libre", "en", "pl", "kept") == "zachowane"


def test_a_cache_in_a_read_only_folder_is_not_called_corrupt(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "t.sqlite"
    with TranslationCache(path) as cache:
        cache.put("libre", "en", "pl", "a", "b")
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        with TranslationCache(path) as cache:
            try:
                cache.put("libre", "en", "pl", "c", "d")
            except CacheWriteError as exc:
                assert "delete" not in str(exc)
            # root may write anyway: then the put simply worked
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_a_corrupt_cache_still_says_delete(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with TranslationCache(path) as cache, pytest.raises(InputError) as caught:
        cache.get("libre", "en", "pl", "A")
    assert "unreadable" in str(caught.value) and "delete the file" in str(caught.value)
    assert sqlite3.sqlite_version  # the code paths are SQLite's own, not a mock
