"""briefing: turn news sources on one story into a sourced editorial briefing."""

from __future__ import annotations

__version__ = "0.1.0"
