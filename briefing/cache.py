"""Where briefing keeps files between runs: fetched pages and the extracted text of sources."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

ENV_VAR = "BRIEFING_CACHE_DIR"


def cache_dir() -> Path:
    """The cache folder: $BRIEFING_CACHE_DIR, else $XDG_CACHE_HOME/briefing, else ~/.cache/briefing.

    An environment variable set to an empty string counts as unset.
    """
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "briefing"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so readers never see half a file.

    Raises OSError when the folder cannot be made or written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes files only the owner can read; a cache of public articles need not be.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_text(text: str) -> Path:
    """The path of a cached copy of ``text`` (UTF-8), written if it is not there yet.

    Files are named by the SHA-256 of their content, so the same article text always gets the
    same file and concurrent runs cannot clash. Raises OSError when the cache is not writable.
    """
    data = text.encode("utf-8")
    path = cache_dir() / "text" / f"{hashlib.sha256(data).hexdigest()}.txt"
    if not (path.is_file() and path.stat().st_size == len(data)):
        write_atomic(path, data)
    return path
