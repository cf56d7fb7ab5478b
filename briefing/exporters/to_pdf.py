"""The PDF writer: a paged, bookmarked, linked briefing built with reportlab platypus."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import linearlyInterpolatedColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from briefing import __version__
from briefing.errors import ExportError
from briefing.exporters import ExportSettings, Paper
from briefing.exporters.pdf_doc import (
    Anchor,
    BriefingDoc,
    DocInfo,
    Mark,
    PageCount,
    Para,
    mark,
    truncate,
)
from briefing.exporters.pdf_style import PdfStyle, Sheet, colour, register_fonts, style_for
from briefing.model import Briefing, Citation, Contradiction, Item, Section, Source

__all__ = ["render"]

log = logging.getLogger(__name__)

_PAGE_SIZES = {Paper.A4: A4, Paper.LETTER: LETTER}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# C0 and C1 controls (and DEL) except tab and newline: a BEL or ESC in a source must not reach
# reportlab's parser or the PDF text layer.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")
_EXTERNAL = re.compile(r"^(https?|mailto):", re.IGNORECASE)
_MAX_PASSES = 6
_EMPTY_SECTION = "No statements in the sources fit this theme."
_EMPTY_BOTTOM_LINE = "No statements were selected for the bottom line."
# The disagreements part follows the section of this theme (or the last section without it).
_DISPUTED_THEME = "disputed_framing"
_KINDS = {
    "polarity": "one affirms what the other denies",
    "number": "the figures differ",
    "wording": "the same speaker quoted in different words",
}
# Beyond this many rows a heat map is no longer read as a picture; the busiest sources are shown.
_FIGURE_ROWS = 40
_FIGURE_TITLE = "Figure 1. Items each source gives to each theme"
_HOW_TO_READ = (
    "Every statement is quoted verbatim from its source. A marker such as [S1 ¶3] names the "
    "source (listed under Sources) and the paragraph in it; a statement found in several sources "
    "carries one marker per source."
)


def render(briefing: Briefing, settings: ExportSettings) -> bytes:
    """The briefing as PDF bytes; the same briefing and settings always give the same bytes.

    ``settings.template`` is a template name (default, ministry, ...) or a ``.pdf.toml`` path.
    Raises ExportError for an unknown template or when the layout cannot be made, ConfigError
    for an invalid style file.
    """
    style = style_for(settings.template)
    register_fonts(style)
    ids = [s.id for s in briefing.sources] or ["S1"]
    id_width = max(stringWidth(_clean(i), style.bold, style.body_size) for i in ids)
    # A freakishly long id may overhang its first line; it must not squeeze every entry.
    sheet = Sheet.of(style, source_indent=min(id_width, 72) + 10)
    info = DocInfo(
        title=_title(briefing),
        author="briefing",
        subject=f"Sourced briefing, {_plural(len(briefing.sources), 'source')}",
        keywords=tuple(_plain(s.title) for s in briefing.sections),
        creator=f"briefing {__version__}",
        date=briefing.date,
        date_label=_date(briefing.date),
    )
    buffer = io.BytesIO()
    doc = BriefingDoc(buffer, style, _PAGE_SIZES[settings.paper], info)
    writer = _Writer(briefing, style, sheet, doc.width)
    try:
        doc.multiBuild(writer.story(doc.page_count), maxPasses=_MAX_PASSES)
    except LayoutError as exc:
        raise ExportError(f"cannot lay out the PDF: {exc}") from exc
    except IndexError as exc:
        # multiBuild's way of saying the contents' page numbers kept changing.
        if "not resolved" not in str(exc):
            raise
        raise ExportError(f"PDF page numbers did not settle: {exc}") from exc
    return buffer.getvalue()


def _clean(value: str) -> str:
    """Source text made safe as plain text: controls removed (tab/newline kept)."""
    return _CONTROLS.sub("", value)


def _text(value: str) -> str:
    """Source text as Paragraph markup that shows it literally."""
    return escape(_clean(value))


def _plain(value: str) -> str:
    """Source text as one line of plain text (outline entries, metadata, running head)."""
    return " ".join(_clean(value).split())


def _title(briefing: Briefing) -> str:
    """The briefing's title as plain text; never blank (viewers would show the file name)."""
    return _plain(briefing.title) or "Briefing"


def _attr(value: str) -> str:
    """A value for a double-quoted markup attribute."""
    return escape(_clean(value), {'"': "&quot;"})


