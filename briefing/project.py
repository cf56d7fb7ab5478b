"""A brief project: ``brief.toml`` read and checked key by key, and the ``init`` scaffolding."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import logging
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefing.config import Options
from briefing.errors import ConfigError, ExportError, UsageError
from briefing.exporters import ExportSettings, Paper, get_format
from briefing.resources import templates_dir
from briefing.tomlfile import parse_toml
from briefing.window import Undated, Window, last_days, last_full_week, parse_week

log = logging.getLogger(__name__)

CONFIG_NAME = "brief.toml"
# Placeholders that titles and output patterns may use; ``ext`` only in output patterns.
PLACEHOLDERS = ("year", "week", "month", "day", "since", "until", "label", "date")
# What ``window`` may say besides a number of days.
WINDOWS = ("week", "all")


@dataclass(frozen=True, slots=True)
class Project:
    """What a run reads, how it builds and where it writes: ``brief.toml``, or the defaults.

    A key missing from ``brief.toml`` takes the same default as the command line. Relative paths
    (sources, output, a theme pack file) are relative to ``folder``, the folder of brief.toml.
    ``title`` and ``output`` may hold placeholders such as ``{year}-W{week:02}`` (see
    PLACEHOLDERS; ``output`` also ``{ext}``). ``window`` is "week" (the ISO week), a number of
    days, or "all" (no date filter).
    """

    folder: Path = Path()
    config: Path | None = None
    title: str | None = None
    sources: tuple[str, ...] = ()
    formats: tuple[str, ...] = ("pdf",)
    output: str | None = None
    window: str | int = "all"
    undated: Undated = Undated.INCLUDE
    encoding: str | None = None
    strict: bool = False
    compare: bool = True
    options: Options = field(default_factory=Options)
    export: ExportSettings = field(default_factory=ExportSettings)

    def resolve(self, path: str) -> str:
        """``path`` relative to the project folder (absolute paths, ``~`` and URLs stay)."""
        from briefing.fetch import is_url

        expanded = Path(path).expanduser()
        if is_url(path) or expanded.is_absolute() or self.folder == Path():
            return path if is_url(path) else str(expanded)
        return str(self.folder / expanded)

    def source_inputs(self) -> list[str] | None:
        """The inputs for ``load_sources``; None means the bundled seeds."""
        return [self.resolve(s) for s in self.sources] or None

    def window_for(
        self,
        today: dt.date,
        week: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Window | None:
        """The window of this run: ``week``, or ``since``/``until`` (one of them is enough; the
        other follows from the window length), else the last complete one before ``today``
        (None when ``window`` is "all" and nothing was asked).
        """
        if week is not None:
            if since is not None or until is not None:
                raise UsageError("give either --week or --since/--until, not both")
            return parse_week(week)
        length = self.window if isinstance(self.window, int) else 7
        if until is not None:
            return Window(since, until) if since else Window.of_days(until, length)
        if since is not None:
            return Window(since, since + dt.timedelta(days=length - 1))
        if self.window == "week":
            return last_full_week(today)
        return last_days(today, self.window) if isinstance(self.window, int) else None

    def build_options(self, window: Window | None, date: dt.date | None) -> Options:
        """The build options for this run: the date given, else the window's last day; the
        title template filled in."""
        day = date or (window.until if window else self.options.date)
        title = self.title
        if title is not None:
            title = fill(title, fields(window, day or dt.date.today()))
        return replace(self.options, title=title, date=day)

    def targets(self, window: Window | None, date: dt.date) -> list[tuple[str, Path]]:
        """Where each format goes (see ``plan_targets``), with the output pattern filled in."""
        if self.output is None:
            return plan_targets(None, list(self.formats))
        values = fields(window, date)
        if "{ext" not in self.output:
            raw = fill(self.output, values)
            folder = "/" if raw.endswith(("/", "\\")) else ""
            return plan_targets(self.resolve(raw) + folder, list(self.formats))
        return [
            (f, Path(self.resolve(fill(self.output, {**values, "ext": get_format(f).suffix[1:]}))))
            for f in self.formats
        ]

    def output_base(self) -> tuple[Path, bool] | None:
        """The folder to look for earlier briefs in, and whether to look in its subfolders too
        (when the output pattern puts each brief in a folder of its own); None without ``output``.
        """
        if self.output is None:
            return None
        parts = Path(self.output).parts[:-1]
        fixed: list[str] = []
        for part in parts:
            if "{" in part:
                return Path(self.resolve(str(Path(*fixed)) if fixed else ".")), True
            fixed.append(part)
        return Path(self.resolve(str(Path(*fixed)) if fixed else ".")), False


def fields(window: Window | None, date: dt.date) -> dict[str, Any]:
    """Template values for a run: the window's, or those of a one-day window on ``date``."""
    values = (window or Window(date, date)).fields()
    values["date"] = date.isoformat()
    return values


