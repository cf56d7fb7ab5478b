"""The cache folder: where it is, and texts stored by content."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from briefing.cache import cache_dir, store_text


def test_cache_folder_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "")
    assert cache_dir() == tmp_path / "xdg" / "briefing"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "briefing"


def test_same_text_same_file(_cache: Path) -> None:
    first = store_text("Paragraph one.\n\nParagraph two.\n")
    assert store_text("Paragraph one.\n\nParagraph two.\n") == first
    assert store_text("Another text.\n") != first
    assert first.parent == _cache / "text"
    assert first.read_text(encoding="utf-8") == "Paragraph one.\n\nParagraph two.\n"
    assert stat.S_IMODE(first.stat().st_mode) == 0o644
    assert not list(first.parent.glob(".*.tmp"))
