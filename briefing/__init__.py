"""briefing: turn news sources on one story into a sourced editorial briefing.

The public API::

    from briefing import load_sources, build_briefing, export, export_bytes, Options

    corpus = load_sources(["articles/"])          # or load_sources() for the bundled seeds
    brief = build_briefing(corpus, Options(date=datetime.date(2024, 6, 1)))
    export(brief, "brief.pdf")                    # format from the suffix; atomic write
    data = export_bytes(brief, "json")            # or bytes in any format

Names are imported on first use, so ``import briefing`` stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_sources": "briefing.sources",
    "read_file": "briefing.sources",
    "build_briefing": "briefing.pipeline",
    "export": "briefing.exporters",
    "export_bytes": "briefing.exporters",
    "ExportSettings": "briefing.exporters",
    "Paper": "briefing.exporters",
    "FORMATS": "briefing.exporters",
    "Options": "briefing.config",
    "Briefing": "briefing.model",
    "Corpus": "briefing.model",
    "Source": "briefing.model",
    "Item": "briefing.model",
    "Section": "briefing.model",
    "Citation": "briefing.model",
    "BriefingError": "briefing.errors",
    "ConfigError": "briefing.errors",
    "ExportError": "briefing.errors",
    "SourceError": "briefing.errors",
    "UsageError": "briefing.errors",
    "Window": "briefing.window",
    "Undated": "briefing.window",
    "parse_week": "briefing.window",
    "within": "briefing.window",
    "Previous": "briefing.changes",
    "compare": "briefing.changes",
    "read_previous": "briefing.changes",
    "find_previous": "briefing.changes",
    "Project": "briefing.project",
    "load_project": "briefing.project",
    "scaffold": "briefing.project",
}

__all__ = [
    "FORMATS",
    "Briefing",
    "BriefingError",
    "Citation",
    "ConfigError",
    "Corpus",
    "ExportError",
    "ExportSettings",
    "Item",
    "Options",
    "Paper",
    "Previous",
    "Project",
    "Section",
    "Source",
    "SourceError",
    "Undated",
    "UsageError",
    "Window",
    "__version__",
    "build_briefing",
    "compare",
    "export",
    "export_bytes",
    "find_previous",
    "load_project",
    "load_sources",
    "parse_week",
    "read_file",
    "read_previous",
    "scaffold",
    "within",
]

if TYPE_CHECKING:
    from briefing.changes import Previous, compare, find_previous, read_previous
    from briefing.config import Options
    from briefing.errors import BriefingError, ConfigError, ExportError, SourceError, UsageError
    from briefing.exporters import FORMATS, ExportSettings, Paper, export, export_bytes
    from briefing.model import Briefing, Citation, Corpus, Item, Section, Source
    from briefing.pipeline import build_briefing
    from briefing.project import Project, load_project, scaffold
    from briefing.sources import load_sources, read_file
    from briefing.window import Undated, Window, parse_week, within


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
