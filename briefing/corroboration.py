"""Finding the same statement in several sources, so it appears once and cites them all."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from scipy import sparse

from briefing.model import Citation, Sentence
from briefing.text import terms

# Two sentences from different sources are one statement when their IDF-weighted cosine reaches
# this; set on the seeds, where two outlets paraphrase one NYT paragraph (0.55 to 0.8) while
# distinct statements on the same story stay below 0.35.
SAME_STATEMENT = 0.5
# Two members are copies of one text (syndication, shared wire copy, the same quoted paragraph)
# when their word sets overlap this much (Jaccard); an edit like "As a result, ..." stays above it,
# an independent report of the same fact falls well below.
COPY = 0.75
# A row's left-out terms have a norm below this share of the threshold: what they can add to a
# cosine is then small, so few pairs found through the other terms need their exact cosine.
_LEFT_OUT = 0.7
# Levels of term commonness for the Cauchy-Schwarz bound in the exact search.
_LEVELS = 8
# Up to this many sentences (about 3,000 sources) the search is exact; beyond, rows are matched
# on their rarest terms. Measured on the scale benchmark, the exact search took 4 s at 10,000
# sources and 20 s at 20,000; matching on the 6 rarest terms 1.4 s and 5.9 s, and it finds
# 97.5% of the pairs the exact search finds (8 rarest terms: 99.5%, for 40% more time).
_EXACT_ROWS = 30_000
_KEY_TERMS = 6
# Rows searched per sparse product: bounds the memory of one product's result.
_BATCH = 2048


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence of one source, with its importance within that source (0 to 1)."""

    sentence: Sentence
    score: float


@dataclass(frozen=True, slots=True)
class Statement:
    """Sentences from different sources that say the same thing; the first is the one quoted."""

    members: tuple[Candidate, ...]

    @property
    def lead(self) -> Candidate:
        """The candidate whose wording the item quotes."""
        return self.members[0]

    def citations(self) -> tuple[Citation, ...]:
        """One citation per member; members worded differently carry their own quote."""
        text = _fold(self.lead.sentence.text)
        out: list[Citation] = []
        for member in self.members:
            s = member.sentence
            quote = None if _fold(s.text) == text else s.text
            out.append(Citation(s.source_id, s.paragraph, quote))
        return tuple(out)

    def sources(self) -> int:
        """How many different sources carry the statement."""
        return len({m.sentence.source_id for m in self.members})

    def independent(self) -> int:
        """How many independent sources carry it: copies of one wording count once."""
        kept: list[frozenset[str]] = []
        seen: set[str] = set()
        for member in self.members:
            if member.sentence.source_id in seen:
                continue
            seen.add(member.sentence.source_id)
            words = _words(member.sentence.text)
            if not any(_overlap(words, other) >= COPY for other in kept):
                kept.append(words)
        return len(kept)


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower().replace("\u2019", "'")))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def _fold(text: str) -> str:
    return " ".join(text.split())


class _Prefix(NamedTuple):
    """What a row looks up (``probe``) and what it leaves out, for one threshold."""

    probe: sparse.csr_matrix
    left_norm: np.ndarray
    left_level: np.ndarray


