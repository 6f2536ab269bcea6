"""Translated YouTube titles and descriptions: meta/<lang>.po refreshed by `msm update`,
held to YouTube's limits by `msm check`, published with one videos.update."""

from __future__ import annotations

import json
from pathlib import Path

import polib
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import cli
from tests.publish.support import SLUG, VIDEO_ID

TITLE, DESCRIPTION = "youtube title", "youtube description"
ENGLISH = "How cities buy works, goods and services — and why it matters."


def msm(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def meta(project: Path, lang: str) -> Path:
    return project / "subtitles" / SLUG / "meta" / f"{lang}.po"


def with_description(project: Path, text: str = ENGLISH) -> None:
    catalog = project / "subtitles" / "catalog.toml"
    old = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        old.replace("example = true", f"example = true\ndescription = {json.dumps(text)}"),
        encoding="utf-8",
    )
    result = msm(project, "update")
    assert result.exit_code == 0, result.output


def translate(project: Path, lang: str, context: str, text: str) -> None:
    path = meta(project, lang)
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == context and not e.obsolete)
    entry.msgstr = text
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(path))


def test_titles_and_descriptions_are_localised_keeping_everything_else(run, fake, project):
    fake.videos[VIDEO_ID]["localizations"] = {"de": {"title": "Was ist…", "description": "DE"}}
    with_description(project)
    translate(project, "fr", DESCRIPTION, "Comment les villes achètent — et pourquoi.")
    translate(project, "pl", DESCRIPTION, "Jak miasta kupują — i dlaczego to ważne.")
    result = run("--lang", "fr", "--lang", "pl", "--lang", "es")
    assert result.exit_code == 0, result.output
    assert "titles and descriptions updated: what-is-public-procurement" in result.stdout
    video = fake.videos[VIDEO_ID]
    assert video["localizations"] == {
        "de": {"title": "Was ist…", "description": "DE"},  # not ours: kept
        "fr": {
            "title": "Que sont les marchés publics\u00a0? (vidéo explicative d’exemple)",
            "description": "Comment les villes achètent — et pourquoi.",
        },
        "pl": {
            "title": "Czym są zamówienia publiczne? (przykładowy film objaśniający)",
            "description": "Jak miasta kupują — i dlaczego to ważne.",
        },
    }  # es: its description is not translated yet, so nothing of es is sent
    snippet = video["snippet"]
    assert snippet["title"] == "What is public procurement?"  # YouTube's, not msm's
    assert (snippet["categoryId"], snippet["tags"]) == ("27", ["procurement"])
    assert (snippet["defaultLanguage"], snippet["defaultAudioLanguage"]) == ("en", "en")
    assert snippet["description"] == "English description"

    fake.calls.clear()
    assert run("--lang", "fr", "--lang", "pl", "--lang", "es").exit_code == 0
    assert fake.calls == ["captions.list"]  # unchanged titles: no videos call


def test_without_an_english_description_the_existing_one_is_kept(run, fake):
    fake.videos[VIDEO_ID]["localizations"] = {"fr": {"title": "x", "description": "FR desc"}}
    assert run("--lang", "fr", "--lang", "el").exit_code == 0
    local = fake.videos[VIDEO_ID]["localizations"]
    assert local["fr"]["description"] == "FR desc"
    assert local["el"] == {
        "title": "Τι είναι οι δημόσιες συμβάσεις; (παράδειγμα επεξηγηματικού βίντεο)",
        "description": "English description",
    }


def test_update_keeps_an_edited_title_as_fuzzy_with_the_previous_text(project):
    catalog = project / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("(example explainer)", "(an example)"), encoding="utf-8")
    check = msm(project, "update", "--check")
    assert check.exit_code == 1
    assert "out of date: subtitles/what-is-public-procurement/meta/fr.po" in check.stdout
    assert msm(project, "update").exit_code == 0
    po = polib.pofile(str(meta(project, "fr")))
    (entry,) = [e for e in po if e.msgctxt == TITLE]
    assert entry.msgid == "What is public procurement? (an example)"
    assert entry.fuzzy and entry.previous_msgid == "What is public procurement? (example explainer)"
    assert entry.msgstr.startswith("Que sont les marchés publics")
    assert msm(project, "update", "--check").exit_code == 0


