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
from briefing.model import (
    Briefing,
    Citation,
    Contradiction,
    Item,
    Section,
    Source,
    SourceProfile,
)
from briefing.resources import templates_dir

logger = logging.getLogger(__name__)

GENERATOR = "briefing"
EMPTY_SECTION = "No statements in the sources fit this theme."
UNKNOWN_DATE = "date unknown"
SOURCE_COLUMNS = ("ID", "Title", "Outlet", "Author", "Published", "File", "Words")
KEY_NUMBER_COLUMNS = ("Figure", "What it counts", "Source")
DISAGREE_TITLE = "Where the sources disagree"
KEY_NUMBERS_TITLE = "Key numbers"
COVERAGE_TITLE = "Coverage"
COVERAGE_CAPTION = "Figure 1. Items each source gives to each theme"
NEW_TAG = "NEW"
# the theme whose section the side-by-side disputes follow
DISPUTED_THEME = "disputed_framing"
CONTRADICTION_KINDS = {
    "polarity": "one affirms what the other denies",
    "number": "the figures differ",
    "wording": "the same speaker, quoted differently",
}

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
    # shares of the text width for KEY_NUMBER_COLUMNS
    key_number_columns: tuple[float, ...] = (0.18, 0.52, 0.30)
    # the coverage heat map shades a cell from white (0 items) to this colour (the most items)
    heat_color: str = "1F3A5F"
    new_tag_color: str = "FFFFFF"
    new_tag_fill: str = "2E7D32"
    # printed at the top of every page when set, e.g. a distribution restriction
    banner: str | None = None
    banner_color: str = "A4262C"


DEFAULT_STYLE = DocxStyle()

# A printed-memo look: serif text, dark green, a distribution banner on every page. Times New
# Roman covers Cyrillic and Greek; LibreOffice substitutes the metric-compatible Liberation Serif.
MINISTRY_STYLE = DocxStyle(
    font="Times New Roman",
    heading_font="Times New Roman",
    body_size=11.5,
    line=1.1,
    title_size=20.0,
    subtitle_size=11.0,
    heading1_size=14.5,
    heading2_size=12.0,
    table_size=9.0,
    footnote_size=8.5,
    text_color="1A1A1A",
    accent_color="1E4D2B",
    muted_color="5B625C",
    link_color="1D5A8C",
    flag_color="8B1E1E",
    rule_color="B8C4BA",
    box_fill="EFF4EF",
    table_header_fill="DDE8DF",
    heat_color="1E4D2B",
    new_tag_fill="8B1E1E",
    bullet="–",
    margin_top=2.4,
    margin_bottom=2.2,
    margin_side=2.5,
    banner="INTERNAL — NOT FOR PUBLICATION",
    banner_color="8B1E1E",
)


@dataclass(frozen=True, slots=True)
class DocxTemplate:
    """A house look: style values plus, optionally, a reference .docx whose styles win.

    As with pandoc's ``--reference-doc``, styles defined in ``reference`` are used as they are and
    the ones it lacks come from ``style``; the page size always comes from the export settings.
    """

    style: DocxStyle = field(default_factory=DocxStyle)
    reference: Path | None = None


TEMPLATES: dict[str, DocxTemplate] = {
    "default": DocxTemplate(style=DEFAULT_STYLE),
    "ministry": DocxTemplate(style=MINISTRY_STYLE),
}
_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")


def template_names() -> list[str]:
    """The registered template names, then those of ``templates/styles/<name>.docx`` files."""
    folder = templates_dir() / "styles"
    bundled = sorted(p.stem for p in folder.glob("*.docx")) if folder.is_dir() else []
    return [*TEMPLATES, *(n for n in bundled if n not in TEMPLATES and _TEMPLATE_NAME.match(n))]


def template_for(name: str) -> DocxTemplate:
    """The template ``name``: a registered one, a bundled ``templates/styles/<name>.docx`` or,
    when ``name`` is a path to a .docx file, that file as reference document.

    Raises ExportError when it is none of these.
    """
    if name in TEMPLATES:
        return TEMPLATES[name]
    if name.endswith(".pdf.toml"):  # a PDF style file styles the PDF only
        return TEMPLATES["default"]
    if name.lower().endswith(".docx") or "/" in name or "\\" in name:
        path = Path(name).expanduser()
        if not path.is_file():
            raise ExportError(
                f"cannot find DOCX template {path}: give the path of a .docx file or choose "
                f"{', '.join(template_names())}"
            )
        return DocxTemplate(reference=path)
    if name and _TEMPLATE_NAME.match(name):
        reference = templates_dir() / "styles" / f"{name}.docx"
        if reference.is_file():
            return DocxTemplate(reference=reference)
    raise ExportError(
        f"unknown template {name!r}; choose {', '.join(template_names())} or a .docx path"
    )


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
    if item.status == "continuing":
        parts.append(("continuing from the last brief", False))
    if item.speaker:
        parts.append((f"speaker: {item.speaker}", False))
    if item.corroboration:
        parts.append((item.corroboration, False))
    if item.cues:
        parts.append((f"placed by: {', '.join(item.cues)}", False))
    if item.flags:
        parts.append((f"flagged terms: {', '.join(item.flags)}", True))
    return parts


