"""Contradictions between sources: polarity, figures and wording, from general rules."""

from __future__ import annotations

from briefing.contradictions import find_contradictions
from briefing.model import Sentence
from briefing.speakers import attribute_all

# Filler sentences give the corpus enough sentences for term rarity to mean something.
_FILLER = [
    "The weather in the capital was mild on Tuesday.",
    "Markets closed higher after a quiet session.",
    "A new museum opened near the river.",
    "Train services resumed after repairs.",
    "The football season starts in August.",
]


def _corpus(*sources: list[str]) -> tuple[list[Sentence], list[str | None]]:
    sentences: list[Sentence] = []
    speakers: list[str | None] = []
    for n, texts in enumerate(sources, start=1):
        own = [Sentence(f"S{n}", 1, i, t) for i, t in enumerate([*texts, *_FILLER])]
        sentences += own
        speakers += attribute_all(own)
    return sentences, speakers


def test_polarity_negation_against_the_same_terms() -> None:
    sentences, speakers = _corpus(
        ["The government is now formally requesting trainers, officials say."],
        ["There has been no formal request for trainers from the government."],
    )
    (found,) = find_contradictions(sentences, speakers)
    assert found.kind == "polarity"
    assert found.subject == "formal request for trainers"
    assert found.first.source_ids == ("S1",) and found.second.source_ids == ("S2",)
    assert found.first.text.startswith("The government is now")
    assert found.first.theme == found.second.theme == "disputed_framing"


def test_both_negated_is_no_contradiction() -> None:
    sentences, speakers = _corpus(
        ["There has been no formal request from the government."],
        ["The government has made no formal request yet."],
    )
    assert find_contradictions(sentences, speakers) == ()


def test_same_source_is_no_contradiction() -> None:
    sentences, speakers = _corpus(
        [
            "The government is formally requesting trainers.",
            "There has been no formal request from the government.",
        ]
    )
    assert find_contradictions(sentences, speakers) == ()


def test_same_speaker_quoted_with_different_words() -> None:
    sentences, speakers = _corpus(
        [
            "General Brown said the trainers would come.",
            '"We\'ll get there eventually, eventually," he said.',
        ],
        ["“We’ll get there eventually, over time,” General Brown said."],
        ["General Brown spoke on Thursday.", "“We’ll get there eventually, over time.”"],
    )
    (found,) = find_contradictions(sentences, speakers)
    assert found.kind == "wording" and found.subject == "General Brown"
    assert found.first.source_ids == ("S1",)
    assert found.second.source_ids == ("S2", "S3")
    assert [c.quote for c in found.second.citations] == [
        None,
        "“We’ll get there eventually, over time.”",
    ]


def test_a_shorter_excerpt_of_one_quote_is_no_contradiction() -> None:
    sentences, speakers = _corpus(
        ["“We will get there eventually, over time,” General Brown said."],
        ["General Brown said: “eventually, over time”."],
    )
    assert find_contradictions(sentences, speakers) == ()


def test_different_figures_for_the_same_subject() -> None:
    sentences, speakers = _corpus(
        ["Officials asked the alliance to help train 150,000 new recruits near the front."],
        ["Officials asked the alliance to help train 100,000 new recruits near the front."],
    )
    (found,) = find_contradictions(sentences, speakers)
    assert found.kind == "number" and found.subject == "new recruits"


def test_a_number_in_the_same_place_of_one_claim_differs() -> None:
    sentences, speakers = _corpus(
        ["The company considered floating its racing unit in 2002 but sold a stake instead."],
        ["The company considered floating its racing unit in 2004 but sold a stake instead."],
    )
    (found,) = find_contradictions(sentences, speakers)
    assert found.kind == "number" and found.subject == "2002 or 2004"


def test_a_denied_quote_is_a_polarity_dispute_not_a_wording_one() -> None:
    sentences, speakers = _corpus(
        ["“When the new stadium opens we will go through a thorough review,” Mr Dein said."],
        ["“When the new stadium opens we will not go through a thorough review,” Mr Dein said."],
    )
    (found,) = find_contradictions(sentences, speakers)
    assert found.kind == "polarity"


def test_a_quote_with_a_word_replaced_by_never_stays_a_rewording() -> None:
    sentences, speakers = _corpus(
        ["“The winner of the accolade will be named at a gala,” said Minister Zoshishi."],
        ["“The winner never the accolade will be named at a gala,” said Minister Zoshishi."],
    )
    assert [c.kind for c in find_contradictions(sentences, speakers)] == ["wording"]
