"""Import every translated SRT of a project into its PO, in one process (the benchmark's driver).

    python -m benchmarks.convert_msm PROJECT

`msm import VIDEO LANG FILE` brings one file back; a benchmark over thousands of files would
measure process start-up, so this calls what the command calls (plan_import, then apply) for
every `<slug>/<lang>.srt`, trusting them as reviewed (`--reviewed`), as sub2po does.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.ops.importer import plan_import
from pipeline.plan import apply
from pipeline.project import Project
from pipeline.tracks.po_io import now


def import_all(root: Path) -> tuple[int, int]:
    """Import every translated track; return (files imported, entries changed)."""
    project = Project.load(root)
    moment = now()
    files = changed = 0
    for video in project.settings.videos:
        folder = project.subtitles / video.slug
        for lang in project.settings.target_languages:
            track = folder / f"{lang}.srt"
            if not track.is_file():
                continue
            plan = plan_import(project, video, lang, track, moment, reviewed=True)
            if plan.change is not None:
                apply([plan.change])
            files += 1
            changed += len(plan.report.changed)
    return files, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    files, changed = import_all(args.project)
    print(f"{files} files imported, {changed} entries changed")


if __name__ == "__main__":
    main()
