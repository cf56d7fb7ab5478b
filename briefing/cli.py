"""The ``briefing`` command line (typer). Heavy modules are imported inside commands, not here."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from briefing import __version__
from briefing.errors import BriefingError, UsageError
from briefing.exporters import FORMATS, ExportSettings, Paper, get_format

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_CODES_HELP = (
    "Exit codes: 0 success · 1 success, but some sources were skipped · 2 bad usage, "
    "config or theme file · 3 no usable sources (or a bad source with --strict) · "
    "4 the output could not be written."
)

app = typer.Typer(
    name="briefing",
    help=(
        "Turn news sources on one story into a sourced editorial briefing: every line is a "
        "verbatim sentence from a source, cited by source and paragraph.\n\n" + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

log = logging.getLogger("briefing")


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
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
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


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date must be YYYY-MM-DD, got {value!r}") from None


def _format_name(value: str) -> str:
    try:
        return get_format(value).name
    except UsageError as exc:
        raise typer.BadParameter(str(exc)) from None


def _targets(raw_output: str | None, formats: list[str]) -> list[tuple[str, Path]]:
    """Where each format goes: -o as a file (one format), a folder, or a stem for several.

    A folder named with a trailing slash is created when missing.
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
    stem = output.with_suffix("") if output.suffix.lower() in {s for s in suffixes} else output
    return [(f, stem.with_name(stem.name + s)) for f, s in zip(formats, suffixes, strict=True)]


MAKE_EXAMPLES = """
[b]Examples[/b]

  briefing make                                  [dim]# PDF from the bundled seed corpus[/dim]
  briefing make articles/ -f docx -f md          [dim]# a folder, two formats[/dim]
  briefing make 'notes/*.txt' --title "Weekly brief" --date 2024-06-01 -o out/
  briefing make a.txt b.md --format json -o brief.json --strict
"""


@app.command(epilog=MAKE_EXAMPLES)
def make(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders or globs (.txt, .md). None: the bundled seed corpus.",
            show_default=False,
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            parser=_format_name,
            metavar="[" + "|".join(FORMATS) + "]",
            autocompletion=lambda: list(FORMATS),
            help="Output format; repeat for several. [default: pdf]",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file, or folder (a trailing / creates it). [default: ./briefing.<ext>]",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="Briefing title. [default: from the sources]")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="Briefing date YYYY-MM-DD; fix it for reproducible output. [default: today]"
        ),
    ] = None,
    sentences: Annotated[
        int, typer.Option("--sentences", "-n", min=1, max=100, help="Key sentences per source.")
    ] = 6,
    method: Annotated[
        str, typer.Option(help="Summariser (see 'briefing summarize --help').")
    ] = "centrality",
    themes: Annotated[str, typer.Option(help="Theme pack name or .toml path.")] = "default",
    paper: Annotated[
        Paper, typer.Option(case_sensitive=False, help="Page size of PDF and DOCX.")
    ] = Paper.A4,
    encoding: Annotated[
        str | None,
        typer.Option(help="Encoding of the sources when they are not UTF-8 (e.g. cp1252)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Stop at the first bad source instead of skipping it.")
    ] = False,
) -> None:
    """Make a briefing from SOURCES (or the bundled seeds) in one or more formats."""
    try:
        from briefing.config import Options
        from briefing.exporters import export
        from briefing.pipeline import build_briefing
        from briefing.sources import load_sources

        chosen = [f.lower() for f in (formats or ["pdf"])]
        chosen = list(dict.fromkeys(chosen))
        options = Options(
            title=title,
            date=_parse_date(date),
            sentences=sentences,
            summariser=method,
            themes=themes,
        )
        targets = _targets(output, chosen)
        corpus = load_sources(sources or None, strict=strict, encoding=encoding)
        briefing = build_briefing(corpus, options)
        settings = ExportSettings(paper=paper)
        for fmt, path in targets:
            export(briefing, path, fmt, settings)
            print(f"wrote {path}", file=sys.stderr)
    except BriefingError as exc:
        _fail(exc)
    skipped = len(corpus.skipped) + len(corpus.duplicates)
    if skipped:
        print(
            f"briefing: {len(corpus.sources)} sources used, {skipped} skipped (see warnings above)",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_PARTIAL)


# --- summarize command (issue 3): region owned by the summariser work ---------------------------
# --- end of summarize command ---------------------------------------------------------------------


# --- sources command (issue 4): region owned by the readers work ---------------------------------
# --- end of sources command -----------------------------------------------------------------------


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
