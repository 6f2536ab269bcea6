"""A one-track `msm check` loads only what it uses: no worker machinery, no plan of file
changes, and no glossary code when the result cache answers (start-up is most of its time)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipeline.checks.registry import CHECK_IDS, CHECK_MODULES, check_ids, load_all

REPO = Path(__file__).resolve().parents[1]
TRACK = "subtitles/what-is-public-procurement/pl.po"
# polib builds what the writers render: a check reads with our own reader (po_read.py);
# srt composes only tracks the fast path cannot; html decodes only a VTT line with an entity;
# difflib only suggests a name for a wrong one (a column, a language, a concept, a check).
NEVER = (
    "multiprocessing",
    "pipeline.plan",
    "pipeline.safewrite",
    "polib",
    "srt",
    "html",
    "difflib",
)
GLOSSARY = ("pipeline.glossary.matcher", "pipeline.glossary.morphology", "polib.tbx")
# The term base's CSV reader: only when the compiled glossary (.msm-cache/) is missing or stale.
COMPILED_GLOSSARY = ("csv", "pipeline.glossary.csv_io")
# A run --no-cache writing a text report reads and writes no JSON (the result cache's files,
# the JSON report, LanguageTool's answers), nor the result cache's digest columns (binascii),
# nor the utf-8-sig codec (the settings are decoded without it).
UNUSED_WHEN_CHECKED = ("json", "binascii", "encodings.utf_8_sig")
# The spelling check's word rules, names and glossary spans: only for a word the dictionary
# does not know (every word of the track is known); the words of a line in capitals: only
# for such a line (the track has none).
SPELLING_RULES = (
    "pipeline.checks.spell_rules",
    "pipeline.checks.spell_names",
    "pipeline.checks.spell_unslipped",
    "pipeline.checks.spell_slips",
    "pipeline.checks.spell_terms",
    "pipeline.checks.spell_place",
    "pipeline.checks.spell_spoken",
    "pipeline.checks.spell_phrases",
    "pipeline.checks.spell_subnames",
    "pipeline.checks.spell_common",
    "pipeline.checks.spell_caps",
    "pipeline.checks.spell_greek_caps",
    "gzip",
)
# Only a write (tempfile) needs this, only running a check its module, only rendering a
# report the reporters: not a re-check (but for the glossary checks' small module, which
# says where the glossary is).
UNUSED_WHEN_REMEMBERED = (
    "tempfile",
    "pipeline.checks.report",
    *(name for name in CHECK_MODULES if name != "pipeline.checks.glossary_checks"),
)
# A re-check the result cache answers reads no track: no reader, no units made from one.
READERS = (
    "pipeline.checks.units",
    "pipeline.tracks.build",
    "pipeline.tracks.merge",
    "pipeline.tracks.po_charset",
    "pipeline.tracks.po_io",
    "pipeline.tracks.po_read",
    "pipeline.tracks.srt_io",
    "pipeline.tracks.vtt_io",
)


def project_copy(tmp_path: Path) -> Path:
    """This project's tracks and glossary in a folder of their own (no result cache)."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "subtitles", root / "subtitles")
    shutil.copytree(REPO / "glossary", root / "glossary")
    return root


def loaded_by_check(root: Path, *options: str) -> set[str]:
    # The console script's own entry point (click.testing would load tempfile itself).
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"sys.argv = ['msm', 'check', *{list(options)!r}, {TRACK!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as end:\n"
        "    assert end.code in (0, 1, None), end.code\n"
        "print(','.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    return set(done.stderr.strip().splitlines()[-1].split(","))


def test_one_track_check_loads_only_what_it_uses(tmp_path: Path):
    root = project_copy(tmp_path)
    # Files last changed a minute ago, as a re-check finds them: a file changed within 2 s
    # of being hashed is hashed again next time, and its new stat written (with tempfile).
    past = time.time() - 60
    for path in root.rglob("*"):
        os.utime(path, (past, past))
    first = loaded_by_check(root)  # checks the track (and fills the result cache)
    assert "pipeline.glossary.matcher" in first
    assert not first & set(NEVER)
    # checked again, with the glossary compiled by the first run: no CSV reading
    checked = loaded_by_check(root, "--no-cache")
    assert "pipeline.glossary.matcher" in checked
    assert not checked & {*NEVER, *COMPILED_GLOSSARY, *UNUSED_WHEN_CHECKED, *SPELLING_RULES}
    again = loaded_by_check(root)  # answered by the cache
    assert not again & {*NEVER, *GLOSSARY, *UNUSED_WHEN_REMEMBERED, *READERS}
    assert "pipeline.checks.runner" in again


