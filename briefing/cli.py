"""The ``briefing`` command line (typer). Heavy modules are imported inside commands, not here."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from briefing import __version__
from briefing.errors import BriefingError, ExportError, UsageError
from briefing.exporters import FORMATS, Paper, get_format
from briefing.window import Undated

if TYPE_CHECKING:
    from rich.progress import Progress

    from briefing.model import Briefing, Corpus
    from briefing.project import Project
    from briefing.themes import ThemePack
    from briefing.window import Window

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_CODES_HELP = (
    "Exit codes: 0 success · 1 success, but some sources were skipped · 2 bad usage, "
    "config or theme file · 3 no usable sources (or a bad source with --strict) · "
    "4 the output could not be written."
)

ROOT_EXAMPLES = """
[b]Examples[/b]

  briefing make articles/ -f pdf -f md           [dim]# a briefing from a folder of sources[/dim]
  briefing init weekly && cd weekly              [dim]# a project for scheduled weekly briefs[/dim]
  briefing make --config brief.toml --week 2024-W21
  briefing preview --config brief.toml           [dim]# last week's brief in the terminal[/dim]
  briefing themes                                [dim]# theme packs and their cues[/dim]
  briefing --install-completion                  [dim]# tab completion for bash, zsh, fish[/dim]

Each command has its own --help with examples.
"""

app = typer.Typer(
    name="briefing",
    help=(
        "Turn news sources on one story into a sourced editorial briefing: every line is a "
        "verbatim sentence from a source, cited by source and paragraph.\n\n" + EXIT_CODES_HELP
    ),
    epilog=ROOT_EXAMPLES,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

log = logging.getLogger("briefing")
# Between INFO and WARNING: what a run did ("wrote out/x.pdf"); shown unless --quiet.
NOTICE = 25


class _Reporter(logging.Handler):
    """Prints log records to stderr as one short line each and remembers warnings."""

    def __init__(self) -> None:
        super().__init__()
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        prefix = {logging.WARNING: "warning: ", logging.ERROR: "error: "}.get(record.levelno, "")
        print(prefix + record.getMessage(), file=sys.stderr)


_reporter = _Reporter()


def _setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else NOTICE
    log.handlers[:] = [_reporter]
    log.setLevel(level)
    log.propagate = False


def _fail(exc: BriefingError) -> NoReturn:
    print(f"briefing: {exc}", file=sys.stderr)
    raise typer.Exit(exc.exit_code)


def _version(value: bool) -> None:
    if value:
        print(f"briefing {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say more on stderr.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    """Sourced editorial briefings from news sources."""
    _setup_logging(verbose, quiet)


def _parse_date(value: str | None, option: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be YYYY-MM-DD, got {value!r}") from None


def _format_name(value: str) -> str:
    try:
        return get_format(value).name
    except UsageError as exc:
        raise typer.BadParameter(str(exc)) from None


def _targets(raw_output: str | None, formats: list[str]) -> list[tuple[str, Path]]:
    """Where each format goes (see ``briefing.project.plan_targets``)."""
    from briefing.project import plan_targets

    return plan_targets(raw_output, formats)


MAKE_EXAMPLES = """
[b]Examples[/b]

  briefing make                                  [dim]# PDF from the bundled seed corpus[/dim]
  briefing make articles/ -f docx -f md          [dim]# a folder, two formats[/dim]
  briefing make 'notes/*.txt' --title "Weekly brief" --date 2024-06-01 -o out/
  briefing make a.txt b.md --format json -o brief.json --strict
  briefing make --config brief.toml              [dim]# last week's brief, as brief.toml says[/dim]
  briefing make -c brief.toml --week 2024-W21 -f md --force
  briefing make sources/ --since 2024-05-20 --until 2024-05-26 -f json --previous last.json