def kind_text(kind: str) -> str:
    """How a contradiction of ``kind`` reads in a caption; unknown kinds show as they are."""
    return CONTRADICTION_KINDS.get(kind, kind)


def profile_text(profile: SourceProfile) -> str:
    """ "opinion/advocacy · loaded terms in 18% of sentences · first person, rhetorical · terms:
    begging": the line under a source in the sources table."""
    style = [
        name
        for name, on in (("first person", profile.first_person), ("rhetorical", profile.rhetorical))
        if on
    ]
    parts = [
        profile.kind,
        f"loaded terms in {profile.loaded_share:.0%} of sentences",
        f"style: {', '.join(style) if style else 'impersonal'}",
    ]
    if profile.terms:
        parts.append(f"terms: {', '.join(profile.terms)}")
    return " · ".join(parts)


def citation_note(item: Item) -> str:
    """ "S1 ¶2, S9 ¶4": where a statement was cited, without looking the sources up (statements
    that are no longer reported may cite sources this briefing did not read)."""
    return ", ".join(f"{c.source} ¶{c.paragraph}" for c in item.citations)


def heat_fill(count: int, most: int, color: str) -> str | None:
    """The heat-map fill for ``count`` of ``most``: none for 0, else white blended toward
    ``color``, starting at a fifth so that a single item is still visibly shaded."""
    if count <= 0 or most <= 0:
        return None
    share = 0.2 + 0.8 * min(count, most) / most
    white = (255, 255, 255)
    target = tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(w + (t - w) * share):02X}" for w, t in zip(white, target, strict=True))


