"""Reading an article's own header: title, byline and date lines, without guessing.

Only what the text shows is reported: a date is a whole line that parses as a date, an author is
a "By …" line or a name line standing next to a date line. Everything else stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefing.clean import Block, is_debris, looks_like_heading, looks_like_title

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = r"(?:\s*(?:\||·|-|–|,|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
_PREFIX = r"(?:(?:published|updated|posted)(?:\s+on)?\s*:?\s*)?"
_DATE_PATTERNS = (
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}$", re.IGNORECASE),
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}$", re.IGNORECASE),
    re.compile(
        rf"^{_PREFIX}(?P<year>(?:19|20)\d{{2}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:[T ]\S*)?$",
        re.IGNORECASE,
    ),
)
_BYLINE = re.compile(r"^(?:by|written by|words by)\s*:?\s+(?P<name>.+)$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][a-zA-Z'’.-]+$")
_JUNK_AUTHOR = re.compile(
    r"\b(?:minute|min|read|published|updated|posted|views?|comments?|share|staff|admin)\b",
    re.IGNORECASE,
)
_COUNTER = re.compile(r"\s+\d[\d,.]*\s*(?:k\s*)?(?:views?|comments?|shares?)\s*$", re.IGNORECASE)
_HEADER_ZONE = 7


@dataclass(frozen=True, slots=True)
class Header:
    """What an article's header lines say about it; None where they say nothing."""

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None


def parse_date_line(text: str) -> dt.date | None:
    """The date a line consists of ("May 17, 2024 | 7:22 p.m.", "2024-05-17"), else None."""
    line = text.strip().rstrip(".")
    for pattern in _DATE_PATTERNS:
        match = pattern.match(line)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
        try:
            return dt.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None


def clean_author(name: str) -> str | None:
    """A byline's name without counters and junk; None when nothing name-like is left."""
    name = _COUNTER.sub("", name).strip(" ,;|-–—")
    if not name or _JUNK_AUTHOR.search(name) or any(ch.isdigit() for ch in name):
        return None
    if len(name.split()) > 8:
        return None
    return name


def _is_name_line(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def _is_body(text: str) -> bool:
    return len(text.split()) >= 12 and not looks_like_heading(text)


def read_header(blocks: list[Block]) -> tuple[Header, list[Block]]:
    """The header found in the first blocks, and the blocks left once header lines are removed.

    A short kicker line ("Global News") before a longer headline is dropped; a date line after
    the headline wins over one before it (sites print today's date above the article).
    """
    title: str | None = None
    author: str | None = None
    date_before: dt.date | None = None
    date_after: dt.date | None = None
    used: set[int] = set()
    zone: list[int] = []
    for i, block in enumerate(blocks[:_HEADER_ZONE]):
        if _is_body(block.text):
            break
        zone.append(i)
    for pos, i in enumerate(zone):
        text = blocks[i].text
        date = parse_date_line(text)
        if date is not None:
            if title is None:
                date_before = date_before or date
            else:
                date_after = date_after or date
            used.add(i)
            continue
        byline = _BYLINE.match(text)
        if byline:
            author = author or clean_author(byline.group("name"))
            used.add(i)
            continue
        if is_debris(text):
            continue
        if title is None and looks_like_title(text):
            following = [blocks[j].text for j in zone[pos + 1 :]]
            longer_next = next(
                (t for t in following if parse_date_line(t) is None and not is_debris(t)), None
            )
            is_kicker = (
                len(text.split()) <= 3
                and longer_next is not None
                and looks_like_heading(longer_next)
                and len(longer_next.split()) > len(text.split())
            )
            if is_kicker:
                used.add(i)
                continue
            title = text
            used.add(i)
            continue
        if title is not None and author is None and _is_name_line(text):
            neighbours = [blocks[j].text for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
            if any(parse_date_line(t) is not None for t in neighbours):
                author = clean_author(text)
                used.add(i)
    rest = [b for i, b in enumerate(blocks) if i not in used]
    return Header(title=title, author=author, published=date_after or date_before), rest