"""

# Options that select and build a briefing, shared by `make` and `preview`, in help panels.
_INPUT = "Sources and window"
_CONTENT = "Content"
_OUTPUT = "Output and automation"
SourcesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files (.txt, .md, .html, .docx), folders, globs, http(s) URLs or .urls lists. "
        "\\[default: brief.toml's, else the bundled seeds]",
        show_default=False,
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="A brief.toml (see 'briefing init'); options given here win over it.",
        rich_help_panel=_INPUT,
        show_default=False,
    ),
]
WeekOpt = Annotated[
    str | None,
    typer.Option(
        help="Use only sources dated in this ISO week, e.g. 2024-W21.",
        rich_help_panel=_INPUT,
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        help="Use only sources dated on or after YYYY-MM-DD.",
        rich_help_panel=_INPUT,
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        help="Use only sources dated on or before YYYY-MM-DD.",
        rich_help_panel=_INPUT,
        show_default=False,
    ),
]
UndatedOpt = Annotated[
    Undated | None,
    typer.Option(
        case_sensitive=False,
        help="With a window: sources without a date are used (with a warning) or left out. "
        "\\[default: include]",
        rich_help_panel=_INPUT,
        show_default=False,
    ),
]
TitleOpt = Annotated[
    str | None,
    typer.Option(
        help="Briefing title; may hold {year}, {week:02}, {since}, {until}. "
        "\\[default: from the sources]",
        rich_help_panel=_CONTENT,
        show_default=False,
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        help="Briefing date YYYY-MM-DD; fix it for reproducible output. "
        "\\[default: the window's last day, else today]",
        rich_help_panel=_CONTENT,
        show_default=False,
    ),
]
SentencesOpt = Annotated[
    int | None,
    typer.Option(
        "--sentences",
        "-n",
        min=1,
        max=100,
        help="Key sentences per source. \\[default: 6]",
        rich_help_panel=_CONTENT,
        show_default=False,
    ),
]
MethodOpt = Annotated[
    str | None,
    typer.Option(
        help="Summariser (see 'briefing summarize --help'). \\[default: centrality]",
        rich_help_panel=_CONTENT,
        show_default=False,
    ),
]
ThemesOpt = Annotated[
    str | None,
    typer.Option(
        help="Theme pack name or .toml path (see 'briefing themes'). \\[default: default]",
        rich_help_panel=_CONTENT,
        show_default=False,
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        help="Encoding of the sources when they are not UTF-8 (e.g. cp1252).",
        rich_help_panel=_INPUT,
        show_default=False,
    ),
]
StrictOpt = Annotated[
    bool | None,
    typer.Option(
        "--strict/--no-strict",
        help="Stop at the first bad source instead of skipping it. \\[default: no-strict]",
        rich_help_panel=_INPUT,
        show_default=False,
    ),
]
PreviousOpt = Annotated[
    Path | None,
    typer.Option(
        help="The previous brief's JSON to compare with. \\[default: the latest earlier one in "
        "the output folder]",
        rich_help_panel=_CONTENT,
        show_default=False,
    ),
]
CompareOpt = Annotated[
    bool | None,
    typer.Option(
        "--compare/--no-compare",
        help="Mark statements new or continuing against the previous brief and list those "
        "gone. \\[default: compare]",
        rich_help_panel=_CONTENT,
        show_default=False,
    ),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only errors on stderr (as 'briefing -q').")
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Say more on stderr (as 'briefing -v').")
]


def _absolute(path: str) -> str:
    """``path`` from the command line made absolute (a trailing slash kept), so that it does not
    get read relative to brief.toml's folder."""
    from briefing.fetch import is_url

    if is_url(path) or Path(path).expanduser().is_absolute():
        return path
    return str(Path.cwd() / path) + ("/" if path.endswith(("/", "\\")) else "")


def _project(
    config: Path | None,
    *,
    sources: list[str] | None,
    title: str | None,
    sentences: int | None,
    method: str | None,
    themes: str | None,
    encoding: str | None,
    strict: bool | None,
    undated: Undated | None,
    compare: bool | None,
    formats: list[str] | None = None,
    output: str | None = None,
    paper: Paper | None = None,
    template: str | None = None,
) -> Project:
    """brief.toml (or the defaults) with the options given on the command line put over it."""
    from briefing.project import Project, load_project

    project = load_project(config) if config is not None else Project()
    here = (lambda p: p) if config is None else _absolute
    changes: dict[str, object] = {}
    if sources:
        changes["sources"] = tuple(here(s) for s in sources)
    if formats:
        changes["formats"] = tuple(dict.fromkeys(f.lower() for f in formats))
    if output is not None:
        changes["output"] = here(output)
    for key, value in (
        ("title", title),
        ("encoding", encoding),
        ("strict", strict),
        ("undated", undated),
        ("compare", compare),
    ):
        if value is not None:
            changes[key] = value
    built = {"sentences": sentences, "summariser": method, "themes": themes}
    options = {k: v for k, v in built.items() if v is not None}
    settings = {k: v for k, v in (("paper", paper), ("template", template)) if v is not None}
    return replace(
        project,
        options=replace(project.options, **options),  # type: ignore[arg-type]
        export=replace(project.export, **settings),  # type: ignore[arg-type]
        **changes,  # type: ignore[arg-type]
    )


