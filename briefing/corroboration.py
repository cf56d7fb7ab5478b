"""Finding the same statement in several sources, so it appears once and cites them all."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.model import Citation, Sentence
from briefing.text import terms

# Two sentences from different sources are one statement when their IDF-weighted cosine reaches
# this; set on the seeds, where two outlets paraphrase one NYT paragraph (0.55 to 0.8) while
# distinct statements on the same story stay below 0.35.
SAME_STATEMENT = 0.5
# Terms carried by more than this share of all sentences say nothing about which statement it is
# ("nato", "ukraine" on the seeds); they are not used to find candidate pairs.
_COMMON_TERM_SHARE = 0.2


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


def _fold(text: str) -> str:
    return " ".join(text.split())


class _Index:
    """TF-IDF vectors of sentences and an inverted index over their distinctive terms."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        bags = [Counter(terms(s.text)) for s in sentences]
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        n = len(sentences)
        idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
        self.vectors: list[dict[str, float]] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        limit = max(2, int(n * _COMMON_TERM_SHARE))
        for row, bag in enumerate(bags):
            vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in bag.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            self.vectors.append({t: v / norm for t, v in vec.items()})
            for t in bag:
                if df[t] <= limit:
                    self.postings[t].append(row)

    def cosine(self, a: int, b: int) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(v * vb.get(t, 0.0) for t, v in va.items())

    def neighbours(self, row: int) -> set[int]:
        """Rows sharing at least one distinctive term with ``row``."""
        out: set[int] = set()
        for t in self.vectors[row]:
            out.update(self.postings.get(t, ()))
        out.discard(row)
        return out


def group_statements(
    candidates: Sequence[Candidate], all_sentences: Sequence[Sentence]
) -> list[Statement]:
    """Group the picked candidates with the sentences of other sources that say the same thing.

    Candidates are taken best first; each becomes a statement unless it repeats one already
    formed. Each statement then gathers, from every other source, that source's sentence most
    similar to its lead when the similarity reaches SAME_STATEMENT, so a statement one source's
    summary picked still cites every source that carries it.
    """
    rows = {(s.source_id, s.index): i for i, s in enumerate(all_sentences)}
    index = _Index(all_sentences)
    taken: set[int] = set()
    statements: list[Statement] = []
    order = sorted(candidates, key=lambda c: -c.score)
    for cand in order:
        row = rows[(cand.sentence.source_id, cand.sentence.index)]
        if row in taken:
            continue
        taken.add(row)
        best: dict[str, tuple[float, int]] = {}
        for other in index.neighbours(row):
            sentence = all_sentences[other]
            if sentence.source_id == cand.sentence.source_id or other in taken:
                continue
            sim = index.cosine(row, other)
            if sim >= SAME_STATEMENT and sim > best.get(sentence.source_id, (0.0, -1))[0]:
                best[sentence.source_id] = (sim, other)
        members = [cand]
        for source_id in sorted(best):
            other = best[source_id][1]
            taken.add(other)
            members.append(Candidate(all_sentences[other], cand.score))
        statements.append(Statement(tuple(members)))
    return statements
