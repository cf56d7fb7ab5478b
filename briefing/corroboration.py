"""Finding the same statement in several sources, so it appears once and cites them all."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

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
# Terms carried by more than this share of all sentences say nothing about which statement it is
# ("nato", "ukraine" on the seeds); they are not used to find candidate pairs.
_COMMON_TERM_SHARE = 0.2
# In a large corpus no term carried by more sentences than this is used to find candidates, and
# only a sentence's rarest terms are looked up: two copies of a statement share their rare words,
# and the lookups stay short whatever the corpus size.
_POSTING_CAP = 100
_LOOKUP_TERMS = 6
_MIN_SHARED = 2


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


class _Index:
    """TF-IDF vectors of sentences and an inverted index over their distinctive terms."""

    def __init__(
        self, sentences: Sequence[Sentence], bags: Sequence[Sequence[str]] | None = None
    ) -> None:
        self.bags = [Counter(b) for b in bags] if bags is not None else []
        if bags is None:
            self.bags = [Counter(terms(s.text)) for s in sentences]
        df: Counter[str] = Counter()
        for bag in self.bags:
            df.update(bag.keys())
        n = len(sentences)
        self.idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
        self.df = df
        self.vectors: dict[int, dict[str, float]] = {}
        self.postings: dict[str, list[int]] = defaultdict(list)
        # Identical sources put every term in one sentence per source: still distinctive.
        sources = len({s.source_id for s in sentences})
        limit = min(max(2, sources, int(n * _COMMON_TERM_SHARE)), _POSTING_CAP)
        for row, bag in enumerate(self.bags):
            for t in bag:
                if df[t] <= limit:
                    self.postings[t].append(row)

    def vector(self, row: int) -> dict[str, float]:
        vec = self.vectors.get(row)
        if vec is None:
            bag = self.bags[row]
            raw = {t: (1.0 + math.log(c)) * self.idf[t] for t, c in bag.items()}
            norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
            vec = self.vectors[row] = {t: v / norm for t, v in raw.items()}
        return vec

    def cosine(self, a: int, b: int) -> float:
        va, vb = self.vector(a), self.vector(b)
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(v * vb.get(t, 0.0) for t, v in va.items())

    def neighbours(self, row: int) -> list[int]:
        """Rows sharing two of the rarest distinctive terms of ``row`` (one, if it has one)."""
        keys = sorted(
            (t for t in self.bags[row] if t in self.postings), key=lambda t: (self.df[t], t)
        )
        keys = keys[:_LOOKUP_TERMS]
        hits: Counter[int] = Counter()
        for t in keys:
            hits.update(self.postings[t])
        need = min(_MIN_SHARED, len(keys))
        return [other for other, n in hits.items() if n >= need and other != row]


class Grouper:
    """Gathers, for a sentence, the sentences of other sources that say the same thing."""

    def __init__(
        self, all_sentences: Sequence[Sentence], bags: Sequence[Sequence[str]] | None = None
    ) -> None:
        self.sentences = all_sentences
        self.rows = {(s.source_id, s.index): i for i, s in enumerate(all_sentences)}
        self.index = _Index(all_sentences, bags)
        self.taken: set[int] = set()

    def gather(self, cand: Candidate) -> Statement | None:
        """The candidate's statement, or None when an earlier statement already carries it."""
        row = self.rows[(cand.sentence.source_id, cand.sentence.index)]
        if row in self.taken:
            return None
        self.taken.add(row)
        best: dict[str, tuple[float, int]] = {}
        for other in self.index.neighbours(row):
            sentence = self.sentences[other]
            if sentence.source_id == cand.sentence.source_id or other in self.taken:
                continue
            sim = self.index.cosine(row, other)
            if sim >= SAME_STATEMENT and sim > best.get(sentence.source_id, (0.0, -1))[0]:
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
    statements = []
    for cand in sorted(candidates, key=lambda c: -c.score):
        statement = grouper.gather(cand)
        if statement is not None:
            statements.append(statement)
    return statements
