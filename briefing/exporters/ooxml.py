"""OOXML helpers python-docx lacks: formatting, styles, footnotes, links, bookmarks, packaging."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, cast
from urllib.parse import quote, urlsplit

from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart
from docx.parts.story import StoryPart
from docx.text.paragraph import Paragraph
from lxml import etree

# XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF (lxml
# refuses them); DEL and C1 controls are legal but invisible junk in a document, so they go too.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_BREAKS = re.compile(r"(\t|\r\n|\n|\r)")

# Word's limit; names are letters, digits and underscores and start with a letter ("_" is hidden).
BOOKMARK_MAX = 40
_BOOKMARK_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

# Only these schemes become clickable: a source's URL is data, and "javascript:" or "file:" links
# in a document people forward are a hazard.
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# Children of w:settings that come after w:footnotePr (ECMA-376 CT_Settings sequence).
_AFTER_FOOTNOTE_PR = (
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)

FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"
HYPERLINK_STYLE = "Hyperlink"


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry (see ``_NOT_TEXT``); all else is kept."""
    return _NOT_TEXT.sub("", text)


def el(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element) -> BaseOxmlElement:
    """A new element ``tag`` ("w:p") with prefixed attributes ({"w:val": "x"}) and children."""
    element = cast("BaseOxmlElement", OxmlElement(tag))
    for key, value in (attrs or {}).items():
        element.set(qn(key), value)
    element.extend(children)
    return element


def _on(tag: str, value: bool) -> BaseOxmlElement:
    return el(tag) if value else el(tag, {"w:val": "0"})


def _maybe_on(tag: str, value: bool | None) -> BaseOxmlElement | None:
    return None if value is None else _on(tag, value)


def _maybe_val(tag: str, value: int | None) -> BaseOxmlElement | None:
    return None if value is None else el(tag, {"w:val": str(value)})


def fill_element(fill: str) -> BaseOxmlElement:
    """A w:shd filling with the RGB colour ``fill`` (hex, no "#")."""
    return el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill})


def _twips(points: float) -> str:
    return str(round(points * 20))


# --- run and paragraph properties -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Border:
    """One border line: ``size`` in eighths of a point, ``space`` in points from the text."""

    color: str = "auto"
    size: int = 4
    space: int = 0
    val: str = "single"

    def element(self, tag: str) -> BaseOxmlElement:
        """The border as ``tag`` (w:top, w:left, w:bottom, ...)."""
        attrs = {"w:val": self.val, "w:sz": str(self.size), "w:space": str(self.space)}
        return el(tag, {**attrs, "w:color": self.color})


NO_BORDER = Border(val="nil", size=0)


@dataclass(frozen=True, slots=True)
class Tab:
    """A tab stop ``pos`` points from the left indent."""

    pos: float
    kind: Literal["left", "center", "right"] = "left"
    leader: Literal["dot", "hyphen", "underscore", "middleDot"] | None = None


