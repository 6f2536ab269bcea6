"""A server's words reach the terminal escaped: a quota warning carrying escape sequences."""

from __future__ import annotations

from click.testing import CliRunner
from mt_project import translate_settings

from pipeline.cli import cli


def test_a_hostile_server_message_is_printed_escaped(mt_project, mymemory) -> None:
    warning = (
        "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. "
        "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eevil"
    )
    mymemory.translate = lambda text, target: warning
    root = mt_project(translate_settings(mymemory=mymemory.url), langs=("pt-PT",))
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "0"}).invoke(
        cli, ["-C", str(root), "translate", "--lang", "pt-PT", "--provider", "mymemory"]
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "FREE TRANSLATIONS" in result.output
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in result.stdout and char not in result.stderr
    assert "\\x1b]0;owned\\x07" in result.output
