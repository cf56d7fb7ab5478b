"""Document machinery of the PDF writer: page template, layout passes, bookmarks, running heads."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import IndexingFlowable

from briefing.exporters.pdf_style import PdfStyle, colour


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What the document says about itself: metadata and the running header."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    date: dt.date
    date_label: str


@dataclass(frozen=True, slots=True)
class Mark:
    """What to do when a marked flowable lands on a page: an outline entry, a contents line.

    ``contents`` is Paragraph markup for the contents line, or None for no line.
    """

    key: str
    title: str
    contents: str | None = None


def mark(flowable: Flowable, how: Mark) -> Flowable:
    """The flowable, marked so the document bookmarks it where it lands."""
    flowable._briefing_mark = how
    return flowable


class Anchor(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Zero-size flowable that carries the mark of a block (a table) that may be split."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0

    def draw(self) -> None:
        return None


class Para(Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A Paragraph that keeps its line breaks for a width and draws nothing while measuring.

    multiBuild lays the whole story out at least twice (contents page numbers, "page X of Y"), and
    line breaking is most of the cost; a paragraph's lines depend only on the width it is given.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached: tuple[float, float, float, Any] | None = self.__dict__.get("_briefing_wrap")
        if cached is not None and cached[0] == availWidth:
            # split() may have dropped blPara after the wrap that filled the cache.
            _, self.width, self.height, self.blPara = cached
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__:
            self._briefing_wrap = (availWidth, width, height, self.blPara)
        return width, height

    def draw(self) -> None:
        if not getattr(self.canv, "measuring_only", False):
            super().draw()


class _MeasuringCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """The canvas of the first pass, which only finds where things fall; its pages are dropped."""

    measuring_only = True


class PageCount(IndexingFlowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Zero-size flowable that keeps the previous pass's page count for "page X of Y".

    It is satisfied once two passes in a row end on the same count, so multiBuild runs at least
    two passes and the last one always knows its total.
    """

    def __init__(self) -> None:
        super().__init__()
        self.total: int | None = None
        self.seen = 0
        self._settled = False

    def beforeBuild(self) -> None:
        self.seen = 0

    def afterBuild(self) -> None:
        self._settled = self.seen == self.total
        self.total = self.seen

    def isSatisfied(self) -> bool:
        return self._settled

    def draw(self) -> None:
        return None


class BriefingDoc(BaseDocTemplate):  # type: ignore[misc]  # reportlab ships no type hints
    """One frame per page, running head and foot after page 1, bookmarks for marked flowables."""

    def __init__(
        self, buffer: io.BytesIO, style: PdfStyle, pagesize: tuple[float, float], info: DocInfo
    ) -> None:
        super().__init__(
            buffer,
            pagesize=pagesize,
            leftMargin=style.margin_left,
            rightMargin=style.margin_right,
            topMargin=style.margin_top,
            bottomMargin=style.margin_bottom,
            title=info.title,
            author=info.author,
            subject=info.subject,
            keywords=list(info.keywords),
            creator=info.creator,
            # invariant: no clock time, random ids or memory addresses end up in the file.
            invariant=1,
            lang="en",
            displayDocTitle=1,
            # The canvas preamble selects this font on every page; reportlab's default is
            # Helvetica, which would then be listed as an unembedded font.
            initialFontName=style.font,
            initialFontSize=style.body_size,
        )
        self.style = style
        self.info = info
        self.page_count = PageCount()
        # Read once: every page draws the same image, which the PDF then holds once.
        self.logo = ImageReader(style.logo) if style.logo else None
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def build(
        self, flowables: list[Flowable], filename: Any = None, canvasmaker: Any = Canvas
    ) -> None:
        # The first pass is never the last (the page total is unknown until it ends), so nothing
        # it draws is kept: paragraphs skip drawing there, which saves a fifth of the time.
        first = self.page_count.total is None
        super().build(flowables, filename, _MeasuringCanvas if first else canvasmaker)
        self.page_count.seen = self.page

    def beforeDocument(self) -> None:
        day = self.info.date
        # invariant mode still seeds the file /ID with $SOURCE_DATE_EPOCH when it is set, so one
        # briefing would give different bytes in different shells; seed it from the briefing.
        self.canv._doc.signature = hashlib.md5(
            f"briefing {day.isoformat()}".encode(), usedforsecurity=False
        )
        # The info dictionary's dates come from the briefing, never the clock.
        self.canv.setDateFormatter(
            lambda *_: f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"
        )
        self.canv.showOutline()

    def afterFlowable(self, flowable: Flowable) -> None:
        how: Mark | None = getattr(flowable, "_briefing_mark", None)
        if how is None:
            return
        # The frame's cursor is below the flowable now; the bookmark goes to its top.
        top = self.frame._y + flowable.getSpaceAfter() + getattr(flowable, "height", 0)
        self.canv.bookmarkPage(how.key, fit="XYZ", left=0, top=top + 6)
        self.canv.addOutlineEntry(how.title, how.key, level=0)
        if how.contents is not None:
            self.notify("TOCEntry", (0, how.contents, self.page, how.key))

    def _decorate(self, canv: Any, doc: Any) -> None:
        style, info = self.style, self.info
        width, height = self.pagesize
        left, right = style.margin_left, width - style.margin_right
        size = style.header_size
        y = height - style.header_offset - size
        canv.saveState()
        if style.banner:
            self._banner(canv, height - style.banner_height)
            self._banner(canv, 0)
        logo_width = self._logo(canv, self.logo, left, y) if self.logo is not None else 0.0
        if doc.page == 1:
            canv.restoreState()
            return
        canv.setFillColor(colour(style.muted_colour))
        canv.setStrokeColor(colour(style.rule_colour))
        canv.setLineWidth(0.5)
        canv.setFont(style.font, size)
        canv.drawRightString(right, y, info.date_label)
        start = left + (logo_width + 8 if logo_width else 0)
        room = right - start - stringWidth(info.date_label, style.font, size) - 24
        canv.setFont(style.bold, size)
        canv.drawString(start, y, truncate(info.title, style.bold, size, room))
        canv.line(left, y - 5, right, y - 5)
        y = style.footer_offset
        canv.line(left, y + size + 4, right, y + size + 4)
        canv.setFont(style.font, size)
        total = self.page_count.total
        canv.drawRightString(
            right, y, f"page {doc.page} of {total}" if total else f"page {doc.page}"
        )
        canv.drawString(left, y, style.kicker)
        canv.restoreState()

    def _banner(self, canv: Any, bottom: float) -> None:
        """The distribution banner as a full-width strip whose lower edge is at ``bottom``."""
        style = self.style
        width = self.pagesize[0]
        canv.setFillColor(colour(style.banner_fill))
        canv.rect(0, bottom, width, style.banner_height, stroke=0, fill=1)
        size = min(style.header_size + 0.5, style.banner_height - 4)
        canv.setFillColor(colour(style.banner_text_colour))
        canv.setFont(style.bold, size)
        # Fira's caps sit about 0.35 em above the baseline's centre line.
        baseline = bottom + style.banner_height / 2 - size * 0.35
        canv.drawCentredString(width / 2, baseline, style.banner)

    def _logo(self, canv: Any, logo: ImageReader, left: float, baseline: float) -> float:
        """Draw the logo standing on the header's baseline; return its width."""
        image_width, image_height = logo.getSize()
        height = self.style.logo_height
        width = height * image_width / image_height
        canv.drawImage(logo, left, baseline - 2, width, height, mask="auto")
        return float(width)


def truncate(text: str, font: str, size: float, room: float) -> str:
    """``text`` cut with an ellipsis so it is at most ``room`` points wide."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
