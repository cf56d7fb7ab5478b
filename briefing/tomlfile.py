"""Reading TOML files (manifests, theme packs, lexicons, brief.toml) with one error style."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["parse_toml", "read_toml", "tomllib"]

_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)")


def parse_toml(text: str, where: str) -> dict[str, Any]:
    """The TOML document in ``text``; raises ConfigError "<where>:<line>: invalid TOML: …"."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _POSITION.search(message)
        place = f"{where}:{at.group(1)}" if at else where
        reason = message[: at.start()].strip() if at else message
        raise ConfigError(f"{place}: invalid TOML: {reason}") from exc
    return data


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The TOML file at ``path``, called ``what`` in messages ("manifest", "theme pack" …).

    Raises ConfigError naming the file and the reason when it cannot be read or parsed.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read {what} {path}: not UTF-8") from exc
    return parse_toml(text, str(path))
