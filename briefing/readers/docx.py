"""Reader for Word files (.docx): body paragraphs in order and the core document properties.

The zip is checked before anything is unpacked: a damaged or truncated file, or one whose
entries would unpack to far more than any article (a zip bomb), is refused with a reason.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from briefing.clean import normalise_space, split_blocks
from briefing.errors import SourceError
from briefing.metadata import clean_authors, read_header
from briefing.readers import RawArticle

MAX_BYTES = 50 * 1024 * 1024
# Limits on what the zip unpacks to. python-docx loads every part into memory, so these bound
# memory; real articles with photos stay far below them.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
# Deflate cannot shrink real content (XML, photos) by more than about 100:1 at this size.
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024
# Authors that Word, LibreOffice and python-docx put in new files: not who wrote the article.
_DEFAULT_AUTHORS = frozenset(
    {
        "python-docx",
        "microsoft office user",
        "windows user",
        "user",
        "admin",
        "administrator",
        "unknown",
        "author",
    }
)
_HEADING_STYLES = ("title", "subtitle", "heading")


def check_zip(data: bytes, name: str) -> None:
    """Raise SourceError unless ``data`` is a sound, reasonably sized Word zip package."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceError(
            f"cannot read {name}: not a Word file (damaged or truncated zip)"
        ) from exc
    with package:
        entries = package.infolist()
        if len(entries) > MAX_ENTRIES:
            raise SourceError(
                f"cannot read {name}: {len(entries)} zip entries, too many for a document"
            )
        if "word/document.xml" not in {e.filename for e in entries}:
            raise SourceError(f"cannot read {name}: not a Word file (no word/document.xml)")
        total = sum(e.file_size for e in entries)
        if total > MAX_UNPACKED:
            raise SourceError(
                f"cannot read {name}: unpacks to {total // (1024 * 1024)} MB, over the "
                f"{MAX_UNPACKED // (1024 * 1024)} MB limit (a zip bomb?)"
            )
        for entry in entries:
            ratio = entry.file_size // max(1, entry.compress_size)
            if entry.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
                raise SourceError(
                    f"cannot read {name}: {entry.filename} would unpack {ratio} times its size "
                    "(a zip bomb?)"
                )


def _open(data: bytes, name: str) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        raise SourceError(f"cannot read {name}: not a readable Word file ({exc})") from exc


def _paragraph_texts(document: Any) -> tuple[list[str], str | None]:
    """Non-empty paragraph texts in body order, and the text of the first Title-style paragraph."""
    texts: list[str] = []
    title: str | None = None
    table_texts: list[str] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):  # a table: kept aside, used only when there is no body text
            for row in item.rows:
                for cell in row.cells:
                    table_texts += [p.text for p in cell.paragraphs]
            continue
        text = normalise_space(" ".join(item.text.replace("\t", " ").splitlines()))
        if not text:
            continue
        style = (getattr(item.style, "name", "") or "").lower()
        if title is None and style == "title":
            title = text
        texts.append(text)
    if not texts:
        cells = (normalise_space(" ".join(t.split())) for t in table_texts)
        texts = list(dict.fromkeys(t for t in cells if t))
    return texts, title


def read(path: Path, data: bytes, encoding: str | None = None) -> RawArticle:
    """Read a .docx file; raises SourceError for a damaged file, a zip bomb or no text."""
    del encoding  # a Word file says its own encoding
    check_zip(data, str(path))
    document = _open(data, str(path))
    texts, styled_title = _paragraph_texts(document)
    if not texts:
        raise SourceError(f"cannot read {path}: the document has no text")
    text = "\n\n".join(texts)
    header, rest = read_header(split_blocks(text))
    core = document.core_properties
    author = (core.author or "").strip()
    if author.casefold() in _DEFAULT_AUTHORS:
        author = ""
    identifier = (core.identifier or "").strip()
    return RawArticle(
        blocks=tuple(rest),
        title=normalise_space(core.title or "") or styled_title or header.title,
        author=clean_authors([author]) if author else header.author,
        # Word's "created" is when the file was made, not when the article was published, so
        # only a date printed in the document counts (or one set in a manifest).
        published=header.published,
        url=identifier if identifier.lower().startswith(("http://", "https://")) else None,
        language=(core.language or "").strip() or None,
        text=text,
        extracted=True,
    )
