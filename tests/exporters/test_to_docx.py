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
from docx.table import Table
from lxml import etree

from briefing.errors import ExportError
from briefing.exporters import ExportSettings, Paper, export_bytes, to_docx
from briefing.exporters.to_docx import DocxTemplate, render, scope_text
from briefing.model import Briefing, Citation, Contradiction, KeyNumber, Section, SourceProfile
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


def _table(document: DocumentObject, style: str, n: int = 0) -> Table:
    """The ``n``-th table of style ``style``."""
    return [t for t in document.tables if t.style is not None and t.style.name == style][n]


def _headings(document: DocumentObject) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Head")]


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
        "Coverage",
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
    table = _table(document, "Sources Table")
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


@pytest.mark.parametrize("name", ["nope", "", "Default", "a b"])
def test_unknown_template(briefing: Briefing, name: str) -> None:
    message = f"unknown template {name!r}; choose default, ministry or a .docx path"
    with pytest.raises(ExportError) as caught:
        render(briefing, ExportSettings(template=name))
    assert str(caught.value) == message


@pytest.mark.parametrize("name", ["../styles/x", "missing.docx", "C:\\house\\x.DOCX"])
def test_missing_template_path(briefing: Briefing, name: str) -> None:
    with pytest.raises(ExportError, match=r"cannot find DOCX template .*choose default, ministry"):
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


# --- analysis: disputes, key numbers, coverage, profiles, what changed ------------------------


def make_analysed_briefing(*, nasty: bool = False) -> Briefing:
    """``make_briefing`` with every analysis field filled: a dispute, a key number, profiles,
    one new statement and, since a previous briefing, one that is gone and cites a source this
    briefing did not read."""
    base = make_briefing(nasty=nasty)
    sections = list(base.sections)
    request = dataclasses.replace(sections[0].items[0], status="new", speaker="Kuleba")
    sections[0] = dataclasses.replace(sections[0], items=(request,))
    disputed = sections[3].items[0]
    return dataclasses.replace(
        base,
        bottom_line=(request, *base.bottom_line[1:]),
        sections=tuple(sections),
        contradictions=(
            Contradiction("polarity", "a formal request for troops", request, disputed),
        ),
        key_numbers=(KeyNumber("150,000", "new recruits Ukraine wants trained", request),),
        profiles=(
            SourceProfile("S1", "news report", 0.0, first_person=False, rhetorical=False),
            SourceProfile(
                "S2",
                "opinion/advocacy",
                0.5,
                first_person=True,
                rhetorical=True,
                terms=("begging",),
            ),
        ),
        gone=(make_item("Allies will meet again in July.", ("S7", 3), ("S1", 4)),),
        previous=dt.date(2024, 5, 25),
    )


@pytest.fixture
def analysed() -> Briefing:
    return make_analysed_briefing()


@pytest.fixture
def analysed_data(analysed: Briefing) -> bytes:
    return render(analysed, ExportSettings())


def test_disputes_side_by_side_under_disputed_framing(analysed_data: bytes) -> None:
    document = _open(analysed_data)
    headings = _headings(document)
    at = headings.index(("Heading 2", to_docx.DISAGREE_TITLE))
    assert headings[at - 1] == ("Heading 1", "Disputed framing")
    assert headings[at + 1] == ("Heading 1", "No longer reported since 25 May 2024")
    table = _table(document, "Compare Table")
    caption, sides = table.rows
    assert len(caption._tr.tc_lst) == 1 and caption.cells[0].grid_span == 2
    assert (
        caption.cells[0].text == "a formal request for troops — one affirms what the other denies"
    )
    assert [cell.text for cell in sides.cells] == [
        "S1 · Kuleba\nUkrainian officials have asked their counterparts to help train 150,000 new"
        " recruits.",
        "S2\nThere has been no formal request for military assistance from the Ukrainian "
        "government.",
    ]
    refs = [r.get(f"{W}id") for r in table._tbl.iter(f"{W}footnoteReference")]
    assert refs == ["6", "7"]
    assert table._tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == (
        "Disputed: a formal request for troops"
    )


