"""`msm bundle --help` shows the options of `bundle create`, the command `msm bundle` runs."""

from __future__ import annotations

import click
from click.testing import CliRunner

from pipeline.cli import DefaultCommandGroup, cli


def default_groups() -> list[DefaultCommandGroup]:
    return [c for c in cli.commands.values() if isinstance(c, DefaultCommandGroup)]


def test_there_is_a_default_command_group():
    assert [group.name for group in default_groups()] == ["bundle"]


def test_the_group_help_lists_every_option_of_its_default_command():
    for group in default_groups():
        result = CliRunner().invoke(
            cli, [group.name, "--help"], prog_name="msm", terminal_width=200
        )
        assert result.exit_code == 0, result.output
        default = group.commands[group.default_command]
        section = f"Options of msm {group.name} {group.default_command} (the default):\n"
        assert section in result.output
        shown = result.output.split(section, 1)[1].split("\n\n", 1)[0]
        options = [p for p in default.params if isinstance(p, click.Option)]
        assert options
        for option in options:
            for name in option.opts:
                assert name in shown, f"{name} missing from `msm {group.name} --help`"
            assert option.help is None or " ".join(option.help.split()[:4]) in shown
        assert "--help" not in shown  # the group's own -h/--help is listed once, above
