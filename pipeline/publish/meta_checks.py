"""`msm check` on the YouTube titles and descriptions: YouTube's limits (100 characters, one
line; 5,000 bytes; no < or >), the typography checks of cues and the glossary checks (the
registered check functions themselves, on the run's glossary), on meta/<lang>.po and on the
English texts in catalog.toml. The project's `[checks]` settings (disabled checks, severities,
per language) and a reviewer's `# msm-accept:` comment apply as they do to cues."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pipeline.checks.model import Finding, Severity
from pipeline.errors import MsmError
from pipeline.project import Project, Video
from pipeline.publish.meta_source import (
    DESCRIPTION,
    DESCRIPTION_MAX,
    META_FOLDER,
    TITLE,
    TITLE_MAX,
    folder,
    sources,
)
from pipeline.store import video_files

if TYPE_CHECKING:
    import polib

    from pipeline.checks.config import ChecksConfig
    from pipeline.checks.registry import CheckContext
    from pipeline.checks.runner import CheckReport
    from pipeline.tracks.po_read import PoCatalog  # read where a title catalogue is

# The cue checks that also run on titles and descriptions through their registered functions.
GLOSSARY_CHECKS = ("glossary-missing", "glossary-forbidden")


def limit_findings(path: str, lang: str, po: polib.POFile | PoCatalog) -> list[Finding]:
    """YouTube's limits on the translated (or, for the template, English) texts."""
    findings = []
    for entry in po:
        if entry.obsolete or entry.msgctxt not in (TITLE, DESCRIPTION):
            continue
        text = entry.msgstr or ""
        if not text:
            continue
        line = entry.linenum or None
        for problem in problems(entry.msgctxt, text):
            findings.append(
                Finding(path, line, entry.msgctxt, None, lang, problem[0], "error", problem[1])
            )
    return findings


def problems(context: str, text: str) -> list[tuple[str, str]]:
    """(check id, message) for each YouTube limit `text` breaks."""
    out = []
    if context == TITLE:
        if len(text) > TITLE_MAX:
            out.append(("youtube-title-length", f"title of {len(text)} characters (at most 100)"))
        if "\n" in text.strip():
            out.append(("youtube-title-length", "a title is one line"))
    elif len(text.encode("utf-8")) > DESCRIPTION_MAX:
        size = len(text.encode("utf-8"))
        out.append(("youtube-description-length", f"description of {size} bytes (at most 5000)"))
    if "<" in text or ">" in text:
        out.append(("youtube-angle-brackets", "YouTube refuses < and > in titles and descriptions"))
    return out


class TitleChecks:
    """The title and description findings of `msm check PATH... [--lang L]` (the `Also` of
    checks/command.py): which videos and languages, and a stamp of what is checked."""

    def __init__(self, project: Project, paths: Sequence[Path], langs: Sequence[str]) -> None:
        self.project = project
        self.paths = paths
        self.wanted = langs

    @property
    def langs(self) -> list[str]:
        """The project's target languages `--lang` keeps (all without it)."""
        from pipeline import languages

        wanted = {languages.get(code).code for code in self.wanted}
        return [c for c in self.project.settings.target_languages if not wanted or c in wanted]

    def findings(self, report: CheckReport) -> list[Finding]:
        """`check_meta` of the videos the PATHs cover, with the run's glossary."""
        videos = videos_under(self.project, self.paths)
        return check_meta(self.project, videos, self.langs, report.context)

    def stamp(self, file_hash: Callable[[str], str]) -> str | None:
        """Everything `findings` reads besides the settings and the glossary: each video's
        slug, title and description, and each title catalogue's path and content hash (or
        its absence); None when a folder or a catalogue cannot be read (`findings` then says
        why)."""
        langs = self.langs
        parts = [repr(langs)]
        try:
            for video in videos_under(self.project, self.paths):
                parts += [video.slug, repr(sources(video))]
                # No title catalogues: nothing else to read (and no folder to resolve, which
                # the check's own inputs did; a video that escapes fails them).
                if not (self.project.subtitles / video.slug / META_FOLDER).is_dir():
                    parts.append("-")
                    continue
                base = folder(self.project, video)
                for lang in langs:
                    path = base / f"{lang}.po"
                    parts.append(f"{path}: {file_hash(str(path)) if path.is_file() else '-'}")
        except (OSError, MsmError):
            return None
        return "\n".join(parts)