def test_disputes_get_their_own_section_without_disputed_framing(analysed: Briefing) -> None:
    briefing = dataclasses.replace(analysed, sections=analysed.sections[:3])
    document = _open(render(briefing, ExportSettings()))
    headings = _headings(document)
    assert ("Heading 1", to_docx.DISAGREE_TITLE) in headings
    assert ("Heading 2", to_docx.DISAGREE_TITLE) not in headings
    contents = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    assert f"{to_docx.DISAGREE_TITLE}\t1 dispute" in contents


def test_no_analysis_blocks_when_fields_are_empty(data: bytes) -> None:
    document = _open(data)
    texts = [p.text for p in document.paragraphs]
    assert to_docx.DISAGREE_TITLE not in texts and "Key numbers" not in texts
    assert not any(t.startswith("No longer reported") or t.startswith("NEW ") for t in texts)
    assert "Compare Table" not in {t.style.name for t in document.tables if t.style}


def test_key_numbers_table(analysed_data: bytes) -> None:
    table = _table(_open(analysed_data), "Sources Table")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        list(to_docx.KEY_NUMBER_COLUMNS),
        ["150,000", "new recruits Ukraine wants trained", "S1"],
    ]
    # The key numbers follow the contents, so their footnote comes first.
    assert [r.get(f"{W}id") for r in table._tbl.iter(f"{W}footnoteReference")] == ["1"]
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


def test_footnotes_cover_sections_disputes_and_numbers(
    analysed: Briefing, analysed_data: bytes
) -> None:
    cited = [i for s in analysed.sections for i in s.items]
    cited += [i for c in analysed.contradictions for i in (c.first, c.second)]
    cited += [k.item for k in analysed.key_numbers]
    notes = _footnotes(analysed_data)
    assert len(notes) == sum(len(i.citations) for i in cited) == 7
    assert notes[0] == notes[1] == " S1 — Ukraine formally asks NATO to send troops, The Outlet, ¶2"
    assert notes[5] == notes[0]
    refs = [
        r.get(f"{W}id")
        for r in _part(analysed_data, "word/document.xml").iter(f"{W}footnoteReference")
    ]
    assert refs == [str(n) for n in range(1, 8)]


def test_coverage_heat_map(analysed: Briefing, analysed_data: bytes) -> None:
    document = _open(analysed_data)
    table = _table(document, "Heat Map Table")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Source", "Requests", "Official positions", "Escalation warnings", "Disputed framing"],
        ["S1", "1", "0", "1", "0"],
        ["S2", "0", "0", "0", "2"],
    ]
    fills = [[tc.find(f"{W}tcPr/{W}shd") for tc in row._tr.tc_lst[1:]] for row in table.rows[1:]]
    assert fills[0][1] is None and fills[1][3].get(f"{W}fill") == to_docx.DEFAULT_STYLE.heat_color
    assert fills[0][0].get(f"{W}fill") == to_docx.heat_fill(1, 2, to_docx.DEFAULT_STYLE.heat_color)
    body = list(document.element.body)
    after = body[body.index(table._tbl) + 1]
    caption = next(p for p in document.paragraphs if p._p is after)
    assert caption.style.name == "Caption" and caption.text == to_docx.COVERAGE_CAPTION
    assert caption.text == "Figure 1. Items each source gives to each theme"


@pytest.mark.parametrize(
    ("count", "most", "expected"),
    [(0, 3, None), (3, 3, "1F3A5F"), (1, 1, "1F3A5F"), (1, 4, "A5B0BF"), (5, 0, None)],
)
def test_heat_fill(count: int, most: int, expected: str | None) -> None:
    assert to_docx.heat_fill(count, most, "1F3A5F") == expected


def test_heat_text_contrast() -> None:
    assert to_docx.is_dark("1F3A5F") and not to_docx.is_dark("B4BCC6")


def test_profiles_under_sources(analysed: Briefing, analysed_data: bytes) -> None:
    table = _table(_open(analysed_data), "Sources Table", 1)
    assert table.rows[1].cells[1].text == (
        "Ukraine formally asks NATO to send troops\n"
        "news report · loaded terms in 0% of sentences · style: impersonal"
    )
    profile = table.rows[2].cells[1].text.split("\n")[-1]
    assert profile == (
        "opinion/advocacy · loaded terms in 50% of sentences · style: first person, rhetorical"
        " · terms: begging"
    )


