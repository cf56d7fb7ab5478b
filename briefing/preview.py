"""The briefing as a terminal view (rich): bottom line and themes as panels, sources as a table."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefing.model import Briefing, Item

_MARKS = {"new": ("NEW", "bold green"), "continuing": ("cont.", "dim")}


def _statement(item: Item) -> Text:
    """One item: its marker, the verbatim sentence, then its citations and flags, dimmed."""
    line = Text()
    mark = _MARKS.get(item.status or "")
    if mark is not None:
        line.append(f"{mark[0]} ", style=mark[1])
    line.append(item.text)
    cites = ", ".join(f"{c.source} ¶{c.paragraph}" for c in item.citations)
    line.append(f"  [{cites}]", style="cyan")
    if item.flags:
        line.append("  flagged: " + ", ".join(item.flags), style="yellow")
    return line


def _bullets(lines: list[Text], empty: str) -> Table | Text:
    """Lines as a bulleted list whose wrapped lines stay indented under their text."""
    if not lines:
        return Text(empty, style="italic dim")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row("•", line)
    return grid


def _items(items: tuple[Item, ...], empty: str) -> Table | Text:
    return _bullets([_statement(i) for i in items], empty)


def _heading(briefing: Briefing) -> Text:
    heading = Text(briefing.title, style="bold")
    heading.append(f"\n{briefing.date.isoformat()} · {briefing.scope}", style="dim")
    if briefing.previous is not None:
        heading.append(f"\ncompared with the brief of {briefing.previous.isoformat()}", style="dim")
    return heading


def _sources(briefing: Briefing) -> Table:
    table = Table(title="Sources", title_justify="left", expand=True)
    for name, style in (("id", "cyan"), ("title", ""), ("outlet", ""), ("published", "")):
        table.add_column(name, style=style or None, overflow="fold")
    for source in briefing.sources:
        table.add_row(
            source.id,
            escape(source.title),
            escape(source.outlet or "—"),
            source.published.isoformat() if source.published else "unknown",
        )
    return table


def show(briefing: Briefing, file: IO[str] | None = None, width: int | None = None) -> None:
    """Print the briefing to ``file`` (stdout by default), in colour only on a terminal."""
    console = Console(file=file, width=width, highlight=False, soft_wrap=False)
    console.print(Panel(_heading(briefing), expand=True))
    bottom = _items(briefing.bottom_line, "No statements selected.")
    console.print(Panel(bottom, title="Bottom line"))
    for section in briefing.sections:
        body = _items(section.items, "No statements in the sources fit this theme.")
        console.print(Panel(body, title=escape(section.title), title_align="left"))
    if briefing.previous is not None:
        # Gone statements cite the previous brief's sources: their ids mean nothing here.
        gone = [
            Text(item.text).append(
                "  [last brief: "
                + ", ".join(f"{c.source} ¶{c.paragraph}" for c in item.citations)
                + "]",
                style="dim",
            )
            for item in briefing.gone
        ]
        console.print(
            Panel(
                _bullets(gone, "Every statement of that brief is still carried."),
                title=f"Gone since the brief of {briefing.previous.isoformat()}",
                title_align="left",
                border_style="dim",
            )
        )
    console.print(_sources(briefing))
    skipped = len(briefing.note.skipped) + len(briefing.note.duplicates)
    if skipped:
        console.print(Text(f"{skipped} files skipped; see the sourcing note", style="yellow"))
