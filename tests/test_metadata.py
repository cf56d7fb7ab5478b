"""Reading titles, bylines and dates from article headers, without guessing."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html as lxml_html

from briefing.clean import split_blocks
from briefing.metadata import (
    PageMeta,
    clean_author,
    clean_authors,
    page_metadata,
    parse_date_line,
    parse_date_value,
    read_header,
    url_date,
)


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
    text = (
        "A headline here\n\n"
        "On May 28, 2024 the ministry said it would act, officials told reporters."
    )
    header, _ = read_header(split_blocks(text))
    assert header.published is None


# --- web pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2024-05-17T23:30:00-05:00", dt.date(2024, 5, 17)),  # the date as written, not UTC's
        ("2024-05-17", dt.date(2024, 5, 17)),
        ("20240517", dt.date(2024, 5, 17)),
        ("Fri, 17 May 2024 07:22:00 GMT", dt.date(2024, 5, 17)),
        ("May 17, 2024", dt.date(2024, 5, 17)),
        ("2024-02-30", None),
        ("2999-01-01", None),
        ("1970-01-01", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_date_values(value: str, date: dt.date | None) -> None:
    assert parse_date_value(value, today=dt.date(2024, 6, 1)) == date


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://x.example/2024/05/17/story-slug", dt.date(2024, 5, 17)),
        ("https://x.example/news/2024-05-17-story", dt.date(2024, 5, 17)),
        ("https://x.example/news/20240517", None),
        ("https://x.example/2024/13/01/x", None),
        (None, None),
    ],
)
def test_dates_in_urls(url: str | None, date: dt.date | None) -> None:
    assert url_date(url) == date


@pytest.mark.parametrize(
    ("names", "clean"),
    [
        (["Maria Ortega", "Tom Li"], "Maria Ortega, Tom Li"),
        (["By Maria Ortega"], "Maria Ortega"),
        (["Maria Ortega; maria ortega"], "Maria Ortega"),
        (["https://www.facebook.com/ledger", "@ledger", "news@ledger.example"], None),
        (["5 Minute Read", "Published", "1.2k views", "Staff"], None),
        (["Aisha Khan | 3 min read"], "Aisha Khan"),
    ],
)
def test_author_lists(names: list[str], clean: str | None) -> None:
    assert clean_authors(names) == clean


def _meta(head: str, body: str = "<p>Text.</p>") -> PageMeta:
    return page_metadata(
        lxml_html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    )


def test_json_ld_article_wins_and_modified_dates_are_ignored() -> None:
    ld = (
        '<script type="application/ld+json">[{"@type": "Organization", "name": "Wrong"},'
        '{"@type": ["NewsArticle"], "headline": "Real headline", "dateModified": "2024-06-01",'
        '"author": [{"@type": "Person", "name": "Ann Lee"}, "Bo Chen"],'
        '"publisher": {"name": "The Wire"}}]</script>'
        '<meta property="article:modified_time" content="2024-06-01">'
    )
    meta = _meta(ld)
    assert (meta.title, meta.author, meta.outlet, meta.published) == (
        "Real headline",
        "Ann Lee, Bo Chen",
        "The Wire",
        None,
    )


def test_broken_json_ld_is_ignored() -> None:
    meta = _meta(
        '<script type="application/ld+json">{"@type": "NewsArticle",</script>'
        "<title>Fallback title</title>"
    )
    assert meta.title == "Fallback title"


def test_time_element_marked_as_publication_date() -> None:
    meta = _meta("", '<time itemprop="datePublished" datetime="2024-05-03T10:00">3 May</time>')
    assert meta.published == dt.date(2024, 5, 3)
    meta = _meta("", '<time datetime="2024-05-03">3 May</time><p>Text.</p>')
    assert meta.published is None  # any <time> is not a pub date
