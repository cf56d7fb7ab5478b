"""DOCX export: content and order, footnotes, links, properties, paper, determinism, validity."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import io
import itertools
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm, RGBColor
from lxml import etree

from briefing.errors import ExportError
from briefing.exporters import ExportSettings, Paper, export_bytes, to_docx
from briefing.exporters.to_docx import DocxTemplate, render, scope_text
from briefing.model import Briefing, Citation, Section
from tests.conftest import SHARED, make_briefing, make_item, make_source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHECK_DOCX = SHARED / "tools" / "check_docx.sh"


def _open(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def _footnotes(data: bytes) -> list[str]:
    """Texts of the normal footnotes, in id order."""
    root = _part(data, "word/footnotes.xml")
    notes = [n for n in root.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    return ["".join(t.text or "" for t in n.iter(f"{W}t")) for n in notes]


def _body_texts(document: DocumentObject) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [p.text for cell in row.cells for p in cell.paragraphs]
    return texts


@pytest.fixture
def data(briefing: Briefing) -> bytes:
    return render(briefing, ExportSettings())


# --- content ----------------------------------------------------------------------------------


def test_blocks_in_order(data: bytes) -> None:
    document = _open(data)
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert styled[0] == ("Title", "NATO troops to Ukraine")
    assert styled[1] == ("Subtitle", "1 June 2024 · 2 sources, published 17 May 2024")
    headings = [text for style, text in styled if style == "Heading 1"]
    assert headings == [
        "Requests",
        "Official positions",
        "Escalation warnings",
        "Disputed framing",
        "Sources",
        "Sourcing note",
    ]
    box = document.tables[0].rows[0].cells[0]
    assert box.paragraphs[0].style.name == "Heading 1"
    assert box.paragraphs[0].text == "Bottom line"
    assert [p.text for p in box.paragraphs[1:]] == [
        f"{item.text} (S1)" for item in make_briefing().bottom_line
    ]
    assert box.paragraphs[1].text.startswith("Ukrainian officials have asked")
    contents = [text for style, text in styled if style == "toc 1"]
    assert contents[0] == "Bottom line\t2 statements"
    assert contents[2] == "Official positions\tnone"
    assert contents[-1] == "Sourcing note"
    # the box comes before the contents, which come before the first section
    body = list(document.element.body)
    order = [body.index(document.tables[0]._tbl), body.index(document.paragraphs[2]._p)]
    assert order == sorted(order) and document.paragraphs[2].text == "Contents"


def test_every_item_text_present(briefing: Briefing, data: bytes) -> None:
    texts = _body_texts(_open(data))
    for section in briefing.sections:
        for item in section.items:
            assert any(text.startswith(item.text) for text in texts), item.text


def test_empty_section_line_and_meta(data: bytes) -> None:
    document = _open(data)
    paragraphs = document.paragraphs
    empty = [p for p in paragraphs if p.text == to_docx.EMPTY_SECTION]
    assert len(empty) == 1 and empty[0].style.name == "Muted Note"
    assert paragraphs[paragraphs.index(empty[0]) - 1].text == "Official positions"
    metas = [p.text for p in paragraphs if p.style.name == "Item Meta"]
    assert "placed by: asked" in metas
    assert "placed by: begging · flagged terms: begging" in metas


def test_one_footnote_per_citation(briefing: Briefing, data: bytes) -> None:
    citations = sum(len(item.citations) for s in briefing.sections for item in s.items)
    notes = _footnotes(data)
    assert len(notes) == citations == 4
    assert notes[0] == " S1 — Ukraine formally asks NATO to send troops, The Outlet, ¶2"
    assert notes[2] == " S2 — Why nato didn’t send troops to ukraine, ¶1"
    refs = [r.get(f"{W}id") for r in _part(data, "word/document.xml").iter(f"{W}footnoteReference")]
    assert refs == ["1", "2", "3", "4"]


def test_footnote_quote_and_separated_references() -> None:
    base = make_briefing()
    item = make_item("Both say so.", ("S1", 2), ("S2", 1, "Both of them said so."))
    briefing = dataclasses.replace(base, sections=(Section("context", "Context", (item,)),))
    data = render(briefing, ExportSettings())
    assert _footnotes(data) == [
        " S1 — Ukraine formally asks NATO to send troops, The Outlet, ¶2",
        " S2 — Why nato didn’t send troops to ukraine, ¶1: “Both of them said so.”",
    ]
    statement = next(p for p in _open(data).paragraphs if p.text.startswith("Both say so."))
    # a superscript comma between the two note numbers
    assert statement.text == "Both say so.,"


def test_citation_of_unknown_source_is_plain_text() -> None:
    base = make_briefing()
    item = make_item("Orphan.", ("S9", 4))
    briefing = dataclasses.replace(base, sections=(Section("context", "Context", (item,)),))
    data = render(briefing, ExportSettings())
    assert _footnotes(data) == [" S9 — not in the sources list, ¶4"]
    anchors = {h.get(f"{W}anchor") for h in _part(data, "word/footnotes.xml").iter(f"{W}hyperlink")}
    assert anchors == set()


def test_heading_levels_do_not_jump(data: bytes) -> None:
    levels = [
        int(p.style.name.split()[-1])
        for p in _open(data).paragraphs
        if p.style.name.startswith("Heading ")
    ]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            (dt.date(2024, 5, 17), dt.date(2024, 5, 20), None),
            "3 sources, published 17 May 2024 – 20 May 2024",
        ),
        ((None, dt.date(2024, 5, 17)), "2 sources, published 17 May 2024"),
        ((None,), "1 source"),
        ((), "0 sources"),
    ],
)
def test_scope_text(dates: tuple[dt.date | None, ...], expected: str) -> None:
    sources = tuple(make_source(f"S{n}", published=d) for n, d in enumerate(dates, start=1))
    assert scope_text(sources) == expected


# --- links and bookmarks ----------------------------------------------------------------------


def test_internal_links_resolve(data: bytes) -> None:
    document = _part(data, "word/document.xml")
    bookmarks = [b.get(f"{W}name") for b in document.iter(f"{W}bookmarkStart")]
    assert len(bookmarks) == len(set(bookmarks))
    ids = [b.get(f"{W}id") for b in document.iter(f"{W}bookmarkStart")]
    assert sorted(ids) == sorted(b.get(f"{W}id") for b in document.iter(f"{W}bookmarkEnd"))
    assert {"bottom_line", "sources", "sourcing_note", "src_S1", "src_S2"} <= set(bookmarks)
    assert all(len(name) <= 40 and name[0].isalpha() for name in bookmarks)
    footnotes = _part(data, "word/footnotes.xml")
    anchors = [
        h.get(f"{W}anchor") for root in (document, footnotes) for h in root.iter(f"{W}hyperlink")
    ]
    anchors = [a for a in anchors if a]
    assert set(anchors) <= set(bookmarks)
    assert anchors.count("src_S1") >= 2  # from the box and from footnotes


def test_section_headings_carry_bookmarks(data: bytes) -> None:
    for p in _open(data).paragraphs:
        if p.style.name == "Heading 1":
            assert p._p.find(f"{W}bookmarkStart") is not None, p.text


def test_sources_table(data: bytes) -> None:
    document = _open(data)
    table = document.tables[1]
    assert table.style is not None and table.style.name == "Sources Table"
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == list(to_docx.SOURCE_COLUMNS)
    assert rows[1] == [
        "S1", "Ukraine formally asks NATO to send troops", "The Outlet", "A. Writer",
        "17 May 2024", "s1.txt", "37",
    ]  # fmt: skip
    assert rows[2][0] == "S2" and rows[2][2:6] == ["—", "—", "date unknown", "s2.txt"]
    assert rows[2][1] == "Why nato didn’t send troops to ukraine\nhttps://example.org/why"
    links = table.rows[2].cells[1].paragraphs[1].hyperlinks
    assert [(link.text, link.address) for link in links] == [
        ("https://example.org/why", "https://example.org/why")
    ]
    rel = next(r for r in document.part.rels.values() if r.reltype == RT.HYPERLINK)
    assert rel.is_external
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


def test_sourcing_note(data: bytes) -> None:
    texts = [p.text for p in _open(data).paragraphs]
    start = texts.index("Sourcing note")
    note = texts[start:]
    assert "Sources read\t2" in note and "Summariser\tcentrality" in note
    assert "Theme pack\tdefault" in note
    assert "bad.bin — not text (binary data)" in note
    assert "copy.txt — same article as S1" in note
    assert not any("/tmp/" in text for text in texts)


# --- package, properties, determinism ---------------------------------------------------------


def test_core_properties(briefing: Briefing, data: bytes) -> None:
    props = _open(data).core_properties
    midnight = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
    assert props.title == briefing.title
    assert props.author == props.last_modified_by == "briefing"
    assert props.created == props.modified == props.last_printed == midnight
    assert props.revision == 1
    assert props.keywords == "Requests, Official positions, Escalation warnings, Disputed framing"
    assert "python-docx" not in props.comments and props.comments
    assert props.subject.startswith("Briefing of 1 June 2024")


def test_package_is_clean(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        rels = z.read("_rels/.rels").decode()
        app = z.read("docProps/app.xml").decode()
        settings = z.read("word/settings.xml").decode()
        types = z.read("[Content_Types].xml").decode()
        infos = z.infolist()
    assert names[0] == "[Content_Types].xml"
    assert "docProps/thumbnail.jpeg" not in names and "thumbnail" not in rels
    assert not [n for n in names if "stylesWithEffects" in n or n.startswith("customXml")]
    assert "Microsoft" not in app and "<Application>briefing</Application>" in app
    assert "updateFields" not in settings and "savePreviewPicture" not in settings
    assert 'PartName="/word/footnotes.xml"' in types
    assert {i.date_time for i in infos} == {(2024, 6, 1, 0, 0, 0)}


def test_styles_defined(data: bytes) -> None:
    styles = _open(data).styles
    footnote_text = styles["footnote text"]
    assert footnote_text.style_id == "FootnoteText"
    reference = styles["footnote reference"]
    assert reference.style_id == "FootnoteReference" and reference.font.superscript
    assert styles["Heading 1"].style_id == "Heading1"
    assert styles["Heading 1"].font.name == "Arial"
    assert styles["Hyperlink"].font.underline


def test_renders_are_byte_identical(briefing: Briefing, monkeypatch: pytest.MonkeyPatch) -> None:
    first = render(briefing, ExportSettings())
    assert render(make_briefing(), ExportSettings()) == first
    # python-docx stamps zip entries with the clock; a render years later must not differ
    later = time.time() + 5 * 365 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    assert render(briefing, ExportSettings()) == first
    assert render(briefing, ExportSettings(paper=Paper.LETTER)) != first


def test_registry_dispatch(briefing: Briefing, data: bytes) -> None:
    assert export_bytes(briefing, "docx") == data


# --- hostile text -----------------------------------------------------------------------------


def test_nasty_text_is_text(nasty_briefing: Briefing) -> None:
    data = render(nasty_briefing, ExportSettings())
    document = _open(data)
    texts = "\n".join(_body_texts(document))
    assert (
        "Министр обороны заявил, что «войска не будут направлены» — Ελλάδα & <b>NATO</b>  [1]."
        in texts
    )
    assert "Русский заголовок <script>alert(1)</script> & “quotes”" in texts
    assert any("Русский заголовок <script>" in note for note in _footnotes(data))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml")
    assert b"\x07" not in xml and b"<script>" not in xml
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in xml


# --- page and templates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paper", "width", "height"),
    [(Paper.A4, Cm(21.0), Cm(29.7)), (Paper.LETTER, Cm(21.59), Cm(27.94))],
)
def test_paper(briefing: Briefing, paper: Paper, width: int, height: int) -> None:
    section = _open(render(briefing, ExportSettings(paper=paper))).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width - width) < Cm(0.01)
    assert abs(section.page_height - height) < Cm(0.01)
    assert section.left_margin == section.right_margin
    footer = section.footer
    assert not footer.is_linked_to_previous
    fields = [f.get(f"{W}instr") for f in footer._element.iter(f"{W}fldSimple")]
    assert fields == [" PAGE ", " NUMPAGES "]
    assert footer.paragraphs[0].text.startswith("NATO troops to Ukraine · 1 June 2024\tPage ")


@pytest.mark.parametrize("name", ["nope", "../styles/x", ""])
def test_unknown_template(briefing: Briefing, name: str) -> None:
    with pytest.raises(ExportError, match="unknown DOCX template"):
        render(briefing, ExportSettings(template=name))


def test_reference_document_styles_win(
    briefing: Briefing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = docx.Document()
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    path = tmp_path / "house.docx"
    reference.save(str(path))
    monkeypatch.setitem(to_docx.TEMPLATES, "house", DocxTemplate(reference=path))
    document = _open(render(briefing, ExportSettings(template="house")))
    styles = document.styles
    assert styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert styles["Statement"].style_id == "Statement"  # missing ones come from DocxStyle
    assert styles["footnote text"].style_id == "FootnoteText"
    assert document.core_properties.author == "briefing"


def test_broken_reference_document(
    briefing: Briefing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip")
    monkeypatch.setitem(to_docx.TEMPLATES, "broken", DocxTemplate(reference=path))
    with pytest.raises(ExportError, match=r"cannot use .*broken\.docx as a DOCX template"):
        render(briefing, ExportSettings(template="broken"))


# --- scale and validity -----------------------------------------------------------------------


def test_large_briefing(large_briefing: Briefing) -> None:
    started = time.perf_counter()
    data = render(large_briefing, ExportSettings())
    elapsed = time.perf_counter() - started
    citations = sum(len(i.citations) for s in large_briefing.sections for i in s.items)
    assert len(_footnotes(data)) == citations
    assert elapsed < 10, f"{elapsed:.1f}s"


def _check_tools_missing() -> str | None:
    if not CHECK_DOCX.exists():
        return f"{CHECK_DOCX} not found"
    for tool in ("xmllint", "soffice", "qpdf", "pdftoppm"):
        if shutil.which(tool) is None:
            return f"{tool} not installed"
    if importlib.util.find_spec("openxml_audit") is None:
        return "openxml-audit not installed"
    return None


@pytest.mark.skipif(_check_tools_missing() is not None, reason=str(_check_tools_missing()))
def test_check_docx_passes(nasty_briefing: Briefing, tmp_path: Path) -> None:
    out = tmp_path / "nasty.docx"
    out.write_bytes(render(nasty_briefing, ExportSettings()))
    result = subprocess.run(
        [
            "bash",
            str(CHECK_DOCX),
            str(out),
            str(tmp_path / "check"),
            "--expect",
            "Министр обороны заявил",
            "--expect",
            "Ελλάδα & <b>NATO</b>",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": sys.executable},
        timeout=300,
        check=False,
    )
    verdict = result.stdout.strip().splitlines()[-1]
    assert verdict.startswith("docx ok:"), result.stdout
    assert "schema=ok" in verdict and "warnings=0" in verdict, verdict
    assert "footnotes=5" in verdict, verdict


def test_nasty_footnote_citations_match(nasty_briefing: Briefing) -> None:
    data = render(nasty_briefing, ExportSettings())
    citations = [c for s in nasty_briefing.sections for item in s.items for c in item.citations]
    assert len(_footnotes(data)) == len(citations) == 5
    assert all(isinstance(c, Citation) for c in citations)
