"""Building a briefing: themes, merging, bottom line, verbatim text, options."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.config import Options
from briefing.errors import ConfigError, UsageError
from briefing.model import Briefing, Item
from briefing.pipeline import build_briefing
from briefing.sources import load_sources
from tests.conftest import make_source

MISSION = ["requests", "official_positions", "escalation_warnings", "disputed_framing"]


@pytest.fixture(scope="module")
def seeds_briefing() -> Briefing:
    return build_briefing(load_sources(), Options(date=dt.date(2024, 6, 1)))


def _all_items(b: Briefing) -> list[Item]:
    return [*b.bottom_line, *(i for s in b.sections for i in s.items)]


def test_each_mission_theme_has_two_items_on_the_seeds(seeds_briefing: Briefing) -> None:
    sections = {s.theme: s for s in seeds_briefing.sections}
    assert [s.theme for s in seeds_briefing.sections][:4] == MISSION
    for theme in MISSION:
        assert len(sections[theme].items) >= 2, theme
        for item in sections[theme].items:
            assert item.cues, "an item records the cues that placed it"


def test_every_item_is_verbatim_in_its_cited_paragraph(seeds_briefing: Briefing) -> None:
    for item in _all_items(seeds_briefing):
        for cite in item.citations:
            source = seeds_briefing.source(cite.source)
            paragraph = " ".join(p.text for p in source.paragraphs if p.number == cite.paragraph)
            assert (cite.quote or item.text) in paragraph


def test_items_are_ordered_by_importance(seeds_briefing: Briefing) -> None:
    for section in seeds_briefing.sections:
        if section.theme == "official_positions":
            continue  # grouped by speaker: see test_official_positions_are_grouped_by_speaker
        scores = [i.score for i in section.items]
        assert scores == sorted(scores, reverse=True)


def test_official_positions_are_grouped_by_speaker(seeds_briefing: Briefing) -> None:
    items = next(s for s in seeds_briefing.sections if s.theme == "official_positions").items
    speakers = [i.speaker for i in items]
    groups = list(dict.fromkeys(speakers))
    # Each speaker's items are contiguous, unattributed ones last, and by score within a group.
    assert [sp for sp in groups for _ in range(speakers.count(sp))] == speakers
    assert None not in groups[:-1]
    for speaker in groups:
        scores = [i.score for i in items if i.speaker == speaker]
        assert scores == sorted(scores, reverse=True)


def test_polarity_contradiction_on_formal_request(seeds_briefing: Briefing) -> None:
    pairs = [c for c in seeds_briefing.contradictions if c.kind == "polarity"]
    found = [
        c
        for c in pairs
        if "formally requesting" in c.first.text and "no formal request" in c.second.text
    ]
    assert len(found) == 1
    assert found[0].first.source_ids == ("S1",) and found[0].second.source_ids == ("S5",)
    assert found[0].subject == "formal request"


def test_wording_contradiction_on_browns_quote(seeds_briefing: Briefing) -> None:
    found = [c for c in seeds_briefing.contradictions if c.kind == "wording"]
    assert len(found) == 1
    first, second = found[0].first, found[0].second
    assert "eventually, eventually" in first.text and first.source_ids == ("S1",)
    assert "eventually, over time" in second.text and second.source_ids == ("S2", "S4")
    assert first.speaker == second.speaker == "Gen. Charles Q. Brown Jr."


def test_contradiction_sides_sit_together_under_disputed_framing(seeds_briefing: Briefing) -> None:
    items = next(s for s in seeds_briefing.sections if s.theme == "disputed_framing").items
    texts = [i.text for i in items]
    for c in seeds_briefing.contradictions:
        assert texts.index(c.second.text) == texts.index(c.first.text) + 1
    bottom = {i.text for i in seeds_briefing.bottom_line}
    sides = {s.text for c in seeds_briefing.contradictions for s in (c.first, c.second)}
    assert not bottom & sides, "a disputed statement is never stated as the bottom line"


def test_contradiction_sides_are_verbatim(seeds_briefing: Briefing) -> None:
    for c in seeds_briefing.contradictions:
        for side in (c.first, c.second):
            for cite in side.citations:
                source = seeds_briefing.source(cite.source)
                paragraph = " ".join(
                    p.text for p in source.paragraphs if p.number == cite.paragraph
                )
                assert (cite.quote or side.text) in paragraph


def test_brown_is_the_speaker_of_his_statement(seeds_briefing: Briefing) -> None:
    brown = [
        i for i in _all_items(seeds_briefing) if i.text.startswith("Gen. Charles Q. Brown Jr.")
    ]
    assert brown and all(i.speaker == "Gen. Charles Q. Brown Jr." for i in brown)


def test_profiles_and_key_numbers_on_the_seeds(seeds_briefing: Briefing) -> None:
    kinds = {p.source: p.kind for p in seeds_briefing.profiles}
    assert kinds == {
        "S1": "news report",
        "S2": "opinion/advocacy",
        "S3": "explainer",
        "S4": "opinion/advocacy",
        "S5": "explainer",
    }
    recruits = seeds_briefing.key_numbers[0]
    assert (recruits.figure, recruits.subject) == ("150,000", "new recruits")
    assert recruits.item.source_ids == ("S1", "S2")


def test_shared_wire_copy_is_one_item_citing_both_outlets(seeds_briefing: Briefing) -> None:
    recruits = [i for i in _all_items(seeds_briefing) if "150,000 new recruits" in i.text]
    assert recruits
    assert {c.source for c in recruits[0].citations} == {"S1", "S2"}
    quotes = [c.quote for c in recruits[0].citations if c.quote]
    assert len(quotes) == 1 and "150,000" in quotes[0]


def test_bottom_line_is_unflagged_and_sized(seeds_briefing: Briefing) -> None:
    assert 3 <= len(seeds_briefing.bottom_line) <= 5
    assert all(not i.flags for i in seeds_briefing.bottom_line)


def test_loaded_terms_are_flagged(seeds_briefing: Briefing) -> None:
    flagged = [i for i in _all_items(seeds_briefing) if i.flags]
    assert flagged
    for item in flagged:
        assert all(f in item.text.lower() for f in item.flags)


def test_no_headings_or_debris_are_items(seeds_briefing: Briefing) -> None:
    headings = {
        p.text for s in seeds_briefing.sources for p in s.paragraphs if p.kind.value == "heading"
    }
    for item in _all_items(seeds_briefing):
        assert item.text not in headings
        assert "Comments are closed" not in item.text


def test_same_inputs_same_briefing() -> None:
    options = Options(date=dt.date(2024, 6, 1))
    assert build_briefing(load_sources(), options) == build_briefing(load_sources(), options)


def test_sentences_option_changes_the_pool() -> None:
    few = build_briefing(load_sources(), Options(date=dt.date(2024, 6, 1), sentences=2))
    many = build_briefing(load_sources(), Options(date=dt.date(2024, 6, 1), sentences=10))
    count = lambda b: sum(len(s.items) for s in b.sections)  # noqa: E731
    assert count(few) < count(many)


def test_single_tiny_source() -> None:
    source = make_source(
        "S1", "Officials warned that the strike would trigger a wider war in the region."
    )
    b = build_briefing([source], Options(date=dt.date(2024, 1, 2)))
    assert [i.text for s in b.sections for i in s.items] == [source.paragraphs[0].text]
    assert b.title == "Briefing: A title"


def test_bad_options() -> None:
    with pytest.raises(UsageError):
        Options(sentences=0)
    with pytest.raises(UsageError, match="unknown summariser"):
        build_briefing([make_source()], Options(summariser="nope"))
    with pytest.raises(ConfigError, match="unknown theme pack"):
        build_briefing([make_source()], Options(themes="nope"))


def test_all_identical_sources_make_one_statement() -> None:
    text = "The minister said the bridge will reopen in May. Traffic will be diverted until then."
    sources = [make_source(f"S{n}", text) for n in range(1, 4)]
    b = build_briefing(sources, Options(date=dt.date(2024, 1, 2)))
    items = [i for s in b.sections for i in s.items]
    assert items and all(len(i.source_ids) == 3 for i in items)
    assert not b.contradictions


def test_one_huge_paragraph_and_two_languages() -> None:
    huge = " ".join(f"Officials said on day {n} that talks would continue." for n in range(400))
    french = "Le ministre a déclaré que le pont rouvrira en mai. La circulation sera déviée."
    b = build_briefing([make_source("S1", huge), make_source("S2", french)], Options())
    assert b.sections and all(i.text for s in b.sections for i in s.items)


def test_corroboration_counts_copies_once() -> None:
    from briefing.model import Citation

    item = Item("x", (Citation("S1", 1), Citation("S2", 1), Citation("S3", 2)), independent=2)
    assert item.corroboration == "3 sources (2 independent)"
    assert Item("x", (Citation("S1", 1), Citation("S2", 1))).corroboration == "2 sources"
    assert Item("x", (Citation("S1", 1),)).corroboration == ""


def test_default_summariser_is_the_registry_default() -> None:
    from briefing.summarise import DEFAULT

    assert Options().summariser == DEFAULT
