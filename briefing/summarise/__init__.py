"""Extractive summarisers, registered by name; each ranks the sentences of one source."""

from __future__ import annotations

from briefing.errors import UsageError
from briefing.summarise.base import Ranking, Summariser, eligible, pick
from briefing.summarise.centrality import CentralitySummariser
from briefing.summarise.lead import LeadSummariser
from briefing.summarise.summary import (
    DEFAULT_SENTENCES,
    ScoredSentence,
    summarize_file,
    summarize_source,
)
from briefing.summarise.textrank import TextRankSummariser

DEFAULT = "centrality"

SUMMARISERS: dict[str, type[Summariser]] = {
    "centrality": CentralitySummariser,
    "textrank": TextRankSummariser,
    "lead": LeadSummariser,
}


def get_summariser(name: str = DEFAULT) -> Summariser:
    """A summariser instance by registered name; raises UsageError for an unknown name."""
    try:
        return SUMMARISERS[name]()
    except KeyError:
        known = ", ".join(SUMMARISERS)
        raise UsageError(f"unknown summariser {name!r}; choose one of: {known}") from None


__all__ = [
    "DEFAULT",
    "DEFAULT_SENTENCES",
    "SUMMARISERS",
    "Ranking",
    "ScoredSentence",
    "Summariser",
    "eligible",
    "get_summariser",
    "pick",
    "summarize_file",
    "summarize_source",
]
