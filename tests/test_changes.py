"""Comparing with the previous brief: new, continuing and gone statements."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.changes import Previous, compare, find_previous, read_previous
from briefing.errors import UsageError
from briefing.exporters import export, export_bytes
from briefing.model import Briefing, Item, Section
from tests.conftest import make_briefing, make_item

REQUEST = "Ukrainian officials have asked their counterparts to help train 150,000 new recruits."
WARNING = "The Kremlin has warned that this would trigger a direct war with NATO."


def _previous(*items: Item, date: dt.date = dt.date(2024, 5, 25)) -> Previous:
    return Previous(Path("last.json"), date, "Last week", items)


def _all_items(briefing: Briefing) -> list[Item]:
    return [*briefing.bottom_line, *(i for s in briefing.sections for i in s.items)]


def test_new_continuing_and_gone() -> None:
    old_request = make_item(REQUEST, ("S7", 4), theme="requests")
    old_other = make_item("Talks in Geneva ended without an agreement on Friday.", ("S2", 9))
    compared = compare(make_briefing(), _previous(old_request, old_other))
    status = {i.text: i.status for i in _all_items(compared)}
    assert status[REQUEST] == "continuing"
    assert status[WARNING] == "new"
    assert {s for s in status.values()} == {"new", "continuing"}
    assert compared.gone == (old_other,)
    assert compared.previous == dt.date(2024, 5, 25)
    # The bottom line and the sections carry the same marks.
    assert compared.bottom_line[0].status == compared.sections[0].items[0].status == "continuing"


def test_same_statement_in_other_words_or_typography_continues() -> None:
    curly = make_item(WARNING.replace("NATO", "“NATO”"), ("S1", 1))
    reworded = make_item(
        "Ukrainian officials asked their counterparts to help train 150,000 new recruits soon.",
        ("S3", 2),
    )
    compared = compare(make_briefing(), _previous(curly, reworded))
    assert {i.text: i.status for i in _all_items(compared)}[WARNING] == "continuing"
    assert {i.text: i.status for i in _all_items(compared)}[REQUEST] == "continuing"
    assert compared.gone == ()


def test_a_quote_of_another_source_counts_as_the_statement() -> None:
    old = make_item("Something else entirely was said.", ("S1", 1), ("S2", 3, WARNING))
    compared = compare(make_briefing(), _previous(old))
    assert {i.text: i.status for i in _all_items(compared)}[WARNING] == "continuing"


def test_nothing_before_means_everything_new() -> None:
    compared = compare(make_briefing(), _previous())
    assert {i.status for i in _all_items(compared)} == {"new"}
    assert compared.gone == ()


def test_read_previous_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "last.json"
    export(make_briefing(), path)
    previous = read_previous(path)
    assert previous.date == dt.date(2024, 6, 1)
    assert [i.text for i in previous.items][:2] == [REQUEST, WARNING]
    assert len({i.text for i in previous.items}) == len(previous.items)  # bottom line not twice


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"title": "x"}', "not a briefing made by briefing"),
        ("not json", "cannot use"),
    ],
)
def test_read_previous_refuses_other_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        read_previous(path)
    with pytest.raises(UsageError, match="cannot read previous brief"):
        read_previous(tmp_path / "missing.json")


def _brief_json(folder: Path, name: str, day: dt.date) -> Path:
    path = folder / name
    export(replace(make_briefing(), date=day), path)
    return path


def test_find_previous_takes_the_latest_earlier_brief(tmp_path: Path) -> None:
    _brief_json(tmp_path, "2024-W19.json", dt.date(2024, 5, 12))
    w20 = _brief_json(tmp_path, "2024-W20.json", dt.date(2024, 5, 19))
    w21 = _brief_json(tmp_path, "2024-W21.json", dt.date(2024, 5, 26))
    _brief_json(tmp_path, "2024-W22.json", dt.date(2024, 6, 2))
    (tmp_path / "other.json").write_text('{"date": "2024-05-25"}', encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert find_previous(tmp_path, dt.date(2024, 5, 26)) == w20
    assert find_previous(tmp_path, dt.date(2024, 6, 2), exclude=[w21]) == w20
    assert find_previous(tmp_path, dt.date(2024, 5, 12)) is None
    assert find_previous(tmp_path / "missing", dt.date(2024, 5, 26)) is None


def test_find_previous_in_subfolders(tmp_path: Path) -> None:
    (tmp_path / "2024-W20").mkdir()
    w20 = _brief_json(tmp_path / "2024-W20", "brief.json", dt.date(2024, 5, 19))
    assert find_previous(tmp_path, dt.date(2024, 5, 26)) is None
    assert find_previous(tmp_path, dt.date(2024, 5, 26), recursive=True) == w20


def _compared() -> Briefing:
    gone = make_item("Talks in Geneva ended without an agreement on Friday.", ("S9", 4))
    return compare(make_briefing(), _previous(make_item(REQUEST, ("S7", 4)), gone))


def test_json_keeps_gone_statements_out_of_the_provenance_check() -> None:
    data = json.loads(export_bytes(_compared(), "json"))
    assert data["previous"] == "2024-05-25"
    assert data["gone"] == [
        {
            "text": "Talks in Geneva ended without an agreement on Friday.",
            "was_cited": [{"source": "S9", "paragraph": 4}],
            "theme": "context",
        }
    ]
    assert data["bottom_line"][0]["status"] == "continuing"
    assert data["bottom_line"][1]["status"] == "new"


def test_json_without_comparison_has_no_status() -> None:
    data = json.loads(export_bytes(make_briefing(), "json"))
    assert data["previous"] is None and data["gone"] == []
    assert {i["status"] for i in data["bottom_line"]} == {None}


def test_markdown_marks_and_lists_gone_without_current_footnotes() -> None:
    text = export_bytes(_compared(), "md").decode()
    assert "compared with the brief of 2024-05-25: 3 new, 1 continuing, 1 gone" in text
    assert f"- **New:** {WARNING}" in text
    assert "continuing from the brief of 2024-05-25" in text
    gone = text.split("## Gone since the brief of 2024-05-25", 1)[1].split("## Sources")[0]
    assert "Talks in Geneva ended without an agreement on Friday." in gone
    assert "citing its S9 ¶4" in gone and "[^" not in gone  # S9 is not a source of this brief


def test_gone_statement_with_only_a_gone_section() -> None:
    """A brief whose sections are empty still renders its comparison in every text format."""
    empty = replace(
        make_briefing(), bottom_line=(), sections=(Section("requests", "Requests", ()),)
    )
    compared = compare(empty, _previous(make_item(REQUEST, ("S7", 4))))
    assert compared.gone and "## Gone since" in export_bytes(compared, "md").decode()
