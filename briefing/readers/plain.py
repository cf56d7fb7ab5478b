"""Reader for plain text and Markdown pasted from the web (front matter accepted in Markdown)."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.clean import Block, split_blocks
from briefing.decode import decode_text
from briefing.metadata import clean_author, parse_date_line, read_header
from briefing.readers import RawArticle

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FM_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")


def _front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Simple ``key: value`` front matter, the text after it, and how many lines it took."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    fields: dict[str, str] = {}
    for line in match.group("body").splitlines():
        kv = _FM_LINE.match(line)
        if kv:
            fields[kv.group("key").lower()] = kv.group("value").strip().strip("\"'")
    return fields, text[match.end() :], match.group(0).count("\n")


def _markdown_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks with the ``#`` markers removed from heading lines."""
    out: list[Block] = []
    for block in blocks:
        match = _MD_HEADING.match(block.text)
        out.append(Block(block.number, match.group("text")) if match else block)
    return out


def read(path: Path, data: bytes, encoding: str | None = None) -> RawArticle:
    """Read a .txt or .md file; raises SourceError when it cannot be decoded."""
    decoded = decode_text(data, str(path), encoding)
    text = decoded.text
    fields: dict[str, str] = {}
    if path.suffix.lower() in (".md", ".markdown"):
        fields, text, _ = _front_matter(text)
        blocks = _markdown_blocks(split_blocks(text))
    else:
        blocks = split_blocks(text)
    header, rest = read_header(blocks)
    published = parse_date_line(fields["date"]) if fields.get("date") else None
    author = clean_author(fields["author"]) if fields.get("author") else None
    return RawArticle(
        blocks=tuple(rest),
        title=fields.get("title") or header.title,
        author=author or header.author,
        published=published or header.published,
        outlet=fields.get("outlet") or fields.get("site") or fields.get("publisher"),
        url=fields.get("url") or fields.get("link"),
        language=fields.get("language") or fields.get("lang"),
        warnings=decoded.warnings,
        text="\n\n".join(b.text for b in blocks),
    )
