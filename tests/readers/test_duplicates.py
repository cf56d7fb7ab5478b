"""The same article twice, as an identical file or a syndicated copy, is read once."""

from __future__ import annotations

from pathlib import Path

from briefing.duplicates import DuplicateIndex, shingles, similar
from briefing.sources import load_sources
from tests.readers.conftest import PARAGRAPHS, news_page

WIRE = [
    *PARAGRAPHS,
    "Officials from three member states said privately that they expected the plan to be "
    "scaled back before it reached a vote, and that any deployment would be small.",
    "The alliance's secretary general is due to visit Kyiv later this month to discuss the "
    "request with the country's defence minister and military commanders.",
]


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The cat sat, on the mat today.") == shingles("the cat sat on the MAT today")
    assert shingles("") == frozenset()


def test_syndicated_copy_with_other_title_and_extra_lines(tmp_path: Path) -> None:
    copy = [
        "This story was first published by the Wire Service.",
        *(p.replace("“", '"').replace("”", '"').replace("’", "'") for p in WIRE),
        "Additional reporting by our staff in London.",
    ]
    (tmp_path / "a_wire.txt").write_text("Allies weigh trainers\n\n" + "\n\n".join(WIRE))
    (tmp_path / "b_copy.html").write_text(
        news_page(title="Trainers for Ukraine? Allies hesitate", paragraphs=tuple(copy))
    )
    corpus = load_sources([tmp_path])
    assert [Path(s.path).name for s in corpus.sources] == ["a_wire.txt"]
    assert [(Path(d.path).name, d.same_as) for d in corpus.duplicates] == [("b_copy.html", "S1")]


def test_shortened_copy_is_a_duplicate_but_a_short_quote_is_not() -> None:
    full = shingles("\n".join(WIRE))
    assert similar(shingles("\n".join(WIRE[:5])), full)  # most of the story
    assert not similar(shingles(WIRE[0]), full)  # one paragraph quoted in another story


def test_articles_on_the_same_story_are_not_duplicates(tmp_path: Path) -> None:
    other = (
        "Ukraine's request for instructors has divided the alliance, with some capitals urging "
        "caution and others saying the training could begin within weeks.",
        "The defence ministry in Kyiv said on Friday that it had not received a formal answer, "
        "and that it would continue to press its case at the next meeting.",
        "Analysts said the debate showed how far the alliance had moved since the start of the "
        "war, when even sending weapons was controversial in several capitals.",
    )
    (tmp_path / "a.txt").write_text("One\n\n" + "\n\n".join(WIRE))
    (tmp_path / "b.txt").write_text("Two\n\n" + "\n\n".join(other))
    corpus = load_sources([tmp_path])
    assert len(corpus.sources) == 2 and corpus.duplicates == ()


def test_index_finds_only_candidates_that_share_text() -> None:
    index = DuplicateIndex()
    for i in range(50):
        key, items = index.find(f"Article number {i} about topic {i} " * 30 + f"unique {i}")
        assert key is None
        index.add(f"S{i}", items)
    key, _ = index.find("Article number 7 about topic 7 " * 30 + "unique 7")
    assert key == "S7"
