"""The SQLite translation cache: keyed exactly, durable, read-only when estimating."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.mt.cache import TranslationCache


def test_put_get_and_key_parts(tmp_path):
    path = tmp_path / "c" / "t.sqlite"
    with TranslationCache(path) as cache:
        cache.put("mymemory", "en-GB", "pl-PL", "Hello", "Cześć")
        assert cache.get("mymemory", "en-GB", "pl-PL", "Hello") == "Cześć"
        # every part of the key matters
        assert cache.get("google", "en-GB", "pl-PL", "Hello") is None
        assert cache.get("mymemory", "en-GB", "pt-PT", "Hello") is None
        assert cache.get("mymemory", "en", "pl-PL", "Hello") is None
        assert cache.get("mymemory", "en-GB", "pl-PL", "Hello ") is None
        assert len(cache) == 1


def test_rows_survive_reopening(tmp_path):
    path = tmp_path / "t.sqlite"
    with TranslationCache(path) as cache:
        cache.put("libre", "en", "pl", "A", "B")
    with TranslationCache(path, read_only=True) as cache:
        assert cache.get("libre", "en", "pl", "A") == "B"


def test_read_only_never_creates_the_file(tmp_path):
    path = tmp_path / "nothing" / "t.sqlite"
    with TranslationCache(path, read_only=True) as cache:
        assert cache.get("libre", "en", "pl", "A") is None
        assert len(cache) == 0
    assert not path.exists() and not path.parent.exists()


def test_corrupt_cache_is_a_clear_error(tmp_path):
    path = tmp_path / "t.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with TranslationCache(path) as cache, pytest.raises(InputError) as caught:
        cache.get("libre", "en", "pl", "A")
    assert "delete the file" in str(caught.value)
