"""Every relative link of the documentation resolves inside the repository.

README.md, docs/**/*.md and the other Markdown files of the repository: inline links and
images, reference definitions, HTML href/src, `#anchors` (GitHub's heading slugs), and paths
in code spans that climb out (`../shared/...`) — a reader of the repository has nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", ".venv-bench", ".venv-lock", "build", "dist", "node_modules", "media"}

INLINE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
HTML = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")
CLIMBING_CODE = re.compile(r"`(\.\./[^`\s]+)`")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def markdown_files() -> list[Path]:
    found = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for path in sorted(ROOT.rglob("*.md")):
        if not SKIP & set(path.relative_to(ROOT).parts) and path not in found:
            found.append(path)
    return found


def prose(text: str) -> str:
    """The text without fenced code blocks (whose brackets are code, not links)."""
    return re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.MULTILINE | re.DOTALL)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*?|__?", "", heading.strip()).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", prose(path.read_text("utf-8")), re.M)
    seen: dict[str, int] = {}
    out = set()
    for heading in headings:
        base = slug(heading)
        number = seen.get(base, 0)
        seen[base] = number + 1
        out.add(base if number == 0 else f"{base}-{number}")
    return out


def problems(path: Path) -> list[str]:
    text = prose(path.read_text(encoding="utf-8"))
    targets = INLINE.findall(text) + REFERENCE.findall(text) + HTML.findall(text)
    found = []
    for target in targets:
        if SCHEME.match(target) or target.startswith("//"):
            continue
        file_part, _, anchor = target.partition("#")
        file_part = unquote(file_part.split("?", 1)[0])
        resolved = (path.parent / file_part).resolve() if file_part else path
        if not resolved.is_relative_to(ROOT):
            found.append(f"{target}: outside the repository")
        elif not resolved.exists():
            found.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            found.append(f"{target}: no heading #{anchor} in {resolved.relative_to(ROOT)}")
    for code in CLIMBING_CODE.findall(text):
        if not (path.parent / code).resolve().is_relative_to(ROOT):
            found.append(f"`{code}`: outside the repository")
    return found


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(path):
    assert problems(path) == []


def test_the_checker_catches_dead_and_escaping_links(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ok.md").write_text("# Ok\n", encoding="utf-8")
    page = tmp_path / "README.md"
    page.write_text(
        "# Title\n## Two words: here\n"
        "[a](docs/ok.md) [b](docs/ok.md#ok) [c](#two-words-here) [d](https://x.invalid/y)\n"
        "[dead](docs/gone.md) [up](../shared/DESIGN.md) [anchor](#nowhere)\n"
        '<img src="docs/missing.png"> see `../shared/DESIGN.md`\n'
        "```\n[not a link](nowhere.md)\n```\n",
        encoding="utf-8",
    )
    assert problems(page) == [
        "docs/gone.md: no such file",
        "../shared/DESIGN.md: outside the repository",
        "#nowhere: no heading #nowhere in README.md",
        "docs/missing.png: no such file",
        "`../shared/DESIGN.md`: outside the repository",
    ]
