"""JSON export: the contract's keys and types, golden bytes, determinism."""

from __future__ import annotations

import json
import re

from briefing.exporters import export_bytes
from briefing.model import Briefing
from tests.conftest import check_golden

ITEM_KEYS = {"text", "citations"}


def _items(data: dict) -> list[dict]:  # type: ignore[type-arg]
    out = list(data["bottom_line"])
    for section in data["sections"]:
        out.extend(section["items"])
    return out


def test_contract_keys_and_types(briefing: Briefing) -> None:
    data = json.loads(export_bytes(briefing, "json"))
    assert isinstance(data["title"], str)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["date"])
    for source in data["sources"]:
        assert {"id", "title", "outlet", "author", "published", "path", "words"} <= source.keys()
        assert isinstance(source["words"], int)
        assert source["published"] is None or re.fullmatch(
            r"\d{4}-\d{2}-\d{2}", source["published"]
        )
    assert [s["theme"] for s in data["sections"]] == [
        "requests",
        "official_positions",
        "escalation_warnings",
        "disputed_framing",
    ]
    for item in _items(data):
        assert item.keys() >= ITEM_KEYS
        for cite in item["citations"]:
            assert isinstance(cite["source"], str) and isinstance(cite["paragraph"], int)


def test_quote_only_when_wording_differs(briefing: Briefing) -> None:
    data = json.loads(export_bytes(briefing, "json"))
    assert all("quote" not in c for i in _items(data) for c in i["citations"])


def test_golden(briefing: Briefing, update_goldens: bool) -> None:
    check_golden("briefing.json", export_bytes(briefing, "json"), update_goldens)


def test_unicode_and_markup_survive_as_text(nasty_briefing: Briefing) -> None:
    data = json.loads(export_bytes(nasty_briefing, "json"))
    texts = [i["text"] for i in _items(data)]
    assert any("Министр обороны" in t and "<b>NATO</b>" in t for t in texts)
