"""Every registered summariser on tiny texts with exact expectations, and picking K."""

from __future__ import annotations

import json

import pytest

from briefing.errors import BriefingError, UsageError
from briefing.resources import package_data
from briefing.summarise import DEFAULT, SUMMARISERS, Ranking, get_summariser, pick
from briefing.summarise.centrality import (
    FEATURES,
    MODEL_FILE,
    CentralitySummariser,
    Model,
    model_from_json,
    shipped_model,
)
from briefing.summarise.lead import LeadSummariser
from briefing.summarise.textrank import TextRankSummariser

COUNCIL = [
    "The city council approved the new housing budget on Monday evening.",
    "The city council approved the new housing budget on Monday night.",
    "Residents said the housing plan would cut waiting lists for family homes.",
    "Opposition members warned that the costs of the housing scheme could double.",
]
VALLEY = [
    "Farmers in the valley reported a poor apple harvest this autumn.",
    "Engineers in the valley reported a slow railway repair this autumn.",
]


def test_registry_and_default() -> None:
    assert DEFAULT == "centrality"
    assert list(SUMMARISERS) == ["centrality", "textrank", "lead"]
    for name in SUMMARISERS:
        assert get_summariser(name).name == name


def test_unknown_summariser_names_the_choices() -> None:
    with pytest.raises(UsageError, match="choose one of: centrality, textrank, lead"):
        get_summariser("nope")


def test_redundancy_control_skips_a_near_duplicate() -> None:
    ranking = CentralitySummariser().rank(COUNCIL, "Council approves housing budget")
    assert ranking.order == (1, 3, 2, 0)
    assert pick(ranking, 2) == [1, 3]
    # without redundancy control the two versions of the same sentence both get in
    assert pick(TextRankSummariser().rank(COUNCIL), 2) == [0, 1]


def test_headline_overlap_decides_between_equally_central_sentences() -> None:
    summariser = CentralitySummariser()
    assert summariser.rank(VALLEY, "Poor apple harvest for valley farmers").order == (0, 1)
    assert summariser.rank(VALLEY, "Slow railway repair in the valley").order == (1, 0)


def test_lead_bias() -> None:
    assert LeadSummariser().rank(COUNCIL).order == (0, 1, 2, 3)
    lead_only = CentralitySummariser(Model(weights=dict.fromkeys(FEATURES, 0.0) | {"lead": 1.0}))
    assert lead_only.rank(VALLEY).order == (0, 1)
    assert pick(lead_only.rank(COUNCIL[2:] + COUNCIL[2:3]), 1) == [0]


@pytest.mark.parametrize("name", list(SUMMARISERS))
def test_edge_cases(name: str) -> None:
    summariser = get_summariser(name)
    empty = summariser.rank([], "Title")
    assert (empty.scores, empty.order, pick(empty, 3)) == ((), (), [])
    one = summariser.rank([COUNCIL[2]], "Title")
    assert one.order == (0,)
    assert pick(one, 1) == pick(one, 5) == [0]
    # more sentences asked for than there are: all of them, in document order
    assert pick(summariser.rank(COUNCIL, None), 10) == [0, 1, 2, 3]
    assert pick(summariser.rank(COUNCIL, None), 0) == []


@pytest.mark.parametrize("name", list(SUMMARISERS))
def test_sentences_without_punctuation_are_picked_only_to_fill_up(name: str) -> None:
    text = ["the council budget vote on monday went on for hours", COUNCIL[3]]
    ranking = get_summariser(name).rank(text, None)
    assert ranking.order == (1,)
    assert ranking.fallback == (0,)
    assert ranking.reasons == ("no sentence end", "")
    assert ranking.scores[0] == 0.0
    assert pick(ranking, 1) == [1]
    assert pick(ranking, 2) == [0, 1]


@pytest.mark.parametrize("name", list(SUMMARISERS))
def test_debris_is_never_picked_before_statements(name: str) -> None:
    text = [
        "By Jane Smith | 5 min read",
        "Sign up for our newsletter to get the latest news every morning.",
        *COUNCIL[2:],
        "Would it be limited to training the new recruits?",
    ]
    ranking = get_summariser(name).rank(text, "Housing plan")
    assert set(ranking.order) == {2, 3}
    assert ranking.fallback[0] == 4  # the question (weak) before the debris
    assert set(ranking.fallback) == {0, 1, 4}
    assert all(s >= 0 for s in ranking.scores)


def test_pick_fills_from_the_fallback_in_document_order() -> None:
    ranking = Ranking(scores=(0.0, 0.5, 0.0, 0.9), order=(3, 1), fallback=(2, 0))
    assert pick(ranking, 3) == [1, 2, 3]
    assert pick(ranking, 9) == [0, 1, 2, 3]


def test_shipped_model_matches_its_file() -> None:
    document = json.loads(package_data(MODEL_FILE).read_text(encoding="utf-8"))
    model = shipped_model()
    assert model_from_json(document) == model
    assert set(document["weights"]) == set(FEATURES)
    assert model.weights["centrality"] > 0
    assert 0 <= model.redundancy <= 1


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"format": 2},
        {"format": 1, "weights": {"centrality": 1.0}},
        {"format": 1, "weights": []},
        {"format": 1, "weights": dict.fromkeys(FEATURES, "1")},
        {"format": 1, "weights": dict.fromkeys(FEATURES, 1.0), "bias": "high"},
    ],
)
def test_a_bad_model_document_is_a_clear_error(document: dict[str, object]) -> None:
    with pytest.raises(BriefingError, match="is not a summariser model"):
        model_from_json(document)


def test_model_round_trips_through_json() -> None:
    model = Model(weights=dict.fromkeys(FEATURES, 0.5), bias=-1.0, redundancy=0.3, duplicate=0.7)
    assert model_from_json(model.to_json()) == model