def fill(template: str, values: dict[str, Any]) -> str:
    """``template`` with its placeholders filled in; raises UsageError for an unknown one."""
    try:
        return template.format(**values)
    except KeyError as exc:
        known = ", ".join("{" + k + "}" for k in values)
        raise UsageError(
            f"unknown placeholder {{{exc.args[0]}}} in {template!r}; known: {known}"
        ) from None
    except (ValueError, IndexError) as exc:
        raise UsageError(f"bad placeholder in {template!r}: {exc}") from exc


def plan_targets(raw_output: str | None, formats: list[str]) -> list[tuple[str, Path]]:
    """Where each format goes: ``raw_output`` as a file (one format), a folder, or a stem for
    several; ``./briefing.<ext>`` when None. A folder named with a trailing slash is created
    when missing.
    """
    suffixes = [get_format(f).suffix for f in formats]
    if raw_output is None:
        return [(f, Path(f"briefing{s}")) for f, s in zip(formats, suffixes, strict=True)]
    output = Path(raw_output)
    if raw_output.endswith(("/", "\\")) and not output.exists():
        try:
            output.mkdir(parents=True)
        except OSError as exc:
            raise UsageError(f"cannot create folder {output}: {exc.strerror or exc}") from exc
    if output.is_dir():
        return [(f, output / f"briefing{s}") for f, s in zip(formats, suffixes, strict=True)]
    if len(formats) == 1:
        return [(formats[0], output)]
    stem = output.with_suffix("") if output.suffix.lower() in set(suffixes) else output
    return [(f, stem.with_name(stem.name + s)) for f, s in zip(formats, suffixes, strict=True)]


# --- reading brief.toml ---------------------------------------------------------------------------


