"""TextRank: sentences ranked by PageRank in the cosine-similarity graph, nothing else."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.summarise.base import Ranking, ranking_from_scores
from briefing.summarise.eligibility import screen
from briefing.summarise.graph import NOT_CONTENT, BagOfWords, tokens


class TextRankSummariser:
    """Graph centrality alone (Mihalcea and Tarau's TextRank with cosine similarity)."""

    name = "textrank"

    def rank(self, sentences: Sequence[str], title: str | None = None) -> Ranking:
        """Scores are PageRank times the sentence count (1 on average); no redundancy control."""
        if not sentences:
            return Ranking(scores=(), order=())
        word_lists = [tokens(s) for s in sentences]
        verdicts = screen(sentences, word_lists)
        bag = BagOfWords(word_lists, NOT_CONTENT)
        return ranking_from_scores(bag.pagerank() * len(sentences), verdicts)
