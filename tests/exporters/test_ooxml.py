"""OOXML helpers: the exact XML they write for text, formatting, footnotes, links and packaging."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.text.paragraph import Paragraph
from lxml import etree

from briefing.exporters import ooxml
from briefing.exporters.ooxml import (
    Bookmarks,
    Border,
    Footnotes,
    ParaProps,
    RunProps,
    Tab,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _tags(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def _saved(document: DocumentObject) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    document.save(buffer)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


@pytest.fixture
def document() -> DocumentObject:
    return docx.Document()


@pytest.fixture
def paragraph(document: DocumentObject) -> Paragraph:
    return document.add_paragraph()


# --- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("bell\x07 here", "bell here"),
        ("tab\tnew\nline\r", "tab\tnew\nline\r"),
        ("nul\x00 esc\x1b del\x7f c1\x85", "nul esc del c1"),
        ("bad \ufffe\uffff \ud800 end", "bad   end"),
        ("Министр Ελλάδα <b>&amp;</b> “q”", "Министр Ελλάδα <b>&amp;</b> “q”"),
    ],
)
def test_xml_text_removes_only_what_xml_cannot_carry(raw: str, clean: str) -> None:
    assert ooxml.xml_text(raw) == clean


def test_run_keeps_markup_literal_and_maps_tabs_and_breaks() -> None:
    r = ooxml.run(" <script>&\x07\tnext\nline ")
    assert _tags(r) == ["t", "tab", "t", "br", "t"]
    texts = [t.text for t in r.iter(f"{W}t")]
    assert texts == [" <script>&", "next", "line "]
    assert r[0].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert r[2].get("{http://www.w3.org/XML/1998/namespace}space") is None
    xml = etree.tostring(r, encoding="unicode")
    assert "&lt;script&gt;&amp;" in xml and "\x07" not in xml


def test_run_props_in_schema_order() -> None:
    props = RunProps(
        style="Hyperlink",
        font="Arial",
        bold=True,
        italic=False,
        color="112233",
        size=10.5,
        underline="single",
        shading="A4262C",
        vert_align="superscript",
        lang="en-GB",
    )
    rpr = props.element()
    assert _tags(rpr) == [
        "rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "sz", "szCs", "u", "shd", "vertAlign",
        "lang",
    ]  # fmt: skip
    assert rpr.find(f"{W}shd").get(f"{W}fill") == "A4262C"
    assert rpr.find(f"{W}sz").get(f"{W}val") == "21"
    assert rpr.find(f"{W}i").get(f"{W}val") == "0"
    fonts = rpr.find(f"{W}rFonts")
    assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Arial"}
    assert RunProps().element().tag == f"{W}rPr" and len(RunProps().element()) == 0


def test_para_props_in_schema_order() -> None:
    props = ParaProps(
        style="Heading1",
        keep_next=True,
        num_id=3,
        borders=(("bottom", Border(color="C0C0C0", size=4, space=2)), ("top", Border())),
        shading="EEEEEE",
        tabs=(Tab(480, "right", "dot"),),
        space_before=12,
        space_after=6,
        line=1.15,
        indent_left=14,
        hanging=14,
        align="right",
        outline_level=0,
    )
    ppr = props.element()
    assert _tags(ppr) == [
        "pStyle", "keepNext", "numPr", "pBdr", "shd", "tabs", "spacing", "ind", "jc", "outlineLvl",
    ]  # fmt: skip
    assert _tags(ppr.find(f"{W}pBdr")) == ["top", "bottom"]
    spacing = ppr.find(f"{W}spacing")
    assert (spacing.get(f"{W}before"), spacing.get(f"{W}after"), spacing.get(f"{W}line")) == (
        "240",
        "120",
        "276",
    )
    tab = ppr.find(f"{W}tabs/{W}tab")
    assert (tab.get(f"{W}val"), tab.get(f"{W}pos"), tab.get(f"{W}leader")) == (
        "right",
        "9600",
        "dot",
    )


def test_set_paragraph_props_replaces_ppr(paragraph: Paragraph) -> None:
    ooxml.set_paragraph_props(paragraph, ParaProps(style="A"))
    ooxml.set_paragraph_props(paragraph, ParaProps(style="B", align="right"))
    assert len(paragraph._p.findall(f"{W}pPr")) == 1
    assert paragraph._p[0].find(f"{W}pStyle").get(f"{W}val") == "B"


# --- styles and numbering ---------------------------------------------------------------------


def test_style_element_and_install() -> None:
    style = ooxml.style_element(
        "paragraph",
        "FootnoteText",
        "footnote text",
        based_on="Normal",
        next_style="Normal",
        ui_priority=99,
        quick=True,
        ppr=ParaProps(space_after=0),
        rpr=RunProps(size=8),
    )
    assert style.get(f"{W}type") == "paragraph" and style.get(f"{W}styleId") == "FootnoteText"
    assert style.get(f"{W}customStyle") is None
    assert _tags(style) == ["name", "basedOn", "next", "uiPriority", "qFormat", "pPr", "rPr"]
    styles = etree.fromstring(f'<w:styles xmlns:w="{W[1:-1]}"/>')
    assert ooxml.install_style(styles, style, replace=False)
    other = ooxml.style_element("paragraph", "FootnoteText", "footnote text", custom=True)
    assert not ooxml.install_style(styles, other, replace=False)
    assert styles[0] is style
    assert ooxml.install_style(styles, other, replace=True)
    assert len(styles) == 1 and styles[0] is other and other.get(f"{W}customStyle") == "1"


def test_bullet_numbering_ids_follow_existing() -> None:
    numbering = etree.fromstring(
        f'<w:numbering xmlns:w="{W[1:-1]}"><w:abstractNum w:abstractNumId="4"/>'
        '<w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num></w:numbering>'
    )
    num_id = ooxml.add_bullet_numbering(numbering, bullet="•", font="Arial", indent=14, hanging=14)
    assert num_id == 8
    assert _tags(numbering) == ["abstractNum", "abstractNum", "num", "num"]
    new_abstract = numbering[1]
    assert new_abstract.get(f"{W}abstractNumId") == "5"
    assert new_abstract.find(f".//{W}numFmt").get(f"{W}val") == "bullet"
    assert numbering[3].find(f"{W}abstractNumId").get(f"{W}val") == "5"
    empty = etree.fromstring(f'<w:numbering xmlns:w="{W[1:-1]}"/>')
    assert ooxml.add_bullet_numbering(empty, bullet="-", font="Arial", indent=1, hanging=1) == 1
    assert _tags(empty) == ["abstractNum", "num"]


def test_numbering_element_created_when_missing(document: DocumentObject) -> None:
    ooxml.drop_relationships(document.part, (RT.NUMBERING,))
    numbering = ooxml.numbering_element(document, clear=False)
    assert numbering.tag == f"{W}numbering" and len(numbering) == 0
    assert document.part.part_related_by(RT.NUMBERING).partname == "/word/numbering1.xml"
    assert ooxml.numbering_element(document, clear=False) is numbering


# --- footnotes --------------------------------------------------------------------------------


def test_footnotes_part_separators_and_settings(document: DocumentObject) -> None:
    footnotes = Footnotes(document)
    part = document.part.part_related_by(RT.FOOTNOTES)
    assert part is footnotes.part
    assert part.partname == "/word/footnotes.xml"
    assert part.content_type.endswith("wordprocessingml.footnotes+xml")
    notes = part.element.findall(f"{W}footnote")
    assert [(n.get(f"{W}id"), n.get(f"{W}type")) for n in notes] == [
        ("-1", "separator"),
        ("0", "continuationSeparator"),
    ]
    assert notes[0].find(f".//{W}separator") is not None
    assert notes[1].find(f".//{W}continuationSeparator") is not None
    settings = document.settings.element
    footnote_pr = settings.find(f"{W}footnotePr")
    assert [f.get(f"{W}id") for f in footnote_pr] == ["-1", "0"]
    tags = _tags(settings)
    # CT_Settings sequence: footnotePr comes before compat and rsids
    assert tags.index("footnotePr") < tags.index("compat") < tags.index("rsids")


def test_footnote_references_and_notes(document: DocumentObject, paragraph: Paragraph) -> None:
    footnotes = Footnotes(document)
    first = footnotes.add(paragraph)
    first._p.append(ooxml.run("First note"))
    second = footnotes.add(paragraph)
    assert footnotes.count == 2
    refs = paragraph._p.findall(f"{W}r/{W}footnoteReference")
    assert [r.get(f"{W}id") for r in refs] == ["1", "2"]
    for ref in refs:
        assert ref.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    notes = footnotes.part.element.findall(f"{W}footnote")[2:]
    assert [n.get(f"{W}id") for n in notes] == ["1", "2"]
    assert notes[0].find(f"{W}p") is first._p and notes[1].find(f"{W}p") is second._p
    assert first._p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "FootnoteText"
    mark = first._p.find(f"{W}r/{W}footnoteRef")
    assert mark is not None
    assert mark.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    assert "".join(t.text for t in first._p.iter(f"{W}t")) == " First note"
    # the note paragraph belongs to the footnotes part, so its links relate from there
    assert first.part is footnotes.part


def test_footnotes_part_saved_with_content_type(document: DocumentObject) -> None:
    footnotes = Footnotes(document)
    footnotes.add(document.add_paragraph("text"))
    Footnotes(document)  # a second one replaces the first instead of adding a duplicate part
    with _saved(document) as z:
        assert "word/footnotes.xml" in z.namelist()
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'PartName="/word/footnotes.xml"' in types
    assert "wordprocessingml.footnotes+xml" in types
    assert rels.count("relationships/footnotes") == 1


# --- bookmarks and links ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        (("src", "S1"), "src_S1"),
        (("sec", "1", "escalation_warnings"), "sec_1_escalation_warnings"),
        (("1st",), "b_1st"),
        (("Русский", "x y"), "x_y"),
        (("",), "b"),
        (("a" * 60,), "a" * 40),
    ],
)
def test_bookmark_name(parts: tuple[str, ...], name: str) -> None:
    assert ooxml.bookmark_name(*parts) == name


def test_bookmark_names_are_stable_and_unique() -> None:
    marks = Bookmarks()
    assert marks.name("src", "S1") == "src_S1"
    assert marks.name("src", "S1") == "src_S1"
    assert marks.name("src", "s1") == "src_s1_2"  # Word compares names without case
    assert marks.name("src S1") == "src_S1_3"
    long_a, long_b = marks.name("x" * 50, "a"), marks.name("x" * 50, "b")
    assert long_a == "x" * 40 and long_b == "x" * 38 + "_2"


def test_bookmark_place_wraps_paragraph(document: DocumentObject) -> None:
    marks = Bookmarks()
    first = document.add_paragraph("Heading", style="Heading 1")
    second = document.add_paragraph("Body")
    marks.place(first, "sec_1")
    marks.place(second, marks.name("sec", "2"))
    p = first._p
    assert _tags(p)[0] == "pPr" and _tags(p)[1] == "bookmarkStart" and _tags(p)[-1] == "bookmarkEnd"
    start, end = p[1], p[-1]
    assert start.get(f"{W}name") == "sec_1" and start.get(f"{W}id") == end.get(f"{W}id") == "0"
    assert second._p[0].get(f"{W}id") == second._p[-1].get(f"{W}id") == "1"
    assert marks.is_placed("SEC_1")
    with pytest.raises(ValueError, match="placed twice"):
        marks.place(second, "Sec_1")
    for bad in ("1abc", "_hidden", "has space", "é", "a" * 41):
        with pytest.raises(ValueError, match="invalid bookmark name"):
            marks.place(second, bad)


def test_internal_link(paragraph: Paragraph) -> None:
    link = ooxml.add_internal_link(paragraph, "Sources & <notes>", "sources")
    assert link.getparent() is paragraph._p
    assert link.get(f"{W}anchor") == "sources" and link.get(R_ID) is None
    assert link.find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink"
    assert paragraph.hyperlinks[0].text == "Sources & <notes>"
    assert not paragraph.part.rels or all(
        rel.reltype != RT.HYPERLINK for rel in paragraph.part.rels.values()
    )


def test_external_link_relationship(document: DocumentObject, paragraph: Paragraph) -> None:
    link = ooxml.add_external_link(paragraph, "why", "https://example.org/why")
    again = ooxml.add_external_link(paragraph, "again", "https://example.org/why")
    assert link is not None and again is not None
    rid = link.get(R_ID)
    assert rid and again.get(R_ID) == rid and link.get(f"{W}anchor") is None
    rel = document.part.rels[rid]
    assert rel.is_external and rel.reltype == RT.HYPERLINK
    assert rel.target_ref == "https://example.org/why"
    with _saved(document) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'TargetMode="External"' in rels and 'Target="https://example.org/why"' in rels


def test_unsafe_url_stays_text(document: DocumentObject, paragraph: Paragraph) -> None:
    before = len(document.part.rels)
    assert ooxml.add_external_link(paragraph, "click", "javascript:alert(1)") is None
    assert len(document.part.rels) == before
    assert paragraph.text == "click" and not paragraph.hyperlinks


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a b?q=ü#x", "https://example.org/a%20b?q=%C3%BC#x"),
        ("http://example.org/already%20encoded", "http://example.org/already%20encoded"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("/relative/path", None),
        ("https://", None),
        ("http://[::1", None),
    ],
)
def test_safe_url(url: str, safe: str | None) -> None:
    assert ooxml.safe_url(url) == safe


def test_field(paragraph: Paragraph) -> None:
    field = ooxml.add_field(paragraph, "PAGE", "1")
    assert field.tag == f"{W}fldSimple" and field.get(f"{W}instr") == " PAGE "
    assert field.getparent() is paragraph._p
    assert [t.text for t in field.iter(f"{W}t")] == ["1"]


# --- tables -----------------------------------------------------------------------------------


def test_table_properties_order() -> None:
    tblpr = ooxml.table_properties(
        style="SourcesTable",
        width=9000,
        borders={"insideH": Border(), "top": Border()},
        cell_margins={"left": 4, "top": 2},
        look_first_row=True,
        caption="Sources",
    )
    assert _tags(tblpr) == [
        "tblStyle", "tblW", "tblBorders", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
    ]  # fmt: skip
    assert _tags(tblpr.find(f"{W}tblBorders")) == ["top", "insideH"]
    assert _tags(tblpr.find(f"{W}tblCellMar")) == ["top", "left"]
    assert tblpr.find(f"{W}tblLook").get(f"{W}firstRow") == "1"


def test_cell_and_row_properties(document: DocumentObject) -> None:
    table = document.add_table(rows=1, cols=1)
    tc, tr = table.rows[0].cells[0]._tc, table.rows[0]._tr
    ooxml.cell_properties(
        tc, width=2000, borders={"left": Border(size=24)}, fill="EEF3F8", margins={"top": 8}
    )
    tcpr = tc[0]
    assert _tags(tcpr) == ["tcW", "tcBorders", "shd", "tcMar"]
    assert tcpr.find(f"{W}tcW").get(f"{W}w") == "2000"
    assert tcpr.find(f"{W}shd").get(f"{W}fill") == "EEF3F8"
    ooxml.row_properties(tr, header=True, cant_split=True)
    assert _tags(tr)[0] == "trPr" and _tags(tr[0]) == ["cantSplit", "tblHeader"]


# --- package ----------------------------------------------------------------------------------


def test_drop_thumbnail(document: DocumentObject) -> None:
    with _saved(document) as z:
        assert "docProps/thumbnail.jpeg" in z.namelist()
    ooxml.drop_thumbnail(document)
    with _saved(document) as z:
        names = z.namelist()
        package_rels = z.read("_rels/.rels").decode()
        settings = z.read("word/settings.xml").decode()
    assert "docProps/thumbnail.jpeg" not in names
    assert "thumbnail" not in package_rels and "savePreviewPicture" not in settings


def test_drop_relationships_counts(document: DocumentObject) -> None:
    styles_with_effects = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
    assert ooxml.drop_relationships(document.part, (styles_with_effects, RT.CUSTOM_XML)) == 2
    assert ooxml.drop_relationships(document.part, (styles_with_effects,)) == 0
    with _saved(document) as z:
        assert not [n for n in z.namelist() if "stylesWithEffects" in n or "customXml" in n]


def test_pin_core_properties(document: DocumentObject) -> None:
    when = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
    ooxml.pin_core_properties(
        document,
        title="T\x07",
        subject="S",
        keywords="a, b",
        description="D",
        when=when,
        author="briefing",
        category="Briefing",
    )
    with _saved(document) as z:
        core = z.read("docProps/core.xml").decode()
    assert "python-docx" not in core and "2013" not in core
    props = docx.Document(io.BytesIO(_bytes(document))).core_properties
    assert (props.title, props.author, props.last_modified_by) == ("T", "briefing", "briefing")
    assert (props.subject, props.keywords, props.comments, props.category) == (
        "S",
        "a, b",
        "D",
        "Briefing",
    )
    assert props.created == props.modified == props.last_printed == when
    assert props.revision == 1


def _bytes(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_app_properties(document: DocumentObject) -> None:
    ooxml.set_app_properties(document, "briefing")
    with _saved(document) as z:
        app = etree.fromstring(z.read("docProps/app.xml"))
    assert etree.QName(app[0]).localname == "Application"
    assert app[0].text == "briefing"
    assert b"Microsoft" not in etree.tostring(app)


def test_theme_fonts(document: DocumentObject) -> None:
    ooxml.set_theme_fonts(document, "Arial")
    with _saved(document) as z:
        theme = etree.fromstring(z.read("word/theme/theme1.xml"))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    latin = theme.findall(f".//{a}fontScheme/*/{a}latin")
    assert len(latin) == 2 and {x.get("typeface") for x in latin} == {"Arial"}


def test_compatibility_mode(document: DocumentObject) -> None:
    ooxml.set_compatibility_mode(document, 15)
    modes = [
        s.get(f"{W}val")
        for s in document.settings.element.iter(f"{W}compatSetting")
        if s.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]
    settings = document.settings.element
    settings.remove(settings.find(f"{W}compat"))
    ooxml.set_compatibility_mode(document, 15)
    tags = _tags(settings)
    assert tags.index("compat") < tags.index("rsids")


def test_deterministic_zip() -> None:
    def make(stamp: tuple[int, int, int, int, int, int]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            for name in ("word/document.xml", "[Content_Types].xml", "_rels/.rels"):
                z.writestr(zipfile.ZipInfo(name, date_time=stamp), f"<{name}/>")
        return buffer.getvalue()

    day = dt.date(2024, 6, 1)
    a = ooxml.deterministic_zip(make((2020, 1, 2, 3, 4, 5)), day)
    b = ooxml.deterministic_zip(make((2025, 5, 6, 7, 8, 10)), day)
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
        ]
        assert {i.date_time for i in infos} == {(2024, 6, 1, 0, 0, 0)}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert z.read("word/document.xml") == b"<word/document.xml/>"
    old = ooxml.deterministic_zip(make((2020, 1, 1, 0, 0, 0)), dt.date(1970, 1, 1))
    with zipfile.ZipFile(io.BytesIO(old)) as z:
        assert z.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)
