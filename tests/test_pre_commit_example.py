"""The pre-commit example of docs/reviewers.md works: a ref that exists, and hooks we have."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def example() -> tuple[dict, list[str]]:
    """The `.pre-commit-config.yaml` example of docs/reviewers.md, and every hook id it names
    (the ones left commented out too)."""
    guide = (ROOT / "docs" / "reviewers.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", guide, re.MULTILINE | re.DOTALL)
    (block,) = [b for b in blocks if b.startswith("repos:")]
    return yaml.safe_load(block), re.findall(r"^\s*#?\s*- id: ([\w-]+)", block, re.MULTILINE)


def hook_ids(text: str) -> set[str]:
    return {hook["id"] for hook in yaml.safe_load(text)}


def git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_every_hook_of_the_example_is_defined():
    config, named = example()
    (repo,) = config["repos"]
    active = [hook["id"] for hook in repo["hooks"]]
    defined = hook_ids((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert active and set(active) <= set(named)
    assert set(named) == defined  # the example shows every hook this repository offers


def test_the_rev_is_a_full_commit_sha_or_a_tag_that_exists():
    config, _ = example()
    rev = str(config["repos"][0]["rev"])
    if re.fullmatch(r"[0-9a-f]{40}", rev):
        return
    if shutil.which("git") is None or git("rev-parse", "--git-dir").returncode:
        pytest.skip("not a git checkout: the tags cannot be listed")
    assert rev in git("tag", "--list").stdout.split(), f"rev: {rev} is no tag of this repository"


def test_the_pinned_commit_has_the_hooks_of_the_example():
    """pre-commit checks out `rev` and reads its .pre-commit-hooks.yaml."""
    config, _ = example()
    repo = config["repos"][0]
    if shutil.which("git") is None or git("rev-parse", "--git-dir").returncode:
        pytest.skip("not a git checkout")
    shown = git("show", f"{repo['rev']}:.pre-commit-hooks.yaml")
    if shown.returncode and git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone may not hold the pinned commit")
    assert shown.returncode == 0, f"rev {repo['rev']} is not in this repository: {shown.stderr}"
    assert {hook["id"] for hook in repo["hooks"]} <= hook_ids(shown.stdout)
