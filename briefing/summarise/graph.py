"""Sentences as bag-of-words vectors, and the cosine-similarity graph over them (PageRank, MMR).

Vectors are kept as sparse (row, word, weight) triples in numpy arrays, so nothing grows with
the square of the sentence count unless the document is small: up to ``DENSE_LIMIT`` sentences
the similarity matrix is built and PageRank is solved exactly; above it, PageRank multiplies by
the similarity matrix without ever forming it (``S v = X (Xᵀ v)`` minus the diagonal), which
costs time in proportion to the number of words, and redundancy control only compares the
best ``MMR_LIMIT`` candidates with each other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from briefing.text import STOP_WORDS

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

DAMPING = 0.85
"""PageRank's damping factor (the usual 0.85; 0.7 and 0.95 ranked worse on the BBC set)."""

DENSE_LIMIT = 64
"""Up to this many sentences the similarity matrix is built and PageRank solved exactly."""

MMR_LIMIT = 200
"""Redundancy control looks at this many best candidates; the rest follow by score."""

_TOLERANCE = 1e-9
_SMALL = 48  # up to this many candidates MMR runs on Python lists
_MAX_ITERATIONS = 300

# Words are runs of letters with inner apostrophes or hyphens ("don't", "full-scale"). Digits
# and single letters are left out of the vectors, and so is stemming: on the BBC development
# set surface forms ranked better than Porter stems (top-K precision 0.858 against 0.821).
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")


NOT_CONTENT = STOP_WORDS | frozenset("abcdefghijklmnopqrstuvwxyz")
"""Stop words and single letters: the words that are not content words."""


# Everything but letters, apostrophes and hyphens, as spaces: ASCII and common typography.
_SEPARATORS = str.maketrans(
    dict.fromkeys(
        [c for c in map(chr, range(128)) if not (c.isalpha() or c in "'-")]
        + list("\u00a0\u00a3\u00a7\u00a9\u00ab\u00ae\u00b0\u00b7\u00bb\u2013\u2014\u2018")
        + list("\u201c\u201d\u2022\u2026\u2032\u2033\u20ac\u2122"),
        " ",
    )
)


def tokens(text: str) -> list[str]:
    """Every word of ``text``, lowercase, curly apostrophes made straight."""
    low = text.lower().replace("\u2019", "'")
    spaced = low.translate(_SEPARATORS)
    # The same words as the regular expression, a quarter faster: when only ASCII is left and
    # no two apostrophes or hyphens touch, words are what lies between spaces once the
    # apostrophes and hyphens at their ends are gone.
    if (
        spaced.isascii()
        and "--" not in spaced
        and "''" not in spaced
        and "'-" not in spaced
        and "-'" not in spaced
    ):
        trimmed = f" {spaced} ".replace(" '", " ").replace("' ", " ")
        return trimmed.replace(" -", " ").replace("- ", " ").split()
    return _WORD.findall(low)


def content(word_list: Sequence[str]) -> list[str]:
    """The content words among ``word_list``: stop words and the letters a-z left out."""
    return [w for w in word_list if w not in NOT_CONTENT]


def words(text: str) -> list[str]:
    """The content words of ``text`` (see :func:`tokens` and :func:`content`)."""
    return content(tokens(text))


def _sums(index: IntArray, weights: FloatArray, size: int) -> FloatArray:
    """``out[i]`` = the sum of ``weights`` where ``index`` is i, for i below ``size``."""
    return np.bincount(index, weights=weights, minlength=size).astype(np.float64, copy=False)


