"""Reading titles, bylines and dates from article headers, without guessing."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.clean import split_blocks
from briefing.metadata import clean_author, parse_date_line, read_header


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("May 17, 2024 | 7:22 p.m.", dt.date(2024, 5, 17)),
        ("June 14th, 2024 | 6:54", dt.date(2024, 6, 14)),
        ("17 May 2024", dt.date(2024, 5, 17)),
        ("2024-05-17", dt.date(2024, 5, 17)),
        ("Published: Oct. 1, 2023", dt.date(2023, 10, 1)),
        ("Friday, May 17, 2024", dt.date(2024, 5, 17)),
        ("Posted on", None),
        ("May 2024", None),
        ("On May 14, U.S. Secretary of State Antony Blinken visited Kiev.", None),
        ("February 30, 2024", None),
    ],
)
def test_date_lines(line: str, date: dt.date | None) -> None:
    assert parse_date_line(line) == date


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("Jhon Lennon 46 views", "Jhon Lennon"),
        ("Minute Read", None),
        ("Published", None),
        ("1,204 views", None),
        ("Maria Ortega and Tom Li", "Maria Ortega and Tom Li"),
    ],
)
def test_author_cleaning(name: str, clean: str | None) -> None:
    assert clean_author(name) == clean


def test_header_with_date_bar_title_author_and_date() -> None:
    text = (
        "June 14th, 2024 | 6:54\n\nUkraine formally asks NATO to send troops\n\nJesus Carames\n\n"
        "May 17, 2024 | 7:22 p.m.\n\nNATO closer to sending troops\n\n"
        "The world is on a dangerous slope toward a possible Third World War, the paper said."
    )
    header, rest = read_header(split_blocks(text))
    assert header.title == "Ukraine formally asks NATO to send troops"
    assert header.author == "Jesus Carames"
    assert header.published == dt.date(2024, 5, 17)
    assert [b.number for b in rest] == [5, 6]


def test_kicker_before_headline_is_not_the_title() -> None:
    text = "Global News\n\nUkraine Asking For NATO Troops To Enter The War\n\n" + "Body text. " * 10
    header, _ = read_header(split_blocks(text))
    assert header.title == "Ukraine Asking For NATO Troops To Enter The War"
    assert header.author is None and header.published is None


def test_no_date_is_guessed_from_body_text() -> None:
    text = "A headline here\n\nOn May 28, 2024 the ministry said it would act, officials told reporters."
    header, _ = read_header(split_blocks(text))
    assert header.published is None
