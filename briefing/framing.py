"""Loaded and evaluative language: the lexicon in templates/ and the flags it puts on items."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.errors import ConfigError
from briefing.resources import templates_dir
from briefing.themes import phrase_regex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A list of loaded terms, matched as whole words, case-insensitively."""

    name: str
    terms: tuple[str, ...]

    def flags(self, sentence: str) -> tuple[str, ...]:
        """The lexicon terms the sentence uses, lower-cased, in order of first use."""
        regex = phrase_regex(self.terms)
        if regex is None:
            return ()
        return tuple(dict.fromkeys(m.group(0).lower() for m in regex.finditer(sentence)))


def read_lexicon(path: Path) -> Lexicon:
    """A lexicon from a TOML file with a ``terms`` list; raises ConfigError when invalid."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"invalid lexicon {path}: {exc}") from exc
    terms = data.get("terms")
    if not isinstance(terms, list) or not all(isinstance(t, str) and t for t in terms):
        raise ConfigError(f"{path}: 'terms' must be a list of strings")
    return Lexicon(name=str(data.get("name", path.stem)), terms=tuple(terms))


@cache
def load_lexicon(name: str = "loaded") -> Lexicon:
    """The bundled lexicon ``name`` (templates/lexicons/<name>.toml) or a lexicon file path."""
    bundled = templates_dir() / "lexicons" / f"{name}.toml"
    return read_lexicon(bundled if bundled.is_file() else Path(name))
