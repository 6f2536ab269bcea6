"""`msm fix`: apply the typography fixes that are certain, to the translations in the PO files.

Only the PO changes (it is the source of truth; `msm build` carries the fix into the tracks),
only the msgstr of current entries, and only edits the checks mark as certain: cedillas to
comma below, `...` to `…`, French spaces to no-break spaces, runs of spaces to one. The source
text and the meaning are never touched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.checks.config import ChecksConfig
from pipeline.checks.inputs import resolve
from pipeline.checks.registry import load_all
from pipeline.checks.typography import FIXABLE, typography_of
from pipeline.errors import Diagnostic, MsmError
from pipeline.plan import FileChange
from pipeline.project import Project
from pipeline.safewrite import Seen
from pipeline.tracks.po_charset import read_po_seen
from pipeline.tracks.po_io import parse_po, render
from pipeline.tracks.po_language import catalogue_language

# The order the fixes apply in: later ones see the earlier results (`mot  !` → `mot !` → nbsp;
# a tab turned into a space is then a double space).
ORDER = (
    "invisible-character",
    "comma-below",
    "ellipsis-character",
    "double-space",
    "nbsp-punctuation",
    "guillemet-spacing",
)


def fix_text(text: str, lang: str, enabled: Iterable[str] = ORDER) -> tuple[str, Counter[str]]:
    """The text with every certain fix of `lang` applied, and how many edits each check made."""
    counts: Counter[str] = Counter()
    wanted = set(enabled)
    typography = typography_of(lang)
    for check in ORDER:
        if check not in wanted:
            continue
        edits = [e for e in FIXABLE[check](text, typography) if e.replacement is not None]
        if not edits:
            continue
        counts[check] += len(edits)
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            assert edit.replacement is not None
            text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, counts


@dataclass
class FixPlan:
    """The PO files to rewrite, what each fix did, and the problems met."""

    changes: list[FileChange] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[MsmError] = field(default_factory=list)


def plan_fix_po(
    path: Path, text: str, lang: str | None, config: ChecksConfig, seen: Seen | None = None
) -> FixPlan:
    """The fixes of one catalogue (pure: text in, planned change out)."""
    plan = FixPlan()
    po = parse_po(text, str(path))
    code = catalogue_language(po.metadata.get("Language", ""), lang, str(path), None)[0]
    enabled = [c for c in ORDER if config.enabled(c, code)]
    canonical = render(po) == text
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        fixed, counts = fix_text(entry.msgstr, code, enabled)
        if fixed != entry.msgstr:
            entry.msgstr = fixed
            plan.counts.update(counts)
    if plan.counts:
        if not canonical:
            plan.warnings.append(
                Diagnostic(
                    str(path),
                    None,
                    "warning",
                    "not in the layout msm writes; the fix also re-wraps it as msgmerge would",
                    "fix-layout",
                )
            )
        summary = ", ".join(f"{n} {check}" for check, n in sorted(plan.counts.items()))
        plan.changes.append(FileChange(path, render(po), text, summary, seen))
    return plan


def plan_fixes(
    paths: Sequence[Path],
    project: Project | None,
    langs: Iterable[str] = (),
) -> FixPlan:
    """Plan the fixes of every catalogue the PATHs name (none: the whole project)."""
    raw = project.settings.raw.get("checks") if project is not None else None
    config = ChecksConfig.from_raw(raw)
    config.validate(load_all())
    inputs = resolve(paths, project, langs)
    targets: list[tuple[Path, str | None]] = []
    for video in inputs.videos:
        targets += [(video.folder / f"{lang}.po", lang) for lang in video.langs]
    targets += [(item.path, item.lang) for item in inputs.files if item.kind == "po"]
    plan = FixPlan()
    for path, lang in targets:
        if not path.is_file():
            continue
        try:
            text, seen = read_po_seen(path)  # written back as UTF-8 if it changes
            if text is None:
                continue  # gone since it was listed
            one = plan_fix_po(path, text, lang, config, seen)
        except MsmError as exc:
            plan.errors.append(exc)
            continue
        plan.changes += one.changes
        plan.counts.update(one.counts)
        plan.warnings += one.warnings
    return plan
