"""Release bundles: reproducible, verifiable, and never shipping a failing or incomplete track."""

from __future__ import annotations

import json
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from pipeline.bundle.assemble import Provenance, assemble
from pipeline.bundle.manifest import safe_path, validate
from pipeline.bundle.verify import verify_bytes
from pipeline.bundle.zipper import ZIP_EPOCH, zip_bytes
from pipeline.cli import cli
from pipeline.errors import InputError, ProjectError
from pipeline.project import Project, Video

ROOT = Path(__file__).parent.parent.parent
SLUG = "what-is-public-procurement"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the repository's example project (no git: times fall back to 1980)."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "subtitles", root / "subtitles")
    if (ROOT / "glossary").is_dir():
        shutil.copytree(ROOT / "glossary", root / "glossary")
    return root


def msm(root: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["--project", str(root), *args], env=env)


def only_zip(folder: Path) -> Path:
    (found,) = folder.glob("*.zip")
    return found


def test_two_builds_are_byte_identical(example: Path, tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    first = msm(example, "bundle", "--out", str(tmp_path / "a"), "--version", "1.0", env=env)
    assert first.exit_code == 0, first.output
    second = msm(example, "bundle", "--out", str(tmp_path / "b"), "--version", "1.0", env=env)
    assert second.exit_code == 0, second.output
    a, b = only_zip(tmp_path / "a"), only_zip(tmp_path / "b")
    assert a.name == "msm-subtitles-1.0.zip"
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(2026, 1, 1, 0, 0, 0)}


def test_without_source_date_epoch_the_time_is_fixed_too(example: Path, tmp_path: Path) -> None:
    for out in ("a", "b"):
        result = msm(example, "bundle", "--out", str(tmp_path / out), env={"SOURCE_DATE_EPOCH": ""})
        assert result.exit_code == 0, result.output
    assert only_zip(tmp_path / "a").read_bytes() == only_zip(tmp_path / "b").read_bytes()
    assert only_zip(tmp_path / "a").name == "msm-subtitles-1980.01.01.zip"


def test_contents_manifest_and_checklist(example: Path, tmp_path: Path) -> None:
    result = msm(example, "bundle", "--out", str(tmp_path), "--version", "2.0")
    assert result.exit_code == 0, result.output
    data = only_zip(tmp_path).read_bytes()
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        upload = archive.read("UPLOAD.md").decode()
        el_srt = archive.read(f"{SLUG}/el.srt").decode()
    langs = ["en", "eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"]
    assert {f"{SLUG}/{lang}.{ext}" for lang in langs for ext in ("srt", "vtt")} <= names
    assert {"manifest.json", "UPLOAD.md", "check-report.json", "check-report.txt"} <= names
    assert validate(manifest) == []
    assert manifest["bundle_version"] == "2.0"
    tracks = {t["lang"]: t for t in manifest["videos"][0]["tracks"]}
    assert tracks["nl-BE"]["youtube_lang"] == "nl-BE" and tracks["nl-BE"]["name"] == "Flemish"
    assert tracks["pt-PT"]["youtube_lang"] == "pt-PT"
    assert tracks["en"]["kind"] == "source"
    assert all(t["cues"] == 28 and t["complete"] for t in tracks.values())
    assert all(t["checks"]["verdict"] == "pass" for t in tracks.values())
    assert el_srt == (example / "subtitles" / SLUG / "el.srt").read_text(encoding="utf-8")
    assert f"`nl-BE` — upload `{SLUG}/nl-BE.srt`" in upload
    assert upload.index("**English**") < upload.index("**Basque**")


def test_srt_in_the_bundle_has_no_style_tags(example: Path, tmp_path: Path) -> None:
    source = example / "subtitles" / SLUG / "en.srt"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "What is public procurement?", "<i>What is public procurement?</i>", 1
        ),
        encoding="utf-8",
    )
    msm(example, "update")
    for po_path in (example / "subtitles" / SLUG).glob("*.po"):
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.msgid.startswith("<i>What is"):
                old = po.obsolete_entries()
                assert entry.fuzzy and old == []
                entry.msgstr = f"<i>{entry.msgstr}</i>"
                entry.flags.remove("fuzzy")
        po.save()
    msm(example, "build")
    result = msm(example, "bundle", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(only_zip(tmp_path)) as archive:
        texts = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".srt")]
    assert texts and not any("<i>" in text for text in texts)