def is_dark(fill: str) -> bool:
    """Whether text on ``fill`` should be white (relative luminance below one half)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5


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
    compare_table = table_properties(
        borders={
            "top": Border(color=s.rule_color, size=4),
            "left": Border(color=s.rule_color, size=4),
            "bottom": Border(color=s.rule_color, size=4),
            "right": Border(color=s.rule_color, size=4),
            "insideH": Border(color=s.rule_color, size=4),
            "insideV": Border(color=s.rule_color, size=4),
        },
        cell_margins={"top": 3, "left": 5, "bottom": 3, "right": 5},
    )
    # white rules between cells make the shaded heat-map cells read as separate tiles
    heat_table = table_properties(
        borders={
            "insideH": Border(color="FFFFFF", size=12),
            "insideV": Border(color="FFFFFF", size=12),
        },
        cell_margins={"top": 2.5, "left": 4, "bottom": 2.5, "right": 4},
    )
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
        style_element(
            "table",
            "CompareTable",
            "Compare Table",
            based_on="TableNormal",
            custom=True,
            ui_priority=99,
            table_parts=[compare_table],
        ),
        style_element(
            "table",
            "HeatMapTable",
            "Heat Map Table",
            based_on="TableNormal",
            custom=True,
            ui_priority=99,
            table_parts=[heat_table, header_row],
        ),
        style_element(
            "paragraph",
            "Caption",
            "caption",
            based_on="Normal",
            next_style="Normal",
            ui_priority=35,
            quick=True,
            ppr=ParaProps(space_before=4, space_after=12),
            rpr=RunProps(size=s.small_size, italic=True, color=s.muted_color),
        ),
        style_element(
            "paragraph",
            "Header",
            "header",
            based_on="Normal",
            ui_priority=99,
            ppr=ParaProps(align="center", space_after=0, line=1.0),
            rpr=RunProps(size=s.footer_size, bold=True, color=s.banner_color, spacing=1.5),
        ),
        style_element(
            "character",
            "NewTag",
            "New Tag",
            based_on="DefaultParagraphFont",
            custom=True,
            ui_priority=99,
            rpr=RunProps(
                bold=True,
                color=s.new_tag_color,
                spacing=0.5,
                size=s.small_size,
                shading=s.new_tag_fill,
            ),
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
        self._key_numbers()  # after the contents, as in the PDF: the figures come first
        for index, section in enumerate(self.b.sections):
            self._section(index, section)
        if not self._disputed_section():
            self._disagreements(level=1)
        self._gone()
        self._coverage()
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
        if s.banner:
            header = section.header
            header.is_linked_to_previous = False
            top = header.paragraphs[0]
            for child in list(top._p):
                top._p.remove(child)
            set_paragraph_props(top, ParaProps(style="Header"))
            top._p.append(run(s.banner))

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

    def _disputed_section(self) -> bool:
        """Whether the side-by-side disputes go under a disputed framing section."""
        return any(section.theme == DISPUTED_THEME for section in self.b.sections)

    def _heading(self, text: str, anchor: str) -> Paragraph:
        heading = self._para("Heading1", text)
        self.bookmarks.place(heading, self.bookmarks.name(anchor))
        return heading

    def _cite(self, p: Paragraph, item: Item) -> None:
        """A footnote per citation of ``item`` at the end of ``p``."""
        for n, citation in enumerate(item.citations):
            if n:
                # a comma keeps note numbers 1 and 2 from reading as 12
                p._p.append(run(",", RunProps(style=FOOTNOTE_REFERENCE_STYLE)))
            self._citation(self.footnotes.add(p), citation)

    def _new_tag(self, p: CT_P, item: Item) -> None:
        if item.status == "new":
            p.append(run(NEW_TAG, RunProps(style="NewTag")))
            p.append(run(" "))

    def _widths(self, shares: tuple[float, ...]) -> list[int]:
        """Column widths (twips) for ``shares`` of the text width, summing to it exactly."""
        total = sum(shares)
        widths = [round(self.text_width * share / total) for share in shares]
        widths[-1] += self.text_width - sum(widths)
        return widths

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
            self._new_tag(_style(p, "ListBullet"), item)
            p._p.append(run(item.text))
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
        if b.key_numbers:
            entries.append(
                (KEY_NUMBERS_TITLE, name("key_numbers"), _plural(len(b.key_numbers), "figure"))
            )
        for index, section in enumerate(b.sections):
            count = _plural(len(section.items), "statement") if section.items else "none"
            entries.append((section.title, self._section_anchor(index, section), count))
        if b.contradictions and not self._disputed_section():
            entries.append(
                (DISAGREE_TITLE, name("disagree"), _plural(len(b.contradictions), "dispute"))
            )
        if b.previous is not None:
            entries.append((self._gone_title(), name("gone"), _plural(len(b.gone), "statement")))
        if self._coverage_table():
            entries.append((COVERAGE_TITLE, name("coverage"), "Figure 1"))
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
        if section.theme == DISPUTED_THEME:
            self._disagreements(level=2)

    def _item(self, item: Item) -> None:
        p = self._para("Statement")
        self._new_tag(p._p, item)
        p._p.append(run(item.text))
        self._cite(p, item)
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

    def _disagreements(self, level: Literal[1, 2]) -> None:
        if not self.b.contradictions:
            return
        if level == 1:
            self._heading(DISAGREE_TITLE, "disagree")
        else:
            heading = self._para("Heading2", DISAGREE_TITLE)
            self.bookmarks.place(heading, self.bookmarks.name("disagree"))
        for contradiction in self.b.contradictions:
            self._dispute(contradiction)

    def _dispute(self, c: Contradiction) -> None:
        """Two statements side by side under a caption row naming the subject and the kind."""
        s = self.s
        half = self.text_width // 2
        widths = [half, self.text_width - half]
        table = self._table(2, widths, "CompareTable", f"Disputed: {c.subject}")
        caption_row, sides_row = table.rows
        row_properties(caption_row._tr, cant_split=True)
        row_properties(sides_row._tr, cant_split=True)
        for tc in caption_row._tr.tc_lst:
            cell_properties(tc, width=self.text_width // 2, fill=s.box_fill)
        caption = table.cell(0, 0).merge(table.cell(0, 1))
        p = caption.paragraphs[0]
        set_paragraph_props(p, ParaProps(style="TableHeading", keep_next=True))
        p._p.append(run(c.subject))
        p._p.append(run(f" — {kind_text(c.kind)}", RunProps(bold=False, color=s.muted_color)))
        label = RunProps(size=s.small_size, color=s.muted_color)
        link = RunProps(style=HYPERLINK_STYLE, size=s.small_size)
        for cell, item in zip(sides_row.cells, (c.first, c.second), strict=True):
            head = _style(cell.paragraphs[0], "TableText")
            for n, sid in enumerate(item.source_ids):
                if n:
                    head.append(run(", ", label))
                self._source_ref(cell.paragraphs[0], sid, link)
            if item.speaker:
                head.append(run(f" · {item.speaker}", label))
            text = cell.add_paragraph()
            set_paragraph_props(text, ParaProps(style="TableText", space_before=2))
            text._p.append(run(item.text))
            self._cite(text, item)
        # Word joins tables that touch into one, so each pair gets a paragraph after it
        self._para("Caption")

    def _key_numbers(self) -> None:
        numbers = self.b.key_numbers
        if not numbers:
            return
        s = self.s
        self._heading(KEY_NUMBERS_TITLE, "key_numbers")
        widths = self._widths(s.key_number_columns)
        table = self._table(1 + len(numbers), widths, "SourcesTable", KEY_NUMBERS_TITLE)
        rows = table.rows
        row_properties(rows[0]._tr, header=True, cant_split=True)
        for cell, heading in zip(rows[0].cells, KEY_NUMBER_COLUMNS, strict=True):
            _style(cell.paragraphs[0], "TableHeading").append(run(heading))
        link = RunProps(style=HYPERLINK_STYLE)
        for row, number in zip(rows[1:], numbers, strict=True):
            row_properties(row._tr, cant_split=True)
            figure, counts, source = row.cells
            _style(figure.paragraphs[0], "TableText").append(
                run(number.figure, RunProps(bold=True))
            )
            _style(counts.paragraphs[0], "TableText").append(run(number.subject))
            p = source.paragraphs[0]
            cited = _style(p, "TableText")
            for n, sid in enumerate(number.item.source_ids):
                if n:
                    cited.append(run(", "))
                self._source_ref(p, sid, link)
            self._cite(p, number.item)

    def _gone_title(self) -> str:
        previous = self.b.previous
        return f"No longer reported since {day_text(previous) if previous else UNKNOWN_DATE}"

    def _gone(self) -> None:
        previous = self.b.previous
        if previous is None:
            return
        self._heading(self._gone_title(), "gone")
        if not self.b.gone:
            self._para(
                "MutedNote",
                f"Every statement of the briefing of {day_text(previous)} is still reported.",
            )
            return
        self._para(
            "MutedNote",
            f"Statements of the briefing of {day_text(previous)} that this one no longer "
            "carries, with where they were cited then.",
        )
        muted = RunProps(size=self.s.small_size, color=self.s.muted_color)
        for item in self.b.gone:
            p = self._para("ListBullet", item.text)
            # plain text, not links: these sources may not be in this briefing's sources table
            p._p.append(run(f" (was cited: {citation_note(item)})", muted))

    def _coverage_table(self) -> dict[str, dict[str, int]] | None:
        if not self.b.sources or not self.b.sections:
            return None
        return self.b.coverage()

    def _coverage(self) -> None:
        """A heat map: one row per source, one column per theme, the item count in each cell."""
        table_data = self._coverage_table()
        if table_data is None:
            return
        s = self.s
        self._heading(COVERAGE_TITLE, "coverage")
        themes = dict.fromkeys(section.theme for section in self.b.sections)
        titles: dict[str, str] = {}
        for section in self.b.sections:
            titles.setdefault(section.theme, section.title)
        widths = self._widths((1.4, *(1.0 for _ in themes)))
        sources = self.b.sources
        table = self._table(1 + len(sources), widths, "HeatMapTable", COVERAGE_CAPTION)
        rows = table.rows
        row_properties(rows[0]._tr, header=True, cant_split=True)
        _style(rows[0].cells[0].paragraphs[0], "TableHeading").append(run("Source"))
        for cell, theme in zip(rows[0].cells[1:], themes, strict=True):
            _style(cell.paragraphs[0], "TableHeading", "center").append(run(titles[theme]))
        most = max((n for counts in table_data.values() for n in counts.values()), default=0)
        zero = RunProps(color=s.muted_color)
        for row, source in zip(rows[1:], sources, strict=True):
            row_properties(row._tr, cant_split=True)
            first = row.cells[0].paragraphs[0]
            _style(first, "TableText")
            self._source_ref(first, source.id, RunProps(style=HYPERLINK_STYLE, bold=True))
            counts = table_data.get(source.id, {})
            for cell, width, theme in zip(row.cells[1:], widths[1:], themes, strict=True):
                count = counts.get(theme, 0)
                fill = heat_fill(count, most, s.heat_color)
                cell_properties(cell._tc, width=width, fill=fill)
                if fill is None:
                    props = zero
                else:
                    props = RunProps(bold=True, color="FFFFFF" if is_dark(fill) else s.text_color)
                _style(cell.paragraphs[0], "TableText", "center").append(run(str(count), props))
        self._para("Caption", COVERAGE_CAPTION)

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
            profile = self.b.profile(source.id)
            if profile is not None:
                line = cells[1].add_paragraph()
                set_paragraph_props(line, ParaProps(style="TableText", space_before=2))
                line._p.append(
                    run(profile_text(profile), RunProps(size=s.small_size, color=s.muted_color))
                )
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


def _style(
    p: Paragraph, style: str, align: Literal["left", "center", "right"] | None = None
) -> CT_P:
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