def test_a_fuzzy_title_is_not_published(run, fake, project):
    catalog = project / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("(example explainer)", "(an example)"), encoding="utf-8")
    assert msm(project, "update").exit_code == 0
    translate(project, "pl", TITLE, "Czym są zamówienia publiczne? (przykład)")
    assert run("--lang", "fr", "--lang", "pl").exit_code == 0
    assert set(fake.videos[VIDEO_ID]["localizations"]) == {"pl"}


def test_check_holds_titles_to_youtubes_limits(project):
    assert msm(project, "check").exit_code == 0
    translate(project, "fr", TITLE, "T" * 101)
    translate(project, "pl", TITLE, "Czym są <b>zamówienia</b>?")
    with_description(project, "x" * 5001)
    result = msm(project, "check", "--format", "json")
    assert result.exit_code == 1
    found = {(f["path"], f["check"], f["lang"]) for f in json.loads(result.stdout)["findings"]}
    assert (f"subtitles/{SLUG}/meta/fr.po", "youtube-title-length", "fr") in found
    assert (f"subtitles/{SLUG}/meta/pl.po", "youtube-angle-brackets", "pl") in found
    assert ("subtitles/catalog.toml", "youtube-description-length", "en") in found
    text = msm(project, "check", str(project / "subtitles" / SLUG), "--lang", "fr")
    assert "title of 101 characters (at most 100)" in text.stdout


def test_publish_holds_back_a_title_over_the_limit(run, fake, project):
    translate(project, "fr", TITLE, "T" * 101)
    result = run("--lang", "fr")
    assert result.exit_code == 1
    assert "meta/fr.po" in result.stderr and "at most 100" in result.stderr
    assert fake.videos[VIDEO_ID]["localizations"] == {}
    assert len([c for c in fake.tracks(VIDEO_ID) if c.kind != "ASR"]) == 1  # the captions went


def test_status_shows_where_each_title_stands(project):
    def titles() -> dict:
        out = msm(project, "status", "--format", "json")
        return json.loads(out.stdout)["videos"][0]["titles"]

    assert set(titles().values()) == {"translated"}
    translate(project, "pl", TITLE, "")
    with_description(project)  # every language now has a description to translate
    meta(project, "ro").unlink()
    got = titles()
    assert (got["pl"], got["fr"], got["ro"]) == ("untranslated", "untranslated", "missing")
    catalog = project / "subtitles" / "catalog.toml"
    catalog.write_text(catalog.read_text().replace("(example explainer)", "(new)"))
    assert set(titles().values()) == {"stale", "missing"}
    assert msm(project, "update").exit_code == 0
    got = titles()
    assert got["fr"] == "fuzzy" and got["pl"] == "untranslated" and got["ro"] == "untranslated"
    table = msm(project, "status").stdout
    assert (
        "what-is-public-procurement: YouTube title to review (meta/<lang>.po): eu, nl-BE" in table
    )


_texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() == t and t)


@settings(max_examples=40, deadline=None)
@given(old=_texts, new=_texts, translation=_texts)
def test_update_never_loses_a_translated_title(old, new, translation):
    import tempfile
    from datetime import UTC, datetime

    from pipeline.plan import apply
    from pipeline.project import Project, parse_settings
    from pipeline.publish.meta import plan_meta_update

    moment = datetime(2026, 12, 6, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "subtitles" / "demo").mkdir(parents=True)

        def project(title: str) -> Project:
            quoted = json.dumps(title, ensure_ascii=False)  # no control characters drawn
            text = '[project]\ntarget_languages = ["fr"]\n[[videos]]\nslug = "demo"\n'
            text += f"title = {quoted}\n"
            return Project(root, parse_settings(text))

        first = project(old)
        changes, errors = plan_meta_update(first, list(first.settings.videos), ["fr"], moment)
        assert not errors
        apply(changes)
        path = root / "subtitles" / "demo" / "meta" / "fr.po"
        po = polib.pofile(str(path))
        po[0].msgstr = translation
        po.save(str(path))
        second = project(new)
        changes, errors = plan_meta_update(second, list(second.settings.videos), ["fr"], moment)
        assert not errors
        apply(changes)
        (entry,) = [e for e in polib.pofile(str(path)) if not e.obsolete]
        assert entry.msgid == new and entry.msgstr == translation
        assert entry.fuzzy == (old != new)
        if old != new:
            assert entry.previous_msgid == old


