"""Writing outputs: atomic writes, telling our files from others', one run at a time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.errors import ExportError
from briefing.exporters import export
from briefing.model import Briefing
from briefing.outputs import (
    OutputLock,
    check_replaceable,
    lock_path,
    write_atomic,
    written_by_briefing,
)
from tests.conftest import ROOT


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    with pytest.raises(ExportError, match="the file exists; pass --force"):
        write_atomic(target, b"three", overwrite=False)
    with pytest.raises(ExportError, match=r"folder .* does not exist"):
        write_atomic(tmp_path / "no" / "a.txt", b"x")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "json"])
def test_our_outputs_are_recognised(tmp_path: Path, briefing: Briefing, fmt: str) -> None:
    path = export(briefing, tmp_path / f"b.{fmt}")
    assert written_by_briefing(path)
    check_replaceable(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.md", b"# My notes\n\nNot a briefing.\n"),
        ("data.json", b'{"generator": {"name": "someone-else"}}'),
        ("list.json", b"[1, 2]"),
        ("report.pdf", b"%PDF-1.4\n/Creator (LibreOffice)\n%%EOF"),
        ("report.docx", b"PK\x03\x04 not really a zip"),
        ("empty.md", b""),
    ],
)
def test_other_files_are_not_replaced(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert not written_by_briefing(path)
    with pytest.raises(ExportError, match=f"refusing to overwrite .*{name}: briefing did not"):
        check_replaceable(path)
    check_replaceable(path, force=True)
    check_replaceable(tmp_path / "missing.md")


def test_an_edited_markdown_briefing_is_no_longer_ours(tmp_path: Path, briefing: Briefing) -> None:
    path = export(briefing, tmp_path / "b.md")
    path.write_text(path.read_text(encoding="utf-8") + "\nMy own conclusions.\n", encoding="utf-8")
    assert not written_by_briefing(path)


def test_lock_excludes_a_second_holder_and_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    with OutputLock([out, tmp_path / "b.md"]):
        assert lock_path(out).exists()
        start = time.monotonic()
        with (
            pytest.raises(ExportError, match="another briefing run is writing it"),
            OutputLock([out], wait=0.2),
        ):
            pass
        assert time.monotonic() - start >= 0.2
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    with OutputLock([out], wait=0):
        pass


def test_lock_needs_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"cannot write .*b\.json: folder .* does not exist"):
        OutputLock([tmp_path / "no" / "b.json"]).__enter__()


def test_lock_held_by_another_process(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from briefing.outputs import OutputLock\n"
            f"with OutputLock([Path({str(out)!r})]):\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(1.0)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(ExportError, match="another briefing run"), OutputLock([out], wait=0.1):
            pass
        # Waiting long enough gets the lock once the other process lets go.
        with OutputLock([out], wait=20):
            assert holder.poll() == 0 or holder.wait(5) == 0
    finally:
        holder.kill()
        holder.wait()