class BagOfWords:
    """The sentences of one document as L2-normalised word-count vectors."""

    __slots__ = ("_similarity", "cols", "n", "rows", "vals", "vocabulary")

    def __init__(
        self, word_lists: Sequence[Sequence[str]], ignore: frozenset[str] = frozenset()
    ) -> None:
        """Count the words of each sentence, except those in ``ignore``."""
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        # Counting in Python beats numpy's unique() on the few hundred words of an article.
        for row, word_list in enumerate(word_lists):
            seen: dict[str, int] = {}
            for w in word_list:
                if w not in ignore:
                    seen[w] = seen.get(w, 0) + 1
            rows.extend([row] * len(seen))
            cols.extend([vocabulary.setdefault(w, len(vocabulary)) for w in seen])
            counts.extend(seen.values())
        self.n = len(word_lists)
        self.vocabulary = vocabulary
        self._similarity: FloatArray | None = None
        self.rows: IntArray = np.array(rows, dtype=np.int64)
        self.cols: IntArray = np.array(cols, dtype=np.int64)
        weights = np.array(counts, dtype=np.float64)
        norms = np.sqrt(_sums(self.rows, weights * weights, self.n))
        self.vals: FloatArray = weights / norms[self.rows] if len(weights) else weights

    def encode(self, tokens: Sequence[str]) -> FloatArray:
        """A normalised count vector over this vocabulary for outside text (a headline)."""
        vector = np.zeros(max(len(self.vocabulary), 1))
        for token in tokens:
            col = self.vocabulary.get(token)
            if col is not None:
                vector[col] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def dot(self, vector: FloatArray) -> FloatArray:
        """Every sentence's dot product with a dense vector over the vocabulary."""
        return _sums(self.rows, self.vals * vector[self.cols], self.n)

    def similarity(self) -> FloatArray:
        """The full cosine-similarity matrix (meant for documents up to ``DENSE_LIMIT``)."""
        if self._similarity is None:
            self._similarity = _gram(self.rows, self.cols, self.vals, self.n)
        return self._similarity

    def similarity_among(self, indices: IntArray) -> FloatArray:
        """The cosine-similarity matrix of the sentences ``indices``, in that order."""
        if self.n <= DENSE_LIMIT:
            return self.similarity()[np.ix_(indices, indices)]
        where = np.full(self.n, -1, dtype=np.int64)
        where[indices] = np.arange(len(indices), dtype=np.int64)
        keep = where[self.rows] >= 0
        return _gram(where[self.rows[keep]], self.cols[keep], self.vals[keep], len(indices))

    def pagerank(self, damping: float = DAMPING) -> FloatArray:
        """PageRank over the cosine-similarity graph (no self-loops); the scores sum to 1.

        A sentence that shares no word with any other spreads its vote evenly, as in the
        usual treatment of dangling nodes.
        """
        n = self.n
        if n == 0:
            return np.zeros(0)
        if n <= DENSE_LIMIT:
            return self._pagerank_exact(damping)
        return self._pagerank_iterative(damping)

    def _pagerank_exact(self, damping: float) -> FloatArray:
        n = self.n
        sims = self.similarity()
        degree = sims.sum(axis=1) - sims.diagonal()
        dangling = degree <= 1e-12
        # (I - d·Pᵀ) r = (1 - d)/n with P = S / degree row by row; S is symmetric, so Pᵀ is S
        # with column j divided by degree j, and a dangling column is 1/n everywhere.
        system = sims * (-damping / np.where(dangling, 1.0, degree))
        if dangling.any():
            system[:, dangling] = -damping / n
        np.fill_diagonal(system, 1.0 - damping * dangling / n)
        ranks = np.linalg.solve(system, np.full(n, (1.0 - damping) / n))
        return np.asarray(ranks / ranks.sum(), dtype=np.float64)

    def _pagerank_iterative(self, damping: float) -> FloatArray:
        n = self.n
        size = max(len(self.vocabulary), 1)
        diagonal = _sums(self.rows, self.vals * self.vals, n)

        def times_similarity(v: FloatArray) -> FloatArray:
            column = _sums(self.cols, self.vals * v[self.rows], size)
            return self.dot(column) - diagonal * v

        degree = times_similarity(np.ones(n))
        dangling = degree <= 1e-12
        inverse_degree = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, degree))
        ranks = np.full(n, 1.0 / n)
        for _ in range(_MAX_ITERATIONS):
            spread = damping * float(ranks[dangling].sum()) / n
            updated = (
                (1.0 - damping) / n + spread + damping * times_similarity(ranks * inverse_degree)
            )
            change = float(np.abs(updated - ranks).sum())
            ranks = updated
            if change < _TOLERANCE:
                break
        return ranks / float(ranks.sum())