def test_ending_tables_are_built_for_the_languages_used():
    # Basque's ~700 stacked endings cost ~2 ms: a Polish check builds only Polish's table.
    code = (
        "from pipeline.glossary import morphology as m\n"
        "before = m._table.cache_info().currsize\n"
        "pl = m.inflection('pl')\n"
        "assert pl is m.inflection('pl') and pl.endings\n"
        "print(before, m._table.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "1"]


def test_each_kind_of_path_parameter_is_made_once():
    # Making a click.Path looks up its name's translation (~0.1 ms, on every start-up): the
    # commands share one per kind of path instead of making one per option.
    import click

    from pipeline.cli import cli

    def params(command: click.Command) -> list[click.Parameter]:
        found = list(command.params)
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                found += params(sub)
        return found

    paths = [p.type for p in params(cli) if isinstance(p.type, click.Path)]
    kinds = {(t.exists, t.file_okay, t.dir_okay, t.allow_dash, t.type) for t in paths}
    assert len(paths) > len(kinds)
    assert len({id(t) for t in paths}) == len(kinds)


def test_the_check_ids_known_without_importing_are_those_registered():
    # Settings are validated against CHECK_IDS (a re-check imports no check module): it must
    # list exactly what each module registers, in the order the module registers them.
    registered: dict[str, list[str]] = {}
    for spec in load_all().values():
        registered.setdefault(spec.func.__module__, []).append(spec.id)
    assert {module: tuple(ids) for module, ids in registered.items()} == CHECK_IDS
    assert sorted(check_ids()) == sorted(load_all())


# Making a dataclass compiles its methods from source (0.4-1 ms a class, the largest cost of
# start-up; `dataclasses` itself ~1 ms): records are plain classes (with equality, hash and
# repr written out where something compares or prints them). hashlib loads OpenSSL (~2.5 ms):
# blake2b and SHA-256 come from the built-in modules (pipeline/hashes.py). tomllib (with
# `string`, ~2 ms) parses a settings text only once (pipeline/settings_cache.py).
NOT_ON_A_RUN = ("dataclasses", "hashlib", "_hashlib")
NOT_ON_AN_UNCHANGED_PROJECT = (*NOT_ON_A_RUN, "tomllib", "string")


def test_a_run_makes_no_dataclass_loads_no_openssl_and_parses_settings_once(tmp_path: Path):
    root = project_copy(tmp_path)
    # no .msm-cache yet: the settings are parsed, not kept; the glossary is compiled from its
    # CSV (whose reader makes dataclasses: once)
    first = loaded_by_check(root)
    assert "tomllib" in first
    assert not first & {"hashlib", "_hashlib"}
    kept = loaded_by_check(root, "--no-cache")  # the cache folder is there: kept
    assert "tomllib" in kept
    assert not kept & set(NOT_ON_A_RUN)
    checked = loaded_by_check(root, "--no-cache")
    assert not checked & set(NOT_ON_AN_UNCHANGED_PROJECT)
    again = loaded_by_check(root)  # answered by the result cache
    assert not again & set(NOT_ON_AN_UNCHANGED_PROJECT)
    # one byte more in the settings: parsed again (and kept), then not
    catalog = root / "subtitles" / "catalog.toml"
    catalog.write_bytes(catalog.read_bytes() + b"\n")
    assert "tomllib" in loaded_by_check(root, "--no-cache")
    assert not loaded_by_check(root, "--no-cache") & set(NOT_ON_AN_UNCHANGED_PROJECT)


def test_records_made_plain_keep_what_their_dataclass_gave():
    # Equality and hash over the compared fields, the repr's text, and Term.replace (what
    # glossary/merge.py used dataclasses.replace for: every field of __init__, cleaned again).
    import inspect

    from pipeline.checks.model import Finding
    from pipeline.glossary import model

    assert tuple(inspect.signature(model.Term).parameters) == model._TERM_INIT
    term = model.Term(" open  procedure ", "en", note="n", line=3, stated=frozenset({"note"}))
    moved = term.replace(line=None, stated=None)
    assert (moved.text, moved.line, moved.stated, moved.note) == ("open procedure", None, None, "n")
    assert moved == term and hash(moved) == hash(term)  # line and stated are not compared
    assert term.replace(status="forbidden") != term
    assert repr(moved) == (
        "Term(text='open procedure', lang='en', status='preferred', variants=(), exclude=(), "
        "note='n', needs_review=False, require=(), pos='', source='')"
    )
    found = Finding("a.po", 3, None, 1, "pl", "x", "error", "m")
    assert {found, found.with_severity("error")} == {found}
    assert found.with_severity("info") != found
    assert repr(found).startswith("Finding(path='a.po', line=3, context=None, cue=1, ")


# Patterns a one-track check of a PO catalogue never uses, compiled on first use instead of
# at import (0.03-0.3 ms each): typography's invisible characters, double spaces, units,
# three dots, dotted acronyms and style tags (only a text holding one), SRT timings and cue
# numbers, words mixing scripts, Greek, markup and Latin capitals in the folding, the
# state check's words, numbers and links (fidelity: only a text with a digit or an
# address), words around a hyphen (sense), the cue notes of `msm update`, msm-accept
# comments, WebVTT inline timestamps, the settings' check ids and variable names,
# the control characters of glossary notes and the concept ids of a glossary file, markup
# (`<i>`, `{\an8}`), "?." and "!.", and the spelling check's character references and
# addresses (only a text holding one).
LAZY_PATTERNS = {
    "pipeline.checks.typography": (
        "_invisible_re", "_double_space", "_number_unit", "_three_dots", "_dotted_acronym",
        "_plain_style", "_mark_then_period",
    ),
    "pipeline.checks.text": ("tag",),
    "pipeline.checks.spell_words": ("_entity", "_marked"),
    "pipeline.tracks.srt_io": ("_timing", "_line_split", "_index"),
    "pipeline.glossary.normalise": ("_mixed", "_has_greek", "_markup", "_latin_caps_word"),
    "pipeline.glossary.sense": ("_word_before", "_word_after"),
    "pipeline.checks.state": ("_word",),
    "pipeline.checks.fidelity": ("_number", "_link"),
    "pipeline.tracks.cue_notes": ("_short", "_timed"),
    "pipeline.checks.units": ("_accept",),
    "pipeline.tracks.vtt_io": ("_inline_time",),
    "pipeline.checks.config": ("_id",),
    "pipeline.mt.config": ("_env_name",),
    # a compiled glossary's terms are remade without cleaning them again
    "pipeline.glossary.model": ("_control", "concept_id_pattern"),
}  # fmt: skip


def test_a_checked_run_compiles_only_the_patterns_it_uses(tmp_path: Path):
    root = project_copy(tmp_path)
    code = (
        "import dataclasses, importlib, sys\n"
        "from pipeline.cli import main\n"
        f"sys.argv = ['msm', 'check', '--no-cache', {TRACK!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"for module, names in {LAZY_PATTERNS!r}.items():\n"
        "    found = vars(importlib.import_module(module))\n"
        "    for name in names:\n"
        "        print('lazy', module, name, found[name].cache_info().currsize, file=sys.stderr)\n"
        "from pipeline.checks import spelling\n"
        "print('dataclass', dataclasses.is_dataclass(spelling._Language), file=sys.stderr)\n"
    )
    for _ in range(2):  # the second as the benchmark runs it: the glossary compiled
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
        )
    lines = [line for line in done.stderr.splitlines() if line.startswith(("lazy", "dataclass"))]
    compiled = [line for line in lines if line.startswith("lazy") and line[-2:] != " 0"]
    assert compiled == []
    assert len(lines) == 1 + sum(map(len, LAZY_PATTERNS.values()))
    # the spelling check's record of a language is a plain class (no dataclass made)
    assert lines[-1] == "dataclass False"
    # each pattern is compiled where it is used, once
    from pipeline.checks import fidelity

    assert fidelity._numbers("1 000 and 2,5") == fidelity._numbers("1000 and 2.5")
    assert fidelity._number.cache_info().currsize == 1


