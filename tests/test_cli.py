"""The command line through typer's CliRunner: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing import __version__
from briefing.cli import app

runner = CliRunner()
ARTICLE = (
    "A Headline About Talks\n\nThe ministers met in Brussels on Thursday to discuss the plan. "
    "They agreed to meet again next month, officials said.\n"
)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"briefing {__version__}"


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["make", "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "--format" in result.stdout


def test_make_json_and_md_from_seeds(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["make", "-f", "json", "-f", "md", "--date", "2024-06-01", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "briefing.json").read_text(encoding="utf-8"))
    assert data["date"] == "2024-06-01" and len(data["sources"]) == 5
    assert (tmp_path / "briefing.md").read_text(encoding="utf-8").startswith("# ")


def test_output_file_name_is_used(tmp_path: Path) -> None:
    target = tmp_path / "brief.json"
    result = runner.invoke(app, ["make", "-f", "json", "--date", "2024-06-01", "-o", str(target)])
    assert result.exit_code == 0 and target.exists()


def test_same_date_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        runner.invoke(
            app,
            [
                "make",
                "-f",
                "json",
                "-f",
                "md",
                "--date",
                "2024-06-01",
                "-o",
                str(tmp_path / name) + "/",
            ],
        )
    for suffix in ("json", "md"):
        assert (tmp_path / "a" / f"briefing.{suffix}").read_bytes() == (
            tmp_path / "b" / f"briefing.{suffix}"
        ).read_bytes()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["make", "/no/such/dir", "-f", "json"], 3, "no usable sources"),
        (["make", "-f", "xls"], 2, "unknown format 'xls'"),
        (["make", "-f", "json", "--date", "1 June"], 2, "--date must be YYYY-MM-DD"),
        (
            ["make", "-f", "json", "-o", "/no/such/dir/b.json"],
            4,
            "cannot write /no/such/dir/b.json",
        ),
    ],
)
def test_bad_input_exits_with_one_line(args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_empty_folder(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["make", str(tmp_path), "-f", "json", "-o", str(tmp_path / "b.json")]
    )
    assert result.exit_code == 3
    assert "folder has no readable sources" in result.stderr
    assert not (tmp_path / "b.json").exists()


def test_binary_source_among_good_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff" * 100)
    out = tmp_path / "b.json"
    result = runner.invoke(
        app, ["make", str(tmp_path), "-f", "json", "--date", "2024-06-01", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "not text" in result.stderr
    note = json.loads(out.read_text(encoding="utf-8"))["note"]
    assert [Path(s["path"]).name for s in note["skipped"]] == ["bad.txt"]


def test_strict_stops_at_a_bad_source(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff" * 100)
    out = tmp_path / "b.json"
    result = runner.invoke(app, ["make", str(tmp_path), "-f", "json", "--strict", "-o", str(out)])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "bad.txt" in result.stderr
    assert not out.exists()


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    out.mkdir()  # a folder where the file should go
    result = runner.invoke(app, ["make", "-f", "json", "-o", str(out / "x" / "y.json")])
    assert result.exit_code == 4
    assert list(tmp_path.rglob("*.part")) == []


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from briefing.cli import app\n"
        "heavy = [m for m in ('nltk', 'numpy', 'reportlab', 'docx') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
