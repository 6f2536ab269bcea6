"""`msm fix`: certain fixes only, consistent with the checks, idempotent, msgstr only."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from check_helpers import PROJECT, entry, run
from hypothesis import given
from hypothesis import strategies as st

from pipeline.checks.config import ChecksConfig
from pipeline.checks.fixes import ORDER, fix_text, plan_fix_po, plan_fixes
from pipeline.project import Project

NB = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "text", "fixed"),
    [
        ("ro", "oraşele şi ţara", "orașele și țara"),
        ("ro", "ŞI ŢARA", "ȘI ȚARA"),
        ("pl", "oraşele", "oraşele"),  # not Romanian: not touched
        ("en", "Wait...", "Wait…"),
        ("en", "Wait....", "Wait...."),
        ("en", "two  spaces\nand   three", "two spaces\nand three"),
        ("fr", "Vraiment ?", f"Vraiment{NB}?"),
        ("fr", "Vraiment?", f"Vraiment{NB}?"),
        ("fr", "Vraiment  ?", f"Vraiment{NB}?"),
        ("fr", "Vraiment\u202f?", f"Vraiment{NB}?"),
        ("fr", "Quoi ?!", f"Quoi{NB}?!"),
        ("fr", "Il est 10:30.", "Il est 10:30."),
        ("fr", "Tu viens...?", f"Tu viens…{NB}?"),
        ("fr", "« mot »", f"«{NB}mot{NB}»"),
        ("fr", "«mot»", f"«{NB}mot{NB}»"),
        ("en", "Really ?", "Really ?"),  # not a certain fix outside French: reported only
        ("es", "Qué?", "Qué?"),  # the missing ¿ needs a person
        ("pl", "zamó\u00adwienie\u200b", "zamówienie"),  # invisible characters removed
        ("en", "a\t\tb", "a b"),  # tabs become spaces, then one space
        ("fr", "Quoi\t?", f"Quoi{NB}?"),
    ],
)
def test_fix_text(lang, text, fixed):
    assert fix_text(text, lang)[0] == fixed


def test_fix_counts_edits_per_check():
    _, counts = fix_text("Quoi ?... « ah »", "fr")
    assert counts == {"ellipsis-character": 1, "nbsp-punctuation": 1, "guillemet-spacing": 2}


TEXTS = st.text(alphabet=list("ab ?!:;«»\u00a0\u202f.şţ\n1\t\u200b\u00ad"), max_size=40)
LANGS = st.sampled_from(["fr", "ro", "en", "pl", "es"])


@given(TEXTS, LANGS)
def test_fixes_are_idempotent_and_leave_nothing_for_their_checks(text, lang):
    fixed, _ = fix_text(text, lang)
    assert fix_text(fixed, lang)[0] == fixed
    for check in ORDER:
        problems = run(check, entry(lang, fixed))
        assert problems == [], (check, fixed, problems)


@given(TEXTS, LANGS)
def test_fixes_never_touch_letters_digits_or_line_breaks(text, lang):
    fixed, _ = fix_text(text, lang)

    def skeleton(s):
        s = s.translate(str.maketrans("şţŞŢ", "șțȘȚ"))
        return [c for c in s if c.isalnum() or c in "\n?!:;«»"]

    assert skeleton(fixed) == skeleton(text)


def test_plan_fix_po_changes_only_msgstr_lines_and_passes_msgfmt(tmp_path):
    src = PROJECT / "subtitles" / "budget-basics" / "fr.po"
    text = src.read_text(encoding="utf-8")
    broken = text.replace(f"plus{NB}?", "plus ?").replace(f"regardés{NB}!", "regardés  !")
    plan = plan_fix_po(src, broken, "fr", ChecksConfig())
    [change] = plan.changes
    assert change.new == text  # back to the clean fixture, byte for byte
    assert dict(plan.counts) == {"double-space": 1, "nbsp-punctuation": 2}
    diff = change.diff()
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and ln[:3] not in ("+++", "---")]
    assert changed and all('"' in ln and "msgid" not in ln for ln in changed)
    out = tmp_path / "fr.po"
    out.write_text(change.new, encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(out)], check=True)


def test_plan_fix_respects_disabled_checks():
    cfg = ChecksConfig(disabled=frozenset({"nbsp-punctuation"}))
    src = PROJECT / "subtitles" / "budget-basics" / "fr.po"
    broken = src.read_text(encoding="utf-8").replace(f"plus{NB}?", "plus ?")
    assert plan_fix_po(src, broken, "fr", cfg).changes == []


def test_plan_fixes_over_a_project_never_touches_the_source(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(PROJECT, root)
    folder = root / "subtitles" / "budget-basics"
    en = folder / "en.srt"
    en.write_text(en.read_text(encoding="utf-8").replace("works…", "works..."), "utf-8")
    ro = folder / "ro.po"
    ro.write_text(ro.read_text(encoding="utf-8").replace("orașele", "oraşele"), "utf-8")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    plan = plan_fixes([], Project.load(root))
    assert [c.path for c in plan.changes] == [ro]
    assert plan.counts == {"comma-below": 1}
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before  # plan only


def test_loose_po_uses_its_language_header(tmp_path):
    loose = tmp_path / "draft.po"
    text = (PROJECT / "subtitles" / "budget-basics" / "fr.po").read_text(encoding="utf-8")
    loose.write_text(text.replace(f"plus{NB}?", "plus ?"), encoding="utf-8")
    plan = plan_fixes([loose], None)
    assert [c.path for c in plan.changes] == [loose]
    assert not plan.errors


def test_fix_reads_only_po_files(tmp_path):
    loose = tmp_path / "pl.srt"
    loose.write_text("1\n00:00:01,000 --> 00:00:02,000\nTo...\n", encoding="utf-8")
    assert plan_fixes([loose], None).changes == []
