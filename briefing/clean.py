"""Cleaning web-paste debris out of article blocks and telling headings from body text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.model import BlockKind, Paragraph

# Lines that are page furniture, never article text. Each pattern matches a whole block or line.
_DEBRIS_LINE = re.compile(
    r"""^(?:
        comments?\s+are\s+closed\.?
      | was\s+this\s+(?:article\s+)?helpful\??
      | thanks?\s+(?:you\s+)?for\s+your\s+feedback!?
      | you\s+may\s+also\s+like
      | (?:read\s+)?more\s+news
      | more\s+in\s*:.*
      | related(?:\s+(?:articles|stories|posts))?\s*:?
      | join\s+the\s+.{1,60}?\s+(?:channel|newsletter|group)\.?
      | posted\s+(?:on|in|by)\s*:?
      | share\s+(?:this|on\s+\w+)\s*:?
      | (?:advertisement|sponsored(?:\s+content)?)
      | sign\s+up\s+for\s+.{1,60}
      | subscribe\s+(?:now|to\s+.{1,60})
      | \[\s*read\s+more\s*:[^\]]*\]
      | (?:read|see)\s+(?:more|also)\s*:.{0,200}
      | (?:\d[\d,.]*\s*(?:k\s*)?(?:views?|comments?|shares?|reads?))
      | (?:\d+\s+)?min(?:ute)?s?\s+read
      # captions and credits that web pages put next to pictures
      | (?:photo(?:graph)?|image|picture|illustration|graphic|video)s?
        (?:\s+(?:credit|caption|source))?\s*[:,]\s*.{1,300}
      | (?:media|image|video)\s+caption\b.{0,300}
      | (?:photo|picture|image)\s+credit\b.{0,120}
      | credits?\s*:\s*.{1,120}
      | \(?(?:photo|image|picture)s?\s+(?:by|courtesy(?:\s+of)?)\s+[^)]{1,80}\)?
      | (?:getty\s+images|shutterstock)(?:\s*(?:/|via)\s*.{1,60})?
      | (?:ap|afp|epa|pa|reuters)\s+(?:photo|images?|wire)(?:\s*/\s*.{1,60})?
      # page furniture around the article
      | listen\s+to\s+this\s+article.{0,40}
      | skip\s+to\s+(?:main\s+)?content
      | copy\s+link
      | follow\s+us\s+on\s+.{1,60}
      | (?:click|tap)\s+here\s+to\s+(?:subscribe|sign\s+up|read\s+more|download).{0,80}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Debris that can sit inside a block next to article text.
_INLINE_DEBRIS = re.compile(r"\s*\[\s*read\s+more\s*:[^\]]*\]\s*", re.IGNORECASE)
_VIEWS = re.compile(r"\s+\d[\d,.]*\s*(?:k\s*)?views?\s*$", re.IGNORECASE)

_TERMINAL = tuple(".!?…:;\"'”’)")
_SMALL_WORDS = frozenset(  # a word list reads best as one string
    "a an and or of the to for in on with at by from as is are about into over after "  # noqa: SIM905
    "before between against under without vs nor but not".split()
)
_RUN_IN_WORD = r"(?:[A-Z][\w’'-]*|" + "|".join(sorted(_SMALL_WORDS)) + ")"
_RUN_IN_HEADING = re.compile(rf"^({_RUN_IN_WORD}(?:\s+{_RUN_IN_WORD}){{0,9}}):\s+(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Block:
    """A raw block of a file: its 1-based number among non-empty blocks and its text."""

    number: int
    text: str


def normalise_space(text: str) -> str:
    """Non-breaking and other odd spaces become plain spaces; runs of spaces fold; ends strip.

    Folding white space keeps quotes verbatim for any reader (and for the provenance check,
    which compares texts with white space folded).
    """
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"[ \t]+", " ", text).strip()


def split_blocks(text: str) -> list[Block]:
    """The non-empty blocks of a text, separated by blank lines, numbered from 1."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = re.split(r"\n[ \t\u00a0]*\n", text)
    blocks: list[Block] = []
    for chunk in chunks:
        lines = [normalise_space(line) for line in chunk.split("\n")]
        joined = " ".join(line for line in lines if line)
        if joined:
            blocks.append(Block(len(blocks) + 1, joined))
    return blocks


def is_debris(text: str) -> bool:
    """True when the whole block is page furniture (comment notices, teasers, counters...)."""
    return bool(_DEBRIS_LINE.match(text.strip()))


def strip_inline_debris(text: str) -> str:
    """The block without embedded "[Read More: …]" teasers and trailing view counters."""
    text = _INLINE_DEBRIS.sub(" ", text)
    text = _VIEWS.sub("", text)
    return normalise_space(text)


def looks_like_heading(text: str) -> bool:
    """True for a short line without sentence punctuation, or a short title-case question."""
    words = text.split()
    if not words or len(words) > 16:
        return False
    if text.endswith("?"):
        return len(words) <= 12 and _title_case_share(words) >= 0.5
    return not text.endswith(_TERMINAL)


def _title_case_share(words: list[str]) -> float:
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content:
        return 0.0
    return sum(1 for w in content if w[:1].isupper() or w[:1].isdigit()) / len(content)


def looks_like_title(text: str) -> bool:
    """True for a heading, or for a short headline that is a question."""
    return looks_like_heading(text) or (text.endswith("?") and len(text.split()) <= 16)


def run_in_heading(text: str) -> str | None:
    """The run-in heading that opens a paragraph ("Legal Constraints: Another factor…"), if any."""
    match = _RUN_IN_HEADING.match(text)
    if not match:
        return None
    head = match.group(1)
    if _title_case_share(head.split()) < 0.75 or len(head.split()) < 2:
        return None
    return head


def to_paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """Cleaned paragraphs: debris dropped, inline debris stripped, headings marked.

    A paragraph that opens with a run-in heading becomes a heading and a body paragraph with the
    same number, so the body's sentences do not start with the heading words.
    """
    out: list[Paragraph] = []
    for block in blocks:
        if is_debris(block.text):
            continue
        text = strip_inline_debris(block.text)
        if not text or is_debris(text):
            continue
        if looks_like_heading(text):
            out.append(Paragraph(block.number, text, BlockKind.HEADING))
            continue
        head = run_in_heading(text)
        if head is not None:
            out.append(Paragraph(block.number, head, BlockKind.HEADING))
            text = text[len(head) + 1 :].lstrip()
        out.append(Paragraph(block.number, text, BlockKind.BODY))
    return out
