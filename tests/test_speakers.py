"""Who said what: attribution rules on one sentence, carrying to a bare quote, canonical names."""

from __future__ import annotations

import pytest

from briefing.model import Sentence
from briefing.speakers import attribute, attribute_all, canonical_names, speaker_key


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("General Brown said the trainers would come.", "General Brown"),
        ("Gen. Charles Q. Brown Jr., the chairman of the Joint Chiefs, said on Thursday it was so.",
         "Gen. Charles Q. Brown Jr."),
        ("'Nothing is ruled out,' said Macron when asked.", "Macron"),
        ("The plan is ready, according to officials.", "officials"),
        ("The plan is ready, according to The New York Times.", "New York Times"),
        ("Macron declared that Europe could die.", "Macron"),
        ("Chairman of the Joint Chiefs of Staff Gen. Charles Q. Brown Jr. has indicated it.",
         "Gen. Charles Q. Brown Jr."),
        ("So far the United States has said no, but Mark Reed said “we will go”.", "Mark Reed"),
        ("The bridge reopened on Monday.", None),
    ],
)  # fmt: skip
def test_attribution_rules(text: str, speaker: str | None) -> None:
    assert attribute(text) == speaker


def test_pronoun_and_bare_quote_take_the_previous_speaker() -> None:
    texts = [
        "Minister Jane Roe warned of delays.",
        '"We will get there," she said.',
        "“It will take time.”",
        "The bridge reopened on Monday.",
        "“Nobody knows.”",
    ]
    sentences = [Sentence("S1", 1, i, t) for i, t in enumerate(texts)]
    assert attribute_all(sentences) == [
        "Minister Jane Roe",
        "Minister Jane Roe",
        "Minister Jane Roe",
        None,
        None,
    ]


def test_speaker_key_and_canonical_names() -> None:
    assert speaker_key("Gen. Charles Q. Brown Jr.") == "brown"
    assert speaker_key("General Brown") == "brown"
    names = canonical_names(["Macron", "Emmanuel Macron", "Macron", None, "General Brown"])
    assert names == {"macron": "Macron", "brown": "General Brown"}


def test_pronoun_refers_to_a_titled_person_named_in_the_same_sentence() -> None:
    text = (
        "Last month, Estonian Defense Minister Hanno Pevkur gave a revealing interview in which"
        " he stated that all NATO member countries already have military personnel in Ukraine."
    )
    assert attribute(text, previous="Kremlin") == "Minister Hanno Pevkur"
    assert attribute("Later he stated that talks would go on.", previous="Kremlin") == "Kremlin"
