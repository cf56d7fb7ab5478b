"""What every summariser shares: the ranking it returns, the summariser protocol and picking K."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from briefing.summarise.eligibility import Tier, Verdict, eligible

__all__ = [
    "Ranking",
    "Summariser",
    "by_score_then_position",
    "eligible",
    "pick",
    "ranking_from_scores",
]


@dataclass(frozen=True, slots=True)
class Ranking:
    """A summariser's verdict on one document.

    ``scores[i]`` is sentence i's importance (higher is better, never negative; sentences that
    are not statements score 0); ``order`` lists the statements' indices in the order the
    summariser would pick them, redundancy control included. ``fallback`` lists every other
    sentence, best first (weak sentences before debris), for callers that need more sentences
    than there are statements; ``reasons[i]`` says why sentence i is not a statement ("" when
    it is; empty for summarisers that do not say).
    """

    scores: tuple[float, ...]
    order: tuple[int, ...]
    fallback: tuple[int, ...] = ()
    reasons: tuple[str, ...] = ()


class Summariser(Protocol):
    """A pluggable sentence ranker: sentences of one document in, a Ranking out."""

    name: str

    def rank(self, sentences: Sequence[str], title: str | None = None) -> Ranking:
        """Rank the sentences of one document (in document order)."""
        ...


def pick(ranking: Ranking, k: int) -> list[int]:
    """The best ``k`` sentences in document order: statements first, then the fallback.

    Asking for k gives min(k, number of sentences) indices, so a caller that needs exactly k
    (a benchmark, ``--sentences``) gets them even from a document short of statements.
    """
    k = max(k, 0)
    chosen = list(ranking.order[:k])
    if len(chosen) < k:
        chosen.extend(ranking.fallback[: k - len(chosen)])
    return sorted(chosen)


def by_score_then_position(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.intp]:
    """Indices by falling score; equal scores in document order.

    Scores are compared to 9 decimals: sentences in symmetric places of a similarity graph
    have the same PageRank up to rounding noise, which would otherwise break the tie at random.
    """
    return np.argsort(-np.round(scores, 9), kind="stable")


def ranking_from_scores(
    scores: npt.NDArray[np.float64],
    verdicts: Sequence[Verdict],
    order: Sequence[int] | None = None,
) -> Ranking:
    """A Ranking from raw scores (any sign) and verdicts.

    ``order`` is the statements' picking order when the summariser has its own (MMR); by
    default statements go by score, ties in document order. Statement scores are shifted to
    be positive when they are not already, and everything else scores 0.
    """
    tiers = [v.tier for v in verdicts]
    by_score = by_score_then_position(scores).tolist()
    if order is None:
        order = [i for i in by_score if tiers[i] is Tier.STATEMENT]
    rest = sorted((i for i in by_score if tiers[i] is not Tier.STATEMENT), key=tiers.__getitem__)
    statement = np.array([t is Tier.STATEMENT for t in tiers], dtype=bool)
    shown = scores.astype(np.float64)
    if statement.any():
        low = float(shown[statement].min())
        if low <= 0.0:
            shown = shown - low + 1e-6
    shown = np.where(statement, shown, 0.0)
    return Ranking(
        scores=tuple(shown.tolist()),
        order=tuple(order),
        fallback=tuple(rest),
        reasons=tuple(v.reason for v in verdicts),
    )
