"""House styles for the PDF writer: every font, size, colour and margin in one frozen dataclass."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from fontpkg_fira_sans import ROOT as FIRA_ROOT
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.errors import ConfigError, ExportError
from briefing.resources import templates_dir
from briefing.tomlfile import tomllib

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

    # House-template extras: a distribution banner across the top and foot of every page, and a
    # logo (PNG or JPEG path) at the left of the running head. Empty means none.
    banner: str = ""
    banner_text_colour: str = "#ffffff"
    banner_fill: str = "#9b2c2c"
    banner_height: float = 14.0
    logo: str = ""
    logo_height: float = 20.0

    # The coverage heat map shades cells from chart_low (one item) to chart_high (the most).
    chart_empty: str = "#ffffff"
    chart_low: str = "#dde7f1"
    chart_high: str = "#1f4e79"

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

# Built-in templates by name; house templates ship as templates/styles/<name>.pdf.toml files.
STYLES: dict[str, PdfStyle] = {"default": DEFAULT_STYLE}
STYLE_SUFFIX = ".pdf.toml"
_STYLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
_HEX = re.compile(r"#[0-9a-fA-F]{6}\Z")
_FIELDS = {f.name: f for f in fields(PdfStyle)}
# Paths in a style file are relative to the file, so a template folder can move as a whole.
_PATH_FIELDS = frozenset({"logo", "font_dir"})


def styles_dir() -> Path:
    """The folder of bundled PDF style files (shared with the DOCX reference documents)."""
    return templates_dir() / "styles"


def template_names() -> list[str]:
    """Built-in template names, then the bundled style files' names, without repeats."""
    bundled = sorted(p.name[: -len(STYLE_SUFFIX)] for p in styles_dir().glob("*" + STYLE_SUFFIX))
    return list(dict.fromkeys([*STYLES, *bundled]))


def style_for(template: str) -> PdfStyle:
    """The style of a built-in or bundled template name, or of a ``.pdf.toml`` file path.

    Raises ExportError for an unknown name or missing file, ConfigError for an invalid file.
    """
    if template in STYLES:
        return STYLES[template]
    if template.lower().endswith(".docx"):  # a Word reference document styles the DOCX only
        return STYLES["default"]
    if template.endswith(STYLE_SUFFIX):
        path = Path(template)
        if not path.is_file():
            raise ExportError(f"cannot read PDF template {template}: no such file")
        return load_style(path)
    bundled = styles_dir() / f"{template}{STYLE_SUFFIX}"
    if _STYLE_NAME.match(template) and bundled.is_file():
        return load_style(bundled)
    names = template_names()
    choices = ", ".join(names)
    raise ExportError(f"unknown template {template!r}; choose {choices} or a .pdf.toml path")


def load_style(path: Path) -> PdfStyle:
    """The default style with the fields a ``.pdf.toml`` file sets put over it.

    Keys are PdfStyle field names; colours are ``"#rrggbb"``, sizes numbers in points. Raises
    ConfigError when the file is not TOML, names an unknown field or gives a wrong type.
    """
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read PDF template {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file") from exc
    changes: dict[str, Any] = {key: _value(path, key, value) for key, value in table.items()}
    return replace(DEFAULT_STYLE, **changes)


def _value(path: Path, key: str, value: Any) -> str | float:
    """One checked style-file value, with paths made absolute."""
    known = _FIELDS.get(key)
    if known is None:
        raise ConfigError(
            f"{path}: unknown key {key!r}; use PdfStyle field names such as accent_colour, "
            "margin_left, banner, logo"
        )
    default = getattr(DEFAULT_STYLE, key)
    if isinstance(default, float):
        # bool is an int to Python but never a size.
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{path}: {key} must be a number of points, not {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ConfigError(f"{path}: {key} must be a string, not {value!r}")
    if default.startswith("#") and not _HEX.match(value):
        raise ConfigError(f'{path}: {key} must be a colour like "#1f4e79", not {value!r}')
    if key in _PATH_FIELDS and value:
        resolved = (path.parent / value).resolve()
        if not resolved.exists():
            raise ConfigError(f"{path}: {key} {value!r} not found (looked for {resolved})")
        return str(resolved)
    return value


def register_fonts(style: PdfStyle) -> None:
    """Register the style's TrueType family with reportlab (once per family name).

    Raises ExportError when the family name is already registered for other font files.
    """
    if style.font in pdfmetrics.getRegisteredFontNames():
        # reportlab keeps the first registration of a name; another file under it would be wrong.
        registered = Path(pdfmetrics.getFont(style.font).face.filename)
        wanted = Path(style.font_dir) / style.font_regular
        if registered.resolve() != wanted.resolve():
            raise ExportError(
                f"font family {style.font!r} is already used for {registered}; give the fonts "
                "in your PDF template another `font` name"
            )
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
    speaker: ParagraphStyle
    cell_speaker: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    figure_caption: ParagraphStyle

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
            speaker=ParagraphStyle("speaker", parent=item_note, textColor=text, spaceBefore=1),
            cell_speaker=ParagraphStyle(
                "cell-speaker", parent=small, textColor=text, spaceBefore=2
            ),
            caption=ParagraphStyle(
                "caption", parent=body, fontName=style.bold, spaceBefore=12, spaceAfter=4
            ),
            cell=ParagraphStyle(
                "cell", parent=body, fontSize=style.body_size - 0.5, leading=style.body_leading - 1
            ),
            cell_head=ParagraphStyle(
                "cell-head",
                parent=small,
                fontName=style.bold,
                textColor=accent,
                bulletFontName=style.bold,
            ),
            figure_caption=ParagraphStyle(
                "figure-caption", parent=small, fontName=style.italic, spaceBefore=4
            ),
        )
