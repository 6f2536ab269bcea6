"""Where the project's term base lives: known without loading the glossary package (`msm check`
needs the path to key its result cache, and the glossary code only when a text is checked)."""

from __future__ import annotations

from pathlib import Path

GLOSSARY_DIR = "glossary"
GLOSSARY_FILE = "procurement.csv"


def default_termbase_path(project_root: Path) -> Path:
    """The project's term base: `glossary/procurement.csv` under the project root."""
    return project_root / GLOSSARY_DIR / GLOSSARY_FILE


def project_termbase_path(project_root: Path, configured: str | None = None) -> Path:
    """The project's term base: the `[glossary] path` setting, else the default.

    It must lie inside the project (symbolic links resolved): OutsideProject otherwise.
    """
    from pipeline.confine import confine

    path = project_root / configured if configured else default_termbase_path(project_root)
    return confine(path, project_root, "glossary")
