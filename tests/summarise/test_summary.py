"""The Python API: summarize_source and summarize_file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from briefing.errors import SourceError, UsageError
from briefing.summarise import summarize_file, summarize_source
from briefing.summarise import summary as summary_module
from tests.conftest import make_source

PARAGRAPHS = (
    "The city council approved the new housing budget on Monday evening. "
    "The city council approved the new housing budget on Monday night.",
    "Residents said the housing plan would cut waiting lists for family homes.",
    "Opposition members warned that the costs of the housing scheme could double. "
    "Would it be limited to new homes?",
)


def test_picks_in_document_order_with_paragraphs_and_scores() -> None:
    source = make_source("S1", *PARAGRAPHS, title="Council approves housing budget")
    picked = summarize_source(source, k=2)
    assert [(s.index, s.paragraph) for s in picked] == [(1, 1), (2, 2)]
    assert all(s.selected and s.reason == "" for s in picked)
    assert max(s.score for s in picked) == 1.0


def test_everything_lists_every_sentence_once() -> None:
    source = make_source("S1", *PARAGRAPHS, title="Council approves housing budget")
    rows = summarize_source(source, k=2, everything=True)
    assert [s.index for s in rows] == [0, 1, 2, 3, 4]
    assert [s.selected for s in rows] == [False, True, True, False, False]
    assert rows[4].reason == "question"
    assert rows[4].score == 0.0


def test_ratio_is_a_share_of_the_statements() -> None:
    source = make_source("S1", *PARAGRAPHS)
    assert len(summarize_source(source, ratio=0.5)) == 2  # round(0.5 × 4 statements)
    assert len(summarize_source(source, ratio=0.01)) == 1  # at least one
    assert len(summarize_source(source, ratio=1.0)) == 4
    assert len(summarize_source(source)) == 5  # the default, 5, filled with the question


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"k": 2, "ratio": 0.5}, "not both"),
        ({"k": 0}, "at least 1"),
        ({"ratio": 0.0}, "above 0 and at most 1"),
        ({"ratio": 1.5}, "above 0 and at most 1"),
        ({"method": "nope"}, "unknown summariser"),
    ],
)
def test_bad_requests(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        summarize_source(make_source("S1", *PARAGRAPHS), **kwargs)  # type: ignore[arg-type]


def test_filling_up_with_weak_sentences_warns(caplog: pytest.LogCaptureFixture) -> None:
    source = make_source("S1", "the council budget vote on monday went on for hours")
    with caplog.at_level(logging.WARNING):
        picked = summarize_source(source, k=3)
    assert [s.reason for s in picked] == ["no sentence end"]
    assert "none of its sentences are full statements" in caplog.text


def test_too_much_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary_module, "MAX_TEXT", 50)
    with pytest.raises(SourceError, match="over the 50 a summary reads"):
        summarize_source(make_source("S1", *PARAGRAPHS))


def test_summarize_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Council approves housing budget\n\n" + "\n\n".join(PARAGRAPHS), "utf-8")
    picked = summarize_file(article, k=1, method="lead")
    assert [(s.index, s.paragraph) for s in picked] == [(0, 2)]
    monkeypatch.setattr(summary_module, "MAX_FILE_BYTES", 100)
    with pytest.raises(SourceError, match="over the 0 MB a summary reads"):
        summarize_file(article)
