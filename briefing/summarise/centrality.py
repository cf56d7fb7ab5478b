"""The default summariser: TF-IDF centrality with lead and headline signals, and MMR selection.

Vectors are built with numpy from sparse (row, term, weight) triples, so the cost grows with the
number of words, not with sentences squared: centrality is similarity to the document centroid
(continuous degree centrality under cosine reduces to that), and redundancy control compares a
candidate only with the sentences already picked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from briefing.summarise.base import Ranking, eligible
from briefing.text import terms

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Weights:
    """How the signals combine; tuned on the development set (benchmarks/summariser.py)."""

    centrality: float = 1.0
    lead: float = 0.35
    headline: float = 0.25
    redundancy: float = 0.5
    max_picks: int = 64


class _Vectors:
    """L2-normalised TF-IDF rows of a document's sentences in a compact sparse form."""

    def __init__(self, token_lists: Sequence[Sequence[str]]) -> None:
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for row, tokens in enumerate(token_lists):
            for token in tokens:
                rows.append(row)
                cols.append(vocab.setdefault(token, len(vocab)))
        self.n = len(token_lists)
        self.vocab = vocab
        if not rows:
            self.rows = np.zeros(0, dtype=np.int64)
            self.cols = np.zeros(0, dtype=np.int64)
            self.vals = np.zeros(0)
            return
        r = np.asarray(rows, dtype=np.int64)
        c = np.asarray(cols, dtype=np.int64)
        # merge repeated (row, term) pairs into counts
        key = r * len(vocab) + c
        uniq, counts = np.unique(key, return_counts=True)
        r, c = uniq // len(vocab), uniq % len(vocab)
        df = np.bincount(c, minlength=len(vocab)).astype(np.float64)
        idf = np.log((self.n + 1.0) / (df + 1.0)) + 1.0
        vals = (1.0 + np.log(counts.astype(np.float64))) * idf[c]
        norms = np.sqrt(np.bincount(r, weights=vals * vals, minlength=self.n))
        norms[norms == 0] = 1.0
        self.rows, self.cols, self.vals = r, c, vals / norms[r]
        self.idf = idf

    def dot_dense(self, vector: FloatArray) -> FloatArray:
        """Each row's dot product with a dense vector over the vocabulary."""
        return np.bincount(self.rows, weights=self.vals * vector[self.cols], minlength=self.n)

    def centroid(self) -> FloatArray:
        """The normalised sum of all rows."""
        total = np.bincount(self.cols, weights=self.vals, minlength=len(self.vocab))
        norm = float(np.linalg.norm(total))
        return total / norm if norm else total

    def dense(self, indices: Sequence[int]) -> FloatArray:
        """The rows ``indices`` as a dense matrix."""
        out = np.zeros((len(indices), len(self.vocab)))
        where = {row: k for k, row in enumerate(indices)}
        mask = np.isin(self.rows, np.asarray(indices, dtype=np.int64))
        for row, col, val in zip(self.rows[mask], self.cols[mask], self.vals[mask], strict=True):
            out[where[int(row)], col] = val
        return out

    def encode(self, tokens: Sequence[str]) -> FloatArray:
        """A normalised TF-IDF vector for outside text (the headline) in this vocabulary."""
        vec = np.zeros(len(self.vocab))
        for token in tokens:
            col = self.vocab.get(token)
            if col is not None:
                vec[col] += self.idf[col]
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec


class CentralitySummariser:
    """Centroid centrality + lead bias + headline overlap, with MMR against redundancy."""

    name = "centrality"

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or Weights()

    def rank(self, sentences: Sequence[str], title: str | None = None) -> Ranking:
        """Score every sentence and order the eligible ones for picking."""
        n = len(sentences)
        ok = np.array([eligible(s) for s in sentences], dtype=bool)
        if n == 0 or not ok.any():
            return Ranking(scores=tuple(0.0 for _ in range(n)), order=())
        w = self.weights
        vectors = _Vectors([terms(s) for s in sentences])
        if not vectors.vocab:
            order = tuple(int(i) for i in np.flatnonzero(ok))
            return Ranking(scores=tuple(float(x) for x in ok), order=order)
        central = vectors.dot_dense(vectors.centroid())
        position = np.arange(n, dtype=np.float64)
        lead = 1.0 / (1.0 + position / 3.0)
        headline = vectors.dot_dense(vectors.encode(terms(title))) if title else np.zeros(n)
        scores = w.centrality * central + w.lead * lead + w.headline * headline
        scores = np.where(ok, scores, 0.0)
        order = self._mmr(vectors, scores, ok)
        return Ranking(scores=tuple(float(s) for s in scores), order=order)

    def _mmr(self, vectors: _Vectors, scores: FloatArray, ok: npt.NDArray[np.bool_]) -> tuple[int, ...]:
        """Greedy maximal marginal relevance over the best candidates."""
        candidates = [int(i) for i in np.argsort(-scores, kind="stable") if ok[i]]
        candidates = candidates[: self.weights.max_picks]
        if len(candidates) <= 1:
            return tuple(candidates)
        dense = vectors.dense(candidates)
        sims = dense @ dense.T
        top = float(scores[candidates[0]]) or 1.0
        relevance = np.array([scores[i] / top for i in candidates])
        chosen: list[int] = []
        max_sim = np.zeros(len(candidates))
        remaining = np.ones(len(candidates), dtype=bool)
        while remaining.any():
            value = np.where(remaining, relevance - self.weights.redundancy * max_sim, -np.inf)
            best = int(np.argmax(value))
            chosen.append(best)
            remaining[best] = False
            max_sim = np.maximum(max_sim, sims[best])
        return tuple(candidates[k] for k in chosen)
