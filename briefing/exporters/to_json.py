"""JSON writer: the contract that other code and our checks read (extend it, never break it)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.exporters import ExportSettings
from briefing.model import Briefing, Item, Source

SCHEMA_VERSION = 1


def item_dict(item: Item) -> dict[str, Any]:
    """An ITEM of the contract: text and citations first, then the extra keys."""
    citations: list[dict[str, Any]] = []
    for c in item.citations:
        cite: dict[str, Any] = {"source": c.source, "paragraph": c.paragraph}
        if c.quote is not None:
            cite["quote"] = c.quote
        citations.append(cite)
    return {
        "text": item.text,
        "citations": citations,
        "theme": item.theme,
        "score": item.score,
        "cues": list(item.cues),
        "flags": list(item.flags),
        "speaker": item.speaker,
        "sources": len(item.source_ids),
        "independent_sources": (
            item.independent if item.independent is not None else len(item.source_ids)
        ),
        "status": item.status,
    }


def gone_dict(item: Item) -> dict[str, Any]:
    """A statement of the previous brief that this one no longer carries.

    Its citations name the previous brief's sources, so they go under ``was_cited``, not
    ``citations``: this brief's provenance check must not look for them in this brief's sources.
    """
    was_cited: list[dict[str, Any]] = []
    for c in item.citations:
        cite: dict[str, Any] = {"source": c.source, "paragraph": c.paragraph}
        if c.quote is not None:
            cite["quote"] = c.quote
        was_cited.append(cite)
    return {"text": item.text, "was_cited": was_cited, "theme": item.theme}


_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _path(path: str, base_dir: Path | None) -> str:
    """The source path relative to the JSON file's folder (at most one level up), else absolute.

    URLs are returned as they are.
    """
    if _URL.match(path):
        return path
    absolute = Path(path).resolve()
    if base_dir is None:
        return str(absolute)
    relative = Path(os.path.relpath(absolute, base_dir))
    if relative.parts[:2] == ("..", ".."):
        return str(absolute)
    return relative.as_posix()


def source_dict(source: Source, base_dir: Path | None = None) -> dict[str, Any]:
    """A source entry: the contract's keys, then url, language and warnings."""
    return {
        "id": source.id,
        "title": source.title,
        "outlet": source.outlet,
        "author": source.author,
        "published": source.published.isoformat() if source.published else None,
        # "path" is the text the quotes and paragraph numbers refer to (what the provenance check
        # reads); "original" is the file or URL as given when that text was extracted from it.
        "path": _path(source.text_path or source.path, base_dir),
        "original": _path(source.path, base_dir),
        "words": source.words,
        "url": source.url,
        "language": source.language,
        "warnings": list(source.warnings),
    }


def briefing_dict(briefing: Briefing, base_dir: Path | None = None) -> dict[str, Any]:
    """The whole briefing as plain JSON-ready data."""
    note = briefing.note
    return {
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "sources": [source_dict(s, base_dir) for s in briefing.sources],
        "bottom_line": [item_dict(i) for i in briefing.bottom_line],
        "sections": [
            {
                "theme": s.theme,
                "title": s.title,
                "description": s.description,
                "items": [item_dict(i) for i in s.items],
            }
            for s in briefing.sections
        ],
        "note": {
            "sources_read": note.sources_read,
            "skipped": [{"path": s.path, "reason": s.reason} for s in note.skipped],
            "duplicates": [{"path": d.path, "same_as": d.same_as} for d in note.duplicates],
            "merged_items": note.merged_items,
            "summariser": note.summariser,
            "theme_pack": note.theme_pack,
        },
        "contradictions": [
            {
                "kind": c.kind,
                "subject": c.subject,
                "first": item_dict(c.first),
                "second": item_dict(c.second),
            }
            for c in briefing.contradictions
        ],
        "key_numbers": [
            {"figure": k.figure, "subject": k.subject, **item_dict(k.item)}
            for k in briefing.key_numbers
        ],
        "profiles": [
            {
                "source": p.source,
                "kind": p.kind,
                "loaded_share": p.loaded_share,
                "first_person": p.first_person,
                "rhetorical": p.rhetorical,
                "terms": list(p.terms),
            }
            for p in briefing.profiles
        ],
        "coverage": briefing.coverage(),
        "previous": briefing.previous.isoformat() if briefing.previous else None,
        "gone": [gone_dict(i) for i in briefing.gone],
        "generator": {"name": "briefing", "version": __version__, "schema": SCHEMA_VERSION},
    }


def render(briefing: Briefing, settings: ExportSettings) -> bytes:
    """UTF-8 JSON, indented, keys in a fixed order (same briefing, same bytes)."""
    text = json.dumps(briefing_dict(briefing, settings.base_dir), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