def _date(day: dt.date) -> str:
    # Month names from a fixed table, not strftime: a user's locale must not change the bytes.
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _file_name(path: str) -> str:
    return re.split(r"[\\/]", path)[-1] or path


def _anchors(sources: Iterable[Source]) -> list[str]:
    """A named destination per source, in order, unique even when ids clean to the same name."""
    names: list[str] = []
    for n, source in enumerate(sources, start=1):
        name = "src-" + _SAFE_NAME.sub("_", source.id)
        names.append(f"{name}-{n}" if name in names else name)
    return names


def scope_line(briefing: Briefing) -> str:
    """``"3 sources, published 17 May 2024 – 2 June 2024 (1 undated)"``, or fewer parts."""
    sources = briefing.sources
    line = _plural(len(sources), "source")
    span = briefing.published_range
    if span is None:
        return line + (", publication dates unknown" if sources else "")
    first, last = _date(span[0]), _date(span[1])
    line += f", published {first}" if first == last else f", published {first} – {last}"
    undated = sum(1 for s in sources if s.published is None)
    return line + (f" ({undated} undated)" if undated else "")


class _Writer:
    """Turns the briefing into a story of flowables, section by section."""

    def __init__(
        self,
        briefing: Briefing,
        style: PdfStyle,
        sheet: Sheet,
        width: float,
    ) -> None:
        self.briefing = briefing
        self.style = style
        self.sheet = sheet
        self.anchor_names = _anchors(briefing.sources)
        # Citations link to the first source with an id (ids are unique in a well-made briefing).
        self.anchors: dict[str, str] = {}
        for source, name in zip(briefing.sources, self.anchor_names, strict=True):
            self.anchors.setdefault(source.id, name)
        self.width = width
        self.accent = style.accent_colour
        self.muted = style.muted_colour
        self.contents_seed: list[tuple[int, str, int, str]] = []
        table_style = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), style.font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        self.toc = TableOfContents(levelStyles=[sheet.toc], tableStyle=table_style, dotsMinLevel=0)

    def story(self, page_count: PageCount) -> list[Flowable]:
        """Every flowable of the document, in reading order."""
        story: list[Flowable] = [page_count]
        story += self._title_block()
        story += self._bottom_line()
        story += self._contents()
        story += self._key_numbers()
        sections = self.briefing.sections
        themes = [s.theme for s in sections]
        after = themes.index(_DISPUTED_THEME) + 1 if _DISPUTED_THEME in themes else len(sections)
        for number, section in enumerate(sections, start=1):
            story += self._section(number, section)
            if number == after:
                story += self._disagreements()
        if not sections:
            story += self._disagreements()
        story += self._gone()
        story += self._coverage()
        story += self._sources()
        story += self._note()
        # The first pass lays out the contents with these (page 0) instead of reportlab's one-line
        # placeholder, so pages do not shift on the second pass and two passes are enough.
        self.toc.addEntries(self.contents_seed)
        return story

    def _marked(self, flowable: Flowable, how: Mark) -> Flowable:
        if how.contents is not None:
            self.contents_seed.append((0, how.contents, 0, how.key))
        return mark(flowable, how)

    def _heading(self, text: str, key: str, contents: str | None = None) -> Flowable:
        para = Para(_text(text), self.sheet.heading)
        return self._marked(para, Mark(key, _plain(text), contents))

    def _title_block(self) -> list[Flowable]:
        b = self.briefing
        title = Para(escape(_title(b)), self.sheet.title)
        meta = f"{_date(b.date)}<br/>{escape(scope_line(b))}"
        return [
            Para(escape(self.style.kicker.upper()), self.sheet.kicker),
            self._marked(title, Mark("h-title", _title(b))),
            Para(meta, self.sheet.meta),
            Spacer(1, 10),
            HRFlowable(
                width="100%", thickness=1.2, color=colour(self.accent), spaceBefore=0, spaceAfter=16
            ),
        ]

    def _markers(
        self, citations: tuple[Citation, ...], *, current: bool = True, raised: bool = False
    ) -> str:
        """The citation markers of a statement; ``raised`` sets them as superscript after text."""
        parts = [self._cite(c, current=current) for c in citations]
        size = self.style.marker_size
        text = f"[{'; '.join(parts)}]"
        if raised:
            coloured = f'<font color="{self.accent}">{text}</font>'
            return f'<super rise="3" size="{size}">{coloured}</super>'
        return f'<font size="{size}" color="{self.accent}">{text}</font>'

    def _cite(self, citation: Citation, *, current: bool = True) -> str:
        """A citation label linked to its source; ``current`` is False for a previous briefing's."""
        label = f"{_text(citation.source)}&nbsp;¶{citation.paragraph}"
        if not current:  # a previous brief's source: same id, maybe another article
            return f"last brief: {label}"
        if citation.source not in self.anchors:
            log.warning("citation of unknown source %r is shown without a link", citation.source)
        return self._source_ref(citation.source, label)

    def _source_ref(self, source_id: str, label: str) -> str:
        """``label`` linked to the source's entry in the sources list, when there is one."""
        anchor = self.anchors.get(source_id)
        if anchor is None:
            return label
        return f'<a href="#{anchor}" color="{self.accent}">{label}</a>'

    def _statement(self, item: Item, style: ParagraphStyle, *, current: bool = True) -> Para:
        bullet = f'<bullet><font color="{self.accent}">•</font></bullet>'
        new = ""
        if item.status == "new":
            new = f'<font name="{self.style.bold}" color="{self.accent}">New:</font> '
        markers = self._markers(item.citations, current=current, raised=True)
        # A no-break space keeps the marker on the line of the last word, never alone.
        return Para(f"{bullet}{new}{_text(item.text)}\u00a0{markers}", style)

    def _bottom_line(self) -> list[Flowable]:
        s, style = self.sheet, self.style
        rows: list[list[Flowable]] = [[Para("Bottom line", s.box_heading)]]
        rows += [[self._statement(item, s.box_item)] for item in self.briefing.bottom_line]
        if not self.briefing.bottom_line:
            rows.append([Para(_EMPTY_BOTTOM_LINE, s.empty)])
        pad = style.box_padding
        table = Table(rows, colWidths=[self.width], splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    # Tables set a cell font even for flowable cells; the default is Helvetica.
                    ("FONTNAME", (0, 0), (-1, -1), style.font),
                    ("BACKGROUND", (0, 0), (-1, -1), colour(style.box_fill)),
                    ("LINEBEFORE", (0, 0), (0, -1), style.box_rule_width, colour(style.box_rule)),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad + style.box_rule_width),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, 0), pad),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), pad),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        anchor = self._marked(Anchor(), Mark("h-bottom-line", "Bottom line", "Bottom line"))
        # Not KeepTogether: a bottom line taller than what is left of page 1 would then move whole
        # to page 2 and leave the title alone; the box splits between (or inside) items instead.
        return [anchor, table]

    def _contents(self) -> list[Flowable]:
        heading = self._heading("Contents", "h-contents")
        gap = Spacer(1, 4)
        gap.keepWithNext = 1
        return [heading, gap, self.toc]

    def _section(self, number: int, section: Section) -> list[Flowable]:
        count = len(section.items)
        label = "statement" if count == 1 else "statements"
        contents = f'{_text(section.title)} <font color="{self.muted}">({count} {label})</font>'
        out = [self._heading(section.title, f"h-sec-{number}", contents)]
        if section.description:
            out.append(Para(_text(section.description), self.sheet.description))
        if not section.items:
            out.append(Para(_EMPTY_SECTION, self.sheet.empty))
        for item in section.items:
            out += self._item(item)
        return out

    def _item(self, item: Item, *, current: bool = True) -> list[Flowable]:
        s = self.sheet
        paras = [self._statement(item, s.item, current=current)]
        if item.speaker:
            paras.append(self._speaker(item.speaker, s.speaker))
        notes = []
        if item.status == "continuing":
            notes.append("continuing from the last brief")
        if item.corroboration:
            notes.append(item.corroboration)
        if item.cues:
            notes.append("placed by: " + ", ".join(_text(c) for c in item.cues))
        if item.flags:
            flags = ", ".join(_text(f) for f in item.flags)
            notes.append(f'<font color="{self.style.flag_colour}">flagged terms: {flags}</font>')
        if notes:
            paras.append(Para("; ".join(notes), s.item_note))
        for citation in item.citations:
            if citation.quote:
                cite = self._cite(citation, current=current)
                label = f'<font color="{self.accent}">{cite}</font>'
                paras.append(Para(f"{label}: “{_text(citation.quote)}”", s.quote))
        # keepWithNext, not KeepTogether: reportlab will not chain a heading's keepWithNext into a
        # KeepTogether, so a group would let the heading above the first item be orphaned.
        for para in paras[:-1]:
            para.keepWithNext = 1
        return paras

    def _speaker(self, speaker: str, style: ParagraphStyle) -> Para:
        return Para(f"— {_text(speaker)}", style)

    def _table_style(self) -> TableStyle:
        """Ruled rows under a shaded header row (key numbers, disagreements)."""
        style = self.style
        rule = colour(style.rule_colour)
        commands: list[tuple[object, ...]] = [
            # Tables set a cell font even for flowable cells; the default is Helvetica.
            ("FONTNAME", (0, 0), (-1, -1), style.font),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, rule),
            ("LINEABOVE", (0, 0), (-1, 0), 0.5, rule),
            ("BACKGROUND", (0, 0), (-1, 0), colour(style.box_fill)),
            ("LINEBELOW", (0, 0), (-1, 0), 1, colour(style.accent_colour)),
        ]
        return TableStyle(commands)

    def _key_numbers(self) -> list[Flowable]:
        numbers = self.briefing.key_numbers
        if not numbers:
            return []
        s = self.sheet
        out = [self._heading("Key numbers", "h-numbers", "Key numbers")]
        rows: list[list[Flowable]] = [
            [
                Para("Figure", s.cell_head),
                Para("What it counts", s.cell_head),
                Para("Source", s.cell_head),
            ]
        ]
        for number in numbers:
            rows.append(
                [
                    Para(f"<b>{_text(number.figure)}</b>", s.cell),
                    Para(_text(number.subject), s.cell),
                    Para(self._markers(number.item.citations), s.cell),
                ]
            )
        widths = [0.24 * self.width, 0.56 * self.width, 0.20 * self.width]
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(self._table_style())
        out.append(table)
        return out

    def _disagreements(self) -> list[Flowable]:
        pairs = self.briefing.contradictions
        if not pairs:
            return []
        title = "Where the sources disagree"
        count = _plural(len(pairs), "pair")
        contents = f'{escape(title)} <font color="{self.muted}">({count})</font>'
        out = [self._heading(title, "h-disagree", contents)]
        out.append(
            Para(
                "Statements from different sources that cannot both be right, quoted side by side.",
                self.sheet.description,
            )
        )
        for number, pair in enumerate(pairs, start=1):
            out += self._pair(number, pair)
        return out

    def _pair(self, number: int, pair: Contradiction) -> list[Flowable]:
        s = self.sheet
        kind = _KINDS.get(pair.kind, pair.kind)
        caption = Para(
            f"{number}. {_text(pair.subject)} "
            f'<font name="{self.style.font}" color="{self.muted}">— {_text(kind)}</font>',
            s.caption,
        )
        caption.keepWithNext = 1
        sides = (pair.first, pair.second)
        heads = [Para(self._side_label(item), s.cell_head) for item in sides]
        cells = []
        for item in sides:
            markers = self._markers(item.citations)
            cell = [Para(f"“{_text(item.text)}”\u00a0{markers}", s.cell)]
            if item.speaker:
                cell.append(self._speaker(item.speaker, s.cell_speaker))
            cells.append(cell)
        table = Table([heads, cells], colWidths=[self.width / 2] * 2, repeatRows=1, splitInRow=1)
        table.setStyle(self._table_style())
        table.setStyle(
            TableStyle([("LINEAFTER", (0, 0), (0, -1), 0.5, colour(self.style.rule_colour))])
        )
        return [caption, table]

    def _side_label(self, item: Item) -> str:
        """The sources a side of a disagreement comes from: ids with outlet or title."""
        labels = []
        for source_id in item.source_ids:
            label = _text(source_id)
            found = next((src for src in self.briefing.sources if src.id == source_id), None)
            if found is not None:
                name = found.outlet or found.title
                label += f'<font name="{self.style.font}"> · {_text(name)}</font>'
            labels.append(label)
        return "; ".join(labels)

    def _coverage(self) -> list[Flowable]:
        b = self.briefing
        if not b.sections or not b.sources:
            return []
        table = b.coverage()
        totals = {sid: sum(row.values()) for sid, row in table.items()}
        # coverage() has one row per id; a repeated id (a malformed briefing) is shown once.
        first: dict[str, Source] = {}
        for src in b.sources:
            first.setdefault(src.id, src)
        shown = list(first.values())
        caption = _FIGURE_TITLE + " (darker cells: more items; blank: none)."
        if len(shown) > _FIGURE_ROWS:
            busiest = sorted(shown, key=lambda src: -totals[src.id])[:_FIGURE_ROWS]
            keep = {src.id for src in busiest}
            left_out = len(shown) - _FIGURE_ROWS
            shown = [src for src in shown if src.id in keep]
            caption += (
                f" The {_FIGURE_ROWS} sources with the most items are shown;"
                f" {_plural(left_out, 'other')} are not."
            )
        heading = self._heading("Coverage", "h-coverage", "Coverage")
        figure = self._heat_map(shown, table)
        # A Drawing refuses a keepWithNext attribute; the group keeps heading, figure and caption
        # on one page (the heading's bookmark still fires, KeepTogether lays out its parts).
        return [KeepTogether([heading, figure, Para(escape(caption), self.sheet.figure_caption)])]

    def _heat_map(self, shown: list[Source], table: dict[str, dict[str, int]]) -> Drawing:
        """Sources down, themes across, each cell shaded by its count: vectors, embedded fonts."""
        style = self.style
        sections = self.briefing.sections
        size = style.small_size
        row_height = size + 6
        id_width = max(stringWidth(_plain(src.id), style.bold, size) for src in shown)
        label_width = min(0.34 * self.width, max(110.0, id_width + 60))
        column = (self.width - label_width) / len(sections)
        heads = [self._wrap(_plain(sec.title), column - 4, size, lines=3) for sec in sections]
        head_height = max(len(h) for h in heads) * (size + 2) + 6
        height = head_height + len(shown) * row_height
        drawing = Drawing(self.width, height)
        # Without these the renderer starts from Helvetica, which pdffonts lists as not embedded.
        drawing.initialFontName = style.font
        drawing.initialFontSize = size
        text, muted = colour(style.text_colour), colour(style.muted_colour)
        for n, lines in enumerate(heads):
            x = label_width + n * column + column / 2
            for k, line in enumerate(reversed(lines)):
                drawing.add(
                    String(
                        x,
                        height - head_height + 5 + k * (size + 2),
                        line,
                        fontName=style.bold,
                        fontSize=size,
                        fillColor=colour(style.accent_colour),
                        textAnchor="middle",
                    )
                )
        counts = [n for src in shown for n in table[src.id].values()]
        top = max(counts, default=0)
        low, high = colour(style.chart_low), colour(style.chart_high)
        for row, src in enumerate(shown):
            y = height - head_height - (row + 1) * row_height
            source_id = _plain(src.id)
            drawing.add(
                String(0, y + 4, source_id, fontName=style.bold, fontSize=size, fillColor=text)
            )
            room = label_width - id_width - 12
            name = truncate(_plain(src.outlet or src.title), style.font, size, room)
            drawing.add(
                String(
                    id_width + 5, y + 4, name, fontName=style.font, fontSize=size, fillColor=muted
                )
            )
            for n, sec in enumerate(sections):
                count = table[src.id].get(sec.theme, 0)
                x = label_width + n * column
                share = (count - 1) / (top - 1) if top > 1 else 1.0
                fill = (
                    linearlyInterpolatedColor(low, high, 0, 1, share)
                    if count
                    else colour(style.chart_empty)
                )
                drawing.add(
                    Rect(
                        x + 1,
                        y + 1,
                        column - 2,
                        row_height - 2,
                        fillColor=fill,
                        strokeColor=colour(style.rule_colour),
                        strokeWidth=0.3,
                    )
                )
                if count:
                    ink = colour("#ffffff") if share > 0.45 else text
                    drawing.add(
                        String(
                            x + column / 2,
                            y + 4,
                            str(count),
                            fontName=style.font,
                            fontSize=size,
                            fillColor=ink,
                            textAnchor="middle",
                        )
                    )
        return drawing

    def _wrap(self, text: str, room: float, size: float, *, lines: int) -> list[str]:
        """``text`` broken into at most ``lines`` lines of bold type ``room`` points wide."""
        font = self.style.bold
        out: list[str] = []
        for word in text.split():
            if out and stringWidth(f"{out[-1]} {word}", font, size) <= room:
                out[-1] += f" {word}"
            else:
                out.append(word)
        if len(out) > lines:
            out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
        return [truncate(line, font, size, room) for line in out] or [""]

    def _gone(self) -> list[Flowable]:
        previous = self.briefing.previous
        if previous is None:
            return []
        title = f"No longer reported since {_date(previous)}"
        out = [self._heading(title, "h-gone", escape(title))]
        if not self.briefing.gone:
            out.append(Para("Every earlier statement is still carried.", self.sheet.empty))
        for item in self.briefing.gone:
            # Their sources may be the previous briefing's, not listed here: no warning then.
            out += self._item(item, current=False)
        return out

    def _sources(self) -> list[Flowable]:
        out = [self._heading("Sources", "h-sources", "Sources")]
        if not self.briefing.sources:
            out.append(Para("No sources.", self.sheet.empty))
        for source, anchor in zip(self.briefing.sources, self.anchor_names, strict=True):
            out.append(self._source(source, anchor))
        return out

    def _source(self, source: Source, anchor: str) -> Flowable:
        s = self.sheet
        label = f'<font name="{self.style.bold}" color="{self.accent}">{_text(source.id)}</font>'
        bullet = f"<bullet>{label}</bullet>"
        details = [
            _text(source.outlet) if source.outlet else None,
            _text(source.author) if source.author else None,
            _date(source.published) if source.published else "date unknown",
            _text(_file_name(source.path)),
            _plural(source.words, "word"),
            f"language: {_text(source.language)}" if source.language else None,
        ]
        lines = [
            f'{bullet}<a name="{anchor}"/><b>{_text(source.title)}</b>',
            f'<font size="{self.style.small_size + 0.5}" color="{self.muted}">'
            + " · ".join(d for d in details if d)
            + "</font>",
        ]
        profile = self.briefing.profile(source.id)
        if profile is not None:
            parts = [
                _text(profile.kind),
                f"loaded terms in {profile.loaded_share:.0%} of sentences",
            ]
            if profile.terms:
                parts[-1] += " (" + ", ".join(_text(t) for t in profile.terms) + ")"
            voice = [
                "first person" if profile.first_person else "",
                "rhetorical questions" if profile.rhetorical else "",
            ]
            if any(voice):
                parts.append("style: " + ", ".join(v for v in voice if v))
            lines.append(
                f'<font size="{self.style.small_size + 0.5}">'
                f'<font name="{self.style.bold}">Profile:</font> {" · ".join(parts)}</font>'
            )
        if source.url:
            url = _text(source.url)
            if _EXTERNAL.match(_clean(source.url)):
                url = f'<a href="{_attr(source.url)}" color="{self.accent}">{url}</a>'
            lines.append(f'<font size="{self.style.small_size + 0.5}">{url}</font>')
        for warning in source.warnings:
            lines.append(
                f'<font size="{self.style.small_size + 0.5}" color="{self.muted}">'
                f"<i>note: {_text(warning)}</i></font>"
            )
        return Para("<br/>".join(lines), s.source)

    def _note(self) -> list[Flowable]:
        s, note = self.sheet, self.briefing.note
        out = [self._heading("Sourcing note", "h-note", "Sourcing note")]
        summary = [
            _plural(note.sources_read, "source") + " read",
            _plural(len(note.skipped), "file") + " skipped",
            _plural(len(note.duplicates), "duplicate") + " set aside",
            _plural(note.merged_items, "merged statement"),
        ]
        out.append(Para("; ".join(summary) + ".", s.note))
        if note.skipped:
            out.append(Para("Skipped files:", s.note))
            for skipped in note.skipped:
                text = f"{_text(_file_name(skipped.path))} — {_text(skipped.reason)}"
                out.append(Para(f"<bullet>–</bullet>{text}", s.note_list))
        if note.duplicates:
            out.append(Para("Duplicates (not read twice):", s.note))
            for dup in note.duplicates:
                same = self._source_ref(dup.same_as, _text(dup.same_as))
                text = f"{_text(_file_name(dup.path))} — same article as {same}"
                out.append(Para(f"<bullet>–</bullet>{text}", s.note_list))
        method = []
        if note.summariser:
            method.append(f"summariser <i>{_text(note.summariser)}</i>")
        if note.theme_pack:
            method.append(f"theme pack <i>{_text(note.theme_pack)}</i>")
        if method:
            out.append(Para("Selection: " + "; ".join(method) + ".", s.note))
        out.append(Para(_HOW_TO_READ, s.note))
        return out
