"""The lead-K baseline: the first statements of the document."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from briefing.summarise.base import Ranking, ranking_from_scores
from briefing.summarise.eligibility import screen


class LeadSummariser:
    """Picks sentences in document order (news puts the key facts first)."""

    name = "lead"

    def rank(self, sentences: Sequence[str], title: str | None = None) -> Ranking:
        """Scores fall with position, from 1 for the first sentence."""
        n = len(sentences)
        scores = 1.0 - np.arange(n, dtype=np.float64) / max(n, 1)
        return ranking_from_scores(scores, screen(sentences))
