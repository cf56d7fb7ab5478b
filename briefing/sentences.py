"""A source's body as model Sentences: verbatim, numbered, with their paragraph."""

from __future__ import annotations

from briefing.model import Sentence, Source
from briefing.text import split_sentences


def source_sentences(source: Source) -> list[Sentence]:
    """The sentences of the source's body paragraphs (headings excluded), in document order."""
    out: list[Sentence] = []
    for paragraph in source.body:
        for text in split_sentences(paragraph.text):
            out.append(Sentence(source.id, paragraph.number, len(out), text))
    return out
