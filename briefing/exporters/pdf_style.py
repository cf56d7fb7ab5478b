"""House styles for the PDF writer: every font, size, colour and margin in one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fontpkg_fira_sans import ROOT as FIRA_ROOT
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.errors import UsageError

_MM = 72 / 25.4


@dataclass(frozen=True, slots=True)
class PdfStyle:
    """The look of a PDF briefing; a house template supplies another instance.

    Sizes and margins are in points; colours are ``#rrggbb`` strings. The four font files are
    registered as one family named ``font``, so ``<b>`` and ``<i>`` in paragraphs pick their face.
    """

    font: str = "FiraSans"
    font_dir: str = str(Path(FIRA_ROOT) / "files")
    font_regular: str = "FiraSans-Regular.ttf"
    font_bold: str = "FiraSans-Bold.ttf"
    font_italic: str = "FiraSans-Italic.ttf"
    font_bold_italic: str = "FiraSans-BoldItalic.ttf"

    body_size: float = 10.0
    body_leading: float = 14.5
    small_size: float = 8.0
    small_leading: float = 11.0
    marker_size: float = 7.5
    kicker_size: float = 8.5
    title_size: float = 24.0
    title_leading: float = 29.0
    heading_size: float = 13.5
    heading_leading: float = 18.0
    box_heading_size: float = 11.0
    header_size: float = 7.5

    text_colour: str = "#1b1f24"
    muted_colour: str = "#5b6573"
    accent_colour: str = "#1f4e79"
    flag_colour: str = "#9b2c2c"
    rule_colour: str = "#c5cfda"
    box_fill: str = "#edf2f7"
    box_rule: str = "#1f4e79"

    margin_left: float = 24 * _MM
    margin_right: float = 24 * _MM
    margin_top: float = 24 * _MM
    margin_bottom: float = 22 * _MM
    header_offset: float = 11 * _MM
    footer_offset: float = 11 * _MM
    item_indent: float = 12.0
    box_padding: float = 12.0
    box_rule_width: float = 3.0

    kicker: str = "Sourced briefing"

    @property
    def bold(self) -> str:
        """Registered name of the bold face."""
        return f"{self.font}-Bold"

    @property
    def italic(self) -> str:
        """Registered name of the italic face."""
        return f"{self.font}-Italic"

    @property
    def bold_italic(self) -> str:
        """Registered name of the bold italic face."""
        return f"{self.font}-BoldItalic"


DEFAULT_STYLE = PdfStyle()

# Templates by name; a later issue adds house templates (logo, distribution banner) here.
STYLES: dict[str, PdfStyle] = {"default": DEFAULT_STYLE}


def style_for(template: str) -> PdfStyle:
    """The style of the named template; raises UsageError for an unknown name."""
    try:
        return STYLES[template]
    except KeyError:
        known = ", ".join(STYLES)
        raise UsageError(f"unknown PDF template {template!r}; choose one of: {known}") from None


def register_fonts(style: PdfStyle) -> None:
    """Register the style's TrueType family with reportlab (once per family name)."""
    if style.font in pdfmetrics.getRegisteredFontNames():
        return
    faces = (
        (style.font, style.font_regular),
        (style.bold, style.font_bold),
        (style.italic, style.font_italic),
        (style.bold_italic, style.font_bold_italic),
    )
    for name, filename in faces:
        pdfmetrics.registerFont(TTFont(name, str(Path(style.font_dir) / filename)))
    pdfmetrics.registerFontFamily(
        style.font,
        normal=style.font,
        bold=style.bold,
        italic=style.italic,
        boldItalic=style.bold_italic,
    )


def colour(hex_value: str) -> colors.Color:
    """A reportlab colour from ``#rrggbb``."""
    return colors.HexColor(hex_value)


@dataclass(frozen=True, slots=True)
class Sheet:
    """The paragraph styles derived from a PdfStyle (reportlab ParagraphStyle objects)."""

    body: ParagraphStyle
    item: ParagraphStyle
    item_note: ParagraphStyle
    quote: ParagraphStyle
    empty: ParagraphStyle
    kicker: ParagraphStyle
    title: ParagraphStyle
    meta: ParagraphStyle
    heading: ParagraphStyle
    description: ParagraphStyle
    box_heading: ParagraphStyle
    box_item: ParagraphStyle
    toc: ParagraphStyle
    source: ParagraphStyle
    note: ParagraphStyle
    note_list: ParagraphStyle

    @classmethod
    def of(cls, style: PdfStyle, source_indent: float) -> Sheet:
        """The sheet for ``style``; ``source_indent`` is the width kept for source ids."""
        text = colour(style.text_colour)
        muted = colour(style.muted_colour)
        accent = colour(style.accent_colour)
        body = ParagraphStyle(
            "body",
            fontName=style.font,
            fontSize=style.body_size,
            leading=style.body_leading,
            textColor=text,
            bulletFontName=style.font,
            bulletFontSize=style.body_size,
            alignment=TA_LEFT,
            allowOrphans=0,
            allowWidows=0,
        )
        small = ParagraphStyle(
            "small",
            parent=body,
            fontSize=style.small_size,
            leading=style.small_leading,
            textColor=muted,
            bulletFontSize=style.small_size,
        )
        item = ParagraphStyle(
            "item",
            parent=body,
            leftIndent=style.item_indent,
            bulletIndent=0,
            spaceBefore=7,
        )
        item_note = ParagraphStyle("item-note", parent=small, leftIndent=style.item_indent)
        heading = ParagraphStyle(
            "heading",
            parent=body,
            fontName=style.bold,
            fontSize=style.heading_size,
            leading=style.heading_leading,
            textColor=accent,
            spaceBefore=20,
            spaceAfter=2,
            keepWithNext=1,
        )
        return cls(
            body=body,
            item=item,
            item_note=item_note,
            quote=ParagraphStyle("quote", parent=item_note, fontName=style.italic, spaceBefore=1),
            empty=ParagraphStyle(
                "empty", parent=body, fontName=style.italic, textColor=muted, spaceBefore=6
            ),
            kicker=ParagraphStyle(
                "kicker",
                parent=body,
                fontName=style.bold,
                fontSize=style.kicker_size,
                leading=style.kicker_size * 1.4,
                textColor=accent,
                spaceAfter=4,
            ),
            title=ParagraphStyle(
                "title",
                parent=body,
                fontName=style.bold,
                fontSize=style.title_size,
                leading=style.title_leading,
                spaceAfter=8,
            ),
            meta=ParagraphStyle("meta", parent=body, textColor=muted, leading=style.body_leading),
            heading=heading,
            description=ParagraphStyle(
                "description",
                parent=body,
                fontName=style.italic,
                textColor=muted,
                spaceAfter=2,
                keepWithNext=1,
            ),
            box_heading=ParagraphStyle(
                "box-heading",
                parent=heading,
                fontSize=style.box_heading_size,
                leading=style.box_heading_size * 1.3,
                spaceBefore=0,
                spaceAfter=0,
            ),
            box_item=ParagraphStyle(
                "box-item",
                parent=body,
                fontSize=style.body_size + 0.5,
                leading=style.body_leading + 0.5,
                leftIndent=style.item_indent,
            ),
            toc=ParagraphStyle("toc", parent=body, leading=style.body_leading + 3),
            source=ParagraphStyle(
                "source", parent=body, leftIndent=source_indent, bulletIndent=0, spaceBefore=8
            ),
            note=ParagraphStyle("note", parent=body, spaceBefore=5),
            note_list=ParagraphStyle(
                "note-list", parent=body, leftIndent=style.item_indent, spaceBefore=2
            ),
        )
