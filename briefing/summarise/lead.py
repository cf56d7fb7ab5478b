"""The lead-K baseline: the first eligible sentences of the document."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.summarise.base import Ranking, eligible


class LeadSummariser:
    """Picks sentences in document order (news puts the key facts first)."""

    name = "lead"

    def rank(self, sentences: Sequence[str], title: str | None = None) -> Ranking:
        """Scores fall with position; only eligible sentences are ranked."""
        n = len(sentences)
        ok = [i for i, s in enumerate(sentences) if eligible(s)]
        scores = tuple((1.0 - i / max(n, 1)) if i in set(ok) else 0.0 for i in range(n))
        return Ranking(scores=scores, order=tuple(ok))
