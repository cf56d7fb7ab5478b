"""Options for building a briefing: one frozen object, with every default in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing.errors import UsageError


@dataclass(frozen=True, slots=True)
class Options:
    """What to build. ``date=None`` means today; pass a date for reproducible output."""

    title: str | None = None
    date: dt.date | None = None
    sentences: int = 6
    summariser: str = "centrality"
    themes: str = "default"
    lexicon: str = "loaded"
    bottom_line: int = 4
    min_theme_items: int = 2
    context_items: int = 8

    def __post_init__(self) -> None:
        if not 1 <= self.sentences <= 100:
            raise UsageError(f"--sentences must be between 1 and 100, got {self.sentences}")
        if not 1 <= self.bottom_line <= 10:
            raise UsageError(f"bottom line size must be between 1 and 10, got {self.bottom_line}")

    def resolved_date(self) -> dt.date:
        """The briefing date: the one given, else today."""
        return self.date or dt.date.today()