def test_titles_get_the_typography_checks_and_an_error_holds_one_back(run, fake, project):
    translate(project, "fr", TITLE, "Que sont les marchés publics? (exemple)")
    translate(project, "ro", TITLE, "Ce sunt achiziţiile publice? (exemplu)")
    result = msm(project, "check", "--format", "json")
    found = {(f["lang"], f["check"], f["severity"]) for f in json.loads(result.stdout)["findings"]}
    assert ("fr", "nbsp-punctuation", "warning") in found
    assert ("ro", "comma-below", "error") in found
    assert result.exit_code == 1
    published = run("--lang", "fr", "--lang", "ro")
    assert published.exit_code == 1
    assert "meta/ro.po:" in published.stderr and "with a cedilla" in published.stderr
    assert set(fake.videos[VIDEO_ID]["localizations"]) == {"fr"}  # a warning does not hold


GREEK_FORBIDDEN = "Τι είναι οι δημόσιες προμήθειες; (παράδειγμα επεξηγηματικού βίντεο)"


def glossary_found(project: Path) -> list[dict]:
    result = msm(project, "check", "--format", "json", "--no-cache")
    return [
        f
        for f in json.loads(result.stdout)["findings"]
        if f["path"] == f"subtitles/{SLUG}/meta/el.po" and f["check"].startswith("glossary-")
    ]


def add_settings(project: Path, text: str) -> None:
    catalog = project / "subtitles" / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_check_runs_the_glossary_checks_on_titles(project):
    assert glossary_found(project) == []  # the shipped Greek title uses the approved term
    translate(project, "el", TITLE, GREEK_FORBIDDEN)
    (found,) = glossary_found(project)
    assert (found["check"], found["lang"], found["context"]) == ("glossary-forbidden", "el", TITLE)
    assert found["concept"] == "public_procurement" and found["severity"] == "warning"
    assert "προμήθειες" in found["message"]


def test_disabling_the_glossary_check_in_the_settings_silences_it_on_titles(project):
    translate(project, "el", TITLE, GREEK_FORBIDDEN)
    assert [f["check"] for f in glossary_found(project)] == ["glossary-forbidden"]
    add_settings(project, '\n[checks]\ndisabled = ["glossary-forbidden"]\n')
    assert glossary_found(project) == []


def test_a_language_setting_applies_to_title_findings(project):
    translate(project, "el", TITLE, GREEK_FORBIDDEN)
    add_settings(project, '\n[checks.languages.el.severity]\nglossary-forbidden = "error"\n')
    (found,) = glossary_found(project)
    assert found["severity"] == "error"
    assert msm(project, "check").exit_code == 1
    add_settings(project, '\n[checks.languages.el]\ndisabled = ["glossary-forbidden"]\n')
    assert glossary_found(project) == []
    assert msm(project, "check").exit_code == 0


def test_a_severity_override_applies_to_title_typography_findings(project):
    translate(project, "ro", TITLE, "Ce sunt achiziţiile publice?")  # a cedilla: an error
    result = msm(project, "check", "--format", "json")
    assert result.exit_code == 1
    add_settings(project, '\n[checks.severity]\ncomma-below = "warning"\n')
    result = msm(project, "check", "--format", "json")
    assert result.exit_code == 0, result.stdout
    (found,) = [f for f in json.loads(result.stdout)["findings"] if f["check"] == "comma-below"]
    assert found["severity"] == "warning" and found["path"].endswith("meta/ro.po")


def test_a_reviewer_accepts_a_glossary_finding_on_a_title(project):
    translate(project, "el", TITLE, GREEK_FORBIDDEN)
    path = meta(project, "el")
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == TITLE)
    entry.tcomment = "msm-accept: glossary-forbidden:public_procurement quoted on purpose"
    po.save(str(path))
    (found,) = glossary_found(project)
    assert found["accepted"] is True


def test_publish_holds_back_a_title_the_settings_make_an_error(run, fake, project):
    translate(project, "el", TITLE, GREEK_FORBIDDEN)
    add_settings(project, '\n[checks.severity]\nglossary-forbidden = "error"\n')
    result = run("--lang", "el")
    assert "meta/el.po" in result.stderr and "προμήθειες" in result.stderr
    assert fake.videos[VIDEO_ID]["localizations"] == {}


def test_checking_one_cue_catalogue_leaves_the_titles_alone(project):
    translate(project, "pl", TITLE, "T" * 101)
    folder = project / "subtitles" / SLUG
    assert msm(project, "check", str(folder / "pl.po")).exit_code == 0
    assert msm(project, "check", str(folder / "meta" / "pl.po")).exit_code == 1
    assert msm(project, "check", str(folder / "meta")).exit_code == 1
    assert msm(project, "check", str(folder)).exit_code == 1
