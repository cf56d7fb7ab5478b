"""The code stays typed (mypy --strict) and lint-clean (ruff), as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_ruff() -> None:
    pytest.importorskip("ruff", reason="ruff is not installed (pip install .[test])")
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "briefing", "tests", "examples", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-3000:]


def test_mypy_strict() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install .[test])")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "briefing"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-3000:]


def test_ruff_format() -> None:
    pytest.importorskip("ruff", reason="ruff is not installed (pip install .[test])")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "briefing",
            "tests",
            "examples",
            "benchmarks",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-3000:]
