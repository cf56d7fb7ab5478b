"""Loaded-term flags and source profiles (kind, loaded share, style)."""

from __future__ import annotations

from briefing.framing import Lexicon, profile
from tests.conftest import make_source

LEX = Lexicon("test", ("regime", "so-called", "begging"))


def test_flags_are_whole_words_in_order() -> None:
    assert LEX.flags("The so-called reform of the regime, the Regime.") == ("so-called", "regime")
    assert LEX.flags("Regimen changes.") == ()


def test_news_report_profile() -> None:
    sentences = ["The minister said the bridge will reopen.", "Officials said work goes on."]
    p = profile(make_source("S1"), sentences, LEX)
    assert (p.kind, p.loaded_share, p.first_person, p.rhetorical) == (
        "news report",
        0.0,
        False,
        False,
    )


def test_advocacy_profile_from_loaded_share() -> None:
    sentences = ["The regime is begging for help.", "The so-called reform failed.", "It rained."]
    p = profile(make_source("S1"), sentences, LEX)
    assert p.kind == "opinion/advocacy" and p.loaded_share == 0.667
    assert p.terms == ("regime", "begging", "so-called")


def test_explainer_profile_from_headings_and_address() -> None:
    source = make_source("S1", "What You Need To Know", "Body.", headings=(1,))
    sentences = [
        "So, is it happening?",
        "Let's be clear, guys: you should know this.",
        "Why now, you ask?",
    ]
    p = profile(source, sentences, LEX)
    assert (p.kind, p.first_person, p.rhetorical) == ("explainer", True, True)


def test_quoted_words_are_not_the_sources_style() -> None:
    sentences = [
        '"We will win, do you hear?" the general said.',
        '"Our troops are ready," he said.',
    ]
    p = profile(make_source("S1"), sentences, LEX)
    assert (p.first_person, p.rhetorical) == (False, False)
