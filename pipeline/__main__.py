"""The msm command line: the `msm` console script, and `python -m pipeline`.

The cycle collector is paused while the command line is imported. Click and msm's own
modules make tens of thousands of objects that live as long as the process, and the
collector would walk them again and again while they are made: ≈2.5 ms of a one-track
`msm check` (docs/performance.md, "Start-up"). Imported, they are moved to its oldest
generation at once (`gc.freeze()` then `gc.unfreeze()`: two list splices, nothing walked),
where a full collection still finds any cycle, and it runs as usual for the command. When
the command is done, what is left is frozen, so the collections Python makes as it exits
walk nothing (7% of that run's instructions).
"""

import gc


def main() -> None:
    """Console-script entry point: the command line, imported with the collector paused."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from pipeline.cli import main as command_line
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
    try:
        command_line()
    finally:
        # What the process made is about to go: the collector need not walk it at exit
        # (Python collects three times as it finalizes; 7% of a one-track `msm check`'s
        # instructions). Nothing frozen is lost: it is freed as usual by its counts, but
        # for reference cycles, which the system reclaims with the process.
        gc.freeze()


if __name__ == "__main__":
    main()
