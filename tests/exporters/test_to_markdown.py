"""Markdown export: golden bytes, footnote citations, markup from sources kept literal."""

from __future__ import annotations

from briefing.exporters import export_bytes
from briefing.exporters.to_markdown import escape
from briefing.model import Briefing
from tests.conftest import check_golden


def test_golden(briefing: Briefing, update_goldens: bool) -> None:
    check_golden("briefing.md", export_bytes(briefing, "md"), update_goldens)


def test_every_citation_has_a_footnote(briefing: Briefing) -> None:
    text = export_bytes(briefing, "md").decode()
    refs = {r for r in text.split() if r.startswith("[^")}
    for number in range(1, 5):
        assert f"[^{number}]:" in text
    assert refs


def test_markup_is_escaped_and_controls_removed(nasty_briefing: Briefing) -> None:
    text = export_bytes(nasty_briefing, "md").decode()
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\x07" not in text
    assert "Министр обороны" in text


def test_escape() -> None:
    assert escape("a *b* [c](d) <e> | f_g") == "a \\*b\\* \\[c\\](d) \\<e\\> \\| f\\_g"
