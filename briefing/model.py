"""The briefing document model: frozen dataclasses every stage reads or writes (no I/O here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class BlockKind(str, Enum):
    """What a paragraph of a cleaned source is."""

    HEADING = "heading"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of a source after cleaning.

    ``number`` is the 1-based position of the block among the non-empty blocks of the file as it
    was read, so a citation "¶7" points at the seventh block a reader sees in the original file.
    """

    number: int
    text: str
    kind: BlockKind = BlockKind.BODY


@dataclass(frozen=True, slots=True)
class Source:
    """One article as read: metadata plus its cleaned paragraphs."""

    id: str
    path: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()
    # A UTF-8 copy of the text that paragraph numbers and quotes refer to, when ``path`` is not
    # that text (a web page, a Word file, a URL, a re-encoded or repaired file).
    text_path: str | None = None

    @property
    def words(self) -> int:
        """Word count of the cleaned article text (headings included, title excluded)."""
        return sum(len(p.text.split()) for p in self.paragraphs)

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """The body paragraphs, without headings."""
        return tuple(p for p in self.paragraphs if p.kind is BlockKind.BODY)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not used, and why (shown in the sourcing note)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A file whose article was already read from another file."""

    path: str
    same_as: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """What loading produced: the usable sources and what was left out."""

    sources: tuple[Source, ...]
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a source body, verbatim (whitespace as in the cleaned paragraph)."""

    source_id: str
    paragraph: int
    index: int
    text: str


@dataclass(frozen=True, slots=True)
class Citation:
    """Where an item's words come from.

    ``quote`` is set only when this source's wording differs from the item's ``text``; it is then
    verbatim in this source.
    """

    source: str
    paragraph: int
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One statement of the briefing: a verbatim sentence with its citations."""

    text: str
    citations: tuple[Citation, ...]
    score: float = 0.0
    theme: str = "context"
    cues: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    speaker: str | None = None
    # "new" or "continuing" when the briefing was compared with a previous one, else None.
    status: str | None = None
    # How many independent sources carry the statement (copies of one text count once);
    # None when nobody counted, and then every cited source counts.
    independent: int | None = None

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the cited sources, in citation order, without repeats."""
        return tuple(dict.fromkeys(c.source for c in self.citations))

    @property
    def corroboration(self) -> str:
        """For readers: "3 sources", "3 sources (2 independent)", or "" for a single source."""
        cited = len(self.source_ids)
        if cited < 2:
            return ""
        independent = self.independent if self.independent is not None else cited
        if independent < cited:
            return f"{cited} sources ({independent} independent)"
        return f"{cited} sources"


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two statements from different sources about the same thing that disagree.

    ``kind`` is "polarity" (one affirms what the other denies), "number" (figures or dates differ
    for the same subject) or "wording" (the same speaker quoted with different words).
    """

    kind: str
    subject: str
    first: Item
    second: Item


@dataclass(frozen=True, slots=True)
class KeyNumber:
    """A figure from a source with what it counts, quoted in its sentence and cited."""

    figure: str
    subject: str
    item: Item


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """How a source reads: its kind, share of sentences with loaded terms, and style."""

    source: str
    kind: str  # "news report", "opinion/advocacy" or "explainer"
    loaded_share: float
    first_person: bool
    rhetorical: bool
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A themed group of items, most important first."""

    theme: str
    title: str
    items: tuple[Item, ...]
    description: str = ""


@dataclass(frozen=True, slots=True)
class SourcingNote:
    """How the briefing was made: what was read, skipped and merged."""

    sources_read: int
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    merged_items: int = 0
    summariser: str = ""
    theme_pack: str = ""


@dataclass(frozen=True, slots=True)
class Briefing:
    """The whole briefing: what every exporter writes."""

    title: str
    date: dt.date
    sources: tuple[Source, ...]
    bottom_line: tuple[Item, ...]
    sections: tuple[Section, ...]
    note: SourcingNote = field(default_factory=lambda: SourcingNote(sources_read=0))
    # Statements of the previous briefing that this one no longer carries (when compared).
    gone: tuple[Item, ...] = ()
    # The date of the previous briefing this one was compared with, if any.
    previous: dt.date | None = None
    # Cross-source analysis (shown under disputed framing, in a key-numbers table, with sources).
    contradictions: tuple[Contradiction, ...] = ()
    key_numbers: tuple[KeyNumber, ...] = ()
    profiles: tuple[SourceProfile, ...] = ()

    def coverage(self) -> dict[str, dict[str, int]]:
        """Items per source and theme: ``coverage()["S1"]["requests"]`` (bottom line excluded)."""
        table = {s.id: {sec.theme: 0 for sec in self.sections} for s in self.sources}
        for section in self.sections:
            for item in section.items:
                for source_id in item.source_ids:
                    if source_id in table:
                        table[source_id][section.theme] += 1
        return table

    def profile(self, source_id: str) -> SourceProfile | None:
        """The profile of a source, when the briefing has one."""
        return next((p for p in self.profiles if p.source == source_id), None)

    @property
    def published_range(self) -> tuple[dt.date, dt.date] | None:
        """The earliest and latest publication dates among the sources that have one."""
        dates = sorted(s.published for s in self.sources if s.published is not None)
        return (dates[0], dates[-1]) if dates else None

    @property
    def scope(self) -> str:
        """ "5 sources, published 2024-05-17 – 2024-05-20 (3 undated)": what the briefing covers."""
        n = len(self.sources)
        text = f"{n} source{'s' if n != 1 else ''}"
        span = self.published_range
        if span is not None:
            first, last = (d.isoformat() for d in span)
            text += f", published {first}" if first == last else f", published {first} – {last}"
            undated = sum(1 for s in self.sources if s.published is None)
            if undated:
                text += f" ({undated} undated)"
        return text

    def source(self, source_id: str) -> Source:
        """The source with this id; raises KeyError when there is none."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)
