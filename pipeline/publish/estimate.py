"""`msm publish --dry-run`: every call a run would make and its quota cost, from the ledgers
alone (nothing is sent, no credentials needed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pipeline.publish.gate import Work, meta_sha
from pipeline.publish.ledger import spent
from pipeline.publish.plan import COSTS, estimate, pacific_day
from pipeline.publish.settings import PublishSettings

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Call:
    """One API call of a dry run."""

    method: str
    cost: int
    what: str


@dataclass
class Estimate:
    """A dry run: the calls, their total, and today's budget."""

    calls: list[Call]
    day: str
    spent_today: int
    budget: int

    @property
    def total(self) -> int:
        """Units the run would spend."""
        return sum(c.cost for c in self.calls)

    @property
    def remaining(self) -> int:
        """Units left today before this run."""
        return max(0, self.budget - self.spent_today)

    @property
    def fits(self) -> bool:
        """The run stays within today's remaining budget."""
        return self.total <= self.remaining


def dry_run(
    works: Sequence[Work], settings: PublishSettings, draft: bool | None, now: Clock
) -> Estimate:
    """Every call a run would make, from the ledgers alone (nothing is sent)."""
    calls: list[Call] = []
    for work in works:
        slug = work.video.slug
        calls.append(Call("captions.list", COSTS["captions.list"], f"{slug}: list its tracks"))
        checked: list[str] = []  # languages read back after this run's uploads
        for track in work.tracks:
            action = estimate(track, work.ledger.ledger, draft)
            if action.kind == "verify" or action.call:
                checked.append(track.lang)
            if action.call:
                calls.append(Call(action.call, action.cost, f"{slug}/{track.lang}: {action.note}"))
        if checked:
            calls.append(
                Call("captions.list", COSTS["captions.list"], f"{slug}: poll the uploads' status")
            )
            if settings.verify == "download":
                calls.extend(
                    Call(
                        "captions.download", COSTS["captions.download"], f"{slug}/{lang}: read back"
                    )
                    for lang in checked
                )
        if work.localisations and meta_sha(work) != work.ledger.ledger.meta_sha256:
            langs = ", ".join(loc.lang for loc in work.localisations)
            calls.append(Call("videos.list", COSTS["videos.list"], f"{slug}: read its snippet"))
            calls.append(
                Call("videos.update", COSTS["videos.update"], f"{slug}: titles of {langs}")
            )
    day = pacific_day(now())
    used = spent([w.ledger.ledger for w in works], day)
    return Estimate(calls, day, used, settings.daily_quota)