def check_meta(
    project: Project,
    videos: Sequence[Video],
    langs: Sequence[str],
    ctx: CheckContext | None = None,
) -> list[Finding]:
    """`msm check` findings for the title catalogues (and the English texts themselves), as the
    project's `[checks]` settings have them. `ctx`: the check run's context (its glossary, as
    `--glossary` chose it); without one, the project's glossary."""
    from pipeline.checks.registry import CheckContext

    ctx = ctx if ctx is not None else CheckContext(project.settings, project.root)
    findings: list[Finding] = []
    catalog = "subtitles/catalog.toml"
    for video in videos:
        for context, text in sources(video):
            for check, message in problems(context, text):
                findings.append(
                    Finding(
                        catalog,
                        None,
                        context,
                        None,
                        project.settings.source_language,
                        check,
                        "error",
                        f"{video.slug}: {message}",
                    )
                )
        base = folder(project, video)
        for lang in langs:
            path = base / f"{lang}.po"
            if not path.is_file():
                continue
            from pipeline.tracks.po_charset import read_po_text
            from pipeline.tracks.po_read import read_catalog

            shown = str(path.relative_to(project.root))
            try:
                # Our reader's entries (polib's field names), not polib's objects: polib is
                # not loaded by a check.
                decoded = read_po_text(path)
                po = read_catalog(decoded.text, str(path), decoded.codec)
            except MsmError as exc:
                findings.append(
                    Finding(shown, None, None, None, lang, "po-syntax", "error", str(exc))
                )
                continue
            findings.extend(limit_findings(shown, lang, po))
            findings.extend(typography_findings(shown, lang, po))
            findings.extend(glossary_findings(shown, lang, po, ctx))
    return settle(findings, checks_config(project))


def checks_config(project: Project) -> ChecksConfig:
    """The project's `[checks]` settings."""
    from pipeline.checks.config import ChecksConfig

    return ChecksConfig.from_raw(project.settings.raw.get("checks"))


def settle(findings: Sequence[Finding], config: ChecksConfig) -> list[Finding]:
    """The findings the settings keep (a check disabled, for all or for the finding's
    language, drops them), at the severity the settings give."""
    out = []
    for finding in findings:
        if not config.enabled(finding.check, finding.lang):
            continue
        severity = config.severity_of(finding.check, finding.lang)
        out.append(finding.with_severity(cast(Severity, severity)) if severity else finding)
    return out


def glossary_findings(
    path: str, lang: str, po: polib.POFile | PoCatalog, ctx: CheckContext
) -> list[Finding]:
    """The glossary checks of cues (glossary-missing, glossary-forbidden), run on each
    translated title and description by their registered functions; accepted with
    `# msm-accept: glossary-forbidden[:CONCEPT]` in the entry's translator comment."""
    from pipeline.checks.model import EntryUnit
    from pipeline.checks.registry import REGISTRY, load_all
    from pipeline.checks.units import parse_accepts

    load_all()
    findings = []
    for entry in po:
        if entry.obsolete or entry.msgctxt not in (TITLE, DESCRIPTION) or not entry.msgstr:
            continue
        line = entry.linenum or None
        unit = EntryUnit(
            path,
            line,
            lang,
            entry.msgid,
            entry.msgstr,
            entry.msgctxt,
            fuzzy=entry.fuzzy,
            accepted=parse_accepts(entry.tcomment),
        )
        for check in GLOSSARY_CHECKS:
            spec = REGISTRY[check]
            for problem in spec.func(unit, ctx):
                accepted = check in unit.accepted or (
                    problem.concept is not None and f"{check}:{problem.concept}" in unit.accepted
                )
                findings.append(
                    Finding(
                        path,
                        line,
                        entry.msgctxt,
                        None,
                        lang,
                        check,
                        problem.severity or spec.severity,
                        problem.message,
                        problem.concept,
                        accepted,
                    )
                )
    return findings


def typography_findings(path: str, lang: str, po: polib.POFile | PoCatalog) -> list[Finding]:
    """The typography checks of cues, run on the translated titles and descriptions (at
    their registered severity; `settle` applies the project's [checks] settings)."""
    from pipeline.checks.registry import REGISTRY, load_all
    from pipeline.checks.typography import FINDERS, typography_of

    load_all()
    conventions = typography_of(lang)
    findings = []
    for entry in po:
        if entry.obsolete or entry.msgctxt not in (TITLE, DESCRIPTION) or not entry.msgstr:
            continue
        for check, finder in FINDERS.items():
            spec = REGISTRY[check]
            if spec.langs is not None and lang not in spec.langs:
                continue
            edits = finder(entry.msgstr, conventions)
            if edits:
                first = edits[0]
                where = entry.msgstr[max(0, first.start - 10) : first.end + 10]
                findings.append(
                    Finding(
                        path,
                        entry.linenum or None,
                        entry.msgctxt,
                        None,
                        lang,
                        check,
                        spec.severity,
                        f'{first.note}: "{where}"',
                    )
                )
    return findings


def videos_under(project: Project, paths: Sequence[Path]) -> list[Video]:
    """The videos whose titles `msm check PATH...` covers: all without paths, else those whose
    folder is one of the paths or inside one, or whose meta/ folder is or holds one (a single
    cue catalogue, `msm check subtitles/<video>/pl.po`, is not about the titles)."""
    if not paths:
        return list(project.settings.videos)
    chosen = []
    targets = [p.resolve() for p in paths]
    for video in project.settings.videos:
        base = video_files(project, video).folder
        meta = folder(project, video)
        if any(base.is_relative_to(t) or t.is_relative_to(meta) for t in targets):
            chosen.append(video)
    return chosen