class TermIndex:
    """Unit-length TF-IDF rows of all sentences, searched by sparse products over rare terms.

    Similar pairs are found without comparing all pairs. Up to _EXACT_ROWS sentences the search
    is exact (prefix filtering, as in Bayardo et al., "Scaling up all pairs similarity search",
    WWW 2007): a row's commonest terms, whose weights have a norm below _LEFT_OUT of the
    threshold, cannot lift a cosine to it on their own, so only its other terms are looked up
    (and a Cauchy-Schwarz bound drops most pairs found before their cosine). Beyond that,
    rows are matched when they share two of each other's _KEY_TERMS rarest terms. Every pair
    found is checked against the threshold with its full cosine.
    """

    def __init__(
        self, sentences: Sequence[Sentence], bags: Sequence[Sequence[str]] | None = None
    ) -> None:
        self.bags: list[Sequence[str]] = (
            list(bags) if bags is not None else [terms(s.text) for s in sentences]
        )
        vocabulary: dict[str, int] = {}
        columns = [vocabulary.setdefault(t, len(vocabulary)) for bag in self.bags for t in bag]
        pointers = np.zeros(len(self.bags) + 1, dtype=np.int64)
        np.cumsum([len(bag) for bag in self.bags], out=pointers[1:])
        n, width = len(self.bags), max(len(vocabulary), 1)
        counts = sparse.csr_matrix(
            (np.ones(len(columns)), np.asarray(columns, dtype=np.int64), pointers),
            shape=(n, width),
        )
        counts.sum_duplicates()
        self.df = np.bincount(counts.indices, minlength=width)
        idf = np.log((n + 1) / (self.df + 1)) + 1.0
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
        self.vectors = _unit_rows(counts)
        self.columns = sparse.csr_matrix(self.vectors.T)
        self.vocabulary = vocabulary
        # Terms fall into levels of commonness (document frequency, on a log scale); a row's
        # norm over the terms of each level and above bounds what terms that common can add
        # to its cosine with another row.
        edges = np.geomspace(1, max(int(self.df.max(initial=1)), 2) + 1, _LEVELS + 1)[1:-1]
        self.levels = np.searchsorted(edges, self.df, side="right")
        owner = np.repeat(np.arange(n), np.diff(self.vectors.indptr))
        by_level = np.zeros((n, _LEVELS))
        np.add.at(by_level, (owner, self.levels[self.vectors.indices]), self.vectors.data**2)
        self.level_norms = np.sqrt(np.cumsum(by_level[:, ::-1], axis=1)[:, ::-1])
        self._prefixes: dict[float, _Prefix] = {}
        self._keys: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None
        self.key_counts = np.zeros(n, dtype=np.int64)

    def cosine(self, a: int, b: int) -> float:
        """The cosine of rows ``a`` and ``b``."""
        return float(self.vectors[a].multiply(self.vectors[b]).sum())

    def cosines(self, first: Sequence[int], second: Sequence[int]) -> list[float]:
        """The cosine of each row of ``first`` with the row of ``second`` at the same place."""
        if not first:
            return []
        a, b = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
        return [
            float(x)
            for x in np.asarray(self.vectors[a].multiply(self.vectors[b]).sum(axis=1)).ravel()
        ]

    def carrying(self, wanted: Sequence[Sequence[str]]) -> Iterator[list[int]]:
        """For each list of terms in turn, the rows carrying its two rarest terms (row order).

        Two rare terms already pick out a few rows; the caller checks any further ones.
        """
        keys = [
            sorted(
                (self.vocabulary.get(t, -1) for t in set(terms)),
                key=lambda c: (int(self.df[c]) if c >= 0 else 0, c),
            )[:2]
            for terms in wanted
        ]
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            if any(c < 0 for key in batch for c in key):
                # A term no row carries: such a list matches nothing.
                batch = [key if all(c >= 0 for c in key) else [] for key in batch]
            query = sparse.csr_matrix(
                (
                    np.ones(sum(len(k) for k in batch)),
                    np.asarray([c for k in batch for c in k], dtype=np.int64),
                    np.cumsum([0, *(len(k) for k in batch)]),
                ),
                shape=(len(batch), self.columns.shape[0]),
            )
            presence = self.columns.copy()
            presence.data[:] = 1.0
            hits = sparse.csr_matrix(query @ presence)
            for i, key in enumerate(batch):
                lo, hi = hits.indptr[i], hits.indptr[i + 1]
                found = hits.indices[lo:hi][hits.data[lo:hi] >= len(key)] if key else []
                yield sorted(int(r) for r in found)

    def similar(
        self, rows: Sequence[int], threshold: float
    ) -> Iterator[tuple[int, list[int], list[float]]]:
        """For each of ``rows`` in turn: (row, other rows, their cosines) at ``threshold`` or more.

        The row itself is left out; the others come in row order.
        """
        queries = np.asarray(rows, dtype=np.int64)
        search = self._exact if self.vectors.shape[0] <= _EXACT_ROWS else self._rare_shared
        for start in range(0, len(queries), _BATCH):
            batch = queries[start : start + _BATCH]
            q, r = search(batch, threshold)
            # Every candidate's cosine in full, whichever way it was found.
            sims = np.asarray(self.vectors[batch[q]].multiply(self.vectors[r]).sum(axis=1))
            sims = sims.ravel()
            keep = (sims >= threshold) & (batch[q] != r)
            q, r, sims = q[keep], r[keep], sims[keep]
            order = np.lexsort((r, q))
            q, r, sims = q[order], r[order], sims[order]
            bounds = np.searchsorted(q, np.arange(len(batch) + 1))
            for i, row in enumerate(batch.tolist()):
                lo, hi = bounds[i], bounds[i + 1]
                yield row, r[lo:hi].tolist(), sims[lo:hi].tolist()

    def _exact(self, batch: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """(query position, row) for every pair of ``batch`` that may reach ``threshold``."""
        prefix, left_norm, left_level = self._prefix(threshold)
        found = sparse.csr_matrix(prefix[batch] @ self.columns)
        # The left-out terms add less than threshold * _LEFT_OUT: a cheap first cut.
        at = np.flatnonzero(found.data >= threshold * (1 - _LEFT_OUT))
        q = np.searchsorted(found.indptr, at, side="right") - 1
        r, partial = found.indices[at], found.data[at]
        # They add at most their norm times the other row's norm over terms at least as
        # common (Cauchy-Schwarz): most pairs sharing a term or two fall short of that.
        bound = left_norm[batch[q]] * self.level_norms[r, left_level[batch[q]]]
        keep = partial + bound >= threshold
        return q[keep], r[keep]

    def _rare_shared(self, batch: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """(query position, row) for the pairs of ``batch`` sharing two of both rows' rarest
        terms (one, when a row has only one): near copies of a statement share their rare
        words, and the work grows far slower with the corpus than an exact search."""
        del threshold  # every candidate is checked against it afterwards
        keys, keys_t = self._rarest()
        found = sparse.csr_matrix(keys[batch] @ keys_t)
        q = np.repeat(np.arange(len(batch)), np.diff(found.indptr))
        r = found.indices
        need = np.minimum(np.minimum(self.key_counts[batch[q]], self.key_counts[r]), 2)
        keep = found.data >= need
        return q[keep], r[keep]

    def _rarest(self) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Each row's _KEY_TERMS rarest terms (0/1), and the same transposed."""
        if self._keys is None:
            v = self.vectors
            counts = np.diff(v.indptr)
            owner = np.repeat(np.arange(v.shape[0]), counts)
            order = np.lexsort((v.indices, self.df[v.indices], owner))
            rank = np.arange(len(order)) - np.repeat(v.indptr[:-1], counts)
            chosen = order[rank < _KEY_TERMS]
            keys = sparse.csr_matrix(
                (np.ones(len(chosen)), (owner[chosen], v.indices[chosen])), shape=v.shape
            )
            self.key_counts = np.minimum(counts, _KEY_TERMS)
            self._keys = (keys, sparse.csr_matrix(keys.T))
        return self._keys

    def _prefix(self, threshold: float) -> _Prefix:
        """Each row without its commonest terms, those whose weights have a norm below the
        threshold's _LEFT_OUT share; with the norm and the lowest commonness level of the
        terms left out."""
        cached = self._prefixes.get(threshold)
        if cached is not None:
            return cached
        v = self.vectors
        counts = np.diff(v.indptr)
        owner = np.repeat(np.arange(v.shape[0]), counts)
        # Commonest first within each row (ties: by column, so the cut is deterministic).
        order = np.lexsort((v.indices, -self.df[v.indices], owner))
        squares = v.data[order] ** 2
        running = np.cumsum(squares)
        before = np.concatenate([[0.0], running])[v.indptr[:-1]]
        running -= np.repeat(before, counts)
        left = running < (threshold * _LEFT_OUT) ** 2 * (1 - 1e-9)
        kept = np.ones(len(order), dtype=bool)
        kept[order] = ~left
        left_norm = np.sqrt(np.bincount(owner[order][left], squares[left], minlength=v.shape[0]))
        left_level = np.full(v.shape[0], self.level_norms.shape[1] - 1, dtype=np.int64)
        np.minimum.at(left_level, owner[order][left], self.levels[v.indices[order][left]])
        prefix = sparse.csr_matrix(
            (np.where(kept, v.data, 0.0), v.indices.copy(), v.indptr.copy()), shape=v.shape
        )
        prefix.eliminate_zeros()
        found = _Prefix(prefix, left_norm, left_level)
        self._prefixes[threshold] = found
        return found


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


class Grouper:
    """Gathers, for a sentence, the sentences of other sources that say the same thing."""

    def __init__(
        self, all_sentences: Sequence[Sentence], bags: Sequence[Sequence[str]] | None = None
    ) -> None:
        self.sentences = all_sentences
        self.rows = {(s.source_id, s.index): i for i, s in enumerate(all_sentences)}
        self.index = TermIndex(all_sentences, bags)
        self.taken: set[int] = set()
        self.near: dict[int, tuple[list[int], list[float]]] = {}

    def prepare(self, candidates: Iterable[Candidate]) -> None:
        """Find the similar sentences of many candidates at once (gather finds them one by one)."""
        rows = [self.rows[(c.sentence.source_id, c.sentence.index)] for c in candidates]
        wanted = sorted({r for r in rows if r not in self.near})
        for row, others, sims in self.index.similar(wanted, SAME_STATEMENT):
            self.near[row] = (others, sims)

    def gather(self, cand: Candidate) -> Statement | None:
        """The candidate's statement, or None when an earlier statement already carries it."""
        row = self.rows[(cand.sentence.source_id, cand.sentence.index)]
        if row in self.taken:
            return None
        self.taken.add(row)
        if row not in self.near:
            self.prepare([cand])
        best: dict[str, tuple[float, int]] = {}
        for other, sim in zip(*self.near.pop(row), strict=True):
            sentence = self.sentences[other]
            if sentence.source_id == cand.sentence.source_id or other in self.taken:
                continue
            if sim > best.get(sentence.source_id, (0.0, -1))[0]:
                best[sentence.source_id] = (sim, other)
        members = [cand]
        for source_id in sorted(best):
            other = best[source_id][1]
            self.taken.add(other)
            members.append(Candidate(self.sentences[other], cand.score))
        return Statement(tuple(members))


def group_statements(
    candidates: Sequence[Candidate],
    all_sentences: Sequence[Sentence],
    grouper: Grouper | None = None,
) -> list[Statement]:
    """Group the picked candidates with the sentences of other sources that say the same thing.

    Candidates are taken best first; each becomes a statement unless it repeats one already
    formed. Each statement then gathers, from every other source, that source's sentence most
    similar to its lead when the similarity reaches SAME_STATEMENT, so a statement one source's
    summary picked still cites every source that carries it. Pass a ``grouper`` to go on
    gathering with it afterwards (its sentences must be ``all_sentences``).
    """
    grouper = grouper or Grouper(all_sentences)
    grouper.prepare(candidates)
    statements = []
    for cand in sorted(candidates, key=lambda c: -c.score):
        statement = grouper.gather(cand)
        if statement is not None:
            statements.append(statement)
    return statements