@dataclass(frozen=True, slots=True)
class RunProps:
    """Character formatting; ``None`` leaves a property to the style. Sizes in points."""

    style: str | None = None
    font: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    small_caps: bool | None = None
    color: str | None = None
    spacing: float | None = None
    size: float | None = None
    underline: str | None = None
    shading: str | None = None
    vert_align: Literal["superscript", "subscript", "baseline"] | None = None
    lang: str | None = None

    def element(self) -> BaseOxmlElement:
        """A w:rPr with the children in the order ECMA-376 prescribes."""
        rpr = el("w:rPr")
        if self.style:
            rpr.append(el("w:rStyle", {"w:val": self.style}))
        if self.font:
            # explicit names for every script slot, so theme fonts cannot override them
            names = {f"w:{slot}": self.font for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
            rpr.append(el("w:rFonts", names))
        if self.bold is not None:
            rpr.extend((_on("w:b", self.bold), _on("w:bCs", self.bold)))
        if self.italic is not None:
            rpr.extend((_on("w:i", self.italic), _on("w:iCs", self.italic)))
        if self.small_caps is not None:
            rpr.append(_on("w:smallCaps", self.small_caps))
        if self.color:
            rpr.append(el("w:color", {"w:val": self.color}))
        if self.spacing is not None:
            rpr.append(el("w:spacing", {"w:val": _twips(self.spacing)}))
        if self.size is not None:
            half_points = str(round(self.size * 2))
            rpr.extend((el("w:sz", {"w:val": half_points}), el("w:szCs", {"w:val": half_points})))
        if self.underline:
            rpr.append(el("w:u", {"w:val": self.underline}))
        if self.shading:
            rpr.append(fill_element(self.shading))
        if self.vert_align:
            rpr.append(el("w:vertAlign", {"w:val": self.vert_align}))
        if self.lang:
            rpr.append(el("w:lang", {"w:val": self.lang}))
        return rpr


@dataclass(frozen=True, slots=True)
class ParaProps:
    """Paragraph formatting; ``None`` leaves a property to the style. Lengths in points.

    ``line`` is a multiple of single spacing (1.15); ``borders`` pairs top/left/bottom/right with
    a line.
    """

    style: str | None = None
    keep_next: bool | None = None
    keep_lines: bool | None = None
    widow_control: bool | None = None
    num_id: int | None = None
    borders: tuple[tuple[Literal["top", "left", "bottom", "right"], Border], ...] = ()
    shading: str | None = None
    tabs: tuple[Tab, ...] = ()
    space_before: float | None = None
    space_after: float | None = None
    line: float | None = None
    indent_left: float | None = None
    hanging: float | None = None
    contextual_spacing: bool | None = None
    align: Literal["left", "center", "right", "both"] | None = None
    outline_level: int | None = None

    def element(self) -> BaseOxmlElement:
        """A w:pPr with the children in the order ECMA-376 prescribes."""
        children = (
            None if self.style is None else el("w:pStyle", {"w:val": self.style}),
            _maybe_on("w:keepNext", self.keep_next),
            _maybe_on("w:keepLines", self.keep_lines),
            _maybe_on("w:widowControl", self.widow_control),
            self._numbering(),
            self._borders(),
            None if self.shading is None else fill_element(self.shading),
            self._tabs(),
            self._spacing(),
            self._indent(),
            _maybe_on("w:contextualSpacing", self.contextual_spacing),
            None if self.align is None else el("w:jc", {"w:val": self.align}),
            _maybe_val("w:outlineLvl", self.outline_level),
        )
        return el("w:pPr", None, *(child for child in children if child is not None))

    def _numbering(self) -> BaseOxmlElement | None:
        if self.num_id is None:
            return None
        level = el("w:ilvl", {"w:val": "0"})
        return el("w:numPr", None, level, el("w:numId", {"w:val": str(self.num_id)}))

    def _borders(self) -> BaseOxmlElement | None:
        if not self.borders:
            return None
        edges = dict(self.borders)
        order = ("top", "left", "bottom", "right")
        return el("w:pBdr", None, *(edges[e].element(f"w:{e}") for e in order if e in edges))

    def _tabs(self) -> BaseOxmlElement | None:
        if not self.tabs:
            return None
        stops = []
        for tab in self.tabs:
            attrs = {"w:val": tab.kind, "w:pos": _twips(tab.pos)}
            if tab.leader:
                attrs["w:leader"] = tab.leader
            stops.append(el("w:tab", attrs))
        return el("w:tabs", None, *stops)

    def _spacing(self) -> BaseOxmlElement | None:
        spacing: dict[str, str] = {}
        if self.space_before is not None:
            spacing["w:before"] = _twips(self.space_before)
        if self.space_after is not None:
            spacing["w:after"] = _twips(self.space_after)
        if self.line is not None:
            spacing["w:line"] = str(round(self.line * 240))
            spacing["w:lineRule"] = "auto"
        return el("w:spacing", spacing) if spacing else None

    def _indent(self) -> BaseOxmlElement | None:
        indent: dict[str, str] = {}
        if self.indent_left is not None:
            indent["w:left"] = _twips(self.indent_left)
        if self.hanging is not None:
            indent["w:hanging"] = _twips(self.hanging)
        return el("w:ind", indent) if indent else None


def run(text: str, props: RunProps | None = None) -> CT_R:
    """A w:r holding ``text`` made XML-safe; tabs and line breaks become w:tab and w:br."""
    r = cast("CT_R", el("w:r"))
    if props is not None:
        r.append(props.element())
    # built here rather than with python-docx's CT_R.text, which goes character by character
    for piece in _BREAKS.split(xml_text(text)):
        if piece == "\t":
            r.append(el("w:tab"))
        elif piece in ("\n", "\r", "\r\n"):
            r.append(el("w:br"))
        elif piece:
            t = el("w:t")
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(qn("xml:space"), "preserve")
            r.append(t)
    return r


def set_paragraph_props(paragraph: Paragraph, props: ParaProps) -> None:
    """Replace the paragraph's w:pPr by ``props``."""
    p = paragraph._p
    if p.pPr is not None:
        p.remove(p.pPr)
    p.insert(0, props.element())


# --- styles -----------------------------------------------------------------------------------


def style_element(
    kind: Literal["paragraph", "character", "table", "numbering"],
    style_id: str,
    name: str,
    *,
    based_on: str | None = None,
    next_style: str | None = None,
    default: bool = False,
    custom: bool = False,
    ui_priority: int | None = None,
    quick: bool = False,
    ppr: ParaProps | None = None,
    rpr: RunProps | None = None,
    table_parts: Sequence[etree._Element] = (),
) -> BaseOxmlElement:
    """A w:style; ``table_parts`` (w:tblPr, w:tcPr, w:tblStylePr...) follow pPr and rPr.

    ``name`` is Word's built-in name for built-in styles ("heading 1", "footnote text"), so Word
    treats the style as its own; ``custom`` marks a style Word does not know.
    """
    attrs = {"w:type": kind, "w:styleId": style_id}
    if default:
        attrs["w:default"] = "1"
    if custom:
        attrs["w:customStyle"] = "1"
    style = el("w:style", attrs, el("w:name", {"w:val": name}))
    if based_on:
        style.append(el("w:basedOn", {"w:val": based_on}))
    if next_style:
        style.append(el("w:next", {"w:val": next_style}))
    if ui_priority is not None:
        style.append(el("w:uiPriority", {"w:val": str(ui_priority)}))
    if quick:
        style.append(el("w:qFormat"))
    if ppr is not None:
        style.append(ppr.element())
    if rpr is not None:
        style.append(rpr.element())
    style.extend(table_parts)
    return style


def install_style(styles: etree._Element, style: etree._Element, *, replace: bool) -> bool:
    """Add ``style`` to w:styles; an existing style with the same id is kept unless ``replace``.

    Returns whether ``style`` was added.
    """
    style_id = style.get(qn("w:styleId"))
    for existing in styles.iterchildren(qn("w:style")):
        if existing.get(qn("w:styleId")) == style_id:
            if not replace:
                return False
            existing.addprevious(style)
            styles.remove(existing)
            return True
    styles.append(style)
    return True


def add_bullet_numbering(
    numbering: etree._Element, *, bullet: str, font: str, indent: float, hanging: float
) -> int:
    """Add a one-level bullet list definition to a w:numbering element; returns its w:numId.

    ``indent`` and ``hanging`` are in points. Ids follow the ones already there.
    """

    def ids(tag: str, attr: str) -> list[int]:
        return [int(e.get(qn(attr), "0")) for e in numbering.iterchildren(qn(tag))]

    abstract_id = max(ids("w:abstractNum", "w:abstractNumId"), default=-1) + 1
    num_id = max(ids("w:num", "w:numId"), default=0) + 1
    level = el(
        "w:lvl",
        {"w:ilvl": "0"},
        el("w:start", {"w:val": "1"}),
        el("w:numFmt", {"w:val": "bullet"}),
        el("w:lvlText", {"w:val": bullet}),
        el("w:lvlJc", {"w:val": "left"}),
        ParaProps(indent_left=indent, hanging=hanging).element(),
        RunProps(font=font).element(),
    )
    abstract = el(
        "w:abstractNum",
        {"w:abstractNumId": str(abstract_id)},
        el("w:multiLevelType", {"w:val": "singleLevel"}),
        level,
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    abstract_ref = el("w:abstractNumId", {"w:val": str(abstract_id)})
    numbering.append(el("w:num", {"w:numId": str(num_id)}, abstract_ref))
    return num_id


# --- footnotes --------------------------------------------------------------------------------


class FootnotesPart(StoryPart):
    """The ``word/footnotes.xml`` part (python-docx has no class for it)."""


# Word's own convention (also pandoc's and the Open XML SDK's): the separator is footnote -1, the
# continuation separator footnote 0, both named again in settings.xml; real notes count from 1.
_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


class Footnotes:
    """Real Word footnotes for one document: the part, its relationship and the settings entry.

    Creating it replaces any footnotes part the document (or its reference template) had. The
    styles ``text_style`` (paragraph) and ``reference_style`` (character) must be defined.
    """

    def __init__(
        self,
        document: DocumentObject,
        *,
        text_style: str = FOOTNOTE_TEXT_STYLE,
        reference_style: str = FOOTNOTE_REFERENCE_STYLE,
    ) -> None:
        main = document.part
        drop_relationships(main, (RT.FOOTNOTES,))
        self.part = FootnotesPart(
            PackURI("/word/footnotes.xml"),
            CT.WML_FOOTNOTES,
            parse_xml(_FOOTNOTES_XML),
            main.package,
        )
        main.relate_to(self.part, RT.FOOTNOTES)
        settings = document.settings.element
        old = settings.find(qn("w:footnotePr"))
        if old is not None:
            settings.remove(old)
        separators = (el("w:footnote", {"w:id": "-1"}), el("w:footnote", {"w:id": "0"}))
        settings.insert_element_before(el("w:footnotePr", None, *separators), *_AFTER_FOOTNOTE_PR)
        self._text_style = text_style
        self._reference_style = reference_style
        self._next_id = 1

    @property
    def count(self) -> int:
        """How many footnotes were added."""
        return self._next_id - 1

    def add(self, paragraph: Paragraph) -> Paragraph:
        """Append a footnote reference to ``paragraph``; returns the new note's paragraph to fill.

        The note paragraph starts with the number mark and a space, like Word's own notes.
        """
        note_id = str(self._next_id)
        self._next_id += 1
        reference = el("w:r", None, RunProps(style=self._reference_style).element())
        reference.append(el("w:footnoteReference", {"w:id": note_id}))
        paragraph._p.append(reference)
        mark = el("w:r", None, RunProps(style=self._reference_style).element(), el("w:footnoteRef"))
        p = el("w:p", None, ParaProps(style=self._text_style).element(), mark, run(" "))
        self.part.element.append(el("w:footnote", {"w:id": note_id}, p))
        return Paragraph(cast("CT_P", p), self.part)


# --- bookmarks and hyperlinks -----------------------------------------------------------------


def bookmark_name(*parts: str) -> str:
    """A valid bookmark name from ``parts`` joined by "_": ASCII letters, digits and "_" only,
    starting with a letter, at most 40 characters ("src", "S1" -> "src_S1")."""
    slug = re.sub(r"[^A-Za-z0-9]+", "_", "_".join(parts)).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"b_{slug}".rstrip("_")
    return slug[:BOOKMARK_MAX].rstrip("_")


class Bookmarks:
    """Names and places bookmarks so that names are valid and unique and ids never repeat.

    ``name(*parts)`` is stable: the same parts give the same name, so a link can be written before
    its target; different parts that slug alike get a numeric suffix. Word compares bookmark names
    without case, so uniqueness is checked case-insensitively.
    """

    def __init__(self) -> None:
        self._by_parts: dict[tuple[str, ...], str] = {}
        self._taken: set[str] = set()
        self._placed: set[str] = set()
        self._next_id = 0

    def name(self, *parts: str) -> str:
        """The bookmark name for ``parts`` (see ``bookmark_name``), unique in this document."""
        if parts in self._by_parts:
            return self._by_parts[parts]
        base = bookmark_name(*parts)
        candidate, n = base, 1
        while candidate.casefold() in self._taken:
            n += 1
            suffix = f"_{n}"
            candidate = base[: BOOKMARK_MAX - len(suffix)] + suffix
        self._taken.add(candidate.casefold())
        self._by_parts[parts] = candidate
        return candidate

    def is_placed(self, name: str) -> bool:
        """Whether a bookmark called ``name`` is in the document."""
        return name.casefold() in self._placed

    def place(self, paragraph: Paragraph, name: str) -> None:
        """Mark the whole of ``paragraph`` with bookmark ``name``; raises ValueError if the name is
        invalid or already placed."""
        if len(name) > BOOKMARK_MAX or not _BOOKMARK_NAME.match(name):
            raise ValueError(f"invalid bookmark name {name!r}")
        if name.casefold() in self._placed:
            raise ValueError(f"bookmark {name!r} placed twice")
        self._placed.add(name.casefold())
        self._taken.add(name.casefold())
        bookmark_id = str(self._next_id)
        self._next_id += 1
        p = paragraph._p
        start = el("w:bookmarkStart", {"w:id": bookmark_id, "w:name": name})
        if p.pPr is not None:
            p.pPr.addnext(start)
        else:
            p.insert(0, start)
        p.append(el("w:bookmarkEnd", {"w:id": bookmark_id}))


def add_internal_link(
    paragraph: Paragraph, text: str, anchor: str, props: RunProps | None = None
) -> BaseOxmlElement:
    """Append ``text`` as a link to bookmark ``anchor`` in the same document."""
    link = el("w:hyperlink", {"w:anchor": anchor, "w:history": "1"})
    link.append(run(text, props or RunProps(style=HYPERLINK_STYLE)))
    paragraph._p.append(link)
    return link


def safe_url(url: str) -> str | None:
    """``url`` fit for a relationship target (spaces and non-ASCII percent-encoded), or None when
    it is not an absolute http(s) or mailto URL."""
    cleaned = xml_text(url).strip()
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINK_SCHEMES or not (parts.netloc or parts.scheme == "mailto"):
        return None
    return quote(cleaned, safe=":/?#[]@!$&'()*+,;=%~")


def add_external_link(
    paragraph: Paragraph, text: str, url: str, props: RunProps | None = None
) -> BaseOxmlElement | None:
    """Append ``text`` as a link to ``url`` (an External relationship of the paragraph's part).

    Returns None and appends plain text when the URL is not one we link (see ``safe_url``).
    """
    target = safe_url(url)
    if target is None:
        paragraph._p.append(run(text, props))
        return None
    rid = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
    link = el("w:hyperlink", {"r:id": rid, "w:history": "1"})
    link.append(run(text, props or RunProps(style=HYPERLINK_STYLE)))
    paragraph._p.append(link)
    return link


def add_field(
    paragraph: Paragraph, instruction: str, result: str, props: RunProps | None = None
) -> BaseOxmlElement:
    """Append a simple field (" PAGE ") showing ``result`` until the application recomputes it.

    Fine in headers and footers, which Word and LibreOffice recompute on layout without asking.
    """
    field = el("w:fldSimple", {"w:instr": f" {instruction} "}, run(result, props))
    paragraph._p.append(field)
    return field


# --- tables -----------------------------------------------------------------------------------


def cell_properties(
    tc: etree._Element,
    *,
    width: int | None = None,
    borders: dict[str, Border] | None = None,
    fill: str | None = None,
    margins: dict[str, float] | None = None,
) -> None:
    """Set a w:tc's width (twips), borders (top/left/bottom/right), fill and margins (points)."""
    old = tc.find(qn("w:tcPr"))
    if old is not None:
        tc.remove(old)
    tcpr = el("w:tcPr")
    if width is not None:
        tcpr.append(el("w:tcW", {"w:w": str(width), "w:type": "dxa"}))
    if borders:
        edges = [
            borders[e].element(f"w:{e}") for e in ("top", "left", "bottom", "right") if e in borders
        ]
        tcpr.append(el("w:tcBorders", None, *edges))
    if fill:
        tcpr.append(fill_element(fill))
    if margins:
        sides = [
            el(f"w:{side}", {"w:w": _twips(margins[side]), "w:type": "dxa"})
            for side in ("top", "left", "bottom", "right")
            if side in margins
        ]
        tcpr.append(el("w:tcMar", None, *sides))
    tc.insert(0, tcpr)


def row_properties(tr: etree._Element, *, header: bool = False, cant_split: bool = False) -> None:
    """Mark a w:tr as a header row (repeated on each page) and/or one that never splits."""
    trpr = el("w:trPr")
    if cant_split:
        trpr.append(el("w:cantSplit"))
    if header:
        trpr.append(el("w:tblHeader"))
    old = tr.find(qn("w:trPr"))
    if old is not None:
        tr.remove(old)
    anchor = tr.find(qn("w:tblPrEx"))
    if anchor is not None:
        anchor.addnext(trpr)
    else:
        tr.insert(0, trpr)


def table_properties(
    *,
    style: str | None = None,
    width: int | None = None,
    borders: dict[str, Border] | None = None,
    cell_margins: dict[str, float] | None = None,
    look_first_row: bool | None = None,
    caption: str | None = None,
) -> BaseOxmlElement:
    """A w:tblPr: style, fixed layout ``width`` (twips), borders (top/left/bottom/right/insideH/
    insideV), default cell margins (points), whether the style's header-row look applies, and
    the caption screen readers announce."""
    tblpr = el("w:tblPr")
    if style:
        tblpr.append(el("w:tblStyle", {"w:val": style}))
    if width is not None:
        tblpr.append(el("w:tblW", {"w:w": str(width), "w:type": "dxa"}))
    if borders:
        order = ("top", "left", "bottom", "right", "insideH", "insideV")
        edges = [borders[e].element(f"w:{e}") for e in order if e in borders]
        tblpr.append(el("w:tblBorders", None, *edges))
    if width is not None:
        tblpr.append(el("w:tblLayout", {"w:type": "fixed"}))
    if cell_margins:
        sides = [
            el(f"w:{side}", {"w:w": _twips(cell_margins[side]), "w:type": "dxa"})
            for side in ("top", "left", "bottom", "right")
            if side in cell_margins
        ]
        tblpr.append(el("w:tblCellMar", None, *sides))
    if look_first_row is not None:
        look = {
            "w:val": "04A0" if look_first_row else "0400",
            "w:firstRow": "1" if look_first_row else "0",
            "w:lastRow": "0",
            "w:firstColumn": "0",
            "w:lastColumn": "0",
            "w:noHBand": "1",
            "w:noVBand": "1",
        }
        tblpr.append(el("w:tblLook", look))
    if caption:
        tblpr.append(el("w:tblCaption", {"w:val": xml_text(caption)}))
    return tblpr


def numbering_element(document: DocumentObject, *, clear: bool) -> BaseOxmlElement:
    """The document's w:numbering element, with a numbering part created when there is none
    (python-docx cannot create one), emptied when ``clear``."""
    main = document.part
    try:
        part = main.part_related_by(RT.NUMBERING)
    except KeyError:
        part = NumberingPart(
            main.package.next_partname("/word/numbering%d.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            main.package,
        )
        main.relate_to(part, RT.NUMBERING)
    if not isinstance(part, XmlPart):
        raise ValueError(f"{part.partname} is not an XML part")
    numbering = cast("BaseOxmlElement", part.element)
    if clear:
        for child in list(numbering):
            numbering.remove(child)
    return numbering


# --- package hygiene --------------------------------------------------------------------------


def drop_relationships(source: Part | OpcPackage, reltypes: Iterable[str]) -> int:
    """Remove ``source``'s relationships of these types (their parts go unless used elsewhere).

    Returns how many were removed.
    """
    wanted = set(reltypes)
    doomed = [rid for rid, rel in source.rels.items() if rel.reltype in wanted]
    for rid in doomed:
        del source.rels[rid]
        # python-docx keeps a second index of internal targets by rId
        source.rels.related_parts.pop(rid, None)
    return len(doomed)


def drop_thumbnail(document: DocumentObject) -> None:
    """Remove the package thumbnail (python-docx's template ships a blank page) and Word's
    setting that asks for one to be saved."""
    drop_relationships(document.part.package, (RT.THUMBNAIL,))
    preview = document.settings.element.find(qn("w:savePreviewPicture"))
    if preview is not None:
        document.settings.element.remove(preview)


def pin_core_properties(
    document: DocumentObject,
    *,
    title: str,
    subject: str,
    keywords: str,
    description: str,
    when: dt.datetime,
    author: str,
    category: str = "",
) -> None:
    """Set docProps/core.xml wholly from arguments: every date is ``when``, revision 1.

    Nothing from the template (python-docx's author, its 2013 dates) or the clock survives.
    """
    props = document.core_properties
    props.title = xml_text(title)
    props.subject = xml_text(subject)
    props.keywords = xml_text(keywords)
    props.comments = xml_text(description)
    props.category = xml_text(category)
    props.author = author
    props.last_modified_by = author
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1


def set_app_properties(document: DocumentObject, application: str) -> None:
    """Replace docProps/app.xml (the template's says "Microsoft Macintosh Word", 1 page, 0 words)
    with a minimal one naming ``application``."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = etree.fromstring(f'<Properties xmlns="{ns}"/>')
    for tag, text in (
        ("Application", xml_text(application)),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{ns}}}{tag}").text = text
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = blob
            return
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def set_theme_fonts(document: DocumentObject, font: str) -> None:
    """Make the theme's heading and body fonts ``font`` (Latin script), so built-in styles a
    reader applies later match the document."""
    for rel in document.part.rels.values():
        if rel.reltype != RT.THEME or rel.is_external:
            continue
        part = rel.target_part
        root = etree.fromstring(part.blob)
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        for latin in root.iterfind(f".//{{{a}}}fontScheme/*/{{{a}}}latin"):
            latin.set("typeface", font)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_compatibility_mode(document: DocumentObject, mode: int) -> None:
    """Set Word's layout compatibility mode (15 = Word 2013+: among other things, a table's
    border, not its text, lines up with the page margin)."""
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = el("w:compat")
        settings.insert_element_before(compat, *_AFTER_FOOTNOTE_PR[2:])
    uri = "http://schemas.microsoft.com/office/word"
    for setting in compat.iterchildren(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode" and setting.get(qn("w:uri")) == uri:
            setting.set(qn("w:val"), str(mode))
            return
    attrs = {"w:name": "compatibilityMode", "w:uri": uri, "w:val": str(mode)}
    compat.append(el("w:compatSetting", attrs))


def deterministic_zip(data: bytes, day: dt.date) -> bytes:
    """The same zip with every entry stamped ``day`` 00:00, fixed attributes and compression, and
    [Content_Types].xml first; equal input parts give equal bytes."""
    stamp = max((day.year, day.month, day.day, 0, 0, 0), (1980, 1, 1, 0, 0, 0))
    stamp = min(stamp, (2107, 12, 31, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
        for name in first + [n for n in names if n not in first]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()
