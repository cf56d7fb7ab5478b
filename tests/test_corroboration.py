"""Corroboration: one statement citing every source, copies of one text counted once."""

from __future__ import annotations

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
