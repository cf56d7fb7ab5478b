"""Writing output files safely: whole or not at all, never over others' files, one run at a time."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from briefing.errors import ExportError

log = logging.getLogger(__name__)


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Raises ExportError (naming the path and the reason) when the folder is missing or not
    writable, or when ``overwrite`` is false and the file exists.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    if not overwrite and path.exists():
        raise ExportError(f"cannot write {path}: the file exists; pass --force to replace it")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


# --- whose file is it -----------------------------------------------------------------------------

_PDF_CREATOR = re.compile(rb"/Creator \(briefing[ )]")
_DOCX_APP = re.compile(rb"<Application>briefing</Application>")


def written_by_briefing(path: Path) -> bool:
    """Whether the file at ``path`` is an output of briefing, told by its content: the JSON's
    generator, the PDF's creator, the DOCX's application, the Markdown's last line."""
    from briefing.exporters.to_markdown import SIGNATURE

    try:
        data = path.read_bytes()
    except OSError:
        return False
    if data.startswith(b"%PDF-"):
        return _PDF_CREATOR.search(data) is not None
    if data.startswith(b"PK"):
        return _docx_is_ours(data)
    if data.lstrip().startswith(b"{"):
        return _json_is_ours(data)
    lines = data.decode("utf-8", errors="replace").rstrip().rsplit("\n", 1)
    return lines[-1].strip() == SIGNATURE


def _docx_is_ours(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _DOCX_APP.search(archive.read("docProps/app.xml")) is not None
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def _json_is_ours(data: bytes) -> bool:
    try:
        generator = json.loads(data).get("generator") or {}
    except (ValueError, AttributeError):
        return False
    return isinstance(generator, dict) and generator.get("name") == "briefing"


def check_replaceable(path: Path, *, force: bool = False) -> None:
    """Raise ExportError when ``path`` exists and briefing did not write it (unless ``force``).

    A file that a person edited and saved again (Word sets its own name as the application) no
    longer counts as ours, so their work is not overwritten by the next scheduled run.
    """
    if force or not path.exists() or path.is_dir():
        return
    if not written_by_briefing(path):
        raise ExportError(
            f"refusing to overwrite {path}: briefing did not write it (or it was edited since); "
            "move it away or pass --force to replace it"
        )


# --- one run at a time ----------------------------------------------------------------------------

_POLL_SECONDS = 0.05


def lock_path(path: Path) -> Path:
    """The lock file that guards the output ``path``: a hidden file next to it."""
    return path.with_name(f".{path.name}.lock")


class OutputLock:
    """Exclusive locks on the outputs of one run, so two runs never write one file at once.

    ``with OutputLock(paths, wait=60):`` waits up to ``wait`` seconds for another run holding any
    of them, then raises ExportError. Locks are taken in path order (two runs wanting the same
    files cannot deadlock) and their files are removed when released. Uses ``fcntl.flock``, so the
    lock goes away with the process that held it, even when it is killed.
    """

    def __init__(self, paths: Sequence[Path], wait: float = 60.0) -> None:
        # Sorted by absolute path, so that two runs take shared locks in the same order.
        self.paths = [p for _, p in sorted({os.path.abspath(p): Path(p) for p in paths}.items())]
        self.wait = wait
        self._held: list[tuple[Path, int]] = []

    def __enter__(self) -> OutputLock:
        deadline = time.monotonic() + self.wait
        try:
            for path in self.paths:
                self._held.append((lock_path(path), self._acquire(path, deadline)))
        except BaseException:
            self.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        """Give up every lock held (removing the lock files first, then unlocking)."""
        while self._held:
            path, fd = self._held.pop()
            try:
                path.unlink(missing_ok=True)
            finally:
                os.close(fd)

    def _acquire(self, output: Path, deadline: float) -> int:
        folder, target = output.parent, lock_path(output)
        if not folder.is_dir():
            raise ExportError(f"cannot write {output}: folder {folder} does not exist")
        waited = False
        while True:
            try:
                fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise ExportError(f"cannot write {output}: {exc.strerror or exc}") from exc
            if _try_lock(fd):
                # The holder before us may have removed the file after we opened it: then our lock
                # is on a file nobody else will find, and we start again.
                try:
                    current = os.stat(target)
                    if (current.st_dev, current.st_ino) == _identity(fd):
                        return fd
                except FileNotFoundError:
                    pass
            os.close(fd)
            if time.monotonic() >= deadline:
                raise ExportError(
                    f"cannot write {output}: another briefing run is writing it (waited "
                    f"{self.wait:g} s for {target}); try again later or pass a longer --wait"
                )
            if not waited:
                log.warning("waiting for another briefing run that is writing %s", output)
                waited = True
            time.sleep(_POLL_SECONDS)


def _identity(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_dev, info.st_ino


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - no flock; O_EXCL files would go stale
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
