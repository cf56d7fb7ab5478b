"""Date windows: ISO weeks, day ranges, and keeping the sources dated in one."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from briefing.errors import NoSourcesError, UsageError
from briefing.model import Corpus, Duplicate, Skipped
from briefing.window import Undated, Window, last_days, last_full_week, parse_week, within
from tests.conftest import make_source

D = dt.date


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("2024-W21", D(2024, 5, 20), D(2024, 5, 26)),
        ("2024W21", D(2024, 5, 20), D(2024, 5, 26)),
        ("2024-w01", D(2024, 1, 1), D(2024, 1, 7)),
        ("2020-W53", D(2020, 12, 28), D(2021, 1, 3)),  # a 53-week year
        ("2025-W01", D(2024, 12, 30), D(2025, 1, 5)),  # week 1 starts in the year before
    ],
)
def test_parse_week(text: str, since: dt.date, until: dt.date) -> None:
    window = parse_week(text)
    assert (window.since, window.until) == (since, until)
    assert window.is_iso_week and window.days == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [("21", "--week must look like 2024-W21"), ("2024-W54", "2024 has no ISO week 54")],
)
def test_bad_week(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_week(text)


def test_labels_and_fields() -> None:
    week = parse_week("2024-W21")
    assert week.label == "2024-W21"
    fields = week.fields()
    assert (fields["year"], fields["week"], fields["since"], fields["until"]) == (
        2024,
        21,
        "2024-05-20",
        "2024-05-26",
    )
    assert "{year}-W{week:02}".format(**Window.week(2024, 3).fields()) == "2024-W03"
    assert Window(D(2024, 5, 20), D(2024, 5, 29)).label == "2024-05-20 – 2024-05-29"
    assert week.before() == parse_week("2024-W20")


def test_window_must_not_end_before_it_starts() -> None:
    with pytest.raises(UsageError, match="starts after it ends"):
        Window(D(2024, 5, 27), D(2024, 5, 20))


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (D(2024, 5, 27), "2024-W21"),  # Monday: the week just gone
        (D(2024, 6, 2), "2024-W21"),  # Sunday: the week is not over yet
        (D(2024, 6, 3), "2024-W22"),
    ],
)
def test_last_full_week(today: dt.date, week: str) -> None:
    assert last_full_week(today) == parse_week(week)


def test_last_days_end_yesterday() -> None:
    assert last_days(D(2024, 5, 27), 3) == Window(D(2024, 5, 24), D(2024, 5, 26))


def _corpus() -> Corpus:
    return Corpus(
        (
            make_source("S1", published=D(2024, 5, 19), path="/s/old.txt"),
            make_source("S2", published=D(2024, 5, 20), path="/s/monday.txt"),
            make_source("S3", published=None, path="/s/undated.txt"),
            make_source("S4", published=D(2024, 5, 26), path="/s/sunday.txt"),
            make_source("S5", published=D(2024, 5, 27), path="/s/next.txt"),
        ),
        skipped=(Skipped("/s/bad.bin", "not text"),),
        duplicates=(Duplicate("/s/copy.txt", "S4"), Duplicate("/s/old-copy.txt", "S1")),
    )


def test_within_keeps_the_week_and_renumbers(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        corpus = within(_corpus(), parse_week("2024-W21"))
    assert [(s.id, s.path) for s in corpus.sources] == [
        ("S1", "/s/monday.txt"),
        ("S2", "/s/undated.txt"),
        ("S3", "/s/sunday.txt"),
    ]
    assert "/s/undated.txt has no date" in caplog.text
    # A duplicate follows its source's new id; one of a source left out goes with it.
    assert corpus.duplicates == (Duplicate("/s/copy.txt", "S3"),)
    assert corpus.skipped == (Skipped("/s/bad.bin", "not text"),)


def test_within_can_leave_undated_sources_out() -> None:
    corpus = within(_corpus(), parse_week("2024-W21"), Undated.EXCLUDE)
    assert [s.path for s in corpus.sources] == ["/s/monday.txt", "/s/sunday.txt"]


def test_an_empty_window_says_why() -> None:
    with pytest.raises(NoSourcesError, match=r"no sources dated in 2024-W10 .*4 dated outside it"):
        within(_corpus(), parse_week("2024-W10"), Undated.EXCLUDE)
