"""The DOCX writer: a Word document with real footnotes, linked contents and a sources table."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from briefing.errors import ExportError
from briefing.exporters import ExportSettings, Paper
from briefing.exporters.ooxml import (
    FOOTNOTE_REFERENCE_STYLE,
    FOOTNOTE_TEXT_STYLE,
    HYPERLINK_STYLE,
    NO_BORDER,
    Bookmarks,
    Border,
    Footnotes,
    ParaProps,
    RunProps,
    Tab,
    add_bullet_numbering,
    add_external_link,
    add_field,
    add_internal_link,
    cell_properties,
    deterministic_zip,
    drop_relationships,
    drop_thumbnail,
    el,
    fill_element,
    install_style,
    numbering_element,
    pin_core_properties,
    row_properties,
    run,
    set_app_properties,
    set_compatibility_mode,
    set_paragraph_props,
    set_theme_fonts,
    style_element,
    table_properties,
)
from briefing.model import Briefing, Citation, Item, Section, Source
from briefing.resources import templates_dir

logger = logging.getLogger(__name__)

GENERATOR = "briefing"
EMPTY_SECTION = "No statements in the sources fit this theme."
UNKNOWN_DATE = "date unknown"
SOURCE_COLUMNS = ("ID", "Title", "Outlet", "Author", "Published", "File", "Words")

# The Word 2010 copy of styles.xml in python-docx's template; it would contradict the styles
# written here (openxml-audit predicts a Word repair when the two disagree).
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

_PAPER_TWIPS = {Paper.A4: (11906, 16838), Paper.LETTER: (12240, 15840)}
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocxStyle:
    """Every look of the DOCX: fonts, sizes (points), colours (RGB hex), spacing, margins (cm).

    The font must exist where the document is read: Arial is on every Windows and macOS machine,
    covers Cyrillic and Greek, and LibreOffice substitutes the metric-compatible Liberation Sans.
    """

    font: str = "Arial"
    heading_font: str = "Arial"
    language: str = "en-GB"
    body_size: float = 10.5
    line: float = 1.15
    title_size: float = 22.0
    subtitle_size: float = 10.5
    heading1_size: float = 14.0
    heading2_size: float = 11.5
    small_size: float = 8.0
    table_size: float = 8.5
    footnote_size: float = 8.0
    footer_size: float = 8.0
    text_color: str = "1F2328"
    accent_color: str = "1F3A5F"
    muted_color: str = "5E6875"
    link_color: str = "1F5FA8"
    flag_color: str = "A4262C"
    rule_color: str = "C5CED9"
    box_fill: str = "EEF3F8"
    box_rule_size: int = 24  # eighths of a point
    table_header_fill: str = "E3E9F0"
    item_gap: float = 9.0
    bullet: str = "•"
    bullet_indent: float = 14.0
    label_width: float = 110.0  # sourcing note: labels, then values at this tab stop
    margin_top: float = 2.0
    margin_bottom: float = 2.0
    margin_side: float = 2.2
    footer_distance: float = 1.0
    # shares of the text width for the sources table's SOURCE_COLUMNS
    source_columns: tuple[float, ...] = (0.06, 0.31, 0.14, 0.13, 0.14, 0.14, 0.08)


DEFAULT_STYLE = DocxStyle()


@dataclass(frozen=True, slots=True)
class DocxTemplate:
    """A house look: style values plus, optionally, a reference .docx whose styles win.

    As with pandoc's ``--reference-doc``, styles defined in ``reference`` are used as they are and
    the ones it lacks come from ``style``; the page size always comes from the export settings.
    """

    style: DocxStyle = field(default_factory=DocxStyle)
    reference: Path | None = None


TEMPLATES: dict[str, DocxTemplate] = {"default": DocxTemplate(style=DEFAULT_STYLE)}
_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")


def template_for(name: str) -> DocxTemplate:
    """The registered template ``name``, else ``templates/styles/<name>.docx`` as reference doc.

    Raises ExportError when there is neither.
    """
    if name in TEMPLATES:
        return TEMPLATES[name]
    known = ", ".join(sorted(TEMPLATES))
    if not _TEMPLATE_NAME.match(name):
        raise ExportError(f"unknown DOCX template {name!r}: choose {known}")
    reference = templates_dir() / "styles" / f"{name}.docx"
    if reference.is_file():
        return DocxTemplate(reference=reference)
    raise ExportError(f"unknown DOCX template {name!r}: choose {known} or add {reference}")


def render(briefing: Briefing, settings: ExportSettings) -> bytes:
    """The briefing as DOCX bytes, identical for identical input; raises ExportError."""
    return _Writer(briefing, settings.paper, template_for(settings.template)).render()


# --- wording ----------------------------------------------------------------------------------


def day_text(day: dt.date) -> str:
    """ "1 June 2024", whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def scope_text(sources: tuple[Source, ...]) -> str:
    """ "3 sources, published 17 May 2024 – 20 May 2024"; unknown dates are left out."""
    count = _plural(len(sources), "source")
    dates = sorted(s.published for s in sources if s.published is not None)
    if not dates:
        return count
    first, last = day_text(dates[0]), day_text(dates[-1])
    return f"{count}, published {first if first == last else f'{first} – {last}'}"