class _Steps:
    """A transient rich progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.started = 0
        self.progress: Progress | None = None
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.progress.add_task("starting", total=total)

    def __enter__(self) -> _Steps:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def step(self, description: str) -> None:
        """Finish the step under way, if any, and start the next, called ``description``."""
        if self.progress is not None:
            done = self.started
            self.started += 1
            self.progress.update(self.task, description=description, completed=done)


def _show_progress() -> bool:
    return sys.stderr.isatty() and log.getEffectiveLevel() <= NOTICE


def _build(
    project: Project,
    *,
    week: str | None,
    since: str | None,
    until: str | None,
    date: str | None,
    previous: Path | None,
    targets_for: Callable[[Window | None, dt.date], list[tuple[str, Path]]] | None = None,
    steps: _Steps | None = None,
) -> tuple[Briefing, Corpus]:
    """Load, window, build and compare: the briefing a run makes (no files written)."""
    from briefing.changes import compare, find_previous, read_previous
    from briefing.pipeline import build_briefing
    from briefing.sources import load_sources
    from briefing.window import within

    day = _parse_date(date)
    window = project.window_for(
        dt.date.today(), week, _parse_date(since, "--since"), _parse_date(until, "--until")
    )
    options = project.build_options(window, day)
    steps = steps or _Steps(0, enabled=False)
    steps.step("reading sources")
    corpus = load_sources(project.source_inputs(), strict=project.strict, encoding=project.encoding)
    if window is not None:
        corpus = within(corpus, window, project.undated)
    steps.step(f"building the briefing from {len(corpus.sources)} sources")
    briefing = build_briefing(corpus, options)
    steps.step("comparing with the previous brief")
    earlier: Path | None = previous
    if earlier is None and project.compare:
        outputs = targets_for(window, briefing.date) if targets_for else []
        base = project.output_base()
        if base is None and outputs:
            base = (outputs[0][1].parent, False)
        if base is not None:
            earlier = find_previous(
                base[0], briefing.date, recursive=base[1], exclude=[p for _, p in outputs]
            )
    if earlier is not None:
        briefing = compare(briefing, read_previous(earlier))
        counts = {s: 0 for s in ("new", "continuing")}
        for item in dict.fromkeys(
            [*briefing.bottom_line, *(i for s in briefing.sections for i in s.items)]
        ):
            counts[item.status or "new"] += 1
        log.log(
            NOTICE,
            "compared with %s: %d new, %d continuing, %d gone",
            earlier,
            counts["new"],
            counts["continuing"],
            len(briefing.gone),
        )
    return briefing, corpus


def _verbosity(quiet: bool, verbose: bool) -> None:
    if quiet or verbose:
        _setup_logging(verbose, quiet)


@app.command(epilog=MAKE_EXAMPLES)
def make(
    sources: SourcesArg = None,
    config: ConfigOpt = None,
    week: WeekOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    undated: UndatedOpt = None,
    encoding: EncodingOpt = None,
    strict: StrictOpt = None,
    title: TitleOpt = None,
    date: DateOpt = None,
    sentences: SentencesOpt = None,
    method: MethodOpt = None,
    themes: ThemesOpt = None,
    previous: PreviousOpt = None,
    compare: CompareOpt = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            rich_help_panel=_OUTPUT,
            parser=_format_name,
            metavar="[" + "|".join(FORMATS) + "]",
            autocompletion=lambda: list(FORMATS),
            help="Output format; repeat for several. \\[default: pdf]",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            rich_help_panel=_OUTPUT,
            help="Output file, or folder (a trailing / creates it); may hold {year}, {week:02}, "
            "{ext}. \\[default: ./briefing.<ext>]",
            show_default=False,
        ),
    ] = None,
    paper: Annotated[
        Paper | None,
        typer.Option(
            case_sensitive=False,
            rich_help_panel=_OUTPUT,
            help="Page size of PDF and DOCX. \\[default: a4]",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            help="House style: default or ministry, or a path to a reference .docx (DOCX) or "
            "a .pdf.toml style file (PDF). \\[default: default]",
            rich_help_panel=_OUTPUT,
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace output files that briefing did not write.",
            rich_help_panel=_OUTPUT,
        ),
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            min=0,
            rich_help_panel=_OUTPUT,
            help="Seconds to wait for another run writing the same output, then give up.",
        ),
    ] = 60.0,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Make a briefing from SOURCES (or brief.toml's, or the bundled seeds) in one or more formats.

    With --config, brief.toml says what to read and where to write; a run uses the sources dated
    in its window (by default the last complete ISO week), compares with the previous brief found
    in the output folder and never overwrites a file briefing did not write.
    """
    _verbosity(quiet, verbose)
    try:
        from briefing.exporters import export
        from briefing.outputs import OutputLock, check_replaceable

        project = _project(
            config,
            sources=sources,
            title=title,
            sentences=sentences,
            method=method,
            themes=themes,
            encoding=encoding,
            strict=strict,
            undated=undated,
            compare=compare,
            formats=formats,
            output=output,
            paper=paper,
            template=template,
        )
        day = _parse_date(date)
        window = project.window_for(
            dt.date.today(), week, _parse_date(since, "--since"), _parse_date(until, "--until")
        )
        targets = project.targets(window, project.build_options(window, day).resolved_date())
        if config is not None and output is None:
            _create_folders([p for _, p in targets])
        paths = [p for _, p in targets]
        for path in paths:
            check_replaceable(path, force=force)
        with OutputLock(paths, wait=wait), _Steps(3 + len(targets), _show_progress()) as steps:
            # Checked again under the lock: another run may have written meanwhile.
            for path in paths:
                check_replaceable(path, force=force)
            briefing, corpus = _build(
                project,
                week=week,
                since=since,
                until=until,
                date=date,
                previous=previous,
                targets_for=lambda w, d: targets,
                steps=steps,
            )
            for fmt, path in targets:
                steps.step(f"writing {path}")
                export(briefing, path, fmt, project.export)
                log.log(NOTICE, "wrote %s", path)
    except BriefingError as exc:
        _fail(exc)
    skipped = len(corpus.skipped) + len(corpus.duplicates)
    if skipped:
        used = len(corpus.sources)
        log.log(
            NOTICE,
            "briefing: %d source%s used, %d skipped (see warnings above)",
            used,
            "" if used == 1 else "s",
            skipped,
        )
        raise typer.Exit(EXIT_PARTIAL)


