"""Corroboration: one statement citing every source, copies of one text counted once."""

from __future__ import annotations

import pytest

from briefing.corroboration import Candidate, Grouper, Statement, group_statements
from briefing.model import Sentence

_FILLER = [
    "The weather in the capital was mild on Tuesday.",
    "Markets closed higher after a quiet session.",
    "A new museum opened near the river.",
    "Train services resumed after repairs.",
]


def _sentences(*sources: list[str]) -> list[Sentence]:
    out = []
    for n, texts in enumerate(sources, start=1):
        out += [Sentence(f"S{n}", 1, i, t) for i, t in enumerate([*texts, *_FILLER])]
    return out


def test_paraphrase_merges_and_cites_both() -> None:
    sentences = _sentences(
        ["Ukrainian officials asked NATO to help train 150,000 new recruits near the front."],
        [
            "As a result, Ukrainian officials asked NATO to help train 150,000 new recruits"
            " near the front line."
        ],
    )
    (first,) = [s for s in group_statements([Candidate(sentences[0], 1.0)], sentences)]
    assert [m.sentence.source_id for m in first.members] == ["S1", "S2"]
    cites = first.citations()
    assert cites[0].quote is None and cites[1].quote == sentences[5].text


def test_copies_count_once_independent_reports_twice() -> None:
    wire = "Officials asked the alliance to train 150,000 recruits closer to the front."
    other = "Kyiv wants NATO instructors to prepare its 150,000 new soldiers."
    copies = Statement(tuple(Candidate(Sentence(s, 1, 0, wire), 1.0) for s in ("S1", "S2", "S3")))
    assert (copies.sources(), copies.independent()) == (3, 1)
    mixed = Statement((*copies.members, Candidate(Sentence("S4", 1, 0, other), 1.0)))
    assert (mixed.sources(), mixed.independent()) == (4, 2)


def test_identical_sources_all_match() -> None:
    text = ["The minister said the bridge will reopen in May."]
    sentences = [Sentence(f"S{n}", 1, 0, text[0]) for n in range(1, 4)]
    grouper = Grouper(sentences)
    statement = grouper.gather(Candidate(sentences[0], 1.0))
    assert statement is not None and statement.sources() == 3
    assert grouper.gather(Candidate(sentences[1], 1.0)) is None, "already carried"


def test_similar_finds_exactly_the_pairs_all_pairs_would() -> None:
    import random

    import numpy as np

    from briefing.corroboration import TermIndex

    rng = random.Random(3)
    # Zipf-like word use: a few words are in most sentences, most in few, as in news text.
    words = [f"w{i}x" for i in range(400)]
    weights = [1 / (i + 1) for i in range(len(words))]
    base = [" ".join(rng.choices(words, weights, k=rng.randint(3, 14))) for _ in range(120)]
    texts = [*base, *(b + " " + rng.choice(words) for b in base[:60])]
    sentences = [Sentence(f"S{i % 7}", 1, i, t) for i, t in enumerate(texts)]
    index = TermIndex(sentences)
    dense = index.vectors.toarray()
    exact = dense @ dense.T
    for threshold in (0.2, 0.5, 0.8):
        found = {
            (row, other)
            for row, others, _ in index.similar(range(len(texts)), threshold)
            for other in others
        }
        expected = {
            (int(a), int(b))
            for a, b in zip(*np.nonzero(exact >= threshold), strict=True)
            if a != b and abs(exact[a, b] - threshold) > 1e-9
        }
        assert expected <= found, threshold
        assert all(exact[a, b] >= threshold - 1e-9 for a, b in found)


def test_a_large_corpus_matches_near_copies_on_their_rarest_terms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from briefing import corroboration

    monkeypatch.setattr(corroboration, "_EXACT_ROWS", 0)
    sentences = _sentences(
        ["Ukrainian officials asked NATO to help train 150,000 new recruits near the front."],
        [
            "As a result, Ukrainian officials asked NATO to help train 150,000 new recruits"
            " near the front line."
        ],
    )
    (first,) = group_statements([Candidate(sentences[0], 1.0)], sentences)
    assert [m.sentence.source_id for m in first.members] == ["S1", "S2"]
