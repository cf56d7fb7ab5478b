"""Writers for each output format behind one registry; CLI choices and suffixes come from here.

Each writer is a module ``to_<format>.py`` with ``render(briefing, settings) -> bytes``. Modules are
imported only when their format is used, so ``briefing --help`` does not pay for reportlab.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import cast

from briefing.errors import ExportError, UsageError
from briefing.model import Briefing
from briefing.outputs import write_atomic


class Paper(str, Enum):
    """Page sizes the paged formats know."""

    A4 = "a4"
    LETTER = "letter"


@dataclass(frozen=True, slots=True)
class ExportSettings:
    """Options that change how a briefing is written, not what it says."""

    paper: Paper = Paper.A4
    template: str = "default"
    # The folder the file is written to; writers that record source paths (JSON) make them
    # relative to it when that is short, so a briefing and its sources can move together.
    base_dir: Path | None = None


@dataclass(frozen=True, slots=True)
class Format:
    """One output format: its name, file suffix and the module that writes it."""

    name: str
    suffix: str
    description: str
    module: str

    def render(self, briefing: Briefing, settings: ExportSettings) -> bytes:
        """Render the briefing in this format; raises ExportError when the writer fails."""
        writer = cast(
            "Callable[[Briefing, ExportSettings], bytes]",
            importlib.import_module(self.module).render,
        )
        try:
            return writer(briefing, settings)
        except ExportError:
            raise
        except (ValueError, OSError, KeyError) as exc:
            raise ExportError(f"cannot write {self.name.upper()}: {exc}") from exc


FORMATS: dict[str, Format] = {
    "pdf": Format(
        "pdf", ".pdf", "PDF document (reportlab, embedded fonts)", "briefing.exporters.to_pdf"
    ),
    "docx": Format("docx", ".docx", "Word document (python-docx)", "briefing.exporters.to_docx"),
    "md": Format("md", ".md", "Markdown with footnote citations", "briefing.exporters.to_markdown"),
    "json": Format(
        "json", ".json", "JSON (the machine-readable contract)", "briefing.exporters.to_json"
    ),
}


def get_format(name: str) -> Format:
    """The registered format called ``name`` (case-insensitive); raises UsageError otherwise."""
    try:
        return FORMATS[name.lower().lstrip(".")]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UsageError(f"unknown format {name!r}; choose one of: {known}") from None


def format_for_path(path: Path) -> Format | None:
    """The format whose suffix the path has, if any."""
    for fmt in FORMATS.values():
        if path.suffix.lower() == fmt.suffix:
            return fmt
    return None


def export_bytes(briefing: Briefing, fmt: str, settings: ExportSettings | None = None) -> bytes:
    """The briefing rendered in format ``fmt`` ("pdf", "docx", "md" or "json")."""
    return get_format(fmt).render(briefing, settings or ExportSettings())


def export(
    briefing: Briefing,
    path: str | Path,
    fmt: str | None = None,
    settings: ExportSettings | None = None,
    *,
    overwrite: bool = True,
) -> Path:
    """Write the briefing to ``path`` atomically and return the path written.

    The format is ``fmt`` or, when not given, the one the path's suffix names. Raises UsageError for
    an unknown format and ExportError when the file cannot be written; a failed write leaves no
    partial file behind.
    """
    target = Path(path)
    chosen = get_format(fmt) if fmt else format_for_path(target)
    if chosen is None:
        raise UsageError(
            f"cannot tell the format of {target}: give a suffix ({', '.join(FORMATS)}) or a format"
        )
    settings = replace(settings or ExportSettings(), base_dir=target.parent.resolve())
    data = chosen.render(briefing, settings)
    write_atomic(target, data, overwrite=overwrite)
    return target
