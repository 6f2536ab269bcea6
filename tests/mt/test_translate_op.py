"""`msm translate` end to end: real projects, real deep-translator, real HTTP on 127.0.0.1.

Every test counts the requests the fake service received; none touches the internet.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote, quote_plus

import polib
import pytest
from click.testing import CliRunner
from mt_fakes import FakeService, Reply, refused_port
from mt_project import CUES, translate_settings

from pipeline.cli import cli
from pipeline.mt.cache import TranslationCache
from pipeline.mt.engine import Engine
from pipeline.mt.providers import open_provider
from pipeline.mt.translate import Drafter, draft, plan_translate, settings_of
from pipeline.project import Project
from pipeline.tracks.po_io import parse_po, po_date, write_po

EPOCH = "1795000000"  # 2026-11-18: SOURCE_DATE_EPOCH makes the draft date reproducible
DATE = "2026-11-18"
KEY_ENV = "MSM_TEST_LIBRE_KEY"

# The distinct texts the demo video sends: entry 3 is dialogue (two requests), cue 5
# repeats cue 1 (one shared entry).
SENT = [
    "Public procurement is how cities buy.",
    "We buy works, supplies and services.",
    "Who decides?",
    "The contracting authority.",
    "Every contract starts with a need.",
    "The contracting authority publishes a call for tenders, and companies answer with offers.",
    "Thank you.",
]


def invoke(root: Path, *args: str, env: dict[str, str] | None = None):
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH, KEY_ENV: "", **(env or {})})
    return runner.invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def po_file(root: Path, lang: str = "pl", video: str = "demo") -> Path:
    return root / "subtitles" / video / f"{lang}.po"


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in parse_po(path.read_text(encoding="utf-8-sig"), str(path))}


def humanise(path: Path) -> tuple[str, str]:
    """Give the PO a translator's reviewed and fuzzy translations, saved with other wrapping
    (as another tool would); return the two entry blocks as they are on disk."""
    po = polib.pofile(path.read_text(encoding="utf-8"), wrapwidth=30)
    po.wrapwidth = 30  # narrower than msm: a full re-render would re-wrap these bytes
    for entry in po:
        if entry.msgid == "Thank you.":
            entry.msgstr = "Dziękuję bardzo, do zobaczenia następnym razem."
            entry.tcomment = "reviewed by Ania"
        if entry.msgid.startswith("{\\an8}"):
            entry.msgstr = "{\\an8}Każda umowa zaczyna się od potrzeby zamawiającego."
            entry.flags.append("fuzzy")
    path.write_text(po.__unicode__(), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if "Dziękuję" in b or "Każda umowa" in b]
    assert len(blocks) == 2 and any(
        '"' in line and len(line) < 40 for line in blocks[0].split("\n")
    )
    return blocks[0], blocks[1]


def test_drafts_untranslated_entries_only_and_marks_them(mt_project, libre, msgfmt_ok):
    root = mt_project(translate_settings(libre=libre.url))
    path = po_file(root)
    human = humanise(path)
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 0, result.output
    assert "4 of 4 drafted" in result.stdout
    # only the untranslated texts were sent, the human ones never
    assert sorted(libre.texts()) == sorted(
        t for t in SENT if t not in ("Thank you.",) and not t.startswith("Every contract")
    )
    text = path.read_text(encoding="utf-8")
    for block in human:  # the translator's entries: byte for byte
        assert block in text
    got = entries(path)
    assert got["Thank you."].msgstr.startswith("Dziękuję") and not got["Thank you."].fuzzy
    for msgid in ("Public procurement is how cities buy.", CUES[1], CUES[2], CUES[5]):
        entry = got[msgid]
        assert entry.fuzzy, msgid
        assert f"machine draft: libre, {DATE}" in entry.tcomment
        assert entry.msgstr.replace("[pl] ", "")  # something was drafted
    assert got[CUES[2]].msgstr == "- [pl] Who decides?\n- [pl] The contracting authority."
    assert got[CUES[1]].msgstr == "<i>[pl] We buy works, supplies and services.</i>"
    msgfmt_ok(path)
    # msm build refuses the drafts until someone reviews them
    built = invoke(root, "build", "--lang", "pl")
    assert built.exit_code == 1
    assert "fuzzy (needs review)" in built.stderr
    assert not (root / "subtitles" / "demo" / "pl.srt").exists()


def test_second_run_sends_nothing_and_the_cache_alone_suffices(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url))
    path = po_file(root)
    untouched = path.read_text(encoding="utf-8")
    assert invoke(root, "translate", "--lang", "pl").exit_code == 0
    assert libre.count == len(SENT)
    drafted = path.read_text(encoding="utf-8")

    again = invoke(root, "translate", "--lang", "pl")
    assert again.exit_code == 0
    assert "nothing untranslated" in again.stdout
    assert libre.count == len(SENT)  # zero new requests

    path.write_text(untouched, encoding="utf-8")  # e.g. `git checkout` of the PO
    third = invoke(root, "translate", "--lang", "pl")
    assert third.exit_code == 0
    assert libre.count == len(SENT)  # the cache answers every text
    assert f"{len(SENT)} text(s) from the cache" in third.stdout
    assert path.read_text(encoding="utf-8") == drafted


def test_identical_text_in_two_videos_is_sent_once(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url), videos=("one", "two"))
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 0, result.output
    assert libre.count == len(SENT)
    assert entries(po_file(root, video="two"))["Thank you."].msgstr == "[pl] Thank you."


def test_mymemory_via_proxy_uses_the_exact_variant(mt_project, mymemory):
    root = mt_project(
        translate_settings(mymemory=mymemory.url), langs=("pt-PT",), cues=["Thank you."]
    )
    result = invoke(root, "translate", "--lang", "pt-PT", "--provider", "mymemory")
    assert result.exit_code == 0, result.output
    assert "fallback" not in result.output
    assert mymemory.seen[0].params["langpair"] == "en-GB|pt-PT"
    entry = entries(po_file(root, "pt-PT"))["Thank you."]
    assert entry.msgstr == "[pt-PT] Thank you."
    assert f"machine draft: mymemory, {DATE}" in entry.tcomment


def test_a_missing_variant_is_stated_in_output_and_comment(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url), langs=("pt-PT",), cues=["Hi."])
    result = invoke(root, "translate", "--lang", "pt-PT")
    assert result.exit_code == 0, result.output
    assert "fallback: libre has no pt-PT" in result.stderr
    assert libre.seen[0].params["target"] == "pt"
    comment = entries(po_file(root, "pt-PT"))["Hi."].tcomment
    assert f"machine draft: libre (pt, not pt-PT), {DATE}" in comment


def test_a_missing_language_names_other_providers(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url), langs=("ro",))
    result = invoke(root, "translate", "--lang", "ro")
    assert result.exit_code == 2
    assert "libre cannot translate Romanian (ro)" in result.stderr
    assert "google" in result.stderr and "mymemory" in result.stderr
    assert libre.count == 0


def test_no_po_yet_says_run_update(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url), langs=())
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 2
    assert "run `msm update demo --lang pl` first" in result.stderr
    assert libre.count == 0


def test_a_stale_po_says_run_update(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url))
    srt = root / "subtitles" / "demo" / "en.srt"
    srt.write_text(srt.read_text(encoding="utf-8").replace("Thank you.", "Thanks!"), "utf-8")
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 2
    assert "out of date with en.srt" in result.stderr and "msm update" in result.stderr
    assert libre.count == 0


def test_lang_is_required(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url))
    result = invoke(root, "translate")
    assert result.exit_code == 2 and "--lang" in result.stderr


def test_429_then_success(mt_project, libre):
    libre.script[1] = Reply(status=429, headers={"Retry-After": "0"})
    root = mt_project(translate_settings(libre=libre.url))
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 0, result.output
    assert libre.count == len(SENT) + 1
    assert "1 retried" in result.stdout
    assert all(e.msgstr for e in entries(po_file(root)).values() if e.msgid)


def test_persistent_500_fails_one_entry_and_is_reported(mt_project, libre):
    for n in (1, 2, 3):  # retries = 2: three attempts for the first text
        libre.script[n] = Reply(status=500)
    root = mt_project(translate_settings(libre=libre.url))
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 1
    assert "failed (1):" in result.stdout
    assert "subtitles/demo/pl.po:" in result.stdout and "cue 1:" in result.stdout
    assert "server error (HTTP 500) after 3 attempts" in result.stdout
    got = entries(po_file(root))
    assert got[SENT[0]].msgstr == "" and not got[SENT[0]].fuzzy  # left for a person or a rerun
    assert got["Thank you."].msgstr == "[pl] Thank you."
    # a rerun sends only the failed text
    before = libre.count
    again = invoke(root, "translate", "--lang", "pl")
    assert again.exit_code == 0, again.output
    assert libre.texts()[before:] == [SENT[0]]


def test_refused_connection_stops_cleanly(mt_project):
    root = mt_project(translate_settings(libre=f"http://127.0.0.1:{refused_port()}/"))
    path = po_file(root)
    before = path.read_bytes()
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 1
    assert "stopped early: libre: cannot reach" in result.stdout
    assert "connection refused" in result.stdout and "after 3 attempts" in result.stdout
    assert "6 not attempted" in result.stdout
    assert "Traceback" not in result.output
    assert path.read_bytes() == before


def test_interrupted_run_resumes_without_resending(mt_project, libre):
    libre.die_after = 3  # answers three requests, drops the fourth, then refuses
    root = mt_project(translate_settings(libre=libre.url))
    first = invoke(root, "translate", "--lang", "pl")
    assert first.exit_code == 1
    assert "stopped early" in first.stdout and "run the same command again" in first.stdout
    answered = libre.texts()[:3]
    assert answered == SENT[:3]
    drafted = [e for e in entries(po_file(root)).values() if e.msgstr]
    assert len(drafted) == 2  # the dialogue entry lost its second line: not drafted

    service = FakeService("libre")  # the server is back, on another port
    try:
        settings = root / "subtitles" / "catalog.toml"
        settings.write_text(settings.read_text().replace(libre.url, service.url))
        second = invoke(root, "translate", "--lang", "pl")
        assert second.exit_code == 0, second.output
        assert service.texts() == SENT[3:]  # nothing answered before is sent again
    finally:
        service.stop()
    assert all(e.msgstr for e in entries(po_file(root)).values() if e.msgid)


def test_killed_run_loses_no_answer(mt_project, tmp_path):
    """SIGKILL in the middle of a run: the PO was never saved, the cache kept every answer."""
    held, reached = threading.Event(), threading.Event()
    service = FakeService("libre")
    service.script[4] = Reply(hold=held)
    service.on_request = lambda number, seen: reached.set() if number == 4 else None
    root = mt_project(
        translate_settings(libre=service.url).replace("save_every = 2", "save_every = 50")
    )
    path = po_file(root)
    before = path.read_bytes()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "-C", str(root), "translate", "--lang", "pl"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert reached.wait(30), "the run never reached the fourth request"
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        held.set()
        service.stop()
    assert path.read_bytes() == before  # killed before its first save
    with TranslationCache(root / ".msm-cache" / "translations.sqlite", read_only=True) as cache:
        assert len(cache) == 3

    again = FakeService("libre")
    try:
        settings = root / "subtitles" / "catalog.toml"
        settings.write_text(settings.read_text().replace(service.url, again.url))
        result = invoke(root, "translate", "--lang", "pl")
        assert result.exit_code == 0, result.output
        assert again.texts() == SENT[3:]
        assert "3 text(s) from the cache" in result.stdout
    finally:
        again.stop()


def test_dry_run_estimates_and_sends_nothing(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url))
    path = po_file(root)
    before = path.read_bytes()
    result = invoke(root, "translate", "--lang", "pl", "--dry-run")
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()
    assert header.split() == [
        "language",
        "provider",
        "code",
        "entries",
        "requests",
        "characters",
        "cached",
    ]
    chars = sum(len(t) for t in SENT)
    assert row.split() == ["pl", "libre", "pl", "6", str(len(SENT)), f"{chars:,}", "0"]
    assert "nothing sent" in result.stderr and "quota:" in result.stderr
    assert libre.count == 0
    assert path.read_bytes() == before
    assert not (root / ".msm-cache").exists()

    # after a run whose drafts were thrown away, the estimate knows the cache answers all
    assert invoke(root, "translate", "--lang", "pl").exit_code == 0
    path.write_bytes(before)
    again = invoke(root, "translate", "--lang", "pl", "--dry-run")
    assert again.stdout.splitlines()[1].split() == [
        "pl",
        "libre",
        "pl",
        "6",
        "0",
        "0",
        str(len(SENT)),
    ]


def test_length_limit_splits_and_rejoins(mt_project, libre, msgfmt_ok):
    settings = translate_settings(libre=libre.url).replace(
        "[translate.libre]\n", "[translate.libre]\nmax_chars = 30\n"
    )
    root = mt_project(settings, cues=[CUES[5]])
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 0, result.output
    assert libre.count > 1 and all(len(q) <= 30 for q in libre.texts())
    draft_text = entries(po_file(root))[CUES[5]].msgstr
    assert draft_text.replace("\n", " ") == " ".join(f"[pl] {q}" for q in libre.texts())
    msgfmt_ok(po_file(root))


def add_cue(root: Path, number: int, text: str) -> None:
    """Append a cue to the source and refresh the Polish PO (a new untranslated entry)."""
    srt = root / "subtitles" / "demo" / "en.srt"
    start = 30 + number
    srt.write_text(
        srt.read_text(encoding="utf-8")
        + f"\n{number}\n00:00:{start},000 --> 00:00:{start},900\n{text}\n",
        encoding="utf-8",
    )
    assert invoke(root, "update", "--lang", "pl").exit_code == 0


def test_the_api_key_is_never_written_or_shown(mt_project, libre):
    secret = "sk/+Very-Secret=Key&42"
    forms = {secret, quote(secret, safe=""), quote_plus(secret)}
    libre.key = secret
    root = mt_project(translate_settings(libre=libre.url))
    outputs = []
    ok = invoke(root, "translate", "--lang", "pl", env={KEY_ENV: secret})
    assert ok.exit_code == 0, ok.output
    assert libre.seen[0].params["api_key"] == secret  # it did reach the server
    outputs.append(ok.output)

    add_cue(root, 8, "A refused key.")  # deep-translator puts the key in its 403 message
    wrong = invoke(root, "translate", "--lang", "pl", env={KEY_ENV: secret + "-old"})
    assert wrong.exit_code == 1 and "HTTP 403" in wrong.stdout, wrong.output
    outputs.append(wrong.output)

    # a refused connection: requests' error text carries the query string, key included
    settings = root / "subtitles" / "catalog.toml"
    down_url = f"http://127.0.0.1:{refused_port()}/"
    settings.write_text(settings.read_text().replace(libre.url, down_url))
    down = invoke(root, "translate", "--lang", "pl", env={KEY_ENV: secret})
    assert down.exit_code == 1 and "connection refused" in down.stdout, down.output
    outputs.append(down.output)

    for text in outputs:
        for form in forms:
            assert form not in text
    files = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "translations.sqlite" for p in files)
    for path in files:  # PO, template, settings, the cache and its WAL
        data = path.read_bytes()
        for form in forms:
            assert form.encode() not in data, path


def test_glossary_seam_marks_drafts_that_miss_a_term(mt_project, libre):
    """A simple glossary function stands in for pipeline.glossary (built elsewhere)."""
    libre.translate = lambda text, target: (
        text.replace("The contracting authority", "Instytucja zamawiająca")
        if "publishes" in text
        else f"[{target}] {text}"
    )

    def glossary(source: str, target: str, lang: str) -> list[str]:
        if lang == "pl" and "contracting authority" in source and "zamawiając" not in target:
            return ["missing approved term 'contracting authority' → 'instytucja zamawiająca'"]
        return []

    root = mt_project(translate_settings(libre=libre.url))
    project = Project.load(root)
    settings = settings_of(project)
    plan = plan_translate(project, project.select([]), ["pl"], "libre")
    outcome = draft(project, plan, env={}, moment=parse_moment(), glossary=glossary)
    assert outcome.report.ok and outcome.report.results[0].glossary == 1
    got = entries(po_file(root))
    flagged = got[CUES[2]]  # the dialogue draft kept the English term
    assert "glossary: missing approved term 'contracting authority'" in flagged.tcomment
    assert flagged.fuzzy
    assert "glossary:" not in got[CUES[5]].tcomment  # its draft uses the approved term
    assert "glossary:" not in got[SENT[0]].tcomment
    assert settings.provider == "libre"


def test_without_a_term_base_the_run_says_so(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url), cues=["Hi."])
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 0
    assert "glossary check skipped: no term base" in result.stderr


def test_the_project_glossary_marks_drafts_that_miss_a_term(mt_project, libre):
    import shutil

    libre.translate = lambda text, target: (
        text.replace("The contracting authority", "Instytucja zamawiająca")
        if "publishes" in text
        else f"[{target}] {text}"
    )
    root = mt_project(translate_settings(libre=libre.url))
    (root / "glossary").mkdir()
    repo = Path(__file__).resolve().parents[2]
    shutil.copy(repo / "glossary" / "procurement.csv", root / "glossary" / "procurement.csv")
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 0, result.output
    assert "glossary check skipped" not in result.stderr
    got = entries(po_file(root))
    flagged = got[CUES[2]]  # the draft kept the English "contracting authority"
    assert "glossary:" in flagged.tcomment and "instytucja zamawiająca" in flagged.tcomment
    # That draft uses the approved term for the authority; only its English "tenders" is left.
    assert "instytucja zamawiająca" not in got[CUES[5]].tcomment
    assert '"tenders" (tender)' in " ".join(got[CUES[5]].tcomment.split())


def test_ctrl_c_saves_every_draft_made(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url))
    project = Project.load(root)
    plan = plan_translate(project, project.select([]), ["pl"], "libre")
    options = settings_of(project).providers["libre"]
    calls = []

    def interrupting_glossary(source: str, target: str, lang: str) -> list[str]:
        calls.append(source)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return []

    with TranslationCache(root / "cache.sqlite") as cache:
        engine = Engine(open_provider(options, {}), cache)
        drafter = Drafter(engine, parse_moment(), interrupting_glossary, save_every=100)
        with pytest.raises(KeyboardInterrupt):
            drafter.run(plan)
    drafted = [e for e in entries(po_file(root)).values() if e.msgstr]
    assert len(drafted) == 3  # saved on the way out although save_every was not reached


def test_a_po_edited_during_the_run_is_not_overwritten(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url))
    path = po_file(root)

    def translator_saves(number, seen):
        if number == 1:  # someone saves the PO in Poedit while the run is going
            path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")

    libre.on_request = translator_saves
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 1
    assert "changed since msm read it; nothing was written to it" in result.stderr
    assert path.read_text(encoding="utf-8").endswith("\n# edited\n")


def parse_moment():
    from datetime import UTC, datetime

    return datetime.fromtimestamp(int(EPOCH), tz=UTC)


def test_po_date_helper_matches_epoch():
    assert po_date(parse_moment()).startswith(DATE)
    assert write_po  # the PO machinery used by msm update is the one we patch into


def test_a_windows_po_keeps_its_line_endings(mt_project, libre, msgfmt_ok):
    root = mt_project(translate_settings(libre=libre.url))
    path = po_file(root)
    humanise(path)
    crlf = "\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(crlf.encode("utf-8"))
    result = invoke(root, "translate", "--lang", "pl")
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # msgfmt rejects a BOM; msm writes none
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF everywhere, drafts included
    text = data.decode("utf-8-sig")
    blocks = crlf.lstrip("\ufeff").split("\r\n\r\n")
    kept = [blocks[0]] + [b for b in blocks if "Dzi\u0119kuj\u0119" in b or "Ka\u017cda umowa" in b]
    assert len(kept) == 3
    for block in kept:  # the header and the translator's entries: byte for byte
        assert block in text
    assert sum(e.fuzzy for e in entries(path).values()) == 5  # 4 drafts + the human fuzzy
    msgfmt_ok(path)


def test_nothing_to_draft_needs_no_key_and_opens_nothing(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url), cues=["Hi."])
    path = po_file(root)
    po = polib.pofile(path.read_text(encoding="utf-8"))
    next(e for e in po if e.msgid == "Hi.").msgstr = "Cześć."
    path.write_text(po.__unicode__(), encoding="utf-8")
    result = invoke(root, "translate", "--lang", "pl", "--provider", "deepl")  # no DeepL key
    assert result.exit_code == 0, result.output
    assert "nothing untranslated" in result.stdout
    assert not (root / ".msm-cache").exists()
