"""Markdown writer: the documents' content with footnote citations, for email and wikis."""

from __future__ import annotations

import datetime as dt
import re

from briefing.exporters import ExportSettings
from briefing.model import Briefing, Citation, Item, Source

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The last line of every Markdown briefing: invisible when rendered, it tells a later run that
# briefing wrote the file and may replace it (escaped source text can never produce it).
SIGNATURE = "<!-- made by briefing -->"


def escape(text: str) -> str:
    """Source text as literal Markdown text: markup characters escaped, controls removed."""
    return _SPECIAL.sub(r"\\\1", _CONTROL.sub("", " ".join(text.split())))


class _Notes:
    """Footnote numbers, one per distinct citation, in order of first use."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.numbers: dict[Citation, int] = {}

    def ref(self, citation: Citation) -> str:
        number = self.numbers.setdefault(citation, len(self.numbers) + 1)
        return f"[^{number}]"

    def lines(self) -> list[str]:
        out = []
        for citation, number in self.numbers.items():
            source = self.briefing.source(citation.source)
            where = f"{citation.source}, “{escape(source.title)}”"
            if source.outlet:
                where += f", {escape(source.outlet)}"
            line = f"[^{number}]: {where}, ¶{citation.paragraph}"
            if citation.quote:
                line += f". Its wording: “{escape(citation.quote)}”"
            out.append(line)
        return out


def _item(item: Item, notes: _Notes, previous: dt.date | None = None) -> str:
    refs = "".join(notes.ref(c) for c in item.citations)
    line = f"- {escape(item.text)}{refs}"
    extra = []
    if item.status == "new":
        line = f"- **New:** {escape(item.text)}{refs}"
    elif item.status == "continuing":
        since = f" from the brief of {previous.isoformat()}" if previous else ""
        extra.append(f"continuing{since}")
    if item.speaker:
        extra.append(f"speaker: {escape(item.speaker)}")
    if item.corroboration:
        extra.append(item.corroboration)
    if item.cues:
        extra.append("placed by: " + ", ".join(escape(c) for c in item.cues))
    if item.flags:
        extra.append("flagged terms: " + ", ".join(escape(f) for f in item.flags))
    if extra:
        line += f"  \n  <small>{'; '.join(extra)}</small>"
    return line


def _gone(item: Item, previous: dt.date) -> str:
    """A statement of the previous brief; its citations name that brief's sources, not ours."""
    cited = ", ".join(f"{c.source} ¶{c.paragraph}" for c in item.citations) or "no citation"
    return (
        f"- {escape(item.text)}  \n"
        f"  <small>in the brief of {previous.isoformat()}, citing its {cited}</small>"
    )


def _changes(briefing: Briefing) -> str:
    """ "compared with the brief of 2024-05-19: 3 new, 5 continuing, 2 gone" """
    if briefing.previous is None:
        return ""
    items = dict.fromkeys([*briefing.bottom_line, *(i for s in briefing.sections for i in s.items)])
    new = sum(1 for i in items if i.status == "new")
    continuing = sum(1 for i in items if i.status == "continuing")
    return (
        f" · compared with the brief of {briefing.previous.isoformat()}: {new} new, "
        f"{continuing} continuing, {len(briefing.gone)} gone"
    )


def _source_row(source: Source) -> str:
    published = source.published.isoformat() if source.published else "date unknown"
    title = escape(source.title)
    if source.url:
        title = f"[{title}](<{source.url}>)"
    cells = [
        source.id,
        title,
        escape(source.outlet or "—"),
        escape(source.author or "—"),
        published,
        escape(source.path.rsplit("/", 1)[-1]),
        str(source.words),
    ]
    return "| " + " | ".join(cells) + " |"


def render(briefing: Briefing, settings: ExportSettings) -> bytes:
    """The briefing as CommonMark with footnotes (GitHub/pandoc style)."""
    notes = _Notes(briefing)
    out = [
        f"# {escape(briefing.title)}",
        "",
        f"*{briefing.date.isoformat()} · {briefing.scope}{_changes(briefing)}*",
        "",
    ]
    out += ["## Bottom line", ""]
    previous = briefing.previous
    out += [_item(i, notes, previous) for i in briefing.bottom_line] or [
        "*No statements selected.*"
    ]
    for section in briefing.sections:
        out += ["", f"## {escape(section.title)}", ""]
        if section.description:
            out += [f"*{escape(section.description)}*", ""]
        out += [_item(i, notes, previous) for i in section.items] or [
            "*No statements in the sources fit this theme.*"
        ]
    if previous is not None:
        out += ["", f"## Gone since the brief of {previous.isoformat()}", ""]
        out += ["*Statements of that brief that this one no longer carries.*", ""]
        out += [_gone(i, previous) for i in briefing.gone] or [
            "*Every statement of that brief is still carried.*"
        ]
    if briefing.contradictions:
        out += ["", "## Where the sources disagree", ""]
        for c in briefing.contradictions:
            out += [
                f"**{escape(c.subject)}** ({escape(c.kind)})",
                "",
                _item(c.first, notes),
                _item(c.second, notes),
                "",
            ]
    if briefing.key_numbers:
        out += ["", "## Key numbers", "", "| figure | what | source |", "|---:|---|---|"]
        for k in briefing.key_numbers:
            refs = "".join(notes.ref(c) for c in k.item.citations)
            out.append(f"| {escape(k.figure)} | {escape(k.subject)} | {refs} |")
    out += ["", "## Sources", ""]
    out += ["| id | title | outlet | author | published | file | words |"]
    out += ["|---|---|---|---|---|---|---:|"]
    out += [_source_row(s) for s in briefing.sources]
    profiles = [p for p in briefing.profiles]
    if profiles:
        out += ["", "| source | kind | loaded terms | style |", "|---|---|---:|---|"]
        for p in profiles:
            style = (
                ", ".join(
                    x
                    for x, on in (("first person", p.first_person), ("rhetorical", p.rhetorical))
                    if on
                )
                or "—"
            )
            out.append(f"| {p.source} | {escape(p.kind)} | {p.loaded_share:.0%} | {style} |")
    note = briefing.note
    out += ["", "## Sourcing note", ""]
    out += [
        f"- {note.sources_read} sources read; summariser: {note.summariser}; "
        f"theme pack: {escape(note.theme_pack)}."
    ]
    if note.merged_items:
        out += [
            f"- {note.merged_items} quotes from other sources were merged into statements "
            "they repeat; each keeps its own citation and wording."
        ]
    for s in note.skipped:
        out.append(f"- Skipped {escape(s.path)}: {escape(s.reason)}.")
    for d in note.duplicates:
        out.append(f"- Not used twice: {escape(d.path)} is the same article as {d.same_as}.")
    out += [
        "- Every statement is quoted verbatim from the source it cites; flagged terms are "
        "the sources' wording, not ours."
    ]
    out += ["", *notes.lines(), "", SIGNATURE, ""]
    return "\n".join(out).encode("utf-8")
