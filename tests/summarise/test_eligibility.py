"""Which sentences can be picked: statements, weak sentences and news debris."""

from __future__ import annotations

import pytest

from briefing.summarise import eligible
from briefing.summarise.eligibility import Tier, screen, verdict

STATEMENT = (Tier.STATEMENT, "")

VERDICTS = [
    # statements, including ones that only look like debris
    ("The council approved the new budget on Monday after a long debate.", STATEMENT),
    ('"Let\'s just apologise and move on," Mr Blair told the programme.', STATEMENT),
    ("BT is offering free calls to customers who sign up to broadband in December.", STATEMENT),
    ("So far, more than 100,000 people are believed to have been killed.", STATEMENT),
    ("Think tanks in Washington have criticised the plan for months.", STATEMENT),
    ("The most connected Europeans, in terms of use of mobiles, are the Scandinavians.", STATEMENT),
    ('He turned to his aide and asked: "How do I look?"', STATEMENT),
    ('Thank you all you guys for voting for me, I feel sick right now."', STATEMENT),
    ("Another cartoon pictured the Tory leader swinging a pocket watch.", STATEMENT),
    # captions and credits
    (
        "Photo: Soldiers train near the front line in the east of the country.",
        (Tier.DEBRIS, "caption or credit"),
    ),
    ("Troops unload supplies at the airport (Getty Images).", (Tier.DEBRIS, "caption or credit")),
    (
        "The minister (left) meets officials in Brussels on Tuesday.",
        (Tier.DEBRIS, "caption or credit"),
    ),
    (
        "Image caption: The minister arrives at the summit in Brussels.",
        (Tier.DEBRIS, "caption or credit"),
    ),
    # bylines and datelines
    ("By Jane Smith | 5 min read", (Tier.DEBRIS, "byline or dateline")),
    ("Posted on June 14, 2024 by the news desk team.", (Tier.DEBRIS, "byline or dateline")),
    ("Jane Smith is a senior reporter at the Daily Planet.", (Tier.DEBRIS, "byline or dateline")),
    (
        "Reuters contributed to this report from Kyiv and Moscow.",
        (Tier.DEBRIS, "byline or dateline"),
    ),
    # boilerplate and teasers
    (
        "Sign up for our newsletter to get the latest news every morning.",
        (Tier.DEBRIS, "boilerplate"),
    ),
    ("Click here to read the full statement from the ministry.", (Tier.DEBRIS, "boilerplate")),
    ("Read more: the ten things the treaty changes for travellers.", (Tier.DEBRIS, "boilerplate")),
    ("Here's what you need to know about the new rules on travel.", (Tier.DEBRIS, "teaser")),
    # asides to the reader and rhetorical moves
    (
        "Hey guys, let's dive into a topic that's been buzzing everywhere.",
        (Tier.DEBRIS, "aside to the reader"),
    ),
    ("So grab a coffee, get comfy, and let's get into it!", (Tier.DEBRIS, "aside to the reader")),
    ("Stay tuned, because this story is far from over.", (Tier.DEBRIS, "aside to the reader")),
    (
        "Remember, this is the same president who announced the boycott.",
        (Tier.DEBRIS, "aside to the reader"),
    ),
    (
        "Think about it: training soldiers on new systems takes months.",
        (Tier.DEBRIS, "aside to the reader"),
    ),
    # weak sentences: questions, fragments, no end
    ("Would it be limited to training the new recruits?", (Tier.WEAK, "question")),
    ("If they can fund football, why not fund music?", (Tier.WEAK, "question")),
    ("He said.", (Tier.WEAK, "too short")),
    ("According to recent statements:", (Tier.WEAK, "too short")),
    (
        "The talks continue in Geneva next week with both delegations",
        (Tier.WEAK, "no sentence end"),
    ),
    (" ".join(["word"] * 81) + ".", (Tier.WEAK, "too long")),
]


@pytest.mark.parametrize(("sentence", "expected"), VERDICTS)
def test_verdict(sentence: str, expected: tuple[Tier, str]) -> None:
    found = verdict(sentence, position=5)
    assert (found.tier, found.reason) == expected
    assert eligible(sentence) is (expected[0] is Tier.STATEMENT)


def test_a_present_tense_scene_at_the_top_is_a_caption() -> None:
    caption = (
        "Soldiers from U.S. Army Europe’s Charlie Company demonstrate tactics to Ukrainian "
        "Marines and National Guard soldiers."
    )
    lede = "Ukraine is preparing for French military instructors’ arrival, reported Bloomberg."
    assert verdict(caption, position=0).reason == "caption or credit"
    assert verdict(caption, position=7).tier is Tier.STATEMENT
    assert [v.tier for v in screen([caption, lede])] == [Tier.DEBRIS, Tier.STATEMENT]


def test_a_reported_past_tense_lede_is_not_a_caption() -> None:
    lede = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn in December."
    assert verdict(lede, position=0).tier is Tier.STATEMENT
