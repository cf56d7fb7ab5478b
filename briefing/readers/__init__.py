"""Readers by file type, behind one registry: each turns a file's bytes into a raw article."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import cast

from briefing.clean import Block


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader found: the article's blocks, the text they are numbered in, and metadata.

    ``text`` is the whole text the block numbers count in: block N is the N-th blank-line
    separated block of it. For a plain-text file it is the file's own text; for a web page or a
    Word file it is the extracted article text, which is cached on disk so that every quote can
    be found verbatim in a file. ``blocks`` are the article blocks left once header lines (title,
    byline, date) are taken out. ``extracted`` is True when the text was taken out of markup (a
    web page, a Word file): its numbering then refers to the cached text, never the original.
    """

    blocks: tuple[Block, ...]
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = field(default=())
    text: str = ""
    extracted: bool = False


ReadFunction = Callable[[Path, bytes, "str | None"], RawArticle]

# suffix -> module with ``read(path, data, encoding) -> RawArticle``; imported on first use.
# A module may set MAX_BYTES, the largest file it accepts (default: sources.MAX_BYTES).
READERS: dict[str, str] = {
    ".txt": "briefing.readers.plain",
    ".text": "briefing.readers.plain",
    ".md": "briefing.readers.plain",
    ".markdown": "briefing.readers.plain",
    ".html": "briefing.readers.html",
    ".htm": "briefing.readers.html",
    ".xhtml": "briefing.readers.html",
    ".docx": "briefing.readers.docx",
}

# What each reader needs beyond the core install, for the message when it is missing.
EXTRAS: dict[str, str] = {
    "briefing.readers.html": "html",
}


def _module(path: Path) -> ModuleType | None:
    name = READERS.get(path.suffix.lower())
    if name is None:
        return None
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        from briefing.errors import SourceError

        extra = EXTRAS.get(name)
        hint = f"; install it with: pip install 'briefing[{extra}]'" if extra else ""
        raise SourceError(
            f"cannot read {path}: the {path.suffix} reader needs {exc.name or exc}{hint}"
        ) from exc


def reader_for(path: Path) -> ReadFunction | None:
    """The read function for this file's suffix, or None when no reader handles it.

    Raises SourceError when the reader's optional dependency is not installed.
    """
    module = _module(path)
    return None if module is None else cast(ReadFunction, module.read)


def max_bytes_for(path: Path, default: int) -> int:
    """The largest file the reader for ``path`` accepts (``default`` unless it sets MAX_BYTES)."""
    module = _module(path)
    return int(getattr(module, "MAX_BYTES", default)) if module is not None else default
