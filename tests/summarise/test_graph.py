"""Word vectors, similarity, PageRank and MMR: the fast paths agree with the plain ones."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.summarise import graph
from briefing.summarise.graph import BagOfWords, mmr_order, tokens, words


def test_words_are_lowercase_content_words_without_digits() -> None:
    assert tokens("Don’t stop the U.S. full-scale 2024 plan") == [
        "don't",
        "stop",
        "the",
        "u",
        "s",
        "full-scale",
        "plan",
    ]
    assert words("Don’t stop the U.S. full-scale 2024 plan") == ["stop", "full-scale", "plan"]


def _bag(n: int, seed: int = 0) -> BagOfWords:
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{i}" for i in range(40)]
    return BagOfWords(
        [list(rng.choice(vocabulary, size=int(rng.integers(0, 12)))) for _ in range(n)]
    )


def _dense(bag: BagOfWords) -> np.ndarray:
    out = np.zeros((bag.n, len(bag.vocabulary)))
    out[bag.rows, bag.cols] = bag.vals
    return out


def test_similarity_is_the_cosine_of_the_rows() -> None:
    bag = _bag(30)
    dense = _dense(bag)
    assert np.allclose(bag.similarity(), dense @ dense.T)
    picked = np.array([4, 1, 17], dtype=np.int64)
    assert np.allclose(bag.similarity_among(picked), (dense @ dense.T)[np.ix_(picked, picked)])


def test_sentences_without_words_have_zero_rows() -> None:
    bag = BagOfWords([["alpha", "beta"], [], ["beta"]])
    assert np.allclose(bag.similarity()[1], 0.0)
    ranks = bag.pagerank()
    assert ranks.sum() == pytest.approx(1.0)
    assert ranks[1] < ranks[0]


@pytest.mark.parametrize("n", [5, 40, 90])
def test_exact_and_iterative_pagerank_agree(n: int) -> None:
    bag = _bag(n, seed=n)
    exact = bag._pagerank_exact(graph.DAMPING)
    iterative = bag._pagerank_iterative(graph.DAMPING)
    assert np.allclose(exact, iterative, atol=1e-8)
    assert exact.sum() == pytest.approx(1.0)


def test_large_documents_use_the_iterative_path(monkeypatch: pytest.MonkeyPatch) -> None:
    bag = _bag(graph.DENSE_LIMIT + 10)
    monkeypatch.setattr(BagOfWords, "_pagerank_exact", None)
    assert bag.pagerank().shape == (graph.DENSE_LIMIT + 10,)


@pytest.mark.parametrize("seed", range(5))
def test_mmr_on_lists_and_on_arrays_agree(seed: int) -> None:
    bag = _bag(40, seed)
    rng = np.random.default_rng(seed)
    relevance = rng.random(40)
    sims = bag.similarity().copy()
    np.fill_diagonal(sims, 0.0)
    small = graph._mmr_small(sims.tolist(), list(range(40)), relevance.tolist(), 0.4, 0.8)
    large = graph._mmr_large(sims, relevance, 0.4, 0.8)
    assert small == large
    assert sorted(small) == list(range(40))


def test_mmr_puts_a_near_repeat_last() -> None:
    bag = BagOfWords([["council", "budget", "vote"], ["council", "budget", "vote"], ["flood"]])
    relevance = np.array([1.0, 0.9, 0.5])
    candidates = np.array([0, 1, 2], dtype=np.int64)
    assert mmr_order(bag, relevance, candidates, 0.0, 0.8) == [0, 2, 1]
    assert mmr_order(bag, relevance, candidates, 0.3, 0.8) == [0, 2, 1]
    assert mmr_order(bag, relevance, candidates, 0.0, 1.1) == [0, 1, 2]


def test_mmr_takes_the_same_path_whatever_the_size(monkeypatch: pytest.MonkeyPatch) -> None:
    bag = _bag(40, seed=3)
    relevance = np.random.default_rng(3).random(40)
    candidates = np.argsort(-relevance).astype(np.int64)
    on_lists = mmr_order(bag, relevance, candidates, 0.4, 0.8)
    monkeypatch.setattr(graph, "_SMALL", 0)
    assert mmr_order(bag, relevance, candidates, 0.4, 0.8) == on_lists
