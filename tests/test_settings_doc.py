"""docs/settings.md names every table and every key of the settings schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pipeline.project import SCHEMA
from pipeline.schema import ArrayOf, MapOf, Node, Table

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def keys(node: Node, table: str) -> Iterator[tuple[str, str]]:
    """(top-level table, key) for every fixed key below `node`; the free keys of a map
    (languages, check ids, cue numbers) are not names to document."""
    if isinstance(node, ArrayOf):
        yield from keys(node.item, table)
    elif isinstance(node, MapOf):
        yield from keys(node.value, table)
    elif isinstance(node, Table):
        for key, child in node.keys.items():
            yield table, key
            yield from keys(child, table)


def test_every_top_level_table_is_named():
    text = GUIDE.read_text(encoding="utf-8")
    missing = [t for t in SCHEMA.keys if f"`[{t}]`" not in text and f"`[[{t}]]`" not in text]
    assert missing == [], "name these tables in docs/settings.md"


def test_every_key_is_named():
    text = GUIDE.read_text(encoding="utf-8")
    missing = [f"[{t}] {k}" for t, k in _nested() if not _named(k, text)]
    assert missing == [], "name these keys in docs/settings.md"


def _named(key: str, text: str) -> bool:
    """A key is named as `key`, or as a table of its own (`[checks.severity]`)."""
    return f"`{key}`" in text or f".{key}]" in text or f".{key}." in text


def _nested() -> Iterator[tuple[str, str]]:
    for table, node in SCHEMA.keys.items():
        yield from keys(node, table)


def test_the_walk_sees_nested_keys():
    found = set(_nested())
    assert {("videos", "slug"), ("translate", "email"), ("checks", "cps_max")} <= found
    assert ("publish", "name") in found  # [publish.languages] nl-BE = { code, name }
