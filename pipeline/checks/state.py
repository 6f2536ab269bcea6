"""Translation-state checks: what is not translated, not reviewed, stale, or inconsistent."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from pipeline.checks.consistency import conflicts, digest, flagged, reviewed, variants
from pipeline.checks.model import CatalogUnit, EntryUnit, ProjectUnit, TrackUnit
from pipeline.checks.registry import REGISTRY, CheckContext, Problem, entry_text, register
from pipeline.checks.text import shorten, visible


@register("untranslated", "entry", "warning", "a PO entry without a translation", memo=entry_text)
def untranslated(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Not translated: `msm build` refuses the track (or leaves the cue out)."""
    # Entry checks run on every distinct text: a plain function returning () costs less than
    # starting a generator.
    if unit.from_po and not unit.target.strip():
        return (Problem(f'not translated: "{shorten(unit.source)}"'),)
    return ()


@register(
    "fuzzy",
    "entry",
    "warning",
    "a fuzzy PO entry: its translation awaits review",
    memo=entry_text,
)
def fuzzy(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Fuzzy (machine draft or changed source): left out of the build until reviewed."""
    if unit.from_po and unit.fuzzy and unit.target.strip():
        return (Problem("fuzzy: review the translation and remove the fuzzy flag"),)
    return ()


@register("obsolete", "catalog", "info", "an obsolete PO entry (its source text is gone)")
def obsolete(unit: CatalogUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Obsolete entries keep old work for reuse; delete them when no longer useful."""
    for entry in unit.obsolete:
        yield Problem(f'obsolete entry: "{shorten(entry.source)}"', entry=entry)


@register(
    "po-outdated",
    "track",
    "error",
    "source cues with no entry in the PO (run `msm update`)",
)
def po_outdated(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """The source track changed after the catalogue was last updated."""
    missing = [cue for cue, reason in unit.gaps if reason == "missing"]
    if missing:
        shown = ", ".join(str(c) for c in missing[:10]) + (", …" if len(missing) > 10 else "")
        yield Problem(
            f"{len(missing)} source cue(s) have no entry in this catalogue (cue {shown}); "
            "run `msm update`",
            cue=missing[0],
        )


@register(
    "invalid-translation",
    "track",
    "error",
    "a translation that cannot go into a subtitle (blank line inside, '-->')",
)
def invalid_translation(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """`msm build` cannot use this translation."""
    for cue, reason in unit.gaps:
        if reason.startswith("invalid"):
            detail = reason.partition(":")[2].strip() or "cannot be a subtitle"
            yield Problem(f"translation {detail}", cue=cue)


@register(
    "stale-build",
    "track",
    "warning",
    "a built <lang>.srt/.vtt that differs from what `msm build` writes from the PO now",
)
def stale_build(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """The committed track is not what the PO says now: rebuild it, so the PO stays the truth.

    A warning, not an error: the built files are derived from the PO (`msm bundle` builds its
    own tracks from it), so a commit that changes only PO files — what Poedit and Weblate make —
    passes. The message names what `msm build` would leave out, and the command that fixes it.
    """
    if not unit.built_from_po or not unit.committed:
        return
    from pipeline.tracks.build import gap_summary
    from pipeline.tracks.srt_io import compose_srt
    from pipeline.tracks.vtt_io import compose_vtt

    if unit.gaps:
        total = len(unit.cues) + len(unit.gaps)
        fix = (
            f"{len(unit.gaps)} of {total} cues cannot ship: {gap_summary(unit.gaps)}; "
            "translate or review them in Poedit or Weblate, then run `msm build` — or run "
            "`msm build --allow-incomplete` to rebuild without them"
        )
    else:
        fix = "run `msm build`"
    for file in unit.committed:
        if not unit.cues:
            yield Problem(
                f"`msm build` would not write this file now: nothing in {unit.path} is "
                f"translated and reviewed ({fix})",
                path=file.path,
                line=1,
            )
            continue
        expected = (compose_srt if file.fmt == "srt" else compose_vtt)(unit.cues)
        if file.data == expected.encode("utf-8"):
            continue
        line, cue = _first_difference(file.data.decode("utf-8", "replace"), expected)
        yield Problem(
            f"differs from what `msm build` writes from {unit.path} now (first at line {line}); "
            + fix,
            path=file.path,
            line=line,
            cue=cue,
        )


def _first_difference(actual: str, expected: str) -> tuple[int, int | None]:
    """The first line where the texts differ, and how many timing lines lead up to it."""
    got = actual.splitlines()
    want = expected.splitlines()
    number = len(min(got, want, key=len)) + 1
    for n, (a, b) in enumerate(zip(got, want, strict=False), start=1):
        if a != b:
            number = n
            break
    cues = sum(1 for line in got[:number] if "-->" in line)
    return number, cues or None


@register(
    "inconsistent-translation",
    "project",
    "warning",
    "the same source text translated differently in another video",
    gather=digest,
)
def inconsistent_translation(unit: ProjectUnit, ctx: CheckContext) -> Iterator[Problem]:
    """(language, source) → translations, in dicts; the majority wins, a tie flags every one.

    From a run, only the candidates its digests point at are compared (consistency.py);
    from catalogues built by hand, every reviewed entry.
    """
    gathered = unit.gathered.get("inconsistent-translation")
    if gathered is not None:
        pairs: Iterable[tuple[EntryUnit, EntryUnit]] = conflicts(gathered)
    else:
        entries = (e for catalog in unit.catalogs for e in catalog.entries if reviewed(e))
        pairs = (pair for ranked in variants(entries) for pair in flagged(ranked))
    for entry, other in pairs:
        where = f"{other.path}:{other.line}"
        yield Problem(f'translated differently in {where}: "{shorten(other.target)}"', entry=entry)


@register(
    "missing-catalog",
    "project",
    "warning",
    "a target language of the project without a PO for a video (run `msm update`)",
)
def missing_catalog(unit: ProjectUnit, ctx: CheckContext) -> Iterator[Problem]:
    """A language the project translates into has no catalogue for this video yet."""
    for path, lang in unit.missing:
        yield Problem(f"no {lang} catalogue for this video; run `msm update`", path=path, lang=lang)


@cache
def _word() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _names_only(text: str) -> bool:
    """Every word capitalised or an acronym: a name or a title, the same in every language."""
    return all(w[0].isupper() for w in _word().findall(text))


@register(
    "identical-to-source",
    "entry",
    "warning",
    "a translation identical to the source text (names, numbers and one-word texts excepted)",
    memo=entry_text,
)
def identical_to_source(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Probably copied, not translated; names, numbers and single words are left alone."""
    if not unit.from_po or unit.fuzzy or not unit.source or not unit.target.strip():
        return ()
    source, target = unit.source, unit.target
    # Equal word lists begin with the same character, and most translations do not (when
    # neither text holds markup, "<" or "{", which `visible` would remove first).
    if (
        source.lstrip()[:1] != target.lstrip()[:1]
        and "<" not in source
        and "{" not in source
        and "<" not in target
        and "{" not in target
    ):
        return ()
    # Texts that differ only in line breaks and spacing are the same text: compared word by
    # word (the lists differ at once for nearly every translation; no text is joined).
    shown = visible(source).split()
    if shown != visible(target).split():
        return ()
    source = " ".join(shown)
    words = _word().findall(source)
    if len(words) < 2 or _names_only(source) or "://" in source or "@" in source:
        return ()
    return (Problem("the translation is the source text itself; translate it"),)


@register(
    "accept-unknown",
    "entry",
    "warning",
    "an `msm-accept:` comment naming a check that does not exist",
    memo=entry_text,
)
def accept_unknown(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """A typo in an acceptance would silently accept nothing."""
    if not unit.accepted:
        return ()
    return list(_unknown_acceptances(unit))


def _unknown_acceptances(unit: EntryUnit) -> Iterator[Problem]:
    for accepted in sorted(unit.accepted):
        check = accepted.partition(":")[0]
        if check in REGISTRY:
            continue
        import difflib  # only when a name is wrong: not on the start-up path

        close = difflib.get_close_matches(check, list(REGISTRY), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        yield Problem(f"msm-accept names an unknown check {check!r}{hint}")
