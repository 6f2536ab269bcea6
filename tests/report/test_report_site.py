"""`msm report`: the static report folder for the example project and for a broken copy."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.report.run import make_report
from pipeline.report.site import Origin, write_report
from tests.report.conftest import msm
from tests.report.copies import IMAGE, LONG_PL, PLANTED, SCRIPT, SLUG
from tests.report.test_markup import shown

LANGS = ["en", "eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"]
PAGES = [f"{SLUG}/{lang}.html" for lang in LANGS]
VOID = {"meta", "br", "input", "rect", "line", "path", "link", "img"}


class Structure(HTMLParser):
    """Collects links, sources and `lang` attributes, and checks that tags are balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self.langs: list[str] = []
        self.ids: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if "href" in found:
            self.links.append(found["href"] or "")
        if "src" in found:
            self.sources.append(found["src"] or "")
        if "lang" in found:
            self.langs.append(found["lang"] or "")
        if "id" in found:
            self.ids.append(found["id"] or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()


def parse(page: bytes) -> Structure:
    parser = Structure()
    parser.feed(page.decode("utf-8"))
    parser.close()
    assert not parser.problems, parser.problems[:5]
    assert not parser.stack, parser.stack
    return parser


def report(root: Path, **kwargs) -> dict[str, bytes]:
    project = Project.load(root)
    return make_report(project, project.select([]), env={}, **kwargs).files


def test_msm_report_writes_one_folder(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = msm(example, "report", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert re.search(r"wrote .*index\.html \(11 files, \d+ KiB, [\d.]+ s\)", result.stdout)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == sorted(["index.html", "report.json", *PAGES])


def test_default_folder_is_dist_report(example: Path) -> None:
    assert msm(example, "report").exit_code == 0
    assert (example / "dist" / "report" / "index.html").is_file()


def test_the_same_inputs_give_the_same_bytes(broken: Path) -> None:
    first = report(broken)
    second = report(broken)
    assert first == second
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    project = Project.load(broken)
    dated = make_report(project, project.select([]), env=env).files
    assert "source date 2026-01-01" in dated["index.html"].decode()


def test_every_page_stands_alone_and_every_link_resolves(broken: Path) -> None:
    files = report(broken)
    assert sorted(files) == sorted(["index.html", "report.json", *PAGES])
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        page = parse(data)
        text = data.decode()
        assert page.sources == [], name  # no image, script or frame to fetch
        assert "script" not in page.tags and "img" not in page.tags and "link" not in page.tags
        assert not re.search(r"https?://", text.replace('xmlns="http://www.w3.org/2000/svg"', ""))
        base = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        for link in page.links:
            if link.startswith("#"):
                assert link[1:] in page.ids, f"{name}: {link}"
                continue
            target = (Path(base) / link).as_posix()
            resolved = re.sub(r"[^/]+/\.\./", "", target)
            assert resolved in files, f"{name}: {link}"


def test_untrusted_text_is_shown_not_run(broken: Path) -> None:
    page = report(broken)[f"{SLUG}/es.html"].decode()
    row = page.split('<tr id="cue-2"', 1)[1].split("</tr>", 1)[0]
    translation = row.split('<div lang="es">', 1)[1].split("</div>", 1)[0]
    assert "<script" not in page and "<img" not in page
    assert shown(translation).startswith(SCRIPT + "¿Qué es")  # the text, as a reader sees it
    assert shown(translation).endswith(IMAGE)


def test_untrusted_titles_are_escaped(example: Path) -> None:
    catalog = example / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace('title = "What is', 'title = "<b onmouseover=x>What is'), encoding="utf-8"
    )
    files = report(example)
    for name in ("index.html", f"{SLUG}/pl.html"):
        page = files[name].decode()
        assert "<b onmouseover" not in page and "&lt;b onmouseover=x&gt;What is" in page


def test_translated_text_carries_its_language(broken: Path) -> None:
    files = report(broken)
    assert files["index.html"].startswith(b'<!DOCTYPE html>\n<html lang="en">')
    for lang in LANGS[1:]:
        page = parse(files[f"{SLUG}/{lang}.html"])
        assert page.langs.count(lang) >= 27, lang  # every translated cue (fr lacks one)
        assert page.langs.count("en") >= 28  # the page, the source column and the findings


@pytest.mark.parametrize(("lang", "cue", "check"), PLANTED)
def test_planted_problems_are_on_their_cue_rows(broken: Path, lang, cue, check) -> None:
    page = report(broken)[f"{SLUG}/{lang}.html"].decode()
    row = re.search(rf'<tr id="cue-{cue}" class="([^"]*)">(.*?)</tr>', page, re.S)
    assert row, f"no row for cue {cue}"
    assert f'data-check="{check}"' in row.group(2)
    assert "clean" not in row.group(1)


def test_text_spans_are_highlighted_where_the_check_knows_them(broken: Path) -> None:
    files = report(broken)
    ro = files[f"{SLUG}/ro.html"].decode()
    cedillas = re.findall(r'<mark class="hl hl-error" title="comma-below: [^"]*">(.)</mark>', ro)
    assert cedillas and set(cedillas) <= {"ş", "ţ", "Ş", "Ţ"}
    pl = files[f"{SLUG}/pl.html"].decode()
    overflow = re.findall(
        r'<mark class="hl hl-error" title="line-length: [^"]*">([^<]*)</mark>', pl
    )
    # "Tak właśnie kupują wszystkie podmioty publiczne w Polsce:" has 57 characters: the last
    # 15 are past the limit of 42 (they may be cut where a glossary term starts or ends)
    assert "".join(overflow) == LONG_PL[42:]


def test_whole_track_findings_are_listed_apart(broken: Path) -> None:
    page = report(broken)[f"{SLUG}/pl.html"].decode()
    section = page.split('id="track-h"', 1)[1].split("</section>", 1)[0]
    assert section.count('data-check="stale-build"') == 2  # pl.srt and pl.vtt


def test_chart_has_one_mark_per_cue_on_every_page(broken: Path) -> None:
    for name, data in report(broken).items():
        if name.endswith(".html") and name != "index.html":
            page = data.decode()
            chart = page.split('id="speed-chart"', 1)[1].split("</svg>", 1)[0]
            assert chart.count('class="mark ') == 28, name
            assert 'data-cue="28"' in chart


def test_index_matrix_links_every_track(broken: Path) -> None:
    page = report(broken)["index.html"].decode()
    for lang in LANGS:
        assert f'href="{SLUG}/{lang}.html"' in page
    assert "3 of 9 tracks ready" in page
    assert page.count('class="badge v-errors"') >= 4


def test_report_json_is_the_status_plus_the_files(broken: Path) -> None:
    files = report(broken)
    data = json.loads(files["report.json"])
    assert data["schema"] == "msm-status/1"
    assert data["files"] == sorted(files)
    assert data["pages"][f"{SLUG}/pl"] == f"{SLUG}/pl.html"


def test_a_second_report_removes_only_pages_the_first_one_wrote(broken: Path, tmp_path) -> None:
    out = tmp_path / "out"
    write_report(out, report(broken))
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / SLUG / "mine.html").write_text("mine", encoding="utf-8")
    assert msm(broken, "report", "--out", str(out), "--lang", "pl").exit_code == 0
    left = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert left == sorted(
        ["index.html", "notes.txt", "report.json", f"{SLUG}/mine.html", f"{SLUG}/pl.html"]
    )


def test_out_must_be_a_folder(example: Path, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = msm(example, "report", "--out", str(target))
    assert result.exit_code == 2 and "Error:" in result.output


def test_origin_wording() -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    assert Origin(moment, "4fd0106abc", True).describe() == (
        "commit 4fd0106, source date 2026-01-01, with local changes"
    )
    assert Origin(moment).describe() == "source date 2026-01-01"
    assert Origin().describe() == ""


def test_the_bundle_holds_the_report(example: Path, tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    result = msm(example, "bundle", "--out", str(tmp_path), "--version", "1.0", env=env)
    assert result.exit_code == 0, result.output
    (bundle,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        index = archive.read("report/index.html")
    assert {"report/index.html", "report/report.json", *(f"report/{p}" for p in PAGES)} <= names
    assert "report/index.html" in manifest["files"]
    project = Project.load(example)
    standalone = make_report(project, project.select([]), env=env).files["index.html"]
    assert index == standalone  # the same report, the same bytes
    verify = msm(example, "bundle", "verify", str(bundle))
    assert verify.exit_code == 0, verify.output


def test_unreadable_and_missing_catalogues_still_give_a_report(example: Path) -> None:
    folder = example / "subtitles" / SLUG
    (folder / "el.po").write_text('msgid "x"\nmsgstr "y"\nthis is not PO\n', encoding="utf-8")
    (folder / "eu.po").unlink()
    result = msm(example, "report")
    assert result.exit_code == 0, result.output
    assert "unreadable: " in result.stderr and "el.po" in result.stderr
    out = example / "dist" / "report"
    assert not (out / SLUG / "el.html").exists() and not (out / SLUG / "eu.html").exists()
    index = parse((out / "index.html").read_bytes())
    assert f"{SLUG}/el.html" not in index.links
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "Inputs that could not be read" in text and 'class="badge v-missing"' in text


def _set_title(root: Path, lang: str, text: str, fuzzy: bool = False) -> None:
    import polib

    path = root / "subtitles" / SLUG / "meta" / f"{lang}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == "youtube title")
    entry.msgstr = text
    entry.flags = ["fuzzy"] if fuzzy else []
    po.save(str(path))


def _title_rows(index: str) -> dict[str, tuple[str, str]]:
    """Per language: (state, the row's markup) in the index's titles table."""
    section = index.split('<h2 id="titles-h">', 1)[1]
    rows = re.findall(r'<tr data-lang="([^"]+)" data-state="([^"]+)">(.*?)</tr>', section, re.S)
    return {lang: (state, row) for lang, state, row in rows}


def test_index_shows_each_languages_title_state_text_and_findings(example: Path) -> None:
    rows = _title_rows(report(example)["index.html"].decode())
    assert set(rows) == set(LANGS[1:])
    assert {state for state, _ in rows.values()} == {"translated"}
    assert '<span lang="pl">Czym są zamówienia publiczne?' in rows["pl"][1]
    _set_title(example, "pl", "")
    _set_title(example, "fr", "Que sont les marchés publics\u00a0?", fuzzy=True)
    _set_title(example, "el", "Τι είναι οι δημόσιες προμήθειες;")  # a forbidden term
    _set_title(example, "ro", "Ce sunt achiziţiile publice?")  # a cedilla: an error
    (example / "subtitles" / SLUG / "meta" / "es.po").unlink()
    files = report(example)
    index = files["index.html"].decode()
    parse(files["index.html"])
    rows = _title_rows(index)
    states = {lang: state for lang, (state, _) in rows.items()}
    assert (states["pl"], states["fr"], states["el"], states["es"], states["eu"]) == (
        "untranslated",
        "fuzzy",
        "translated",
        "missing",
        "translated",
    )
    assert ">untranslated</span>" in rows["pl"][1] and ">fuzzy</span>" in rows["fr"][1]
    assert 'data-check="glossary-forbidden"' in rows["el"][1]
    assert 'data-check="comma-below"' in rows["ro"][1] and "f-error" in rows["ro"][1]
    assert "data-check" not in rows["eu"][1]
    data = json.loads(files["report.json"])
    found = {(f["lang"], f["check"]) for f in data["title_findings"]}
    assert {("el", "glossary-forbidden"), ("ro", "comma-below")} <= found


def test_index_says_when_titles_are_out_of_date(example: Path) -> None:
    catalog = example / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("(example explainer)", "(new)"), encoding="utf-8")
    rows = _title_rows(report(example)["index.html"].decode())
    assert {state for state, _ in rows.values()} == {"stale"}
    assert ">out of date</span>" in rows["fr"][1]


def test_title_findings_follow_the_check_settings(example: Path) -> None:
    _set_title(example, "el", "Τι είναι οι δημόσιες προμήθειες;")
    catalog = example / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text + '\n[checks]\ndisabled = ["glossary-forbidden"]\n', encoding="utf-8")
    rows = _title_rows(report(example)["index.html"].decode())
    assert "data-check" not in rows["el"][1]


def test_descriptions_are_shown_when_the_video_has_one(example: Path) -> None:
    assert '<th scope="col">Description</th>' not in report(example)["index.html"].decode()
    catalog = example / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    english = "How cities <buy> works."  # YouTube refuses < and >
    catalog.write_text(
        text.replace("example = true", f'example = true\ndescription = "{english}"'),
        encoding="utf-8",
    )
    assert msm(example, "update").exit_code == 0
    path = example / "subtitles" / SLUG / "meta" / "pl.po"
    import polib

    po = polib.pofile(str(path))
    next(e for e in po if e.msgctxt == "youtube description").msgstr = "Jak miasta kupują."
    po.save(str(path))
    files = report(example)
    index = files["index.html"].decode()
    parse(files["index.html"])
    rows = _title_rows(index)
    assert (
        rows["pl"][0] == "translated"
        and '<span lang="pl">Jak miasta kupują.</span>' in rows["pl"][1]
    )
    assert rows["fr"][0] == "untranslated"
    titles = index.split('<h2 id="titles-h">', 1)[1]
    assert 'data-check="youtube-angle-brackets"' in titles.split("<table", 1)[0]  # the English
    assert "<buy>" not in index