def _create_folders(paths: list[Path]) -> None:
    """Create the folders brief.toml's output pattern names (out/, out/2024/ ...)."""
    for path in paths:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot create folder {path.parent}: {exc.strerror or exc}") from exc


PREVIEW_EXAMPLES = """
[b]Examples[/b]

  briefing preview                               [dim]# the bundled seeds[/dim]
  briefing preview articles/ --date 2024-06-01
  briefing preview --config brief.toml --week 2024-W21   [dim]# marks new/continuing[/dim]
  briefing preview articles/ --previous out/2024-W20.json | less -R
"""


@app.command(epilog=PREVIEW_EXAMPLES)
def preview(
    sources: SourcesArg = None,
    config: ConfigOpt = None,
    week: WeekOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    undated: UndatedOpt = None,
    title: TitleOpt = None,
    date: DateOpt = None,
    sentences: SentencesOpt = None,
    method: MethodOpt = None,
    themes: ThemesOpt = None,
    encoding: EncodingOpt = None,
    strict: StrictOpt = None,
    previous: PreviousOpt = None,
    compare: CompareOpt = None,
    width: Annotated[
        int | None,
        typer.Option(min=40, help="Columns to lay out in. \\[default: the terminal's]"),
    ] = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Show the briefing in the terminal (bottom line, themes, sources); nothing is written.

    It is the briefing 'make' would write with the same options, compared with the same previous
    brief, so a run can be checked before it is scheduled.
    """
    _verbosity(quiet, verbose)
    try:
        from briefing.preview import show

        project = _project(
            config,
            sources=sources,
            title=title,
            sentences=sentences,
            method=method,
            themes=themes,
            encoding=encoding,
            strict=strict,
            undated=undated,
            compare=compare,
        )
        briefing, _ = _build(
            project,
            week=week,
            since=since,
            until=until,
            date=date,
            previous=previous,
            targets_for=project.targets,
        )
        show(briefing, width=width)
    except BriefingError as exc:
        _fail(exc)


THEMES_EXAMPLES = """
[b]Examples[/b]

  briefing themes                                [dim]# the bundled packs and their themes[/dim]
  briefing themes --pack default                 [dim]# every cue and pattern of one pack[/dim]
  briefing themes --pack my-pack.toml            [dim]# check a pack of your own[/dim]
  briefing themes --format json | jq '.packs[].name'
"""


class ListFormat(str, Enum):
    """How `themes` prints."""

    TEXT = "text"
    JSON = "json"


@app.command(epilog=THEMES_EXAMPLES)
def themes(
    pack: Annotated[
        str | None,
        typer.Option(
            help="Show one pack in full: a bundled name or a .toml path. \\[default: list all]",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", case_sensitive=False, help="Text or JSON.")
    ] = ListFormat.TEXT,
) -> None:
    """List theme packs: their themes and the cues that place a statement under each."""
    try:
        from briefing.themes import available_packs, load_theme_pack

        packs: list[ThemePack] = (
            [load_theme_pack(pack)]
            if pack is not None
            else [load_theme_pack(name) for name in available_packs()]
        )
    except BriefingError as exc:
        _fail(exc)
    if output_format is ListFormat.JSON:
        data = {"packs": [_pack_dict(p) for p in packs]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for number, one in enumerate(packs):
        if number:
            print()
        print(f"{one.name}: {one.description}" if one.description else one.name)
        for theme in one.themes:
            print(f"  {theme.id:<22} {theme.title}")
            if pack is None:
                continue
            if theme.description:
                print(f"  {'':<22} {theme.description}")
            for label, values in (
                ("cues", theme.cues),
                ("patterns", tuple(f"{p.cue} (×{p.weight:g})" for p in theme.patterns)),
            ):
                if values:
                    text = textwrap.fill(
                        ", ".join(values),
                        width=96,
                        initial_indent=f"  {'':<22} {label}: ",
                        subsequent_indent=" " * (27 + len(label)),
                    )
                    print(text)
        print(f"  {'context':<22} {one.context_title} (statements no cue places)")
    if pack is None:
        print("\n'briefing themes --pack NAME' shows a pack's cues; use one with --themes NAME.")


def _pack_dict(pack: ThemePack) -> dict[str, object]:
    return {
        "name": pack.name,
        "description": pack.description,
        "context_title": pack.context_title,
        "themes": [
            {
                "id": t.id,
                "title": t.title,
                "description": t.description,
                "cues": list(t.cues),
                "patterns": [
                    {"cue": p.cue, "regex": p.regex.pattern, "weight": p.weight} for p in t.patterns
                ],
            }
            for t in pack.themes
        ],
    }


INIT_EXAMPLES = """
[b]Examples[/b]

  briefing init                                  [dim]# a brief project in this folder[/dim]
  briefing init nato-weekly --title "NATO weekly"
  cd nato-weekly && briefing make --config brief.toml --week 2024-W21
"""


@app.command(epilog=INIT_EXAMPLES)
def init(
    folder: Annotated[
        Path, typer.Argument(help="Folder of the new project (created when missing).")
    ] = Path(),
    title: Annotated[
        str, typer.Option(help="Title of the briefs; ' — {year}-W{week:02}' is added.")
    ] = "Weekly brief",
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing brief.toml and examples.")
    ] = False,
) -> None:
    """Set up a brief project: brief.toml, sources/, out/, and cron and systemd-timer examples."""
    try:
        from briefing.project import CONFIG_NAME, scaffold

        done = scaffold(folder, title=title, command=_command_path(), force=force)
    except BriefingError as exc:
        _fail(exc)
    for item in done:
        verb = "wrote" if item.written else "kept (exists)"
        log.log(NOTICE, "%s %s", verb, item.path)
    config = folder / CONFIG_NAME
    print(
        f"Next: put dated sources in {folder / 'sources'}, then run\n"
        f"  briefing make --config {config} --week 2024-W21   (or without --week: last week)\n"
        f"and schedule it with {folder / 'cron.example'} or "
        f"{folder / 'briefing.timer'} (see {folder / 'README.txt'})."
    )


def _command_path() -> str:
    """How cron and systemd should start briefing: an absolute path, since their PATH is short."""
    found = shutil.which("briefing")
    if found:
        return str(Path(found).resolve())
    argv0 = Path(sys.argv[0])
    return str(argv0.resolve()) if argv0.name == "briefing" else "briefing"


# --- summarize command (issue 3): region owned by the summariser work ---------------------------

SUMMARIZE_EXAMPLES = """
[b]Examples[/b]

  briefing summarize article.txt               [dim]# 5 key sentences, in order[/dim]
  briefing summarize article.txt -n 3 -m textrank
  briefing summarize article.md --ratio 0.3    [dim]# 30% of its statements[/dim]
  briefing summarize article.txt --all -f json [dim]# every sentence, scored[/dim]

Methods: centrality (the default: graph centrality plus lead, headline,
length, quote and attribution signals with weights learned on BBC news,
and redundancy control), textrank (centrality alone), lead (the first).
Captions, credits, bylines, boilerplate, teasers, questions and asides to
the reader are picked only when there are no statements left to pick.
"""


class SummaryFormat(str, Enum):
    """How `summarize` prints."""

    TEXT = "text"
    JSON = "json"


@app.command(epilog=SUMMARIZE_EXAMPLES)
def summarize(
    file: Annotated[
        Path, typer.Argument(help="An article (.txt, .md, .html, .docx).", show_default=False)
    ],
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences",
            "-n",
            min=1,
            help="How many sentences. \\[default: 5]",
            show_default=False,
        ),
    ] = None,
    ratio: Annotated[
        float | None,
        typer.Option(
            help="Or this share of the article's statements, above 0 and at most 1 "
            "(at least one sentence).",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            "-m",
            metavar="NAME",
            autocompletion=lambda: ["centrality", "textrank", "lead"],
            help="Summariser: centrality, textrank or lead.",
        ),
    ] = "centrality",
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", case_sensitive=False, help="Text or JSON.")
    ] = SummaryFormat.TEXT,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Every sentence, with its score and whether it was picked."),
    ] = False,
    encoding: Annotated[
        str | None, typer.Option(help="Encoding of the file when it is not UTF-8 (e.g. cp1252).")
    ] = None,
) -> None:
    """Summarise one article: its key sentences, verbatim, in document order, with ¶ numbers."""
    try:
        from briefing.summarise import summarize_file

        if sentences is not None and ratio is not None:
            raise UsageError("give --sentences or --ratio, not both")
        scored = summarize_file(
            file, sentences, ratio, method, everything=everything, encoding=encoding
        )
    except BriefingError as exc:
        _fail(exc)
    if output_format is SummaryFormat.JSON:
        rows: list[dict[str, object]] = []
        for one in scored:
            row: dict[str, object] = {
                "text": one.text,
                "index": one.index,
                "paragraph": one.paragraph,
                "score": one.score,
            }
            if everything:
                row["selected"] = one.selected
                row["reason"] = one.reason
            rows.append(row)
        print(json.dumps({"sentences": rows, "method": method}, ensure_ascii=False, indent=2))
        return
    for one in scored:
        line = f"[¶{one.paragraph}] {one.text}"
        if everything:
            mark = "*" if one.selected else " "
            note = f"  ({one.reason})" if one.reason else ""
            line = f"{mark} {one.score:.3f} {line}{note}"
        print(line)


# --- end of summarize command ---------------------------------------------------------------------


# --- sources command (issue 4): region owned by the readers work ---------------------------------

SOURCES_EXAMPLES = """
[b]Examples[/b]

  briefing sources                               [dim]# the bundled seed corpus[/dim]
  briefing sources articles/                     [dim]# check a folder before a briefing[/dim]
  briefing sources page.html memo.docx https://example.org/story -f json --text
  briefing sources links.urls --refresh          [dim]# fetch the listed URLs again[/dim]
  briefing sources articles/ --strict            [dim]# exit 3 on any warning (for scripts)[/dim]

Web pages give only their article (no menus, ads, comments or captions); URLs are fetched once
and cached ($BRIEFING_CACHE_DIR, else ~/.cache/briefing). A manifest.toml next to the files
sets or corrects any field: ["file.html"] with title, author, outlet, published, url, language.
"""


if TYPE_CHECKING:
    from briefing.model import Source


class SourcesFormat(str, Enum):
    """How `sources` prints."""

    TABLE = "table"
    JSON = "json"


def _source_row(source: Source, with_text: bool) -> dict[str, object]:
    from briefing.sources import text_path

    row: dict[str, object] = {
        "id": source.id,
        "title": source.title,
        "author": source.author,
        "outlet": source.outlet,
        "published": source.published.isoformat() if source.published else None,
        "url": source.url,
        "language": source.language,
        "path": source.path,
        "text_path": text_path(source),
        "words": source.words,
        "warnings": list(source.warnings),
    }
    if with_text:
        row["text"] = "\n\n".join(p.text for p in source.paragraphs)
    return row


def _print_sources_table(rows: list[dict[str, object]], with_text: bool) -> None:
    """A rich table on a terminal; aligned plain columns when piped (stable for scripts)."""
    columns = ("id", "words", "published", "outlet", "author", "title", "path", "warnings")

    def cell(row: dict[str, object], key: str) -> str:
        value = row[key]
        if key == "warnings":
            return "; ".join(str(w) for w in value) if isinstance(value, list) else ""
        if key == "path":
            return str(value).rstrip("/").rsplit("/", 1)[-1] if not row["url"] else str(value)
        return "-" if value is None else str(value)

    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        table = Table(*(c.capitalize() for c in columns))
        table.columns[1].justify = "right"
        for row in rows:  # escaped: a title like "[Live] ..." is text, not rich markup
            table.add_row(*(escape(cell(row, c)) for c in columns))
        Console().print(table)
    else:
        cells = [[c.upper() for c in columns]] + [[cell(r, c) for c in columns] for r in rows]
        widths = [max(len(line[i]) for line in cells) for i in range(len(columns) - 1)]
        for line in cells:
            padded = [v.ljust(w) for v, w in zip(line, widths, strict=False)]
            print("  ".join([*padded, line[-1]]).rstrip())
    if with_text:
        for row in rows:
            print(f"\n== {row['id']}: {row['title']} ==\n\n{row['text']}")


@app.command("sources", epilog=SOURCES_EXAMPLES)
def sources_command(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt, .md, .html, .docx), folders, globs, http(s) URLs or .urls lists "
            "of URLs. \\[default: the bundled seeds]",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        SourcesFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="A table or JSON."),
    ] = SourcesFormat.TABLE,
    text: Annotated[
        bool, typer.Option("--text", help="Add each source's cleaned article text.")
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(help="Encoding of text sources that are not UTF-8 (e.g. cp1252)."),
    ] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Fetch URLs again instead of using the cache.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(min=0.1, max=600, help="Seconds allowed to fetch one URL.")
    ] = 20.0,
    strict: Annotated[
        bool,
        typer.Option(help="Exit 3 when any source was skipped or has a warning."),
    ] = False,
) -> None:
    """Show what SOURCES read as: metadata, word count and warnings, one line per source."""
    try:
        from briefing.fetch import FetchSettings
        from briefing.sources import load_sources

        corpus = load_sources(
            sources or None,
            encoding=encoding,
            fetch=FetchSettings(timeout=timeout, refresh=refresh),
        )
    except BriefingError as exc:
        _fail(exc)
    rows = [_source_row(s, text) for s in corpus.sources]
    if output_format is SourcesFormat.JSON:
        data = {
            "sources": rows,
            "skipped": [{"path": s.path, "reason": s.reason} for s in corpus.skipped],
            "duplicates": [{"path": d.path, "same_as": d.same_as} for d in corpus.duplicates],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_sources_table(rows, text)
    flagged = len(corpus.skipped) + sum(1 for s in corpus.sources if s.warnings)
    log.info(
        "%d sources read, %d skipped, %d duplicates",
        len(corpus.sources),
        len(corpus.skipped),
        len(corpus.duplicates),
    )
    if strict and flagged:
        print(f"briefing: {flagged} sources with warnings (--strict)", file=sys.stderr)
        raise typer.Exit(3)


# --- end of sources command -----------------------------------------------------------------------


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
