"""The examples in examples/ run as documented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_api_example_runs(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "api.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert "NATO troops to Ukraine: 5 sources" in out.stdout
    assert (tmp_path / "api-briefing.pdf").read_bytes().startswith(b"%PDF-")


def test_readme_quick_start_commands_are_the_ones_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install . && briefing make\n" in readme
    assert 'pip install ".[test]" && python -m pytest\n' in readme
    assert "grep -m1 -E '^pip install .*&& python -m pytest' README.md" in ci


def test_wheel_carries_seeds_and_templates(tmp_path: Path) -> None:
    """Installed from a wheel and run from another folder, `briefing make` still finds the seeds."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "site"
    import zipfile

    zipfile.ZipFile(next(wheels.glob("briefing-*.whl"))).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    code = "from briefing.cli import main; main()"
    out = subprocess.run(
        [sys.executable, "-c", code, "make", "-f", "json", "--date", "2024-06-01"],
        cwd=work,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads((work / "briefing.json").read_text(encoding="utf-8"))
    first = (work / data["sources"][0]["path"]).resolve()
    assert first.is_relative_to(site / "briefing" / "_bundled" / "seeds")


def test_weekly_script_runs_a_week_in_an_init_project(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefing.cli import app

    desk = tmp_path / "desk"
    assert CliRunner().invoke(app, ["init", str(desk)]).exit_code == 0
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    (desk / "sources" / seed.name).write_bytes(seed.read_bytes())
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "briefing").write_text(
        f"#!/bin/sh\nexec {sys.executable} -c 'from briefing.cli import main; main()' \"$@\"\n"
    )
    (bindir / "briefing").chmod(0o755)
    env = {"PATH": f"{bindir}:/usr/bin:/bin", "WEEK": "2024-W20", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        ["bash", str(ROOT / "examples" / "weekly.sh")],
        cwd=desk,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert list((desk / "out").glob("*2024-W20*"))


def test_committed_example_briefings_are_current(tmp_path: Path) -> None:
    """examples/briefing.* are what `python examples/generate.py` writes today."""
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "generate.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    for suffix in ("pdf", "docx", "md"):
        fresh = (tmp_path / f"briefing.{suffix}").read_bytes()
        assert fresh == (ROOT / "examples" / f"briefing.{suffix}").read_bytes(), (
            f"examples/briefing.{suffix} is stale: run python examples/generate.py"
        )

    def without_paths(path: Path) -> dict[str, object]:
        data = json.loads(path.read_text(encoding="utf-8"))
        for source in data["sources"]:
            source.pop("path")
            source.pop("original")
        return data  # type: ignore[no-any-return]

    assert without_paths(tmp_path / "briefing.json") == without_paths(
        ROOT / "examples" / "briefing.json"
    )
