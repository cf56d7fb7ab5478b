"""`briefing sources`: what each source read as, in a table or JSON, with warnings and --strict."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefing.cli import app
from tests.readers.conftest import PARAGRAPHS, Route, Server, make_docx, news_page

runner = CliRunner()
KEYS = {"id", "title", "author", "outlet", "published", "url", "language", "path", "words"}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_page.html").write_text(news_page(), encoding="utf-8")
    make_docx(folder / "b_memo.docx", PARAGRAPHS[::-1], heading="Memo on trainers", author="Tom Li")
    (folder / "c_old.txt").write_bytes(
        ("Old notes\n\nThe café meeting – in Brüssel – ended late, officials said.\n").encode(
            "cp1252"
        )
    )
    (folder / "d_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "e_empty.md").write_text("   \n", encoding="utf-8")
    return folder


def test_json_lists_every_source_with_metadata_and_warnings(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sources", str(_folder(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = data["sources"]
    assert [r["id"] for r in rows] == ["S1", "S2", "S3"]
    assert all(KEYS | {"warnings"} <= set(r) for r in rows)
    page, memo, old = rows
    assert (page["title"], page["author"], page["outlet"], page["published"], page["language"]) == (
        "Allies weigh request for trainers in Ukraine",
        "Maria Ortega",
        "The Daily Ledger",
        "2024-05-17",
        "en-GB",
    )
    assert page["path"].endswith("a_page.html") and page["words"] > 100
    assert (memo["title"], memo["author"]) == ("Memo on trainers", "Tom Li")
    assert old["warnings"] == ["decoded as cp1252"]
    assert "text" not in page
    assert {Path(s["path"]).name: s["reason"] for s in data["skipped"]} == {
        "d_binary.txt": "not text (binary data)",
        "e_empty.md": "the file is empty",
    }
    assert "warning: skipped" in result.stderr and "d_binary.txt" in result.stderr


def test_text_option_adds_the_cleaned_article(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(news_page(), encoding="utf-8")
    result = runner.invoke(app, ["sources", str(tmp_path / "a.html"), "-f", "json", "--text"])
    text = json.loads(result.stdout)["sources"][0]["text"]
    assert text.split("\n\n")[0] == PARAGRAPHS[0]
    assert "Subscribe" not in text and "What happens next" in text


def test_plain_table_when_piped(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sources", str(_folder(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "ID", "WORDS", "PUBLISHED", "OUTLET", "AUTHOR", "TITLE", "PATH", "WARNINGS"
    ]  # fmt: skip
    assert lines[1].startswith("S1") and "a_page.html" in lines[1] and "Maria Ortega" in lines[1]
    assert lines[3].endswith("decoded as cp1252")
    assert len(lines) == 4


def test_seeds_by_default() -> None:
    result = runner.invoke(app, ["sources", "-f", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["sources"]) == 5


def test_strict_turns_warnings_into_exit_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sources", str(_folder(tmp_path)), "--strict"])
    assert result.exit_code == 3
    assert "briefing: 3 sources with warnings (--strict)" in result.stderr
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.html").write_text(news_page(), encoding="utf-8")
    assert runner.invoke(app, ["sources", str(clean), "--strict"]).exit_code == 0


def test_nothing_usable_is_one_line_and_exit_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sources", str(tmp_path / "missing")])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines()[-1].startswith("briefing: no usable sources")


def test_urls_with_timeout_and_refresh(server: Server, tmp_path: Path) -> None:
    server.routes["/story"] = Route(body=news_page().encode("utf-8"))
    server.routes["/slow"] = Route(delay=10)
    args = ["sources", server.url("/story"), server.url("/slow"), "-f", "json", "--timeout", "0.5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["path"] for r in data["sources"]] == [server.url("/story")]
    assert data["skipped"] == [{"path": server.url("/slow"), "reason": "timed out after 0.5 s"}]
    runner.invoke(app, ["sources", server.url("/story")])
    assert [p for p, _ in server.requests].count("/story") == 1  # cached
    runner.invoke(app, ["sources", server.url("/story"), "--refresh"])
    assert [p for p, _ in server.requests].count("/story") == 2


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["sources", "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "--strict" in result.stdout