def meta_parts(item: Item) -> list[tuple[str, bool]]:
    """The small print under an item as (text, is_flag) pairs, in reading order."""
    parts: list[tuple[str, bool]] = []
    if item.speaker:
        parts.append((f"speaker: {item.speaker}", False))
    if item.cues:
        parts.append((f"placed by: {', '.join(item.cues)}", False))
    if item.flags:
        parts.append((f"flagged terms: {', '.join(item.flags)}", True))
    return parts


def file_name(path: str) -> str:
    """The last part of a POSIX or Windows path: full paths would show the sender's folders."""
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"


# --- styles -----------------------------------------------------------------------------------


def style_sheet(s: DocxStyle, text_width: float, bullets: int) -> list[BaseOxmlElement]:
    """Every style the document uses, as w:style elements.

    ``text_width`` (points) places right-aligned tab stops; ``bullets`` is the w:numId of the
    bullet list. Word's built-in styles keep Word's names and ids so Word treats them as its own.
    """
    rule = Border(color=s.rule_color, size=4, space=2)
    small = RunProps(size=s.small_size, color=s.muted_color)
    header_row = el(
        "w:tblStylePr",
        {"w:type": "firstRow"},
        RunProps(bold=True, color=s.accent_color).element(),
        el("w:tcPr", None, fill_element(s.table_header_fill)),
    )
    sources_table = table_properties(
        borders={
            "top": Border(color=s.accent_color, size=8),
            "bottom": Border(color=s.accent_color, size=8),
            "insideH": Border(color=s.rule_color, size=4),
        },
        cell_margins={"top": 2.5, "left": 4, "bottom": 2.5, "right": 4},
    )
    plain = table_properties(cell_margins={"top": 0, "left": 5.4, "bottom": 0, "right": 5.4})
    return [
        style_element(
            "paragraph",
            "Normal",
            "Normal",
            default=True,
            quick=True,
            ppr=ParaProps(space_after=6, line=s.line, widow_control=True),
            rpr=RunProps(font=s.font, size=s.body_size, color=s.text_color),
        ),
        style_element(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            default=True,
            ui_priority=1,
        ),
        style_element(
            "table",
            "TableNormal",
            "Normal Table",
            default=True,
            ui_priority=99,
            table_parts=[plain],
        ),
        style_element("numbering", "NoList", "No List", default=True, ui_priority=99),
        style_element(
            "paragraph",
            "Title",
            "Title",
            based_on="Normal",
            next_style="Subtitle",
            ui_priority=10,
            quick=True,
            ppr=ParaProps(keep_next=True, space_after=4, line=1.0),
            rpr=RunProps(font=s.heading_font, size=s.title_size, bold=True, color=s.accent_color),
        ),
        style_element(
            "paragraph",
            "Subtitle",
            "Subtitle",
            based_on="Normal",
            next_style="Normal",
            ui_priority=11,
            quick=True,
            ppr=ParaProps(
                borders=(("bottom", Border(color=s.accent_color, size=8, space=6)),),
                space_after=14,
            ),
            rpr=RunProps(size=s.subtitle_size, color=s.muted_color),
        ),
        style_element(
            "paragraph",
            "Heading1",
            "heading 1",
            based_on="Normal",
            next_style="Normal",
            ui_priority=9,
            quick=True,
            ppr=ParaProps(
                keep_next=True,
                keep_lines=True,
                borders=(("bottom", rule),),
                space_before=18,
                space_after=8,
                line=1.0,
                outline_level=0,
            ),
            rpr=RunProps(
                font=s.heading_font, size=s.heading1_size, bold=True, color=s.accent_color
            ),
        ),
        style_element(
            "paragraph",
            "Heading2",
            "heading 2",
            based_on="Normal",
            next_style="Normal",
            ui_priority=9,
            quick=True,
            ppr=ParaProps(
                keep_next=True, keep_lines=True, space_before=10, space_after=4, outline_level=1
            ),
            rpr=RunProps(
                font=s.heading_font, size=s.heading2_size, bold=True, color=s.accent_color
            ),
        ),
        # Word's own heading for a contents list: looks like Heading 1, stays out of the outline
        style_element(
            "paragraph",
            "TOCHeading",
            "TOC Heading",
            based_on="Heading1",
            next_style="Normal",
            ui_priority=39,
            ppr=ParaProps(outline_level=9),
        ),
        style_element(
            "paragraph",
            "TOC1",
            "toc 1",
            based_on="Normal",
            next_style="Normal",
            ui_priority=39,
            ppr=ParaProps(tabs=(Tab(text_width, "right", "dot"),), space_after=3, line=1.0),
        ),
        style_element(
            "paragraph",
            "Statement",
            "Statement",
            based_on="Normal",
            next_style="ItemMeta",
            custom=True,
            quick=True,
            ppr=ParaProps(keep_lines=True, space_after=2),
        ),
        style_element(
            "paragraph",
            "ItemMeta",
            "Item Meta",
            based_on="Normal",
            next_style="Statement",
            custom=True,
            ppr=ParaProps(space_after=s.item_gap, line=1.0),
            rpr=small,
        ),
        style_element(
            "paragraph",
            "MutedNote",
            "Muted Note",
            based_on="Normal",
            custom=True,
            ppr=ParaProps(space_after=s.item_gap),
            rpr=RunProps(italic=True, color=s.muted_color),
        ),
        style_element(
            "paragraph",
            "ListBullet",
            "List Bullet",
            based_on="Normal",
            ui_priority=99,
            ppr=ParaProps(num_id=bullets, space_after=4),
        ),
        style_element(
            "paragraph",
            "TableText",
            "Table Text",
            based_on="Normal",
            custom=True,
            ppr=ParaProps(space_after=0, line=1.0),
            rpr=RunProps(size=s.table_size),
        ),
        style_element(
            "paragraph",
            "TableHeading",
            "Table Heading",
            based_on="TableText",
            custom=True,
            ppr=ParaProps(keep_next=True),
            rpr=RunProps(bold=True, color=s.accent_color),
        ),
        style_element(
            "paragraph",
            FOOTNOTE_TEXT_STYLE,
            "footnote text",
            based_on="Normal",
            ui_priority=99,
            ppr=ParaProps(space_after=2, line=1.0, indent_left=10, hanging=10),
            rpr=RunProps(size=s.footnote_size),
        ),
        style_element(
            "character",
            FOOTNOTE_REFERENCE_STYLE,
            "footnote reference",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            rpr=RunProps(vert_align="superscript"),
        ),
        style_element(
            "character",
            HYPERLINK_STYLE,
            "Hyperlink",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            rpr=RunProps(color=s.link_color, underline="single"),
        ),
        style_element(
            "paragraph",
            "Footer",
            "footer",
            based_on="Normal",
            ui_priority=99,
            ppr=ParaProps(
                tabs=(Tab(text_width, "right"),),
                borders=(("top", Border(color=s.rule_color, size=4, space=4)),),
                space_after=0,
                line=1.0,
            ),
            rpr=RunProps(size=s.footer_size, color=s.muted_color),
        ),
        style_element(
            "table",
            "SourcesTable",
            "Sources Table",
            based_on="TableNormal",
            custom=True,
            ui_priority=99,
            table_parts=[sources_table, header_row],
        ),
    ]