def test_new_tag(analysed_data: bytes) -> None:
    document = _open(analysed_data)
    tagged = [p for p in document.paragraphs if p.text.startswith("NEW ")]
    assert [p.text for p in tagged] == [
        "NEW Ukrainian officials have asked their counterparts to help train 150,000 new recruits."
    ]
    assert tagged[0].runs[0].style.name == "New Tag" and tagged[0].runs[0].text == "NEW"
    box = document.tables[0].rows[0].cells[0]
    assert box.paragraphs[1].text.startswith("NEW Ukrainian")
    assert not box.paragraphs[2].text.startswith("NEW")


def test_no_longer_reported(analysed_data: bytes, caplog: pytest.LogCaptureFixture) -> None:
    texts = [p.text for p in _open(analysed_data).paragraphs]
    at = texts.index("No longer reported since 25 May 2024")
    assert texts[at + 2] == "Allies will meet again in July. (was cited: S7 ¶3, S1 ¶4)"
    assert "No longer reported since 25 May 2024\t1 statement" in texts
    anchors = {
        h.get(f"{W}anchor") for h in _part(analysed_data, "word/document.xml").iter(f"{W}hyperlink")
    }
    assert "src_S7" not in anchors


def test_gone_section_only_when_compared(analysed: Briefing) -> None:
    nothing_gone = dataclasses.replace(analysed, gone=())
    texts = [p.text for p in _open(render(nothing_gone, ExportSettings())).paragraphs]
    assert "Every statement of the briefing of 25 May 2024 is still reported." in texts
    # a source absent from the briefing must not break a render even without a comparison date
    uncompared = dataclasses.replace(analysed, previous=None)
    texts = [p.text for p in _open(render(uncompared, ExportSettings())).paragraphs]
    assert not any(t.startswith("No longer reported") for t in texts)


@pytest.mark.parametrize("template", ["default", "ministry"])
def test_analysed_renders_are_byte_identical(analysed: Briefing, template: str) -> None:
    settings = ExportSettings(template=template)
    assert render(analysed, settings) == render(make_analysed_briefing(), settings)


def test_ministry_template(analysed: Briefing, analysed_data: bytes) -> None:
    ministry = _open(render(analysed, ExportSettings(template="ministry")))
    header = ministry.sections[0].header
    assert not header.is_linked_to_previous
    assert header.paragraphs[0].text == "INTERNAL — NOT FOR PUBLICATION"
    assert ministry.styles["Normal"].font.name == "Times New Roman"
    assert ministry.styles["Heading 1"].font.color.rgb == RGBColor(0x1E, 0x4D, 0x2B)
    default = _open(analysed_data)
    assert default.styles["Normal"].font.name == "Arial"
    assert default.sections[0].header.is_linked_to_previous
    assert [p.text for p in ministry.paragraphs] == [p.text for p in default.paragraphs]


def test_template_given_as_path(analysed: Briefing, tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x66, 0x33)
    path = tmp_path / "House Style.docx"
    reference.save(str(path))
    document = _open(render(analysed, ExportSettings(template=str(path))))
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x66, 0x33)
    assert document.styles["Compare Table"].style_id == "CompareTable"
    assert document.styles["caption"].style_id == "Caption"


@pytest.mark.skipif(_check_tools_missing() is not None, reason=str(_check_tools_missing()))
@pytest.mark.parametrize("template", ["default", "ministry"])
def test_check_docx_passes_analysed(template: str, tmp_path: Path) -> None:
    out = tmp_path / f"{template}.docx"
    out.write_bytes(render(make_analysed_briefing(nasty=True), ExportSettings(template=template)))
    result = subprocess.run(
        [
            "bash",
            str(CHECK_DOCX),
            str(out),
            str(tmp_path / "check"),
            "--expect",
            to_docx.COVERAGE_CAPTION,
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
    assert "footnotes=8" in verdict, verdict


def test_continuing_statements_are_marked(briefing: Briefing) -> None:
    item = dataclasses.replace(briefing.sections[0].items[0], status="continuing")
    sections = (dataclasses.replace(briefing.sections[0], items=(item,)), *briefing.sections[1:])
    document = _open(render(dataclasses.replace(briefing, sections=sections), ExportSettings()))
    assert any("continuing from the last brief" in p.text for p in document.paragraphs)