def test_the_console_script_imports_the_command_line_with_the_collector_paused():
    """Click and the command line make only objects that live as long as the process: the
    collector is off while they are imported, back on (nothing frozen) for the command, and
    what is left is frozen on the way out (Python's collections at exit then walk nothing)."""
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert scripts["scripts"]["msm"] == "pipeline.__main__:main"
    imported = (
        "import gc, sys\n"
        "seen = {}\n"
        "def audit(event, args):\n"
        "    if event == 'import' and args[0] in ('click', 'pipeline.cli'):\n"
        "        seen[args[0]] = gc.isenabled()\n"
        "sys.addaudithook(audit)\n"
        "from pipeline.__main__ import main\n"
        "sys.argv = ['msm', '--version']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as end:\n"
        "    assert end.code in (0, None), end.code\n"
        "print('imported', sorted(seen.items()), gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    # the command itself, in place of the command line (imported before: the state the
    # command finds is what matters)
    command = (
        "import gc, sys\n"
        "import pipeline.cli\n"
        "def probe():\n"
        "    print('command', gc.isenabled(), gc.get_freeze_count())\n"
        "    raise SystemExit(0)\n"
        "pipeline.cli.main = probe\n"
        "from pipeline.__main__ import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('after', gc.get_freeze_count() > 0)\n"
    )
    lines = []
    for code in (imported, command):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
        )
        lines += done.stdout.splitlines()
    assert lines[0].startswith("msm ")  # `msm --version` ran
    assert lines[1:] == [
        "imported [('click', False), ('pipeline.cli', False)] True True",
        "command True 0",
        "after True",
    ]
