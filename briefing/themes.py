"""Theme packs: data files of themes with cues, and placing a sentence under a theme."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.errors import ConfigError
from briefing.resources import templates_dir
from briefing.tomlfile import read_toml

CONTEXT = "context"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A regular-expression cue, shown by its label."""

    cue: str
    regex: re.Pattern[str]
    weight: float = 2.0


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme: its id (the JSON ``theme``), heading, and cues."""

    id: str
    title: str
    description: str
    cues: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    cue_regex: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a sentence goes and which cues put it there."""

    theme: str
    cues: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class ThemePack:
    """An ordered set of themes plus the title of the section for sentences that fit none."""

    name: str
    description: str
    themes: tuple[Theme, ...]
    context_title: str = "Context"
    path: str = ""

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id, if the pack has it."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def place(self, sentence: str, boost: dict[str, tuple[str, ...]] | None = None) -> Placement:
        """The theme whose cues weigh most in ``sentence`` (ties: first listed), else context.

        ``boost`` adds cues found elsewhere (e.g. loaded terms) to a theme, one weight each.
        """
        best = Placement(CONTEXT, (), 0.0)
        for theme in self.themes:
            found: list[str] = []
            weight = 0.0
            if theme.cue_regex is not None:
                for match in theme.cue_regex.finditer(sentence):
                    cue = match.group(0).lower()
                    if cue not in found:
                        found.append(cue)
                        weight += 1.0
            for pattern in theme.patterns:
                if pattern.regex.search(sentence) and pattern.cue not in found:
                    found.append(pattern.cue)
                    weight += pattern.weight
            for cue in (boost or {}).get(theme.id, ()):
                if cue not in found:
                    found.append(cue)
                    weight += 1.0
            if weight > best.weight:
                best = Placement(theme.id, tuple(found), weight)
        return best


@cache
def phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive regex matching any phrase as whole words (longest first)."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _string(table: dict[str, object], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{key}' must be a non-empty string")
    return value


def _theme(table: object, where: str) -> Theme:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: each [[themes]] entry must be a table")
    theme_id = _string(table, "id", where)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", theme_id):
        raise ConfigError(f"{where}: theme id {theme_id!r} must be lower_snake_case")
    here = f"{where}: theme {theme_id!r}"
    cues = table.get("cues", [])
    if not isinstance(cues, list) or not all(isinstance(c, str) and c for c in cues):
        raise ConfigError(f"{here}: 'cues' must be a list of strings")
    patterns: list[Pattern] = []
    for raw in table.get("patterns", []):
        if not isinstance(raw, dict):
            raise ConfigError(f"{here}: each pattern must be {{cue = ..., regex = ...}}")
        label, source = _string(raw, "cue", here), _string(raw, "regex", here)
        try:
            regex = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"{here}: bad regex for cue {label!r}: {exc}") from exc
        weight = raw.get("weight", 2.0)
        if not isinstance(weight, (int, float)) or weight <= 0:
            raise ConfigError(f"{here}: weight of cue {label!r} must be a positive number")
        patterns.append(Pattern(label, regex, float(weight)))
    if not cues and not patterns:
        raise ConfigError(f"{here}: needs at least one cue or pattern")
    return Theme(
        id=theme_id,
        title=_string(table, "title", here),
        description=str(table.get("description", "")),
        cues=tuple(cues),
        patterns=tuple(patterns),
        cue_regex=phrase_regex(tuple(cues)),
    )


def read_theme_pack(path: Path) -> ThemePack:
    """A theme pack from a TOML file; raises ConfigError naming the file and the bad key."""
    data = read_toml(path, "theme pack")
    where = str(path)
    raw_themes = data.get("themes")
    if not isinstance(raw_themes, list) or not raw_themes:
        raise ConfigError(f"{where}: needs at least one [[themes]] table")
    themes = tuple(_theme(t, where) for t in raw_themes)
    ids = [t.id for t in themes]
    if len(set(ids)) != len(ids) or CONTEXT in ids:
        raise ConfigError(f"{where}: theme ids must be unique and not {CONTEXT!r}")
    return ThemePack(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        themes=themes,
        context_title=str(data.get("context_title", "Context")),
        path=where,
    )


def available_packs() -> dict[str, Path]:
    """The bundled theme packs by name."""
    folder = templates_dir() / "themes"
    return {p.stem: p for p in sorted(folder.glob("*.toml"))}


@cache
def load_theme_pack(name_or_path: str = "default") -> ThemePack:
    """A bundled pack by name, or a pack file by path; raises ConfigError when there is none."""
    packs = available_packs()
    if name_or_path in packs:
        return read_theme_pack(packs[name_or_path])
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        return read_theme_pack(path)
    known = ", ".join(packs) or "none"
    raise ConfigError(
        f"unknown theme pack {name_or_path!r}; bundled packs: {known}, or give a .toml path"
    )
