"""Readers by file type, behind one registry: each turns a file's bytes into a raw article."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from briefing.clean import Block


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader found: the article's blocks (numbered as in the file) and its metadata."""

    blocks: tuple[Block, ...]
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = field(default=())


ReadFunction = Callable[[Path, bytes, "str | None"], RawArticle]

# suffix -> module with ``read(path, data, encoding) -> RawArticle``; imported on first use.
READERS: dict[str, str] = {
    ".txt": "briefing.readers.plain",
    ".text": "briefing.readers.plain",
    ".md": "briefing.readers.plain",
    ".markdown": "briefing.readers.plain",
}


def reader_for(path: Path) -> ReadFunction | None:
    """The read function for this file's suffix, or None when no reader handles it."""
    module = READERS.get(path.suffix.lower())
    if module is None:
        return None
    return cast(ReadFunction, importlib.import_module(module).read)
