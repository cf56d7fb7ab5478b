"""`briefing summarize` through typer's CliRunner: formats, --all, --ratio, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from tests.conftest import SEEDS

runner = CliRunner()
ARTICLE = (
    "Council approves housing budget\n\n"
    "The city council approved the new housing budget on Monday evening. "
    "Residents said the housing plan would cut waiting lists for family homes.\n\n"
    "Opposition members warned that the costs of the housing scheme could double. "
    "Would it be limited to new homes?\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_text_output_is_one_cited_sentence_per_line(article: Path) -> None:
    result = runner.invoke(app, ["summarize", str(article), "-n", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("[¶") for line in lines)
    assert lines[0].split("] ", 1)[1] in ARTICLE


def test_json_shape(article: Path) -> None:
    result = runner.invoke(app, ["summarize", str(article), "-n", "2", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "centrality"
    assert [set(s) for s in data["sentences"]] == [{"text", "index", "paragraph", "score"}] * 2
    assert [s["index"] for s in data["sentences"]] == sorted(s["index"] for s in data["sentences"])
    for s in data["sentences"]:
        assert s["text"] in ARTICLE
        assert isinstance(s["paragraph"], int) and 0.0 <= s["score"] <= 1.0


def test_all_gives_every_sentence_and_what_was_picked(article: Path) -> None:
    result = runner.invoke(app, ["summarize", str(article), "-n", "1", "-f", "json", "--all"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["sentences"]
    assert [r["index"] for r in rows] == [0, 1, 2, 3]
    assert sum(r["selected"] for r in rows) == 1
    assert rows[3]["reason"] == "question" and rows[3]["score"] == 0.0
    text = runner.invoke(app, ["summarize", str(article), "-n", "1", "--all"]).stdout
    assert len(text.splitlines()) == 4
    assert sum(line.startswith("*") for line in text.splitlines()) == 1
    assert "(question)" in text


def test_ratio_and_method(article: Path) -> None:
    result = runner.invoke(
        app, ["summarize", str(article), "--ratio", "0.34", "-m", "lead", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "lead"
    assert [s["index"] for s in data["sentences"]] == [0]  # round(0.34 × 3 statements)


def test_a_seed_article() -> None:
    seed = sorted(SEEDS.glob("002_*.txt"))[0]
    result = runner.invoke(app, ["summarize", str(seed), "-f", "json"])
    assert result.exit_code == 0, result.output
    texts = [s["text"] for s in json.loads(result.stdout)["sentences"]]
    assert len(texts) == 5
    assert not any("guys" in t or "let's" in t.lower() or t.endswith("?") for t in texts)


@pytest.mark.parametrize(
    ("content", "args", "code", "message"),
    [
        (None, [], 3, "No such file"),
        ("", [], 3, "the file is empty"),
        ("\x00\x01\x02binary\xff" * 50, [], 3, "cannot read"),
        (ARTICLE, ["-n", "2", "--ratio", "0.5"], 2, "not both"),
        (ARTICLE, ["--ratio", "1.5"], 2, "at most 1"),
        (ARTICLE, ["-m", "nope"], 2, "unknown summariser 'nope'"),
    ],
)
def test_errors_are_one_line_without_traceback(
    tmp_path: Path, content: str | None, args: list[str], code: int, message: str
) -> None:
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content.encode("latin-1") if "\x00" in content else content.encode())
    result = runner.invoke(app, ["summarize", str(path), *args])
    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing: ") and message in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_one_sentence_and_no_punctuation(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Headline\n\nThe council approved the new budget on Monday.\n", "utf-8")
    result = runner.invoke(app, ["summarize", str(one)])
    assert result.exit_code == 0 and result.stdout == (
        "[¶2] The council approved the new budget on Monday.\n"
    )
    flat = tmp_path / "flat.txt"
    words = "the council budget vote on monday went on for hours and hours " * 3
    flat.write_text(f"Headline\n\n{words}\n\n{words} again\n", "utf-8")
    result = runner.invoke(app, ["summarize", str(flat), "-n", "1"])
    assert result.exit_code == 0
    assert result.stdout.startswith("[¶")
    assert "none of its sentences are full statements" in result.stderr


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["summarize", "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "--ratio" in result.stdout
