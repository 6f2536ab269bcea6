"""A copy of the example project with a second video that shares sentences with the example."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from pipeline.cli import cli
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt

EXAMPLE = Path(__file__).resolve().parents[2] / "subtitles"
SLUG = "what-is-public-procurement"

# Three of the ten cues are sentences of the example, word for word (30 %); two are the
# example's sentences slightly edited (near matches); five are new.
SHARED = [
    "What is public procurement?",
    "Councils, hospitals and schools\nare all contracting authorities.",
    "Firms that want to bid\nare called economic operators.",
]
NEAR = {
    # new text → the example's text it is near
    "They buy works, supplies and services:\nfrom new roads to school lunches.": (
        "They buy works, supplies and services:\nfrom new roads to school meals."
    ),
    "A firm that submits a tender\nis then called a tenderer.": (
        "A firm that submits a tender\nis called a tenderer."
    ),
}
NEW = [
    "Today we look at the market for buses.",
    "Koszalin bought twelve electric buses\nlast year.",
    "The drivers were trained\nbefore the first route opened.",
    "Passengers can now ride quietly\nacross the whole city.",
    "Next time: how to write\na good specification.",
]
SECOND_TEXTS = [SHARED[0], NEW[0], SHARED[1], *NEAR, NEW[1], SHARED[2], *NEW[2:]]


def cues(texts: list[str]) -> list[Cue]:
    """Cues of 4.5 s, one after the other."""
    return [Cue(1000 + 5000 * i, 5500 + 5000 * i, text) for i, text in enumerate(texts)]


def example_copy(root: Path, memory: str = "", second: list[str] | None = None) -> Path:
    """The example project under `root`, plus a video 'second' (not updated yet)."""
    shutil.copytree(EXAMPLE, root / "subtitles")
    catalog = root / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    if memory:
        text = text.replace("\n[[videos]]", f"\n[memory]\n{memory}\n\n[[videos]]", 1)
    text += '\n[[videos]]\nslug = "second"\ntitle = "Second video"\n'
    catalog.write_text(text, encoding="utf-8")
    (root / "subtitles" / "second").mkdir()
    write_source(root, second if second is not None else SECOND_TEXTS)
    return root


def write_source(root: Path, texts: list[str]) -> None:
    """Write the second video's en.srt."""
    path = root / "subtitles" / "second" / "en.srt"
    path.write_text(compose_srt(cues(texts)), encoding="utf-8")


def msm(root: Path, *args: str) -> Result:
    """Run `msm --project root ARGS` in process."""
    return CliRunner().invoke(cli, ["--project", str(root), *args], catch_exceptions=False)
