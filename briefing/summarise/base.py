"""What every summariser shares: the ranking it returns, eligibility rules and picking K."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

# Sentences that are not statements an editor would quote: direct address to the reader,
# rhetorical openers, captions and credits, teasers. They stay in the text but are never picked.
_CHATTY = re.compile(
    r"\b(?:guys|let's|let’s|grab a coffee|stay tuned|buckle up|you need to know|we're going to|"
    r"we’re going to|in this article|as we'll see|as we’ll see|"
    r"read more|click here|subscribe|sign up|photo:|image:|credit:|getty images|reuters/)\b",
    re.IGNORECASE,
)
_MIN_WORDS = 6
_MAX_WORDS = 80


@dataclass(frozen=True, slots=True)
class Ranking:
    """A summariser's verdict on one document.

    ``scores[i]`` is sentence i's importance (higher is better; ineligible sentences score 0);
    ``order`` lists sentence indices in the order the summariser would pick them, redundancy
    control included, eligible sentences only.
    """

    scores: tuple[float, ...]
    order: tuple[int, ...]


class Summariser(Protocol):
    """A pluggable sentence ranker: sentences of one document in, a Ranking out."""

    name: str

    def rank(self, sentences: Sequence[str], title: str | None = None) -> Ranking:
        """Rank the sentences of one document (in document order)."""
        ...


def eligible(sentence: str) -> bool:
    """True for a sentence that can stand alone as a quoted statement."""
    words = sentence.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    if sentence.rstrip("”\"’' )").endswith("?"):
        return False
    if not sentence.rstrip("”\"’' )").endswith((".", "!", "…", ":")):
        return False
    return not _CHATTY.search(sentence)


def pick(ranking: Ranking, k: int) -> list[int]:
    """The first ``k`` sentences of the ranking, in document order."""
    return sorted(ranking.order[: max(k, 0)])
