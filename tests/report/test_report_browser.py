"""The report in a real browser: Debian's headless Chromium, driven by Playwright.

Chromium is the system package (`apt-get install chromium`; `.ci/run` installs it), never a
browser downloaded by a test tool. Without it these tests FAIL with a message: the report's
promise (readable, offline, nothing to fetch) is only proven in a browser.

`UPDATE_SCREENSHOT=1 pytest tests/report/test_report_browser.py` rewrites the review
report's screenshot in docs/reviewers.md (docs/report-screenshot.png); otherwise the
screenshot goes to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.report.run import make_report
from pipeline.report.site import write_report
from tests.report.copies import LONG_PL, PLANTED, SCRIPT, SLUG, copy_example, plant_problems

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent.parent
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """The system Chromium; fail (not skip) when it is missing."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    pytest.fail(
        "Chromium is required for the report's browser tests: install the Debian package "
        "(`sudo apt-get install chromium`; `.ci/run` does it)",
        pytrace=False,
    )


@dataclass
class Watch:
    """What a page did: requests, failures and console errors."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_clean(self) -> None:
        assert self.failed == [], self.failed
        assert self.errors == [], self.errors
        assert all(url.startswith("file://") for url in self.requests), self.requests


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The report of the broken copy, written to a folder as `msm report` writes it."""
    base = tmp_path_factory.mktemp("browser")
    root = copy_example(base / "project")
    plant_problems(root)
    project = Project.load(root)
    out = base / "report"
    write_report(out, make_report(project, project.select([]), env={}).files)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
            offline=True,
            # A first start on a fresh machine builds font caches; under load that can take
            # well over Playwright's default 30 s.
            timeout=180_000,
        )
        yield context
        context.close()


def open_page(browser, url: str, width: int = 1280):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    watch = Watch()
    watch.attach(page)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, watch


def url(site: Path, name: str) -> str:
    return (site / name).as_uri()


@pytest.mark.parametrize(("lang", "cue", "check"), PLANTED)
def test_planted_findings_are_visible(browser, site: Path, lang, cue, check) -> None:
    page, watch = open_page(browser, url(site, f"{SLUG}/{lang}.html"))
    finding = page.locator(f"#cue-{cue} li[data-check='{check}']")
    assert finding.count() >= 1
    assert finding.first.is_visible()
    text = finding.first.inner_text()
    assert check in text and ("Error" in text or "Warning" in text)
    page.close()
    watch.assert_clean()


def test_the_script_in_a_cue_is_text(browser, site: Path) -> None:
    page, watch = open_page(browser, url(site, f"{SLUG}/es.html"))
    assert page.title().startswith("Spanish:")  # the planted script did not run
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    shown = page.locator("#cue-2 div[lang='es']").inner_text()
    assert SCRIPT in shown
    page.close()
    watch.assert_clean()  # the planted <img> was never requested


def test_highlights_and_glossary_marks_are_visible(browser, site: Path) -> None:
    page, watch = open_page(browser, url(site, f"{SLUG}/ro.html"))
    cedilla = page.locator("#cue-3 mark.hl-error").first
    assert cedilla.is_visible() and cedilla.inner_text() in ("ş", "ţ")
    page.close()
    page, _ = open_page(browser, url(site, f"{SLUG}/pl.html"))
    overflow = page.locator("#cue-3 mark.hl-error").all_inner_texts()
    assert "".join(overflow) == LONG_PL[42:]
    page.close()
    page, _ = open_page(browser, url(site, f"{SLUG}/nl-BE.html"))
    label = page.locator("#cue-6 .tag-forbidden")
    assert label.is_visible() and label.inner_text().lower() == "forbidden"
    term = page.locator("#cue-6 .term-forbidden")
    assert "contracting_authority" in term.get_attribute("title")
    assert page.locator(".term-term").count() > 20  # approved terms marked on both sides
    page.close()
    watch.assert_clean()


def test_the_chart_has_one_mark_per_cue(browser, site: Path) -> None:
    for lang in ("en", "pt-PT", "fr"):
        page, watch = open_page(browser, url(site, f"{SLUG}/{lang}.html"))
        chart = page.locator("svg#speed-chart")
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box and box["width"] > 600 and box["height"] > 150
        assert page.locator("svg#speed-chart .mark").count() == 28
        rows = page.locator("table.cues tbody tr").count()
        assert rows == 28
        if lang == "pt-PT":
            assert page.locator("svg#speed-chart .mark.too-fast").count() == 1
        if lang == "fr":
            assert page.locator("svg#speed-chart .mark.gap").count() == 1
        page.close()
        watch.assert_clean()


def test_the_filter_shows_only_cues_with_findings(browser, site: Path) -> None:
    page, watch = open_page(browser, url(site, f"{SLUG}/nl-BE.html"))
    rows = page.locator("table.cues tbody tr")
    assert sum(1 for i in range(rows.count()) if rows.nth(i).is_visible()) == 28
    page.get_by_label("Show only cues with findings").check()
    visible = [rows.nth(i).get_attribute("id") for i in range(28) if rows.nth(i).is_visible()]
    assert visible == ["cue-5", "cue-6"]
    page.close()
    watch.assert_clean()


def test_index_links_to_every_track(browser, site: Path) -> None:
    page, watch = open_page(browser, url(site, "index.html"))
    assert page.locator("h1").inner_text().startswith("Making Spend Matter")
    links = page.locator("table.matrix td a")
    assert links.count() == 9
    links.nth(6).click()  # pt-PT
    page.wait_for_load_state("load")
    assert page.url.endswith(f"{SLUG}/pt-PT.html")
    page.locator(".crumbs a").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("index.html")
    page.close()
    watch.assert_clean()


def test_skip_link_is_first_and_reaches_the_content(browser, site: Path) -> None:
    page, watch = open_page(browser, url(site, f"{SLUG}/pl.html"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to the cues"
    assert page.locator(".skip").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    page.wait_for_url("**#cues", timeout=10_000)  # the browser follows the link on its own time
    assert page.url.endswith("#cues")
    page.close()
    watch.assert_clean()


@pytest.mark.parametrize("name", ["index.html", f"{SLUG}/es.html", f"{SLUG}/pl.html"])
def test_phone_width_has_no_horizontal_scroll(browser, site: Path, name: str) -> None:
    page, watch = open_page(browser, url(site, name), width=375)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a phone"
    if name != "index.html":
        box = page.locator("#cue-2 td.text").last.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.close()
    watch.assert_clean()


def is_png(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_for_the_readme(browser, site: Path, tmp_path: Path) -> None:
    target = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path / "shot.png"
    page, watch = open_page(browser, url(site, f"{SLUG}/nl-BE.html"), width=1100)
    page.get_by_label("Show only cues with findings").check()
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    page.close()
    watch.assert_clean()
    width, height = is_png(target)
    assert width == 1100 and height > 600
    assert target.stat().st_size > 20_000
    assert is_png(SCREENSHOT)  # the committed one is there for docs/reviewers.md
