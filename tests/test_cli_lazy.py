"""Commands made on first use (`LazyGroup` in cli.py): every help text and usage error is
the same as when click made every command at import.

tests/data/cli/help-golden.json holds what the eager cli.py (before the change) printed:
`msm --help`, `msm`, `msm --version`, unknown and misspelt commands, and for every command
and subcommand its `--help` and an unknown option. Regenerate it only for a deliberate change
of a help text (`_render()` below, printed as JSON with `indent=1, sort_keys=True`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from pipeline.cli import LazyCommands, LazyGroup, cli

GOLDEN = Path(__file__).parent / "data" / "cli" / "help-golden.json"


def _paths(group: click.Group, path: list[str]) -> list[list[str]]:
    ctx = click.Context(group, info_name="msm")
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        found.append([*path, name])
        if isinstance(command, click.Group):
            found += _paths(command, [*path, name])
    return found


def _render() -> dict[str, list[object]]:
    cases = [["--help"], ["-h"], [], ["--version"], ["nosuch"], ["chek"]]
    for path in _paths(cli, []):
        cases += [[*path, "--help"], [*path, "--bogus-option"]]
    shown: dict[str, list[object]] = {}
    for args in cases:
        result = CliRunner().invoke(cli, args, prog_name="msm", terminal_width=80)
        shown[" ".join(args)] = [result.exit_code, result.output]
    return shown


def test_every_help_text_and_usage_error_is_as_before():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    golden["--version"][1] = _render()["--version"][1]  # the version and build vary
    assert _render() == golden


def test_a_command_is_made_when_first_used():
    code = (
        "import sys\n"
        "from pipeline.cli import cli, main\n"
        "groups = [cli, *(cli.commands[g] for g in ('bundle', 'spelling', 'glossary', 'memory'))]\n"
        "print(sum(len(g.commands._made) for g in groups[1:]), "
        "sorted(set(cli.commands._made) - {'bundle', 'spelling', 'glossary', 'memory'}))\n"
        "sys.argv = ['msm', 'check', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(set(cli.commands._made) - {'bundle', 'spelling', 'glossary', 'memory'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0] == "0 []"  # no command made at import
    assert lines[-1] == "['check']"


def test_every_group_is_lazy():
    groups = [cli, *(c for c in cli.commands.values() if isinstance(c, click.Group))]
    assert len(groups) == 5
    for group in groups:
        assert isinstance(group, LazyGroup)
        assert isinstance(group.commands, LazyCommands)


def test_the_commands_mapping_behaves_like_a_dict():
    made: list[str] = []
    commands = LazyCommands()

    def maker(name: str) -> click.Command:
        made.append(name)
        return click.Command(name)

    commands.defer("b", lambda: maker("b"))
    commands.defer("a", lambda: maker("a"))
    assert list(commands) == ["b", "a"] and len(commands) == 2 and "a" in commands
    assert made == []
    assert commands["a"] is commands.get("a") and made == ["a"]
    commands["c"] = click.Command("c")
    del commands["b"]
    assert list(commands) == ["a", "c"] and "b" not in commands and commands.get("b") is None
    assert made == ["a"]
