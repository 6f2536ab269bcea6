"""The `msm` command line: thin commands that parse options, call the core, and report.

This is the only module that imports click. Heavy libraries (yt_dlp, deep_translator) are
imported inside the functions that need them, so `msm --help` starts fast. A command is made
when first used (`LazyGroup`): declare its parameters with `option` and `argument` (click's,
noted on the function and made with the command); tests/test_cli_lazy.py holds every help
text to what click printed when it made them all at import.

Long: every command's options, help text and examples live here, because only this module may
import click; each command body stays a few lines over one core function.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from pipeline import __version__
from pipeline.errors import Diagnostic, MsmError
from pipeline.fsutil import NotRegularFile
from pipeline.mt import PROVIDERS
from pipeline.project import Project
from pipeline.terminal import printable

if TYPE_CHECKING:
    from pipeline.checks.result_cache import Rendered
    from pipeline.ops.build import BuiltTrack
    from pipeline.plan import FileChange

F = TypeVar("F", bound=Callable[..., Any])


class DataError(click.ClickException):
    """A core error about the data: `Error: …`, exit status 1."""

    exit_code = 1


class InputUsageError(click.ClickException):
    """Bad usage or unreadable input: `Error: …`, exit status 2."""

    exit_code = 2


def click_error(error: MsmError) -> click.ClickException:
    """The click exception that shows a core error with the core's exit status."""
    kind = InputUsageError if error.exit_code == 2 else DataError
    return kind(printable(str(error)))


def echo(message: str, err: bool = False, nl: bool = True) -> None:
    """click.echo for text with parts from outside (names, cues, terms, server messages):
    control and bidi characters escaped, never sent raw to the terminal."""
    click.echo(printable(message), err=err, nl=nl)


def option(*decls: str, **attrs: Any) -> Callable[[F], F]:
    """`click.option`, made when its command is (see `LazyGroup`)."""
    return _deferred(click.option, decls, attrs)


def argument(*decls: str, **attrs: Any) -> Callable[[F], F]:
    """`click.argument`, made when its command is (see `LazyGroup`)."""
    return _deferred(click.argument, decls, attrs)