# --- the writer -------------------------------------------------------------------------------


class _Writer:
    """Builds one document; each block method appends the next part in reading order."""

    def __init__(self, briefing: Briefing, paper: Paper, template: DocxTemplate) -> None:
        self.b = briefing
        self.s = template.style
        self.paper = paper
        self.fresh = template.reference is None
        self.doc = _open(template.reference)
        page_width, _ = _PAPER_TWIPS[paper]
        self.text_width = page_width - 2 * _cm_twips(self.s.margin_side)
        self.sources = {s.id: s for s in briefing.sources}
        self.bookmarks = Bookmarks()
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.sect_pr = body.get_or_add_sectPr()
        self.footnotes = Footnotes(self.doc)

    def render(self) -> bytes:
        self._package()
        self._styles()
        self._page()
        self._title()
        self._bottom_line()
        self._contents()
        for index, section in enumerate(self.b.sections):
            self._section(index, section)
        self._sources()
        self._note()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        logger.debug(
            "docx: %d sections, %d footnotes, %d sources",
            len(self.b.sections),
            self.footnotes.count,
            len(self.b.sources),
        )
        return deterministic_zip(buffer.getvalue(), self.b.date)

    # -- package, styles, page ---------------------------------------------------------------

    def _package(self) -> None:
        drop_relationships(self.doc.part, (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML))
        drop_thumbnail(self.doc)
        note = self.b.note
        pin_core_properties(
            self.doc,
            title=self.b.title,
            subject=f"Briefing of {day_text(self.b.date)}: {scope_text(self.b.sources)}",
            keywords=", ".join(section.title for section in self.b.sections),
            description=(
                f"Sourced briefing from {_plural(len(self.b.sources), 'source')} (summariser: "
                f"{note.summariser or 'n/a'}, theme pack: {note.theme_pack or 'n/a'})"
            ),
            when=dt.datetime.combine(self.b.date, dt.time(), tzinfo=dt.timezone.utc),
            author=GENERATOR,
            category="Briefing",
        )
        set_app_properties(self.doc, GENERATOR)
        set_compatibility_mode(self.doc, 15)
        if self.fresh:
            set_theme_fonts(self.doc, self.s.font)

    def _styles(self) -> None:
        s = self.s
        styles = self.doc.styles.element
        if self.fresh:
            # python-docx's template styles (theme fonts, 2011 table styles) would all show
            # in Word's gallery; a fresh document carries only its own
            for child in list(styles):
                styles.remove(child)
            rpr = RunProps(font=s.font, size=s.body_size, lang=s.language).element()
            ppr = ParaProps(space_after=0, line=1.0).element()
            styles.append(
                el(
                    "w:docDefaults",
                    None,
                    el("w:rPrDefault", None, rpr),
                    el("w:pPrDefault", None, ppr),
                )
            )
        numbering = numbering_element(self.doc, clear=self.fresh)
        bullets = add_bullet_numbering(
            numbering, bullet=s.bullet, font=s.font, indent=s.bullet_indent, hanging=s.bullet_indent
        )
        for style in style_sheet(s, self.text_width / 20, bullets):
            install_style(styles, style, replace=self.fresh)

    def _page(self) -> None:
        s = self.s
        section = self.doc.sections[0]
        width, height = _PAPER_TWIPS[self.paper]
        section.page_width, section.page_height = Twips(width), Twips(height)
        section.top_margin = Twips(_cm_twips(s.margin_top))
        section.bottom_margin = Twips(_cm_twips(s.margin_bottom))
        section.left_margin = section.right_margin = Twips(_cm_twips(s.margin_side))
        section.header_distance = section.footer_distance = Twips(_cm_twips(s.footer_distance))
        footer = section.footer
        footer.is_linked_to_previous = False
        for extra in footer.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        line = footer.paragraphs[0]
        for child in list(line._p):
            line._p.remove(child)
        set_paragraph_props(line, ParaProps(style="Footer"))
        line._p.append(run(f"{self.b.title} · {day_text(self.b.date)}\tPage "))
        add_field(line, "PAGE", "1")
        line._p.append(run(" of "))
        add_field(line, "NUMPAGES", "1")

    # -- building blocks ---------------------------------------------------------------------

    def _para(self, style: str, text: str | None = None) -> Paragraph:
        """A new last body paragraph. Inserted before w:sectPr directly: python-docx looks for
        w:sectPr among all body children on every insert, quadratic for long briefings."""
        p = el("w:p", None, ParaProps(style=style).element())
        if text is not None:
            p.append(run(text))
        self.sect_pr.addprevious(p)
        return Paragraph(_as_p(p), self.doc.part)

    def _table(self, rows: int, widths: list[int], style: str | None, caption: str) -> Table:
        tbl = CT_Tbl.new_tbl(rows, len(widths), Twips(sum(widths)))
        props = table_properties(
            style=style, width=sum(widths), look_first_row=style is not None, caption=caption
        )
        old = tbl.tblPr
        old.addprevious(props)
        tbl.remove(old)
        for col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            col.w = Twips(width)
        for tr in tbl.tr_lst:
            for tc, width in zip(tr.tc_lst, widths, strict=True):
                cell_properties(tc, width=width)
        self.sect_pr.addprevious(tbl)
        return Table(tbl, self.doc.part)

    def _source_ref(self, p: Paragraph, sid: str, props: RunProps | None = None) -> None:
        """``sid`` as a link to the source's row in the sources table (plain if it has none)."""
        if sid in self.sources:
            add_internal_link(p, sid, self.bookmarks.name("src", sid), props)
        else:
            logger.warning("docx: a citation names %r, which is not among the sources", sid)
            p._p.append(run(sid, props))

    def _section_anchor(self, index: int, section: Section) -> str:
        return self.bookmarks.name("sec", str(index + 1), section.theme)

    # -- blocks ------------------------------------------------------------------------------

    def _title(self) -> None:
        self._para("Title", self.b.title)
        self._para("Subtitle", f"{day_text(self.b.date)} · {scope_text(self.b.sources)}")

    def _bottom_line(self) -> None:
        s = self.s
        row = self._table(1, [self.text_width], None, "Bottom line").rows[0]
        row_properties(row._tr, cant_split=True)
        cell = row.cells[0]
        cell_properties(
            cell._tc,
            width=self.text_width,
            borders={
                "top": NO_BORDER,
                "bottom": NO_BORDER,
                "right": NO_BORDER,
                "left": Border(color=s.accent_color, size=s.box_rule_size),
            },
            fill=s.box_fill,
            margins={"top": 8, "bottom": 6, "left": 12, "right": 12},
        )
        heading = cell.paragraphs[0]
        set_paragraph_props(
            heading, ParaProps(style="Heading1", space_before=0, borders=(("bottom", NO_BORDER),))
        )
        heading._p.append(run("Bottom line"))
        self.bookmarks.place(heading, self.bookmarks.name("bottom_line"))
        if not self.b.bottom_line:
            empty = cell.add_paragraph()
            _style(empty, "MutedNote").append(run("No statement was selected for the bottom line."))
        muted = RunProps(size=s.small_size, color=s.muted_color)
        link = RunProps(style=HYPERLINK_STYLE, size=s.small_size)
        for item in self.b.bottom_line:
            p = cell.add_paragraph()
            _style(p, "ListBullet").append(run(item.text))
            p._p.append(run(" (", muted))
            for n, sid in enumerate(item.source_ids):
                if n:
                    p._p.append(run(", ", muted))
                self._source_ref(p, sid, link)
            p._p.append(run(")", muted))

    def _contents(self) -> None:
        self._para("TOCHeading", "Contents")
        b, name = self.b, self.bookmarks.name
        entries = [("Bottom line", name("bottom_line"), _plural(len(b.bottom_line), "statement"))]
        for index, section in enumerate(b.sections):
            count = _plural(len(section.items), "statement") if section.items else "none"
            entries.append((section.title, self._section_anchor(index, section), count))
        entries.append(("Sources", name("sources"), _plural(len(b.sources), "source")))
        entries.append(("Sourcing note", name("sourcing_note"), ""))
        muted = RunProps(color=self.s.muted_color)
        for title, anchor, count in entries:
            p = self._para("TOC1")
            add_internal_link(p, title, anchor, RunProps(color=self.s.text_color))
            if count:
                p._p.append(run(f"\t{count}", muted))

    def _section(self, index: int, section: Section) -> None:
        heading = self._para("Heading1", section.title)
        self.bookmarks.place(heading, self._section_anchor(index, section))
        if section.description:
            self._para("MutedNote", section.description)
        if not section.items:
            self._para("MutedNote", EMPTY_SECTION)
        for item in section.items:
            self._item(item)

    def _item(self, item: Item) -> None:
        p = self._para("Statement", item.text)
        for n, citation in enumerate(item.citations):
            if n:
                # a comma keeps note numbers 1 and 2 from reading as 12
                p._p.append(run(",", RunProps(style=FOOTNOTE_REFERENCE_STYLE)))
            self._citation(self.footnotes.add(p), citation)
        parts = meta_parts(item)
        if not parts:
            set_paragraph_props(p, ParaProps(style="Statement", space_after=self.s.item_gap))
            return
        set_paragraph_props(p, ParaProps(style="Statement", keep_next=True))
        meta = self._para("ItemMeta")
        flag = RunProps(color=self.s.flag_color, bold=True)
        for n, (text, is_flag) in enumerate(parts):
            if n:
                meta._p.append(run(" · "))
            meta._p.append(run(text, flag if is_flag else None))

    def _citation(self, note: Paragraph, citation: Citation) -> None:
        """Footnote text: "S1 — Title, Outlet, ¶3", then the source's own wording if it differs."""
        self._source_ref(note, citation.source)
        source = self.sources.get(citation.source)
        if source is None:
            details = ["not in the sources list"]
        else:
            details = [source.title, *([source.outlet] if source.outlet else [])]
        note._p.append(run(" — " + ", ".join([*details, f"¶{citation.paragraph}"])))
        if citation.quote:
            note._p.append(run(f": “{citation.quote}”"))

    def _sources(self) -> None:
        s = self.s
        heading = self._para("Heading1", "Sources")
        self.bookmarks.place(heading, self.bookmarks.name("sources"))
        if not self.b.sources:
            self._para("MutedNote", "No sources were read.")
            return
        total = sum(s.source_columns)
        widths = [round(self.text_width * share / total) for share in s.source_columns]
        widths[1] += self.text_width - sum(widths)
        table = self._table(1 + len(self.b.sources), widths, "SourcesTable", "Sources")
        rows = table.rows
        row_properties(rows[0]._tr, header=True, cant_split=True)
        for cell, label in zip(rows[0].cells, SOURCE_COLUMNS, strict=True):
            align: Literal["right"] | None = "right" if label == "Words" else None
            _style(cell.paragraphs[0], "TableHeading", align).append(run(label))
        missing = RunProps(color=s.muted_color, italic=True)
        url = RunProps(style=HYPERLINK_STYLE, size=s.small_size)
        for row, source in zip(rows[1:], self.b.sources, strict=True):
            row_properties(row._tr, cant_split=True)
            cells = row.cells
            first = cells[0].paragraphs[0]
            _style(first, "TableText").append(run(source.id, RunProps(bold=True)))
            self.bookmarks.place(first, self.bookmarks.name("src", source.id))
            _style(cells[1].paragraphs[0], "TableText").append(run(source.title))
            if source.url:
                link = cells[1].add_paragraph()
                _style(link, "TableText")
                add_external_link(link, source.url, source.url, url)
            published = day_text(source.published) if source.published else None
            _text_cell(cells[2], source.outlet, missing)
            _text_cell(cells[3], source.author, missing)
            _text_cell(cells[4], published, missing, UNKNOWN_DATE)
            _text_cell(cells[5], file_name(source.path), missing)
            _text_cell(cells[6], f"{source.words:,}", missing, align="right")

    def _note(self) -> None:
        note = self.b.note
        heading = self._para("Heading1", "Sourcing note")
        self.bookmarks.place(heading, self.bookmarks.name("sourcing_note"))
        rows = (
            ("Sources read", f"{note.sources_read:,}"),
            ("Skipped", f"{len(note.skipped):,}"),
            ("Duplicates", f"{len(note.duplicates):,}"),
            ("Merged statements", f"{note.merged_items:,} (the same statement in several sources)"),
            ("Summariser", note.summariser or "n/a"),
            ("Theme pack", note.theme_pack or "n/a"),
        )
        labelled = ParaProps(style="Normal", tabs=(Tab(self.s.label_width),), space_after=3)
        for label, value in rows:
            p = self._para("Normal")
            set_paragraph_props(p, labelled)
            p._p.append(run(label, RunProps(bold=True)))
            p._p.append(run(f"\t{value}"))
        if note.skipped:
            self._para("Heading2", "Skipped files")
            for skipped in note.skipped:
                self._para("ListBullet", f"{file_name(skipped.path)} — {skipped.reason}")
        if note.duplicates:
            self._para("Heading2", "Duplicate files")
            for duplicate in note.duplicates:
                p = self._para("ListBullet", f"{file_name(duplicate.path)} — same article as ")
                self._source_ref(p, duplicate.same_as)


# --- module helpers ---------------------------------------------------------------------------


def _cm_twips(cm: float) -> int:
    return round(cm * 1440 / 2.54)


def _as_p(element: BaseOxmlElement) -> CT_P:
    if not isinstance(element, CT_P):
        raise TypeError(f"expected w:p, got {element.tag}")
    return element


def _style(p: Paragraph, style: str, align: Literal["left", "right"] | None = None) -> CT_P:
    """Give ``p`` paragraph style ``style``; returns the w:p to append runs to."""
    set_paragraph_props(p, ParaProps(style=style, align=align))
    return p._p


def _text_cell(
    cell: _Cell,
    text: str | None,
    missing: RunProps,
    placeholder: str = "—",
    align: Literal["left", "right"] | None = None,
) -> None:
    p = _style(cell.paragraphs[0], "TableText", align)
    p.append(run(text) if text else run(placeholder, missing))


def _open(reference: Path | None) -> DocumentObject:
    if reference is None:
        return docx.Document()
    try:
        return docx.Document(str(reference))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ExportError(
            f"cannot use {reference} as a DOCX template ({exc}); give a .docx saved by Word"
        ) from exc
