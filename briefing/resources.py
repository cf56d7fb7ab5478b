"""Where the bundled data lives: the seed corpus and the templates (theme packs, styles, lexicons).

In a wheel they are package data under ``briefing/_bundled``; in a source checkout (also an
editable install) they are the top-level ``seeds/`` and ``templates/`` folders of the project.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def seeds_dir() -> Path:
    """The folder of the bundled default corpus (five articles on NATO troops to Ukraine)."""
    return _bundled("seeds")


def templates_dir() -> Path:
    """The folder of bundled templates: theme packs, document styles, lexicons."""
    return _bundled("templates")


def package_data(name: str) -> Path:
    """A data file that ships inside the package itself (``briefing/data/<name>``)."""
    return _PACKAGE / "data" / name
