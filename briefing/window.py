"""Date windows for a run (ISO weeks, since/until ranges) and keeping the sources dated in one."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from briefing.errors import NoSourcesError, UsageError
from briefing.model import Corpus, Duplicate, Source

log = logging.getLogger(__name__)

_WEEK = re.compile(r"(?P<year>\d{4})-?W(?P<week>\d{1,2})", re.IGNORECASE)


class Undated(str, Enum):
    """What a window does with sources whose date is unknown."""

    INCLUDE = "include"
    EXCLUDE = "exclude"


@dataclass(frozen=True, slots=True)
class Window:
    """An inclusive range of days; sources published in it are the ones a run uses."""

    since: dt.date
    until: dt.date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise UsageError(
                f"the window starts after it ends ({self.since.isoformat()} > "
                f"{self.until.isoformat()}); swap --since and --until"
            )

    @classmethod
    def week(cls, year: int, week: int) -> Window:
        """ISO week ``week`` of ``year``, Monday to Sunday; raises UsageError when there is none."""
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise UsageError(f"{year} has no ISO week {week}") from None
        return cls(monday, monday + dt.timedelta(days=6))

    @classmethod
    def of_days(cls, until: dt.date, days: int) -> Window:
        """The ``days`` days that end on ``until``."""
        if days < 1:
            raise UsageError(f"a window is at least one day long, got {days}")
        return cls(until - dt.timedelta(days=days - 1), until)

    @property
    def days(self) -> int:
        """How many days the window spans."""
        return (self.until - self.since).days + 1

    @property
    def is_iso_week(self) -> bool:
        """Whether the window is exactly one ISO week (Monday to Sunday)."""
        return self.since.isoweekday() == 1 and self.days == 7

    @property
    def label(self) -> str:
        """ "2024-W21" for an ISO week, else "2024-05-20 – 2024-05-29"."""
        if self.is_iso_week:
            year, week, _ = self.since.isocalendar()
            return f"{year}-W{week:02}"
        return f"{self.since.isoformat()} – {self.until.isoformat()}"

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the window."""
        return self.since <= day <= self.until

    def before(self) -> Window:
        """The window of the same length that ends the day before this one starts."""
        return Window.of_days(self.since - dt.timedelta(days=1), self.days)

    def fields(self) -> dict[str, Any]:
        """Values for title and output templates: year and week (ISO, of the last day), since,
        until (YYYY-MM-DD), month, day and label."""
        year, week, _ = self.until.isocalendar()
        return {
            "year": year,
            "week": week,
            "month": self.until.month,
            "day": self.until.day,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "label": self.label,
        }


def parse_week(text: str) -> Window:
    """The window of an ISO week written "2024-W21" (or "2024W21"); raises UsageError."""
    match = _WEEK.fullmatch(text.strip())
    if match is None:
        raise UsageError(f"--week must look like 2024-W21, got {text!r}")
    return Window.week(int(match["year"]), int(match["week"]))


def last_full_week(today: dt.date) -> Window:
    """The last ISO week that ended before ``today`` (on a Monday: the week just gone)."""
    return Window.of_days(today - dt.timedelta(days=today.isoweekday()), 7)


def last_days(today: dt.date, days: int) -> Window:
    """The ``days`` days that end yesterday."""
    return Window.of_days(today - dt.timedelta(days=1), days)


def within(corpus: Corpus, window: Window, undated: Undated = Undated.INCLUDE) -> Corpus:
    """The corpus with only the sources dated in ``window``; ids are renumbered S1, S2, ...

    Undated sources are kept (with a warning) or left out, as ``undated`` says. Sources dated
    outside the window are left out without a warning: a sources folder that grows week by week
    is the normal case. Duplicates of sources left out are dropped too. Skipped files stay, since
    their date is unknown. Raises NoSourcesError when no source is left.
    """
    kept: list[Source] = []
    outside = undated_out = 0
    for source in corpus.sources:
        if source.published is None:
            if undated is Undated.EXCLUDE:
                undated_out += 1
                log.info("left out %s: no date (undated = exclude)", source.path)
                continue
            log.warning(
                "%s has no date; used in %s anyway (give it a date in manifest.toml, or set "
                'undated = "exclude")',
                source.path,
                window.label,
            )
        elif not window.contains(source.published):
            outside += 1
            log.debug("left out %s: dated %s", source.path, source.published.isoformat())
            continue
        kept.append(source)
    if not kept:
        reasons = [f"{outside} dated outside it"]
        if undated_out:
            reasons.append(f"{undated_out} undated left out")
        raise NoSourcesError(
            f"no sources dated in {window.label} ({window.since.isoformat()} – "
            f"{window.until.isoformat()}): {', '.join(reasons)}; check the dates or the window"
        )
    new_ids = {s.id: f"S{n}" for n, s in enumerate(kept, start=1)}
    log.info("%s: %d of %d sources in the window", window.label, len(kept), len(corpus.sources))
    return replace(
        corpus,
        sources=tuple(replace(s, id=new_ids[s.id]) for s in kept),
        duplicates=tuple(
            Duplicate(d.path, new_ids[d.same_as]) for d in corpus.duplicates if d.same_as in new_ids
        ),
    )