class _Reader:
    """Checks the keys of one brief.toml and says which line a bad one is on."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, key: str) -> int | None:
        """The 1-based line that sets ``key`` (or opens table ``[key]``) at the top level."""
        name = re.escape(key)
        assign = re.compile(rf"""^\s*(?:{name}|"{name}"|'{name}')\s*[=.]""")
        table = re.compile(rf"""^\s*\[\[?\s*(?:{name}|"{name}"|'{name}')\s*[\].]""")
        in_table = False
        for number, line in enumerate(self.lines, start=1):
            if table.match(line):
                return number
            if re.match(r"^\s*\[", line):
                in_table = True
            elif not in_table and assign.match(line):
                return number
        return None

    def error(self, key: str, message: str) -> ConfigError:
        line = self.line_of(key)
        where = f"{self.path}:{line}" if line else str(self.path)
        return ConfigError(f"{where}: {message}")

    def string(self, key: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"{key!r} must be a non-empty string, got {value!r}")
        return value

    def strings(self, key: str, value: object) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
            raise self.error(key, f"{key!r} must be a string or a list of strings, got {value!r}")
        return tuple(items)

    def number(self, key: str, value: object, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(
                key, f"{key!r} must be a whole number from {low} to {high}, got {value!r}"
            )
        return value

    def flag(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            raise self.error(key, f"{key!r} must be true or false, got {value!r}")
        return value

    def choice(self, key: str, value: object, choices: Sequence[str]) -> str:
        if not isinstance(value, str) or value.lower() not in choices:
            known = ", ".join(repr(c) for c in choices)
            raise self.error(key, f"{key!r} must be one of {known}, got {value!r}")
        return value.lower()

    def template(self, key: str, value: object, extra: tuple[str, ...] = ()) -> str:
        text = self.string(key, value)
        sample = fields(Window.week(2024, 21), dt.date(2024, 5, 26))
        sample.update(dict.fromkeys(extra, "x"))
        try:
            fill(text, sample)
        except UsageError as exc:
            raise self.error(key, f"{key!r}: {exc}") from None
        return text


def _formats(reader: _Reader, key: str, value: object) -> tuple[str, ...]:
    names = reader.strings(key, value)
    try:
        return tuple(dict.fromkeys(get_format(n).name for n in names))
    except UsageError as exc:
        raise reader.error(key, str(exc)) from None


def _window(reader: _Reader, key: str, value: object) -> str | int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 366:
        return value
    if isinstance(value, str) and value.lower() in WINDOWS:
        return value.lower()
    raise reader.error(
        key, f'{key!r} must be "week", "all" or a number of days (1 to 366), got {value!r}'
    )


def _paper(reader: _Reader, key: str, value: object) -> Paper:
    return Paper(reader.choice(key, value, [p.value for p in Paper]))


# key -> how to check it; each returns the value to store.
_CHECKS: dict[str, Callable[[_Reader, str, Any], Any]] = {
    "title": lambda r, k, v: r.template(k, v),
    "sources": lambda r, k, v: r.strings(k, v),
    "formats": _formats,
    "output": lambda r, k, v: r.template(k, v, ("ext",)),
    "window": _window,
    "undated": lambda r, k, v: Undated(r.choice(k, v, [u.value for u in Undated])),
    "encoding": lambda r, k, v: r.string(k, v),
    "strict": lambda r, k, v: r.flag(k, v),
    "compare": lambda r, k, v: r.flag(k, v),
    "themes": lambda r, k, v: r.string(k, v),
    "sentences": lambda r, k, v: r.number(k, v, 1, 100),
    "summariser": lambda r, k, v: r.string(k, v),
    "bottom_line": lambda r, k, v: r.number(k, v, 1, 10),
    "paper": _paper,
    "template": lambda r, k, v: r.string(k, v),
}
_OPTION_KEYS = {"themes", "sentences", "summariser", "bottom_line"}
_EXPORT_KEYS = {"paper", "template"}


def load_project(path: str | Path) -> Project:
    """The project that ``path`` (a brief.toml, or a folder holding one) describes.

    Raises ConfigError with ``file:line:`` and the key for an unknown key or a bad value, and for
    a file that is not valid TOML.
    """
    config = Path(path)
    if config.is_dir():
        config = config / CONFIG_NAME
    try:
        text = config.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{config}: no such file; 'briefing init {config.parent}' writes one"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise ConfigError(f"cannot read {config}: {reason or exc}") from exc
    data = parse_toml(text, str(config))
    reader = _Reader(config, text)
    values: dict[str, Any] = {}
    for key in sorted(data, key=lambda k: reader.line_of(k) or 0):
        check = _CHECKS.get(key)
        if check is None:
            close = difflib.get_close_matches(key, list(_CHECKS), n=1, cutoff=0.6)
            hint = (
                f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(_CHECKS)}"
            )
            raise reader.error(key, f"unknown key {key!r}{hint}")
        values[key] = check(reader, key, data[key])
    folder = config.parent
    options = {k: values.pop(k) for k in list(values) if k in _OPTION_KEYS}
    if "themes" in options and _looks_like_path(options["themes"]):
        options["themes"] = str(folder / Path(options["themes"]).expanduser())
    export = {k: values.pop(k) for k in list(values) if k in _EXPORT_KEYS}
    try:
        built = Options(**options)
    except UsageError as exc:
        raise ConfigError(f"{config}: {exc}") from None
    return Project(
        folder=folder,
        config=config,
        options=built,
        export=ExportSettings(**export),
        **values,
    )


def _looks_like_path(name: str) -> bool:
    return name.endswith(".toml") or "/" in name or "\\" in name


# --- briefing init -------------------------------------------------------------------------------

# Files of a new project, from templates/project/ (``$name`` placeholders filled in).
SCAFFOLD = (
    CONFIG_NAME,
    "sources/manifest.toml",
    "cron.example",
    "briefing.service",
    "briefing.timer",
    "README.txt",
)


@dataclass(frozen=True, slots=True)
class Scaffolded:
    """One file of ``init``: where, and whether it was written or an existing one kept."""

    path: Path
    written: bool


def scaffold(
    folder: Path, *, title: str = "Weekly brief", command: str = "briefing", force: bool = False
) -> list[Scaffolded]:
    """Write a brief project into ``folder`` (created when missing): brief.toml, sources/, out/,
    cron and systemd-timer examples and a README.txt. ``command`` is how cron and systemd run
    briefing (best an absolute path: their PATH is short).

    Refuses (UsageError) when brief.toml exists and is not empty, unless ``force``; other files
    that exist are kept unless ``force``.
    """
    config = folder / CONFIG_NAME
    if not force and config.is_file() and config.stat().st_size > 0:
        raise UsageError(f"{config} exists; pass --force to replace it (and the examples)")
    values = {
        "folder": str(folder.resolve()),
        "command": command,
        "title": json.dumps(title + " — {year}-W{week:02}", ensure_ascii=False),
        "name": folder.resolve().name or "brief",
    }
    templates = templates_dir() / "project"
    done: list[Scaffolded] = []
    try:
        for name in ("sources", "out"):
            (folder / name).mkdir(parents=True, exist_ok=True)
        for name in SCAFFOLD:
            target = folder / name
            if target.exists() and target.stat().st_size > 0 and not force:
                done.append(Scaffolded(target, written=False))
                continue
            text = (templates / name).read_text(encoding="utf-8")
            target.write_text(string.Template(text).safe_substitute(values), encoding="utf-8")
            done.append(Scaffolded(target, written=True))
    except OSError as exc:
        raise ExportError(f"cannot set up {folder}: {exc.strerror or exc}") from exc
    return done
