"""The memory's speed devices change no result: the new video's catalogue is byte for byte
what a plain memory gives (every catalogue read by the full PO reader, every unit added pair
by pair, every source scored, no cache), built from scratch (in one process and in two),
from the cache, and from a cache older than an edited PO."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from rapidfuzz.distance import Indel

from benchmarks.corpus import Spec, generate
from benchmarks.memory_bench import LANG, NEW, add_new_video
from pipeline.memory import parallel, store
from pipeline.memory.model import Match, tokens
from pipeline.memory.po_pairs import FUZZY, TRANSLATED, Fields
from pipeline.memory.store import Memory
from tests.memory.helpers import msm


def plain_near(
    self: Memory, text: str, threshold: float, exclude: str = "", limit: int = 1
) -> list[Match]:
    """`Memory.near` without its index: every source scored (the reference)."""
    query = tokens(text)
    ranked = []
    for at, source in enumerate(self._targets):
        score = Indel.normalized_similarity(query, tokens(source)) if query else 0.0
        if source != text and score >= threshold / 100 - 1e-9:
            best = self._best(source, exclude)
            if best is not None:
                ranked.append((-score, -len(best.origins), at, best))
    ranked.sort(key=lambda r: r[:3])
    return [Match(best, -score * 100.0, False) for score, _, _, best in ranked[:limit]]


def plain_add_catalogue(self: Memory, fields: Fields, origin: str, drafts: bool) -> None:
    """`Memory.add_catalogue` as `add` of each pair (the reference)."""
    separator, msgids, msgstrs, flags = fields
    if flags:
        sources, targets = msgids.decode().split(separator), msgstrs.decode().split(separator)
        for source, target, flag in zip(sources, targets, flags, strict=True):
            if flag == TRANSLATED[0] or (flag == FUZZY[0] and drafts):
                self.add(source, target, [origin])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("memory-corpus")
    generate(Spec(40, 30, 20, built=False), root)
    add_new_video(root, cues=40)
    return root


def filled(root: Path) -> bytes:
    """`msm update` of the new video; the catalogue it writes (then removed again)."""
    result = msm(root, "update", NEW, "--lang", LANG)
    assert result.exit_code == 0, result.output
    folder = root / "subtitles" / NEW
    data = (folder / f"{LANG}.po").read_bytes()
    for name in (f"{LANG}.po", "template.pot"):
        (folder / name).unlink()
    return data


def plainly(root: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """What the memory without its speed devices fills (its cache removed before and after)."""
    shutil.rmtree(root / ".msm-cache", ignore_errors=True)
    with monkeypatch.context() as patch:
        patch.setattr(store, "po_fields", lambda text: None)  # the full PO reader
        patch.setattr(Memory, "near", plain_near)
        patch.setattr(Memory, "prepare", lambda *args: None)
        patch.setattr(Memory, "add_catalogue", plain_add_catalogue)
        patch.setattr(parallel, "PARALLEL_MIN", 10**9)  # one process
        data = filled(root)
    shutil.rmtree(root / ".msm-cache", ignore_errors=True)
    return data


def test_the_filled_catalogue_is_the_plain_memorys_cold_cached_and_after_an_edit(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = plainly(corpus, monkeypatch)
    assert reference.count(b"# memory: ") >= 10 and b"#| msgid" in reference
    assert filled(corpus) == reference  # built from scratch
    assert (corpus / ".msm-cache" / f"memory-{LANG}.bin").is_file()
    (corpus / ".msm-cache" / f"memory-{LANG}.bin").unlink()
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "PARALLEL_MIN", 2)
        assert filled(corpus) == reference  # built from scratch, read in two processes
    assert filled(corpus) == reference  # from the whole memory's cache
    cache = corpus / ".msm-cache" / f"memory-{LANG}.bin"
    cache.write_bytes(cache.read_bytes()[:-100])  # broken: rebuilt
    assert filled(corpus) == reference
    # a translator fixes a sentence the new video took, exactly, from one video only
    new = polib.pofile(reference.decode())
    taken = next(e for e in new if e.tcomment.startswith("memory: ") and " " not in e.tcomment[8:])
    path = corpus / "subtitles" / taken.tcomment.removeprefix("memory: ")
    source = polib.pofile(str(path), wrapwidth=79)
    source.find(taken.msgid).msgstr += " (poprawione)"
    source.save()
    after = filled(corpus)  # with the cache of before the edit
    assert after != reference and "(poprawione)" in after.decode()
    assert after == plainly(corpus, monkeypatch)