def _deferred(
    make: Callable[..., Any], decls: tuple[str, ...], attrs: dict[str, Any]
) -> Callable[[F], F]:
    """A decorator noting a parameter on the function, in the order click would add it."""

    def note(f: F) -> F:
        f.__dict__.setdefault("__msm_params__", []).append((make, decls, attrs))
        return f

    return note


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands by name, each made (with its options) when first looked up: making
    all of them cost ~1 ms on every start-up, and a run uses one."""

    def __init__(self) -> None:
        self._made: dict[str, click.Command] = {}
        self._makers: dict[str, Callable[[], click.Command]] = {}
        self._names: dict[str, None] = {}  # in the order added

    def defer(self, name: str, maker: Callable[[], click.Command]) -> None:
        """Add a command made by `maker` on first use."""
        self._made.pop(name, None)
        self._makers[name] = maker
        self._names[name] = None

    def __getitem__(self, name: str) -> click.Command:
        made = self._made.get(name)
        if made is None:
            made = self._made[name] = self._makers.pop(name)()
        return made

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._makers.pop(name, None)
        self._made[name] = command
        self._names[name] = None

    def __delitem__(self, name: str) -> None:
        del self._names[name]
        self._made.pop(name, None)
        self._makers.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class LazyGroup(click.Group):
    """A group whose `@group.command(...)` commands are made on first use (click's "lazily
    loading subcommands"): their options and arguments declared with `option`/`argument`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commands = LazyCommands()
        for name, command in self.commands.items():
            commands[name] = command
        self.commands = commands

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:  # type: ignore[override]
        """Note the command; it is made, as `click.Group.command` would, when looked up."""
        if len(args) > 1 or (args and not isinstance(args[0], str)):
            raise TypeError("use @group.command() or @group.command(NAME, ...)")
        name: str | None = args[0] if args else kwargs.get("name")

        def note(f: F) -> F:
            def make() -> click.Command:
                for make_param, decls, attrs in f.__dict__.get("__msm_params__", ()):
                    make_param(*decls, **attrs)(f)
                command: click.Command = click.Group.command(self, *args, **kwargs)(f)
                return command

            assert isinstance(self.commands, LazyCommands)
            self.commands.defer(name or _command_name(f), make)
            return f

        return note


def _command_name(f: Callable[..., Any]) -> str:
    """The name click gives a command made from `f` without one (click's own rule)."""
    name = f.__name__.lower().replace("_", "-")
    left, sep, suffix = name.rpartition("-")
    return left if sep and suffix in {"command", "cmd", "group", "grp"} else name


class MsmGroup(LazyGroup):
    """Turns our own exceptions and OS errors into clean messages, never a traceback."""

    group_class = LazyGroup  # `@cli.group()` groups make their commands on first use too

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MsmError as exc:
            raise click_error(exc) from None
        except BrokenPipeError:
            raise  # the reader went away (`| head`): click ends quietly, status 1
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            message = printable(f"{where}{exc.strerror or exc}")
            if isinstance(exc, NotRegularFile):  # a FIFO or device named as an output: usage
                raise InputUsageError(message) from None
            raise click.ClickException(message) from None


class State:
    """What the group passes to its commands: the project, loaded on first use."""

    def __init__(self, project_dir: Path | None) -> None:
        self.project_dir = project_dir
        self._project: Project | None = None

    @property
    def project(self) -> Project:
        """The project found from --project, $MSM_PROJECT, or the current directory."""
        if self._project is None:
            self._project = Project.load(Path.cwd(), self.project_dir)
        return self._project


# The kinds of path an argument or option takes, made once (each click.Path looks up the
# translation of its name when made: ~0.1 ms each, on every start-up).
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
EXISTING_PATH = click.Path(exists=True, path_type=Path)
FILE = click.Path(dir_okay=False, path_type=Path)
FILE_OR_DASH = click.Path(dir_okay=False, allow_dash=True, path_type=Path)  # "-": stdout
FOLDER = click.Path(file_okay=False, path_type=Path)


# Options declared once, reused by every command that takes them.
def videos_argument(f: F) -> F:
    """VIDEO... slugs from the catalogue (all videos when none is given)."""
    return argument("videos", nargs=-1, metavar="[VIDEO]...")(f)


def lang_option(f: F) -> F:
    """--lang L, repeatable (all target languages when not given)."""
    return option(
        "--lang",
        "-l",
        "langs",
        multiple=True,
        metavar="L",
        help="Only this language (repeatable), e.g. -l pl -l nl-BE.",
    )(f)


def dry_run_option(f: F) -> F:
    """--dry-run: show the plan, write nothing."""
    return option(
        "--dry-run", "-n", is_flag=True, help="Show what would change (as a diff); write nothing."
    )(f)


def echo_diagnostics(diagnostics: Iterable[Diagnostic], quiet: bool = False) -> None:
    """Print warnings (and, unless quiet, notes) to stderr."""
    for d in diagnostics:
        if d.severity == "info" and quiet:
            continue
        echo(str(d), err=True)


def report_changes(
    changes: Sequence[FileChange], root: Path | None, dry_run: bool
) -> list[MsmError]:
    """Apply (or with --dry-run, print) the planned file changes (paths shown from `root`).

    Returns an error for each file left alone because it changed since it was read (or is
    read-only); the caller reports them with its own errors (`fail_if`).
    """
    if root is not None and not all(c.path.is_relative_to(root) for c in changes):
        root = None  # files outside the project (msm fix on loose files): full paths
    if dry_run:
        for change in changes:
            echo(change.diff(root), nl=False)
        click.echo(f"dry run: {len(changes)} file(s) would change", err=True)
        return []
    from pipeline.plan import apply_all

    written, refused = apply_all(list(changes))
    for change in written:
        summary = f" ({change.summary})" if change.summary else ""
        shown = change.path.relative_to(root) if root is not None else change.path
        echo(f"{change.action}: {shown}{summary}")
    return refused


def fail_if(errors: Sequence[MsmError]) -> None:
    """Report every error met along the way, then exit with the worst status."""
    if not errors:
        return
    for error in errors:
        echo(f"Error: {error}", err=True)
    sys.exit(max(e.exit_code for e in errors))


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`msm --version`: the version, and whether this install runs the compiled modules."""
    if not value or ctx.resilient_parsing:
        return
    from pipeline import COMPILED, compiled

    done = len(compiled())
    build = (
        f"{done} of {len(COMPILED)} check modules compiled with mypyc"
        if done
        else "pure Python: no compiled modules"
    )
    click.echo(f"msm {__version__} ({build})")
    ctx.exit()


@click.group(cls=MsmGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    "-V",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version, and whether the check modules are compiled, and exit.",
)
@click.option(
    "--project",
    "-C",
    "project_dir",
    type=FOLDER,
    envvar="MSM_PROJECT",
    help="Project folder (default: found by walking up from here to subtitles/catalog.toml).",
)
@click.pass_context
def cli(ctx: click.Context, project_dir: Path | None) -> None:
    """Subtitles and translations of the Making Spend Matter videos.

    \b
    Example:
      msm update                 # refresh every PO from the English source tracks
      msm build --lang pl        # write pl.srt and pl.vtt from the Polish PO
    """
    ctx.obj = State(project_dir)


@cli.command()
@videos_argument
@lang_option
@dry_run_option
@option("--check", is_flag=True, help="Exit 1 if any file is out of date; write nothing.")
@click.pass_obj
def update(
    state: State, videos: tuple[str, ...], langs: tuple[str, ...], dry_run: bool, check: bool
) -> None:
    """Refresh the PO template and every language's PO from the source en.srt.

    New text is added, unchanged text keeps its translation, edited text keeps the old
    translation as fuzzy (with the previous source text), and removed text becomes obsolete.

    \b
    Example:
      msm update what-is-public-procurement --lang pl --dry-run
    """
    from pipeline.ops.update import plan_update
    from pipeline.publish.meta import plan_meta_update
    from pipeline.tracks.po_io import now

    project = state.project
    plan = plan_update(
        project,
        project.select(videos),
        project.languages(langs),
        now(),
        save_cache=not (dry_run or check),
    )
    # The videos' YouTube titles and descriptions: meta/<lang>.po beside the cue catalogues.
    meta_changes, meta_errors = plan_meta_update(
        project, project.select(videos), project.languages(langs), now()
    )
    plan.changes.extend(meta_changes)
    plan.errors.extend(meta_errors)
    echo_diagnostics(plan.warnings)
    if check:
        for change in plan.changes:
            echo(f"out of date: {change.path.relative_to(project.root)}")
        fail_if(plan.errors)
        if plan.changes:
            sys.exit(1)
        click.echo("all catalogues are up to date")
        return
    refused = report_changes(plan.changes, project.root, dry_run)
    if not plan.changes and not plan.errors:
        click.echo("all catalogues are up to date")
    fail_if([*refused, *plan.errors])


@cli.command()
@videos_argument
@lang_option
@dry_run_option
@option(
    "--allow-incomplete",
    is_flag=True,
    help="Leave out untranslated and fuzzy cues (reported) instead of failing.",
)
@click.pass_obj
def build(
    state: State,
    videos: tuple[str, ...],
    langs: tuple[str, ...],
    dry_run: bool,
    allow_incomplete: bool,
) -> None:
    """Write <lang>.srt and <lang>.vtt from each PO, with the source timing.

    Fails when a cue is untranslated or fuzzy, listing the cues; with --allow-incomplete
    those cues are left out and reported. English is never written into a translation.

    \b
    Example:
      msm build --lang fr --lang es
    """
    from pipeline.ops.build import plan_build
    from pipeline.tracks.build import gap_fix

    project = state.project
    plan = plan_build(project, project.select(videos), project.languages(langs), allow_incomplete)
    echo_diagnostics(plan.warnings)
    incomplete = [t for t in plan.tracks if t.gaps]
    echo_gaps(incomplete, allow_incomplete)
    refused = report_changes(plan.changes, project.root, dry_run)
    fail_if([*refused, *plan.errors])
    if incomplete and not allow_incomplete:
        names = ", ".join(f"{t.slug}/{t.lang}" for t in incomplete)
        raise click.ClickException(
            f"{len(incomplete)} track(s) incomplete ({names}); nothing written for them: "
            + gap_fix(g.reason for t in incomplete for g in t.gaps)
        )


def echo_gaps(tracks: Iterable[BuiltTrack], allow_incomplete: bool) -> None:
    """List the cues each track cannot have and why (`msm build` and `msm bundle` alike)."""
    verdict = "left out" if allow_incomplete else "cannot ship"
    for track in tracks:
        echo(track.gap_line(verdict) + ":", err=True)
        for gap in track.gaps:
            echo(f"  {gap}", err=True)


@cli.command("import")
@argument("video")
@argument("lang")
@argument("file", type=EXISTING_FILE)
@dry_run_option
@option(
    "--reviewed",
    is_flag=True,
    help="Trust the file as reviewed: do not mark imported entries fuzzy.",
)
@option(
    "--force",
    is_flag=True,
    help="Import a file even if more than half of its cues are the source text.",
)
@click.pass_obj
def import_(
    state: State, video: str, lang: str, file: Path, dry_run: bool, reviewed: bool, force: bool
) -> None:
    """Bring a translator's SRT or WebVTT back into the PO, aligned to the source cues by time.

    Changed entries are marked fuzzy with a comment (the old translation is kept in it), so a
    reviewer sees them. A merged cue lands on every source cue it covers, a split cue is
    joined (both stay fuzzy, with a note). Cues that overlap no source cue are listed, never
    dropped silently. A file that is mostly the source text is refused (--force imports it),
    and the source text never replaces a translation.

    \b
    Example:
      msm import what-is-public-procurement pl ~/Downloads/pl-edited.srt
    """
    from pipeline import languages
    from pipeline.ops.importer import plan_import
    from pipeline.tracks.po_io import now

    project = state.project
    code = project.languages([languages.get(lang).code])[0]
    plan = plan_import(project, project.video(video), code, file, now(), reviewed, force=force)
    report = plan.report
    echo_diagnostics(report.warnings)
    for note in report.notes:
        echo(f"note: {note}", err=True)
    for cue in report.unplaced:
        echo(
            f"{file}:{cue.line}: cue {cue.index} not placed (overlaps no source cue): "
            f"{cue.text.replace(chr(10), ' / ')}",
            err=True,
        )
    refused = report_changes([plan.change], project.root, dry_run) if plan.change else []
    fail_if(refused)
    click.echo(report.summary())


@cli.command()
@videos_argument
@lang_option
@option(
    "--provider",
    "-p",
    type=click.Choice(PROVIDERS),
    help="Machine-translation service (default: [translate] provider in catalog.toml).",
)
@option(
    "--dry-run",
    "-n",
    is_flag=True,
    help="Count the entries, requests and characters that would be sent; send nothing.",
)
@option(
    "--titles",
    is_flag=True,
    help="Also draft the videos' YouTube titles and descriptions (meta/<lang>.po).",
)
@click.pass_obj
def translate(
    state: State,
    videos: tuple[str, ...],
    langs: tuple[str, ...],
    provider: str | None,
    dry_run: bool,
    titles: bool,
) -> None:
    """Draft the untranslated PO entries by machine translation, marked fuzzy for review.

    Translated and fuzzy entries are never touched. Each draft gets the fuzzy flag and a
    comment naming the provider and date, so `msm build` refuses it until reviewed.
    Answers are cached: nothing is sent twice, and an interrupted run resumes. API keys
    come from the environment only (LIBRE_API_KEY, DEEPL_API_KEY by default).

    \b
    Example:
      msm translate --lang pl --dry-run          # what would be sent, and how much
      msm translate what-is-public-procurement --lang pt-PT --provider mymemory
      msm translate --lang pl --titles           # the YouTube titles and descriptions too
    """
    from pipeline.errors import UsageError
    from pipeline.mt import translate as mt
    from pipeline.mt.report import estimate_lines, summary_lines
    from pipeline.mt.terms import project_glossary
    from pipeline.tracks.po_io import now

    project = state.project
    if not langs:
        raise UsageError("name the language(s) to draft, e.g. --lang pl (repeatable)")
    plan = mt.plan_translate(
        project, project.select(videos), project.languages(langs), provider, not dry_run
    )
    if titles:  # the YouTube titles and descriptions (meta/<lang>.po), drafted the same way
        from pipeline.publish.meta import meta_jobs

        jobs, stale = meta_jobs(
            project, project.select(videos), project.languages(langs), plan.provider
        )
        plan.jobs.extend(jobs)
        plan.errors.extend(stale)
    for note in plan.notes:
        echo(note, err=True)
    recalled = sum(len(job.recalled) for job in plan.jobs)
    if recalled:
        verb = "would be" if dry_run else "are"
        echo(
            f"memory: {recalled} entries {verb} filled from the translation memory "
            "(nothing sent for them)",
            err=True,
        )
    if dry_run:
        for line in estimate_lines(mt.dry_run(project, plan)):
            echo(line)
        click.echo(f"quota: {mt.quota_note(plan.provider)}", err=True)
        click.echo("dry run: nothing sent, nothing written", err=True)
        fail_if(plan.errors)
        return
    configured = (project.settings.raw.get("glossary") or {}).get("path")
    glossary, note = project_glossary(project.root, configured)
    if note:
        echo(f"note: {note}", err=True)
    outcome = mt.draft(
        project,
        plan,
        env=os.environ,
        moment=now(),
        glossary=glossary,
        log=lambda line: echo(line, err=True),
    )
    for line in summary_lines(outcome, project.root):
        echo(line)
    fail_if(plan.errors)
    if not outcome.report.ok:
        sys.exit(1)


@cli.command()
@argument("source", type=EXISTING_FILE)
@argument("target", type=FILE_OR_DASH)
@option("--lang", "-l", metavar="L", help="Language of the text (helps detect legacy encodings).")
@option(
    "--to",
    "fmt",
    type=click.Choice(["srt", "vtt"]),
    help="Output format (default: TARGET's suffix).",
)
def convert(source: Path, target: Path, lang: str | None, fmt: str | None) -> None:
    """Convert between SRT and WebVTT, repairing what is safe and reporting the rest.

    Reads any encoding we can detect and YouTube's rolling auto-captions; writes UTF-8.
    TARGET may be '-' for standard output.

    \b
    Example:
      msm convert downloaded.en.vtt en.srt
    """
    from pipeline import languages
    from pipeline.errors import UsageError
    from pipeline.fsutil import atomic_write_text
    from pipeline.tracks.formats import compose, format_of, read_track

    code = languages.get(lang).code if lang else None
    result = read_track(source, code)
    echo_diagnostics(result.diagnostics)
    chosen = fmt or format_of(target)
    if chosen is None:
        raise UsageError(f"cannot tell the output format of {target}; pass --to srt|vtt")
    text = compose(result.cues, chosen)
    if str(target) == "-":
        click.echo(text, nl=False)
    else:
        atomic_write_text(target, text)
        echo(f"wrote {target} ({len(result.cues)} cues, from {result.encoding})", err=True)


@cli.command()
@argument("urls", nargs=-1, metavar="[URL]...")
@option("--no-video", is_flag=True, help="Fetch the caption tracks only, not the video files.")
@option(
    "--auto-captions",
    is_flag=True,
    help="Also fetch YouTube's machine captions, kept apart as drafts (auto/<lang>.srt, "
    "fuzzy in the PO).",
)
@option(
    "--list",
    "list_only",
    is_flag=True,
    help="Show the tracks each video offers (human and automatic); download nothing.",
)
@option(
    "--refresh",
    is_flag=True,
    help="Ignore the download archive: look at every video again for new or changed tracks.",
)
@option("--quiet", "-q", is_flag=True, help="No progress bars; print the summary only.")
@click.pass_obj
def pull(
    state: State,
    urls: tuple[str, ...],
    no_video: bool,
    auto_captions: bool,
    list_only: bool,
    refresh: bool,
    quiet: bool,
) -> None:
    """Fetch the videos and their caption tracks from YouTube into subtitles/.

    URL is a video, playlist or channel (default: the channel in the project settings). New
    videos are added to the catalogue; videos go to the git-ignored media folder; the English
    track becomes en.srt and translations go into the POs. Local work is never overwritten: a
    remote track that differs is saved beside it as <name>.remote.srt and reported as a
    conflict. A second run fetches only what is new. Exit status 1 if anything failed.

    \b
    Example:
      msm pull                                  # the whole channel
      msm pull --no-video https://www.youtube.com/watch?v=VIDEO_ID
      msm pull --list                           # what tracks exist, without downloading
    """
    from pipeline.fetch.progress import Reporter, Silent, TerminalProgress
    from pipeline.fetch.pull import PullOptions, list_available, pull_videos
    from pipeline.fetch.report import render_listing, render_summary
    from pipeline.tracks.po_io import now

    project = state.project
    stream = sys.stderr  # bars on standard error, so the summary on standard output stays clean
    reporter: Reporter = Silent() if quiet or not stream.isatty() else TerminalProgress(stream)
    if list_only:
        listings = list_available(project, urls, reporter)
        echo(render_listing(listings), nl=False)
        if any(listing.error for listing in listings):
            sys.exit(1)
        return
    options = PullOptions(video=not no_video, auto_captions=auto_captions, refresh=refresh)
    result = pull_videos(project, urls, options, reporter, now())
    echo(render_summary(result), nl=False)
    if result.failed:
        sys.exit(1)


def echo_report(shown: Rendered, color: bool) -> None:
    """A report on standard output: its UTF-8 bytes as they are when they are what the text
    stream would write (a UTF-8 stream over a binary one, `\\n` line ends, no escape sequence
    for click to strip; a kept report is then never decoded), else its text."""
    data = shown.utf8
    stream = sys.stdout  # what click.echo writes a UTF-8 text to
    binary = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None) or "ascii"
    if (
        data is not None
        and binary is not None
        and b"\x1b" not in data
        and os.linesep == "\n"
        and codecs.lookup(encoding).name == "utf-8"
    ):
        stream.flush()
        binary.write(data)
        binary.flush()
    else:
        click.echo(shown.text, nl=False, color=color)


def paths_argument(f: F) -> F:
    """PATH...: the project (default), video folders, or single .po/.srt/.vtt files."""
    return argument(
        "paths",
        nargs=-1,
        metavar="[PATH]...",
        type=EXISTING_PATH,
    )(f)


@cli.command()
@paths_argument
@lang_option
@option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "github"]),
    default="text",
    show_default=True,
    help="Report format: text for people, json for tools, junit and github for CI.",
)
@option(
    "--glossary",
    type=EXISTING_FILE,
    help="Glossary file (CSV or TBX) to check against instead of the project's.",
)
@option(
    "--profile",
    type=click.Choice(["netflix", "ted"]),
    help="Subtitle profile (default: [checks] profile in the settings, else netflix).",
)
@option(
    "--output",
    "-o",
    type=FILE,
    help="Write the report to this file instead of standard output.",
)
@option("--list", "list_checks", is_flag=True, help="List every check id and exit.")
@option(
    "--no-cache",
    is_flag=True,
    help="Check every file again, ignoring what earlier runs kept in .msm-cache/.",
)
@click.pass_obj
def check(
    state: State,
    paths: tuple[Path, ...],
    langs: tuple[str, ...],
    fmt: str,
    glossary: Path | None,
    profile: str | None,
    output: Path | None,
    list_checks: bool,
    no_cache: bool,
) -> None:
    """Check subtitles and translations; exit 1 on an error-level finding.

    Checks reading speed, line length, timing, typography per language, translation state
    and (with a glossary) terms. Exit status: 0 clean, 1 errors found, 2 bad usage or
    unreadable input. A reviewer accepts one finding with a PO translator comment
    `# msm-accept: CHECK-ID reason`. What did not change since the last run (same files,
    settings, glossary and msm) is taken from .msm-cache/ instead of being checked again.

    \b
    Example:
      msm check                                  # the whole project
      msm check subtitles/what-is-public-procurement --lang pl
      msm check ~/Downloads/talk.pl.srt --format json
      msm check --format junit -o msm-check.xml  # for CI test views
      msm check --list                           # every check id
      msm check --no-cache                       # check every file again
    """
    from pipeline.checks.command import check_report
    from pipeline.checks.runner import find_project
    from pipeline.fsutil import atomic_write_text

    if list_checks:
        from pipeline.checks import report

        click.echo(report.list_checks("json" if fmt == "json" else "text"), nl=False)
        return
    project = find_project(paths, state.project_dir, Path.cwd())
    titles = None
    if project is not None:  # YouTube's limits on the titles and descriptions (meta/<lang>.po)
        from pipeline.publish.meta_checks import TitleChecks

        titles = TitleChecks(project, paths, langs)
    color = (
        fmt == "text" and output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    shown, errors = check_report(
        paths, project, langs, glossary, profile, fmt, color, not no_cache, titles
    )
    if output is not None:
        atomic_write_text(output, shown.text)
        echo(f"{output}: {shown.summary}", err=True)
    else:
        echo_report(shown, color)
    for error in errors:
        echo(f"Error: {error}", err=True)
    if shown.exit_code:
        sys.exit(shown.exit_code)


@cli.command()
@paths_argument
@lang_option
@dry_run_option
@click.pass_obj
def fix(state: State, paths: tuple[Path, ...], langs: tuple[str, ...], dry_run: bool) -> None:
    """Apply the certain typography fixes to the translations in the PO files.

    Romanian cedillas to comma below, '...' to '…', French spaces before ; : ! ? and inside
    « » to no-break spaces, runs of spaces to one. Only msgstr changes; the source text never
    does. Run `msm build` afterwards to carry the fixes into the tracks.

    \b
    Example:
      msm fix --dry-run                # show the diff
      msm fix subtitles/what-is-public-procurement/ro.po
    """
    from pipeline.checks.fixes import plan_fixes
    from pipeline.checks.runner import find_project

    project = find_project(paths, state.project_dir, Path.cwd())
    plan = plan_fixes(paths, project, langs)
    echo_diagnostics(plan.warnings)
    root = project.root if project is not None else None
    refused = report_changes(plan.changes, root, dry_run)
    if not plan.changes and not plan.errors:
        click.echo("nothing to fix")
    fail_if([*refused, *plan.errors])


@cli.command()
@videos_argument
@lang_option
@option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people (plain text when piped), json for tools.",
)
@click.pass_obj
def status(state: State, videos: tuple[str, ...], langs: tuple[str, ...], fmt: str) -> None:
    """Show which languages of which videos are ready, and what each still needs.

    One row per video and language: cues translated, fuzzy and untranslated, errors and
    warnings from the checks, whether the built SRT is current, and a verdict ("ready" means
    `msm bundle` would ship it). Always exits 0; `msm check` is the gate.

    \b
    Example:
      msm status                       # every video and language
      msm status --lang pl --lang ro
      msm status --format json | jq '.videos[].tracks[] | select(.ready | not)'
    """
    from pipeline.report.status import run_status
    from pipeline.report.status_text import render_json, render_table

    project = state.project
    result = run_status(project, project.select(videos), langs)
    if fmt == "json":
        click.echo(render_json(result), nl=False)
        return
    terminal = sys.stdout.isatty()
    color = terminal and not os.environ.get("NO_COLOR")
    click.echo(render_table(result, boxed=terminal, color=color), nl=False, color=color)


@cli.command()
@videos_argument
@lang_option
@option(
    "--out",
    type=FOLDER,
    help="Folder for the report (default: dist/report/ in the project).",
)
@click.pass_obj
def report(state: State, videos: tuple[str, ...], langs: tuple[str, ...], out: Path | None) -> None:
    """Write a static HTML review report: status matrix, every cue, findings, reading speed.

    One folder of plain files (open index.html in a browser; no server, works offline): the
    status of every video and language, and per track every cue with source and translation
    side by side, the findings marked in the text, glossary terms marked, and a chart of the
    reading speed against the profile's limits. Always exits 0; `msm check` is the gate.

    \b
    Example:
      msm report                       # writes dist/report/index.html
      msm report --out /tmp/review --lang pl
    """
    import time

    from pipeline.report.run import make_report
    from pipeline.report.site import INDEX, write_report

    project = state.project
    began = time.perf_counter()
    made = make_report(project, project.select(videos), langs, os.environ)
    folder = out if out is not None else project.root / "dist" / "report"
    write_report(folder, made.files)
    if made.note:
        echo(f"note: {made.note}", err=True)
    for problem in made.status.problems:
        echo(f"unreadable: {problem}", err=True)
    size = sum(len(data) for data in made.files.values())
    index = folder / INDEX
    shown = index.relative_to(Path.cwd()) if index.is_relative_to(Path.cwd()) else index
    echo(
        f"wrote {shown} ({len(made.files)} files, {size / 1024:.0f} KiB, "
        f"{time.perf_counter() - began:.2f} s)"
    )


class DefaultCommandGroup(LazyGroup):
    """A group that runs its default command when the first argument is not a subcommand, so
    `msm bundle VIDEO...` and `msm bundle verify FILE` both work."""

    default_command = "create"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The group's options, then those of the default command (what `msm bundle` runs
        when no subcommand is named), then the subcommands."""
        click.Command.format_options(self, ctx, formatter)
        command = self.commands.get(self.default_command)
        if command is not None:
            sub = click.Context(command, info_name=self.default_command, parent=ctx)
            own_help = command.get_help_option(sub)
            records = [
                record
                for param in command.get_params(sub)
                if isinstance(param, click.Option)
                and param is not own_help
                and (record := param.get_help_record(sub)) is not None
            ]
            if records:
                title = f"Options of {ctx.command_path} {self.default_command} (the default)"
                with formatter.section(title):
                    formatter.write_dl(records)
        self.format_commands(ctx, formatter)


@cli.group(cls=DefaultCommandGroup, subcommand_metavar="[VIDEO]... | COMMAND [ARGS]...")
def bundle() -> None:
    """Build the release bundle for the YouTube channel, or verify one.

    `msm bundle [VIDEO]...` is `msm bundle create`: it builds every track from its PO, runs
    every check, and writes a reproducible zip with a manifest, the check report and an
    upload checklist. `msm bundle verify FILE.zip` checks a bundle later.

    \b
    Example:
      msm bundle --version 2026.12 --out dist/
      msm bundle verify dist/msm-subtitles-2026.12.zip
    """


@bundle.command("create")
@videos_argument
@option("--version", "version", metavar="V", help="Bundle version (default: date-commit).")
@option(
    "--out",
    type=FOLDER,
    help="Folder for the zip (default: dist/ in the project).",
)
@option(
    "--allow-incomplete",
    is_flag=True,
    help="Ship incomplete tracks without their missing cues and leave out failing ones; "
    "the manifest records it.",
)
@click.pass_obj
def bundle_create(
    state: State,
    videos: tuple[str, ...],
    version: str | None,
    out: Path | None,
    allow_incomplete: bool,
) -> None:
    """Check everything and write the release bundle (a reproducible zip).

    Refuses a track with error-level findings or untranslated or fuzzy cues, unless
    --allow-incomplete. SOURCE_DATE_EPOCH fixes the timestamps; the same inputs give a
    byte-identical zip.

    \b
    Example:
      msm bundle create what-is-public-procurement --version 2026.12
    """
    from pipeline.bundle.release import default_out, make_release
    from pipeline.checks import report
    from pipeline.fsutil import atomic_write_bytes
    from pipeline.tracks.build import gap_fix

    project = state.project
    release = make_release(project, project.select(videos), version, os.environ, allow_incomplete)
    click.echo(report.summary_line(release.checks), err=True)
    echo_gaps(release.bundle.incomplete, allow_incomplete)
    if release.bundle.refused:
        for reason in release.bundle.refused:
            echo(f"refused: {reason}", err=True)
        gaps = bool(release.bundle.incomplete) and not allow_incomplete
        others = len(release.bundle.refused) > len(release.bundle.incomplete) or not gaps
        reasons = (g.reason for t in release.bundle.incomplete for g in t.gaps)
        fixes = [gap_fix(reasons)] if gaps else []
        if others:
            fixes.append(
                "fix the check errors (see `msm check`)"
                + (
                    ""
                    if allow_incomplete
                    else ", or pass --allow-incomplete to leave out the track"
                )
            )
        raise click.ClickException("no bundle written; " + "; ".join(fixes))
    target = (out or default_out(project)) / release.bundle.name
    atomic_write_bytes(target, release.bundle.data)
    manifest = release.bundle.manifest
    tracks = sum(len(v["tracks"]) for v in manifest["videos"])
    shown = target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target
    echo(f"wrote {shown} ({len(manifest['videos'])} videos, {tracks} tracks)")
    for item in manifest["excluded"]:
        echo(f"left out: {item['slug']}/{item['lang']}: {item['reason']}", err=True)


@bundle.command("verify")
@argument("file", type=EXISTING_FILE)
def bundle_verify(file: Path) -> None:
    """Check a bundle: manifest schema and every file's SHA-256; exit 1 if anything differs.

    \b
    Example:
      msm bundle verify dist/msm-subtitles-2026.12.zip
    """
    from pipeline.bundle.verify import verify_file

    result = verify_file(file)
    for problem in result.problems:
        echo(f"{file}: {problem}")
    if not result.intact:
        raise click.ClickException(
            printable(f"{file}: {len(result.problems)} problem(s); not intact")
        )
    listed = len(result.manifest.get("files", {}))
    echo(f"{file}: intact ({listed} files match the manifest)")


# --- msm publish -------------------------------------------------------------------------
@cli.command()
@videos_argument
@lang_option
@option(
    "--draft/--live",
    "draft",
    default=None,
    help="Upload as drafts (not shown to viewers) or live; default: new tracks live, "
    "updated tracks keep their state.",
)
@option("--dry-run", "-n", is_flag=True, help="Print every call with its quota cost; send nothing.")
@option(
    "--allow-incomplete",
    is_flag=True,
    help="Publish tracks with untranslated or fuzzy cues left out (recorded in the ledger).",
)
@option("--adopt", is_flag=True, help="Update a track in our language that msm did not upload.")
@option("--login", is_flag=True, help="Sign in to YouTube in the browser; cache the token.")
@option("--logout", is_flag=True, help="Delete the cached YouTube token.")
@click.pass_obj
def publish(
    state: State,
    videos: tuple[str, ...],
    langs: tuple[str, ...],
    draft: bool | None,
    dry_run: bool,
    allow_incomplete: bool,
    adopt: bool,
    login: bool,
    logout: bool,
) -> None:
    """Upload the caption tracks to YouTube: update ours, insert new ones, verify each.

    The same gate as `msm bundle` (no untranslated or fuzzy cue, no check error, unless
    --allow-incomplete). For each video: one listing (50 units), then an update (450) or an
    insert (400) per changed track, never a duplicate and never a track msm does not own
    (unless --adopt); unchanged tracks are skipped. Every upload is read back and compared.
    subtitles/<video>/published.toml records what was sent, so a stopped run resumes.

    \b
    Example:
      msm publish --login                    # once: sign in as the channel owner
      msm publish --dry-run                  # the calls and their quota cost
      msm publish what-is-public-procurement --lang pl
    """
    from pipeline.publish import youtube
    from pipeline.publish.estimate import dry_run as estimate
    from pipeline.publish.gate import prepare
    from pipeline.publish.run import publish as run_publish
    from pipeline.publish.settings import PublishSettings

    if login and logout:
        raise click.UsageError("--login and --logout exclude each other")
    token = youtube.token_path(os.environ)
    if logout:
        gone = youtube.logout(token)
        click.echo("logged out: token deleted" if gone else "not logged in: no token to delete")
        return
    if login:  # the environment's secrets need no project; the settings' do
        secrets = os.environ.get(youtube.ENV_SECRETS) or (
            PublishSettings.of(state.project).client_secrets
        )
        if not secrets:
            raise click.UsageError(
                f"no OAuth client secrets: set [publish] client_secrets in catalog.toml or "
                f"{youtube.ENV_SECRETS} (docs/maintainers.md, 'One-time setup')"
            )
        youtube.login(Path(secrets).expanduser(), token)
        click.echo(f"logged in: token cached in {token.parent} (mode 0600)")
        return
    project = state.project
    settings = PublishSettings.of(project)
    chosen = project.select(videos)
    prepared = prepare(project, chosen, project.languages(langs), allow_incomplete, settings)
    for line in prepared.held:
        click.echo(f"held back: {line}", err=True)
    if dry_run:
        plan = estimate(prepared.works, settings, draft, youtube_clock())
        for call in plan.calls:
            click.echo(f"{call.method:<18} {call.cost:>4}  {call.what}")
        click.echo(
            f"total {plan.total} units; spent today ({plan.day}, Pacific) {plan.spent_today} "
            f"of {plan.budget}; {plan.remaining} left"
        )
        if not plan.fits:
            raise DataError(
                f"this run needs {plan.total} units but only {plan.remaining} are left today; "
                "publish fewer videos (msm publish VIDEO...) or wait for the reset at "
                "midnight America/Los_Angeles"
            )
        return
    credentials = youtube.load_credentials(token)
    endpoint = youtube.endpoint_from(os.environ)
    client = youtube.Client(
        youtube.service(credentials, endpoint), settings.retries, now=youtube_clock()
    )
    outcome = run_publish(
        prepared.works,
        client,
        settings,
        draft=draft,
        adopt=adopt,
        now=youtube_clock(),
        say=click.echo,
    )
    for line in outcome.errors:
        click.echo(f"Error: {line}", err=True)
    click.echo(
        f"{len(outcome.uploaded)} uploaded, {len(outcome.verified)} verified, "
        f"{len(outcome.skipped)} unchanged; {outcome.spent} quota units spent"
    )
    if outcome.localised:
        click.echo(f"titles and descriptions updated: {', '.join(outcome.localised)}")
    if outcome.stopped:
        raise DataError(outcome.stopped)
    if outcome.errors or prepared.held:
        sys.exit(1)


def youtube_clock() -> Callable[[], Any]:
    """The clock of a publish run: now, or $MSM_NOW (an ISO time) so a test can be a day later."""
    from datetime import UTC, datetime

    fixed = os.environ.get("MSM_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return lambda: moment
    return lambda: datetime.now(UTC)


# --- msm glossary ------------------------------------------------------------------------


def glossary_file_option(f: F) -> F:
    """--glossary FILE: a CSV or TBX term base instead of the project's."""
    return option(
        "--glossary",
        "-g",
        "glossary_file",
        type=EXISTING_FILE,
        help="Use this CSV or TBX term base instead of the project's.",
    )(f)


def _glossary_path(state: State, glossary_file: Path | None) -> Path:
    """The term base named on the command line, else the project's."""
    if glossary_file is not None:
        return glossary_file
    from pipeline.glossary.files import project_termbase_path

    project = state.project
    configured = project.settings.raw.get("glossary", {}).get("path")
    return project_termbase_path(project.root, configured)


def _shown(path: Path) -> str:
    """A path as the user reads it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _target_languages(state: State) -> tuple[str, ...]:
    """The project's target languages, or all of ours when there is no project."""
    from pipeline import languages
    from pipeline.errors import ProjectError

    try:
        return state.project.settings.target_languages
    except ProjectError:
        return languages.TARGETS


@cli.group()
def spelling() -> None:
    """The spelling check's project word lists (glossary/words/<lang>.txt).

    \b
    Example:
      msm spelling add Koszalinie Koszalina --lang pl
    """


@spelling.command("add")
@argument("words", nargs=-1, required=True)
@option("--lang", "-l", "lang", required=True, metavar="L", help="The word list's language.")
@dry_run_option
@click.pass_obj
def spelling_add(state: State, words: tuple[str, ...], lang: str, dry_run: bool) -> None:
    """Add words that are right to a language's word list (sorted, merged, none lost).

    The spelling check of `msm check` then accepts them, and the inflected forms the
    glossary's ending tables make of them, everywhere in the project.

    \b
    Example:
      msm spelling add Schaerbeek --lang nl-BE
      msm spelling add Prestonen Prestongo --lang eu --dry-run
    """
    from pipeline import languages
    from pipeline.glossary.words import add_words

    code = languages.get(lang).code
    done = add_words(state.project.root, code, list(words), dry_run)
    shown = _shown(done.path)
    for word in done.added:
        click.echo(f"{shown}: {'would add' if dry_run else 'added'} {word}")
    for word in done.known:
        click.echo(f"{shown}: already listed: {word}")


@cli.group()
def glossary() -> None:
    """Look up, check, export and import the procurement glossary.

    The term base is glossary/procurement.csv (one row per term; see glossary/README.md).

    \b
    Example:
      msm glossary lookup "instytucji zamawiającej" --lang pl
      msm glossary validate
    """


@glossary.command("list")
@glossary_file_option
@option("--lang", "-l", metavar="L", help="Also show each concept's terms in L.")
@click.pass_obj
def glossary_list(state: State, glossary_file: Path | None, lang: str | None) -> None:
    """List the concepts: id, English term, languages, forbidden and unverified terms.

    \b
    Example:
      msm glossary list --lang nl-BE
    """
    from pipeline import languages
    from pipeline.glossary import load_termbase

    termbase = load_termbase(_glossary_path(state, glossary_file))
    code = languages.get(lang).code if lang else None
    width = max((len(c.id) for c in termbase), default=0)
    for concept in termbase:
        forbidden = sum(1 for t in concept.terms if not t.approved)
        review = sum(1 for t in concept.terms if t.needs_review)
        facts = [f"{len(concept.languages)} languages"]
        if forbidden:
            facts.append(f"{forbidden} forbidden")
        if review:
            facts.append(f"{review} to review")
        shown = ""
        if code:
            terms = concept.terms_in(code)
            shown = "  " + ("; ".join(t.label() for t in terms) if terms else f"(no {code} term)")
        echo(f"{concept.id:<{width}}  {concept.headword()}{shown}  ({', '.join(facts)})")
    click.echo(f"{len(termbase)} concepts", err=True)


@glossary.command("show")
@argument("concept")
@glossary_file_option
@click.pass_obj
def glossary_show(state: State, concept: str, glossary_file: Path | None) -> None:
    """Show one concept: every term per language, its status, variants and notes.

    \b
    Example:
      msm glossary show contracting_authority
    """
    from pipeline.glossary import load_termbase
    from pipeline.glossary.model import sort_terms

    found = load_termbase(_glossary_path(state, glossary_file)).concept(concept)
    echo(f"{found.id}: {found.headword()}")
    if found.note:
        echo(f"  note: {found.note}")
    for term in sort_terms(found.terms):
        facts: list[str] = [term.status]
        if term.needs_review:
            facts.append("needs review")
        if term.variants:
            facts.append("variants: " + ", ".join(term.variants))
        if term.exclude:
            facts.append("not in: " + ", ".join(term.exclude))
        note = f" — {term.note}" if term.note else ""
        echo(f"  {term.lang:<6} {term.text}  ({'; '.join(facts)}){note}")


@glossary.command("lookup")
@argument("text")
@option("--lang", "-l", metavar="L", default="en", show_default=True, help="Language of TEXT.")
@glossary_file_option
@click.pass_obj
def glossary_lookup(state: State, text: str, lang: str, glossary_file: Path | None) -> None:
    """Which concepts TEXT mentions, and how each matched (exact, variant, inflected).

    TEXT may be '-' to read standard input. A text in a target language is matched as the
    checks match a translation (split, reordered and nested terms count).

    \b
    Example:
      msm glossary lookup "Ofertę składa się instytucji zamawiającej." --lang pl
    """
    from pipeline import languages
    from pipeline.glossary import Matcher, load_termbase

    code = languages.get(lang).code
    if text == "-":
        text = sys.stdin.read()
    matcher = Matcher(load_termbase(_glossary_path(state, glossary_file)))
    # A text in a target language is read as the checks read a translation (split,
    # reordered and nested terms count); an English one as a source text.
    matches = matcher.matches(text, code, translation=code != languages.SOURCE)
    for match in matches:
        how = "inflected form" if match.how == "stem" else match.how
        shown = match.text.replace("\r\n", "\n").replace("\n", " / ")  # one line per match
        echo(
            f'{match.concept}  "{shown}" → {match.term.text} '
            f"({match.status}, {how}) at {match.start}-{match.end}"
        )
    if not matches:
        click.echo(f"no glossary term found ({code})", err=True)


@glossary.command("validate")
@glossary_file_option
@click.pass_obj
def glossary_validate(state: State, glossary_file: Path | None) -> None:
    """Check the glossary: duplicates across concepts, missing languages, unverified terms.

    Exit status 1 when there are errors (warnings alone pass).

    \b
    Example:
      msm glossary validate
    """
    from pipeline.glossary import load_termbase
    from pipeline.glossary.validate import validate

    path = _glossary_path(state, glossary_file)
    problems = validate(load_termbase(path), _shown(path), _target_languages(state))
    for problem in problems:
        echo(str(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = sum(1 for p in problems if p.severity == "warning")
    echo(f"{_shown(path)}: {errors} error(s), {warnings} warning(s)", err=True)
    if errors:
        sys.exit(1)


@glossary.command("export")
@option(
    "--format",
    "fmt",
    type=click.Choice(["tbx", "tbx3", "tbx2", "csv"]),
    default="tbx",
    show_default=True,
    help="tbx: TBX-Basic, 2008 martif form (translate-toolkit, Weblate and most tools read "
    "it; tbx2 is the same); tbx3: TBX 3 (ISO 30042:2019); csv: our CSV.",
)
@option(
    "--output",
    "-o",
    type=FILE_OR_DASH,
    default=Path("-"),
    help="Write here (default: standard output).",
)
@option(
    "--per-language",
    "per_language",
    type=FOLDER,
    metavar="DIR",
    help="Write one TBX per language, DIR/<lang>.tbx (English and that language; forbidden "
    "terms marked as Weblate reads them): a Weblate glossary with file mask DIR/*.tbx.",
)
@glossary_file_option
@click.pass_obj
def glossary_export(
    state: State, fmt: str, output: Path, per_language: Path | None, glossary_file: Path | None
) -> None:
    """Export the glossary as TBX (TBX-Basic) or CSV, whole or one file per language.

    \b
    Example:
      msm glossary export -o procurement.tbx
      msm glossary export --per-language weblate/glossary
    """
    from pipeline.errors import UsageError
    from pipeline.fsutil import atomic_write_text
    from pipeline.glossary import load_termbase
    from pipeline.glossary.files import render_per_language, render_termbase

    termbase = load_termbase(_glossary_path(state, glossary_file))
    if per_language is not None:
        if fmt not in ("tbx", "tbx2") or str(output) != "-":
            raise UsageError(
                "--per-language writes TBX-Basic files into DIR: leave out --output, and "
                "--format (or give tbx)"
            )
        from pipeline.errors import ProjectError
        from pipeline.languages import SOURCE

        try:
            source = state.project.settings.source_language
        except ProjectError:  # --glossary FILE outside a project
            source = SOURCE
        files = render_per_language(termbase, source)
        for lang, text in files.items():
            atomic_write_text(per_language / f"{lang}.tbx", text)
        names = ", ".join(f"{lang}.tbx" for lang in files)
        echo(f"wrote {len(files)} files to {per_language}: {names}", err=True)
        return
    text = render_termbase(termbase, fmt)
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    atomic_write_text(output, text)
    echo(f"wrote {output} ({len(termbase)} concepts, {fmt})", err=True)


def _parse_lang_map(pairs: tuple[str, ...]) -> dict[str, str]:
    from pipeline import languages
    from pipeline.errors import UsageError

    mapping: dict[str, str] = {}
    for pair in pairs:
        theirs, sep, ours = pair.partition("=")
        if not sep or not theirs.strip():
            raise UsageError(f"--lang-map expects THEIRS=OURS, e.g. nl=nl-BE; got {pair!r}")
        mapping[theirs.strip().casefold()] = languages.get(ours.strip()).code
    return mapping


@glossary.command("import")
@argument("file", type=EXISTING_FILE)
@dry_run_option
@option(
    "--lang-map",
    "lang_map",
    multiple=True,
    metavar="THEIRS=OURS",
    help="Read a language code of the file as one of ours (repeatable), e.g. nl=nl-BE.",
)
@option(
    "--replace",
    is_flag=True,
    help="For each concept in the file, make each of its languages exactly what the file "
    "says: terms it lacks are removed, fields it leaves out cleared. Try --dry-run first.",
)
@click.pass_obj
def glossary_import(
    state: State, file: Path, dry_run: bool, lang_map: tuple[str, ...], replace: bool
) -> None:
    """Merge a TBX (or CSV) file into the project's glossary, term by term.

    Concepts match by id, else by their English term; terms by their text. New concepts
    and terms are added; a term the file gives another status, note or "needs review"
    flag is updated; variants and exclusions it lists are added. Nothing the file does not
    mention is removed or cleared (other terms, languages and concepts, forbidden terms,
    notes, exclusions). --replace makes each language of each concept in the file exactly
    what the file says. Every change is listed; --dry-run also shows the diff and writes
    nothing. The glossary is written atomically, and only when the result passes `msm
    glossary validate` without errors.

    \b
    Example:
      msm glossary import reviewed.tbx --lang-map nl=nl-BE --dry-run
    """
    from pipeline.glossary import TermBase
    from pipeline.glossary.csv_io import resolve_language
    from pipeline.glossary.files import format_of, load_termbase, parse_termbase, render_termbase
    from pipeline.glossary.merge import merge
    from pipeline.glossary.validate import validate
    from pipeline.safewrite import read_seen

    mapping = _parse_lang_map(lang_map)

    def lang_of(code: str) -> str | None:
        return mapping.get(code.casefold()) or resolve_language(code)

    project = state.project
    destination = _glossary_path(state, None)
    theirs = load_termbase(file, lang_of)
    data, seen = read_seen(destination)  # one read: what is merged is what the write compares
    ours = TermBase() if data is None else parse_termbase(data, str(destination), destination)
    report = merge(ours, theirs, project.settings.source_language, replace=replace)
    for their_id, our_id in report.matched:
        echo(f"matched {their_id} to {our_id} by its English term", err=True)
    for concept_id in report.added_concepts:
        echo(f"add concept: {concept_id}", err=True)
    for term_change in report.changes:
        echo(str(term_change), err=True)
    echo(report.summary(), err=True)
    problems = validate(report.termbase, _shown(destination), project.settings.target_languages)
    errors = [p for p in problems if p.severity == "error"]
    for problem in errors:
        echo(f"after the import: {problem}", err=True)
    new = render_termbase(report.termbase, format_of(destination))
    # As read with universal newlines: a spreadsheet's CRLF file holding the same rows is
    # unchanged (and a rewrite keeps its line ends: plan.apply_all).
    old = None if data is None else data.decode("utf-8", "replace").replace("\r\n", "\n")
    if new == old:
        click.echo("the glossary is unchanged", err=True)
        return
    if errors and not dry_run:
        raise DataError(
            printable(
                f"{_shown(destination)} not written: the imported glossary would have "
                f"{len(errors)} error(s) (above); fix {file.name} or the glossary, or look "
                "with --dry-run"
            )
        )
    from pipeline.plan import FileChange

    change = FileChange(destination, new, old, "glossary", seen)
    fail_if(report_changes([change], project.root, dry_run))


# --- msm memory -------------------------------------------------------------------------


def _memory_settings(state: State) -> Any:
    from pipeline.memory.settings import memory_settings

    return memory_settings(state.project.settings.raw.get("memory"))


@cli.group()
def memory() -> None:
    """The translation memory: every reviewed translation of every video, and TMX files.

    `msm update` fills new entries from it (see [memory] in catalog.toml); these commands
    look up, export and import it.

    \b
    Example:
      msm memory lookup "What is public procurement?" --lang pl
      msm memory export --lang pl --out pl.tmx
      msm memory import client.tmx --dry-run
    """


@memory.command("lookup")
@argument("text")
@option("--lang", "-l", "lang", required=True, metavar="L", help="Language to look in.")
@option(
    "--threshold",
    type=click.FloatRange(1, 100),
    help="Least word-level similarity in %% (default: [memory] threshold, 75).",
)
@option(
    "--limit",
    type=click.IntRange(1, 100),
    default=5,
    show_default=True,
    help="Show at most this many matches.",
)
@click.pass_obj
def memory_lookup(state: State, text: str, lang: str, threshold: float | None, limit: int) -> None:
    """Show the best translations of TEXT (an English text) with their score and origin.

    TEXT may be '-' to read standard input.

    \b
    Example:
      msm memory lookup "Councils and schools are contracting authorities." --lang pl
    """
    from pipeline.memory.store import load_memory

    project = state.project
    code = project.languages([lang])[0]
    if text == "-":
        text = sys.stdin.read().rstrip("\n")
    settings = _memory_settings(state)
    found = load_memory(project, code, settings)
    echo_diagnostics(found.problems)
    matches = found.lookup(text, threshold or settings.threshold, limit)
    source = project.settings.source_language
    for match in matches:
        kind = "exact" if match.exact else "near"
        click.echo(f"{match.score:3.0f}%  {kind}  {match.describe()}")
        click.echo(f"      {source}: {_one_line(match.unit.source)}")
        click.echo(f"      {code}: {_one_line(match.unit.target)}")
    if not matches:
        click.echo(f"no match in the {code} memory ({len(found)} translations)", err=True)


def _one_line(text: str) -> str:
    """A text on one line for the terminal: line breaks as ' / ', controls escaped."""
    from unicodedata import category

    shown = text.replace("\r\n", "\n").replace("\n", " / ")
    return "".join(repr(c)[1:-1] if category(c)[0] == "C" else c for c in shown)


@memory.command("export")
@option(
    "--format",
    "fmt",
    type=click.Choice(["tmx"]),
    default="tmx",
    show_default=True,
    help="TMX 1.4b, what OmegaT, memoQ, Trados and Weblate exchange.",
)
@lang_option
@option(
    "--out",
    "-o",
    type=FILE_OR_DASH,
    default=Path("-"),
    help="Write here (default: standard output).",
)
@click.pass_obj
def memory_export(state: State, fmt: str, langs: tuple[str, ...], out: Path) -> None:
    """Export the memory (every language, or those named) as one TMX file.

    \b
    Example:
      msm memory export --lang pl --out pl.tmx
    """
    from pipeline.fsutil import atomic_write_text
    from pipeline.memory.exchange import export_memory

    project = state.project
    done = export_memory(project, project.languages(langs), _memory_settings(state))
    for unit in done.left_out:
        click.echo(
            f"left out ({unit.lang}, {unit.origin}): a control character XML cannot hold: "
            f"{_one_line(unit.source)[:60]}",
            err=True,
        )
    if str(out) == "-":
        click.echo(done.text, nl=False)
    else:
        atomic_write_text(out, done.text)
    click.echo(f"{done.units} translation unit(s) exported ({fmt})", err=True)


@memory.command("import")
@argument("file", type=EXISTING_FILE)
@dry_run_option
@option(
    "--lang-map",
    "lang_map",
    multiple=True,
    metavar="THEIRS=OURS",
    help="Read a language code of the file as one of ours (repeatable), e.g. nl=nl-BE.",
)
@click.pass_obj
def memory_import(state: State, file: Path, dry_run: bool, lang_map: tuple[str, ...]) -> None:
    """Merge a TMX file into the memory folder (one <lang>.tmx per language).

    A translation already there gains the origins it lacked; a new one is added; nothing is
    removed. --dry-run lists what would be added and writes nothing.

    \b
    Example:
      msm memory import ~/omegat/project_save.tmx --dry-run
    """
    from pipeline.memory.exchange import plan_import
    from pipeline.memory.tmx import our_language

    mapping = _parse_lang_map(lang_map)

    def lang_of(code: str) -> str | None:
        return mapping.get(code.strip().casefold()) or our_language(code)

    project = state.project
    plan = plan_import(project, file, _memory_settings(state), lang_of)
    for note in plan.notes:
        click.echo(f"note: {note}", err=True)
    for unit in plan.added:
        verb = "would add" if dry_run else "add"
        click.echo(f"{verb} {unit.lang}: {_one_line(unit.source)} → {_one_line(unit.target)}")
    click.echo(
        f"{len(plan.added)} added, {plan.updated} gained an origin, "
        f"{plan.unchanged} already in the memory",
        err=True,
    )
    if dry_run:
        click.echo(f"dry run: {len(plan.changes)} file(s) would change", err=True)
        return
    fail_if(report_changes(plan.changes, project.root, dry_run))


def main() -> None:
    """Console-script entry point."""
    try:
        try:
            cli(prog_name="msm")
        finally:
            sys.stdout.flush()  # output still buffered meets a closed pipe here, not at exit
    except BrokenPipeError:
        _pipe_closed()


def _pipe_closed() -> NoReturn:
    """The reader of our output went away (`msm glossary list | head`): end quietly with
    status 1 (not all the output was delivered), as click does for what it prints itself."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    # Python would flush stdout again on its way out and print the BrokenPipeError.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os._exit(1)