def test_verify_accepts_an_intact_bundle_and_reports_tampering(
    example: Path, tmp_path: Path
) -> None:
    assert msm(example, "bundle", "--out", str(tmp_path)).exit_code == 0
    path = only_zip(tmp_path)
    ok = msm(example, "bundle", "verify", str(path))
    assert ok.exit_code == 0 and "intact" in ok.output

    members = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    tampered = dict(members)
    tampered[f"{SLUG}/pl.srt"] = members[f"{SLUG}/pl.srt"].replace(b"instytucj", b"instytuck", 1)
    tampered["extra.txt"] = b"smuggled"
    del tampered[f"{SLUG}/fr.vtt"]
    bad = tmp_path / "tampered.zip"
    bad.write_bytes(zip_bytes(tampered, ZIP_EPOCH))
    result = msm(example, "bundle", "verify", str(bad))
    assert result.exit_code == 1
    assert f"{SLUG}/pl.srt: SHA-256 differs" in result.output
    assert "extra.txt: in the zip but not in the manifest" in result.output
    assert f"{SLUG}/fr.vtt: listed in the manifest but missing" in result.output


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m.pop("files"), "missing 'files'"),
        (lambda m: m.__setitem__("schema", "other/9"), "schema is 'other/9'"),
        (lambda m: m["videos"][0]["tracks"][0].__setitem__("cues", "28"), "cues: wrong type"),
        (lambda m: m["videos"][0]["tracks"][1]["checks"].__setitem__("verdict", "ok"), "verdict"),
        (lambda m: m.__setitem__("surprise", 1), "unknown key 'surprise'"),
        (lambda m: m["files"].__setitem__("../../etc/passwd", "0" * 64), "unsafe path"),
    ],
)
def test_verify_checks_the_manifest_schema(example: Path, tmp_path: Path, change, expected) -> None:
    assert msm(example, "bundle", "--out", str(tmp_path)).exit_code == 0
    with zipfile.ZipFile(only_zip(tmp_path)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    result = verify_bytes(zip_bytes(members, ZIP_EPOCH))
    assert not result.intact
    assert any(expected in p for p in result.problems), result.problems


def test_verify_of_something_that_is_not_a_zip_is_exit_2(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK not really")
    result = CliRunner().invoke(cli, ["bundle", "verify", str(junk)])
    assert result.exit_code == 2 and "not a readable zip" in result.output
    with pytest.raises(InputError):
        verify_bytes(b"")


def test_an_error_level_finding_blocks_the_bundle(example: Path, tmp_path: Path) -> None:
    po_path = example / "subtitles" / SLUG / "ro.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if "ș" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("ș", "ş")  # a cedilla: an error in Romanian
    po.save()
    msm(example, "build")
    result = msm(example, "bundle", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert f"refused: {SLUG}/ro: 1 check error(s): comma-below (cue 3)" in result.output
    assert not list(tmp_path.glob("*.zip"))
    # With --allow-incomplete the failing track is left out, and the manifest says so.
    result = msm(example, "bundle", "--out", str(tmp_path), "--allow-incomplete")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(only_zip(tmp_path)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert f"{SLUG}/ro.srt" not in archive.namelist()
    assert manifest["allow_incomplete"] is True
    reason = "1 check error(s): comma-below (cue 3); see `msm check`"
    assert manifest["excluded"] == [{"slug": SLUG, "lang": "ro", "reason": reason}]


def test_untranslated_cues_block_unless_allowed(example: Path, tmp_path: Path) -> None:
    po_path = example / "subtitles" / SLUG / "pl.po"
    po = polib.pofile(str(po_path))
    live = [e for e in po if not e.obsolete]
    live[3].msgstr = ""
    live[5].flags.append("fuzzy")
    po.save()
    # The committed pl.srt/pl.vtt are now stale: a warning, and the bundle builds its own.
    assert "stale-build" in msm(example, "check").output
    result = msm(example, "bundle", "--out", str(tmp_path))
    assert result.exit_code == 1
    reason = f"{SLUG}/pl: 2 of 28 cues cannot ship: 1 untranslated (cue 4), 1 fuzzy (cue 6)"
    assert f"refused: {reason}" in result.output
    result = msm(example, "bundle", "--out", str(tmp_path), "--allow-incomplete")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(only_zip(tmp_path)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        pl = archive.read(f"{SLUG}/pl.srt").decode()
    track = next(t for t in manifest["videos"][0]["tracks"] if t["lang"] == "pl")
    assert track["complete"] is False and track["missing_cues"] == [4, 6]
    assert track["cues"] == 26 and pl.count(" --> ") == 26
    assert live[3].msgid.split("\n")[0] not in pl  # no English shipped


def test_names_from_the_catalogue_cannot_escape(example: Path) -> None:
    project = Project.load(example)
    evil = Video(slug="../../outside", title="x")
    with pytest.raises(ProjectError):
        assemble(project, [evil], "1", [], Provenance(ZIP_EPOCH))
    for name in ("../x", "/etc/passwd", "a/../../b", "a//b", "ok/../x", "a\\b", "."):
        assert not safe_path(name), name
    assert safe_path(f"{SLUG}/pt-PT.srt")


def test_a_bad_version_is_refused(example: Path) -> None:
    result = msm(example, "bundle", "--version", "../1")
    assert result.exit_code == 2 and "bundle version" in result.output
