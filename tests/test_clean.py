"""Cleaning web-paste debris and telling headings from body text."""

from __future__ import annotations

import pytest

from briefing.clean import (
    Block,
    is_debris,
    looks_like_heading,
    normalise_space,
    run_in_heading,
    split_blocks,
    strip_inline_debris,
    to_paragraphs,
)
from briefing.model import BlockKind


@pytest.mark.parametrize(
    "line",
    [
        "Comments are closed.",
        "Was this helpful?",
        "Thanks for your feedback!",
        "You may also like",
        "More in:Global News",
        "Join the Struggle-La Lucha\u00a0Telegram channel",
        "Posted on",
        "[Read More: Hunter’s ‘Sugar Brother’ Has Run Out Of Sugar]",
        "46 views",
        "More news",
        "5 min read",
    ],
)
def test_debris_lines_are_recognised(line: str) -> None:
    assert is_debris(normalise_space(line))


@pytest.mark.parametrize(
    "line",
    [
        "The Kremlin has repeatedly warned that this would trigger a direct war with NATO.",
        "Posted on the front line, the unit waited for orders.",
        "More in common than either side admits, the two plans share a timetable.",
        "Join the army, the poster said, and see the world.",
    ],
)
def test_article_text_is_not_debris(line: str) -> None:
    assert not is_debris(line)


def test_inline_read_more_and_view_counter_are_stripped() -> None:
    assert strip_inline_debris("by Jhon Lennon 46 views") == "by Jhon Lennon"
    text = "Biden spoke. [Read More: Something Else] Then he left."
    assert strip_inline_debris(text) == "Biden spoke. Then he left."


def test_non_breaking_spaces_fold_to_plain_spaces() -> None:
    assert normalise_space("Reuters\u00a0recently\u00a0 reported ") == "Reuters recently reported"


def test_blocks_are_numbered_as_in_the_file() -> None:
    blocks = split_blocks("Title\n\n\nFirst para\ncontinues.\n \nSecond.\n")
    assert blocks == [Block(1, "Title"), Block(2, "First para continues."), Block(3, "Second.")]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Ukraine's Requests and NATO's Response", True),
        ("Why the Discussion About Troops Now?", True),
        ("First trainers, then combat troops", True),
        ("According to recent statements:", False),
        ("He wants NATO soldiers to come to Ukraine and work as “trainers.”", False),
        (
            "Why did the talks fail after so many weeks of careful and patient work by all sides?",
            False,
        ),
    ],
)
def test_headings(text: str, heading: bool) -> None:
    assert looks_like_heading(text) is heading


def test_run_in_heading_is_split_off_with_the_same_number() -> None:
    text = "Legal and Political Constraints: Another factor that limited NATO's ability was law."
    assert run_in_heading(text) == "Legal and Political Constraints"
    paragraphs = to_paragraphs([Block(5, text)])
    assert [(p.number, p.kind) for p in paragraphs] == [
        (5, BlockKind.HEADING),
        (5, BlockKind.BODY),
    ]
    assert paragraphs[1].text == "Another factor that limited NATO's ability was law."


def test_run_in_heading_needs_title_case() -> None:
    assert (
        run_in_heading("Mark Episkopos says in Responsible Statecraft: “Brown’s comments”") is None
    )


def test_to_paragraphs_drops_debris_and_keeps_numbers() -> None:
    blocks = [
        Block(1, "Body sentence one is here."),
        Block(2, "Comments are closed."),
        Block(3, "Another body."),
    ]
    assert [p.number for p in to_paragraphs(blocks)] == [1, 3]


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Jane Doe/Reuters",
        "Image source, Getty Images",
        "Image caption, The minister spoke to reporters on Monday",
        "Getty Images",
        "AP Photo/Evan Vucci",
        "(Photo by John Smith/AFP)",
        "Credit: Reuters",
        "Listen to this article",
        "Skip to main content",
        "Follow us on Telegram",
    ],
)
def test_captions_credits_and_page_furniture_are_debris(line: str) -> None:
    assert is_debris(line)


@pytest.mark.parametrize(
    "line",
    [
        "The photo shows the minister leaving the building after the meeting.",
        "Photographers waited outside the court for hours.",
        "Getty Images said it had removed the picture after complaints.",
        "Credit conditions tightened sharply in the second quarter, the bank said.",
    ],
)
def test_article_lines_about_pictures_are_kept(line: str) -> None:
    assert not is_debris(line)