def _gram(rows: IntArray, cols: IntArray, vals: FloatArray, n: int) -> FloatArray:
    """The n × n inner products of sparse row vectors given as (row, col, value) triples.

    Built from word co-occurrence with numpy only: every pair of entries in the same column
    adds its product to its two rows' cell. A BLAS product of dense rows would do the same
    work over mostly zeros, and OpenBLAS may start threads for it, which on a busy machine
    cost several times the product itself.
    """
    if len(rows) == 0:
        return np.zeros((n, n))
    order = np.argsort(cols, kind="stable")
    r, c, v = rows[order], cols[order], vals[order]
    sizes = np.bincount(c)
    partners = sizes[c]
    starts = np.cumsum(sizes) - sizes
    left = np.repeat(np.arange(len(r), dtype=np.int64), partners)
    offset = np.arange(len(left), dtype=np.int64) - np.repeat(
        np.cumsum(partners) - partners, partners
    )
    right = starts[c[left]] + offset
    flat = _sums(r[left] * n + r[right], v[left] * v[right], n * n)
    return flat.reshape(n, n)


def mmr_order(
    bag: BagOfWords,
    relevance: FloatArray,
    candidates: IntArray,
    redundancy: float,
    duplicate: float,
) -> list[int]:
    """Greedy maximal marginal relevance over ``candidates`` (sentence indices, best first).

    Each step takes the candidate with the highest ``relevance - redundancy × (its largest
    cosine similarity with a sentence already taken)``; a candidate at least ``duplicate``
    similar to one already taken is a near-repeat and goes behind every other candidate.
    Only the first ``MMR_LIMIT`` candidates are reordered; the others follow in their order.
    """
    rest: list[int] = candidates[MMR_LIMIT:].tolist()
    head = candidates[:MMR_LIMIT]
    if len(head) <= 1:
        return [int(i) for i in head] + rest
    if redundancy > 0.0 and len(head) <= _SMALL and bag.n <= DENSE_LIMIT:
        rows = bag.similarity().tolist()
        return _mmr_small(rows, head.tolist(), relevance.tolist(), redundancy, duplicate) + rest
    sims = bag.similarity_among(head)
    np.fill_diagonal(sims, 0.0)
    if redundancy == 0.0:
        return _without_repeats(head, sims >= duplicate) + rest
    chosen = _mmr_large(sims, relevance[head], redundancy, duplicate)
    return [int(head[k]) for k in chosen] + rest


def _mmr_small(
    sims: list[list[float]],
    head: list[int],
    value: list[float],
    redundancy: float,
    duplicate: float,
) -> list[int]:
    """MMR on Python lists indexed by sentence: for a few dozen candidates, faster than numpy
    calls per step."""
    gain = list(value)
    closest = [0.0] * len(value)
    repeat = [False] * len(value)
    left = list(head)
    chosen: list[int] = []
    while left:
        best = max(left, key=gain.__getitem__)
        left.remove(best)
        chosen.append(best)
        row = sims[best]
        for k in left:
            similarity = row[k]
            if similarity > closest[k]:
                gain[k] -= redundancy * (similarity - closest[k])
                closest[k] = similarity
                if similarity >= duplicate and not repeat[k]:
                    repeat[k] = True
                    gain[k] -= 1e6
    return chosen


def _mmr_large(
    sims: FloatArray, value: FloatArray, redundancy: float, duplicate: float
) -> list[int]:
    """MMR with numpy, one vector update per step."""
    closest = np.zeros(len(value))
    taken = np.zeros(len(value), dtype=bool)
    repeat = np.zeros(len(value), dtype=bool)
    chosen: list[int] = []
    for _ in range(len(value)):
        gain = value - redundancy * closest - 1e6 * repeat
        gain[taken] = -np.inf
        best = int(np.argmax(gain))
        chosen.append(best)
        taken[best] = True
        row = sims[best]
        np.maximum(closest, row, out=closest)
        repeat |= row >= duplicate
    return chosen


def _without_repeats(head: IntArray, repeats: npt.NDArray[np.bool_]) -> list[int]:
    """``head`` in order, except that near-repeats of an earlier kept sentence go last."""
    if not repeats.any():
        return [int(i) for i in head]
    kept: list[int] = []
    later: list[int] = []
    for k in range(len(head)):
        (later if kept and repeats[k, kept].any() else kept).append(k)
    return [int(head[k]) for k in kept + later]
