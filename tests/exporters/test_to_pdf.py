"""Tests for the PDF writer: text layer, links, outline, fonts, metadata, byte-identical output."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from briefing.errors import ConfigError, ExportError
from briefing.exporters import ExportSettings, Paper, export_bytes
from briefing.exporters.pdf_style import STYLE_SUFFIX, load_style, styles_dir, template_names
from briefing.exporters.to_pdf import render, scope_line
from briefing.model import (
    Briefing,
    Citation,
    Contradiction,
    Item,
    KeyNumber,
    Section,
    Source,
    SourceProfile,
)

ROOT = Path(__file__).resolve().parents[2]
CHECK_PDF = ROOT.parent / "shared" / "tools" / "check_pdf.sh"
CYRILLIC = "Министр обороны заявил, что «войска не будут направлены»"
GREEK = "Ελλάδα"


def _pdf(briefing: Briefing, **settings: object) -> bytes:
    return render(briefing, ExportSettings(**settings))  # type: ignore[arg-type]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _text(reader: PdfReader) -> str:
    return _flat("\n".join(page.extract_text() or "" for page in reader.pages))


def _items(briefing: Briefing) -> list[Item]:
    return [*briefing.bottom_line, *(i for s in briefing.sections for i in s.items)]


def _clean(text: str) -> str:
    return _flat(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text))


@dataclass(frozen=True)
class Link:
    """An internal link annotation: the page it is on and where it goes."""

    page: int
    target_page: int
    left: float
    top: float


def _internal_links(reader: PdfReader) -> list[Link]:
    page_of = {cast(Any, page.indirect_reference).idnum: n for n, page in enumerate(reader.pages)}
    links = []
    for n, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link" or "/Dest" not in annot:
                continue
            dest = annot["/Dest"]
            assert dest[0].idnum in page_of, f"link on page {n + 1} goes to no page"
            assert dest[1] == "/XYZ"
            links.append(Link(n, page_of[dest[0].idnum], float(dest[2]), float(dest[3])))
    return links


def _external_links(reader: PdfReader) -> list[str]:
    return [
        str(annot["/A"]["/URI"])
        for page in reader.pages
        for annot in (ref.get_object() for ref in page.get("/Annots") or [])
        if annot.get("/Subtype") == "/Link" and "/A" in annot
    ]


def _outline_titles(reader: PdfReader) -> list[str]:
    return [str(entry.title) for entry in reader.outline if isinstance(entry, Destination)]


@pytest.fixture
def pdf(briefing: Briefing) -> bytes:
    return _pdf(briefing)


@pytest.fixture
def nasty_pdf(nasty_briefing: Briefing) -> bytes:
    return _pdf(nasty_briefing)


def test_text_has_every_item_title_and_section(briefing: Briefing, pdf: bytes) -> None:
    text = _text(PdfReader(io.BytesIO(pdf)))
    for item in _items(briefing):
        assert _clean(item.text) in text
    for section in briefing.sections:
        assert section.title in text
    assert "NATO troops to Ukraine" in text
    assert "1 June 2024" in text
    assert "2 sources, published 17 May 2024 (1 undated)" in text


def test_cues_flags_and_empty_sections_are_shown(pdf: bytes) -> None:
    text = _text(PdfReader(io.BytesIO(pdf)))
    assert "placed by: begging; flagged terms: begging" in text
    assert "placed by: warned, direct war" in text
    assert "No statements in the sources fit this theme." in text
    assert "[S1 ¶2]" in text


def test_sources_list_and_sourcing_note(pdf: bytes) -> None:
    text = _text(PdfReader(io.BytesIO(pdf)))
    assert "The Outlet · A. Writer · 17 May 2024 · s1.txt · 37 words" in text
    assert "date unknown · s2.txt · 20 words" in text
    assert "https://example.org/why" in text
    assert "2 sources read; 1 file skipped; 1 duplicate set aside; 1 merged statement." in text
    assert "bad.bin — not text (binary data)" in text
    assert "copy.txt — same article as S1" in text
    assert "summariser centrality; theme pack default." in text


def test_nasty_text_is_shown_literally(nasty_briefing: Briefing, nasty_pdf: bytes) -> None:
    text = _text(PdfReader(io.BytesIO(nasty_pdf)))
    for item in _items(nasty_briefing):
        assert _clean(item.text) in text
    assert CYRILLIC in text
    assert GREEK in text
    assert "<script>alert(1)</script>" in text
    assert "& <b>NATO</b>" in text
    assert "Русский заголовок <script>alert(1)</script> & “quotes”" in text
    assert "\x07" not in text
    assert "\ufffd" not in text and "\x00" not in text


def test_control_characters_are_dropped_everywhere() -> None:
    source = Source(
        "S1", "/x/\x1bbad.txt", "Ti\x07tle\x00", (), outlet="Out\x0clet", url="https://e.org/\x07"
    )
    item = Item("Bell\x07 and escape\x1b here.", (Citation("S1", 1, "quo\x07te"),), cues=("c\x08",))
    section = Section("t", "The\x07me", (item,))
    briefing = Briefing("Brief\x07ing", dt.date(2024, 1, 2), (source,), (item,), (section,))
    reader = PdfReader(io.BytesIO(_pdf(briefing)))
    text = _text(reader)
    assert "Bell and escape here." in text
    assert "Title" in text and "Outlet" in text and "“quote”" in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", "".join(p.extract_text() for p in reader.pages))
    assert reader.metadata is not None and reader.metadata.title == "Briefing"
    assert _outline_titles(reader)[0] == "Briefing"
    assert "Theme" in _outline_titles(reader)


def test_outline_has_every_part_and_opens_shown(briefing: Briefing, pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    sections = [s.title for s in briefing.sections]
    expected = [
        "NATO troops to Ukraine",
        "Bottom line",
        "Contents",
        *sections,
        "Coverage",
        "Sources",
    ]
    assert _outline_titles(reader) == [*expected, "Sourcing note"]
    root: Any = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"


def test_citations_link_to_their_source_entries(nasty_briefing: Briefing, nasty_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(nasty_pdf))
    links = _internal_links(reader)
    sources_page = next(
        n for n, p in enumerate(reader.pages) if "Why nato didn’t send troops" in p.extract_text()
    )
    # Anchors inside paragraphs keep their x; outline and contents targets are whole-width (x 0).
    to_sources = [link for link in links if link.left > 0]
    cited = sum(len(i.citations) for i in _items(nasty_briefing))
    duplicates = 1
    assert len(to_sources) == cited + duplicates
    assert {link.target_page for link in to_sources} == {sources_page}
    # One target per cited source (S1, S2, S3), one after the other down the page.
    assert len({link.top for link in to_sources}) == 3


def test_contents_lines_link_to_their_sections(briefing: Briefing, pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    outline_targets = {
        (reader.get_destination_page_number(e), float(cast(float, e.top)))
        for e in reader.outline
        if isinstance(e, Destination)
    }
    contents_links = [link for link in _internal_links(reader) if link.left == 0]
    # Each contents line links twice (its words and its page number).
    assert len(contents_links) == 2 * (len(briefing.sections) + 4)
    assert {(link.target_page, link.top) for link in contents_links} <= outline_targets


def test_new_and_gone_statements_since_a_previous_briefing(briefing: Briefing) -> None:
    new = replace(briefing.sections[0].items[0], status="new")
    gone = Item("An old claim nobody repeats.", (Citation("S7", 2),), cues=("said",))
    compared = replace(
        briefing,
        sections=(replace(briefing.sections[0], items=(new,)), *briefing.sections[1:]),
        gone=(gone,),
        previous=dt.date(2024, 5, 25),
    )
    reader = PdfReader(io.BytesIO(_pdf(compared)))
    text = _text(reader)
    assert f"New: {new.text}" in text
    assert "No longer reported since 25 May 2024" in _outline_titles(reader)
    assert "An old claim nobody repeats. [last brief: S7 ¶2]" in text
    empty = _text(PdfReader(io.BytesIO(_pdf(replace(compared, gone=())))))
    assert "Every earlier statement is still carried." in empty
    assert "No longer reported" not in _text(PdfReader(io.BytesIO(_pdf(briefing))))


def test_statement_from_several_sources_says_so(briefing: Briefing) -> None:
    both = Item("Both said it.", (Citation("S1", 2), Citation("S2", 1, "Both did say it.")))
    odd = replace(briefing, sections=(Section("x", "Both", (both,)),))
    text = _text(PdfReader(io.BytesIO(_pdf(odd))))
    assert "Both said it. [S1 ¶2; S2 ¶1] 2 sources S2 ¶1: “Both did say it.”" in text


def test_url_is_an_external_link(pdf: bytes) -> None:
    assert _external_links(PdfReader(io.BytesIO(pdf))) == ["https://example.org/why"]


def test_only_http_urls_become_links(briefing: Briefing) -> None:
    odd = replace(briefing.sources[0], url="javascript:alert(1)")
    reader = PdfReader(io.BytesIO(_pdf(replace(briefing, sources=(odd, briefing.sources[1])))))
    assert _external_links(reader) == ["https://example.org/why"]
    assert "javascript:alert(1)" in _text(reader)


def test_unknown_cited_source_is_shown_without_link(
    briefing: Briefing, caplog: pytest.LogCaptureFixture
) -> None:
    stray = Item("A statement from nowhere.", (Citation("S9", 4),))
    odd = replace(briefing, sections=(Section("x", "Stray", (stray,)),), bottom_line=())
    text = _text(PdfReader(io.BytesIO(_pdf(odd))))
    assert "A statement from nowhere. [S9 ¶4]" in text
    assert "No statements were selected for the bottom line." in text
    assert "S9" in caplog.text


def test_every_font_is_embedded_fira(nasty_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(nasty_pdf))
    seen = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    assert seen == {"FiraSans-Regular", "FiraSans-Bold", "FiraSans-Italic"}


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs pdffonts (poppler-utils)")
def test_pdffonts_lists_only_embedded_fonts(nasty_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "nasty.pdf"
    path.write_bytes(nasty_pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]
    assert rows
    # Columns counted from the right: emb sub uni object-id generation.
    assert all(row[-5] == "yes" and row[-3] == "yes" for row in rows), out.stdout


def test_metadata(briefing: Briefing, pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "NATO troops to Ukraine"
    assert meta.author == "briefing"
    assert meta.subject == "Sourced briefing, 2 sources"
    assert str(meta["/Keywords"]) == ", ".join(s.title for s in briefing.sections)
    assert meta.creator is not None and meta.creator.startswith("briefing ")
    assert str(meta["/CreationDate"]).startswith("D:20240601")
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en"


def test_two_renders_are_byte_identical(nasty_briefing: Briefing) -> None:
    assert _pdf(nasty_briefing) == _pdf(nasty_briefing)


def test_bytes_do_not_depend_on_the_environment(nasty_pdf: bytes) -> None:
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from conftest import make_briefing;"
        "from briefing.exporters import ExportSettings;"
        "from briefing.exporters.to_pdf import render;"
        "sys.stdout.buffer.write(render(make_briefing(nasty=True), ExportSettings()))"
    )
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1700000000",
        "PYTHONHASHSEED": "4711",
        "TZ": "Pacific/Auckland",
        "LC_ALL": "C.UTF-8",
    }
    tests_dir = str(ROOT / "tests")
    out = subprocess.run(
        [sys.executable, "-c", script, tests_dir], capture_output=True, env=env, check=True
    )
    assert out.stdout == nasty_pdf


def test_paper_sizes(briefing: Briefing, pdf: bytes) -> None:
    a4 = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    letter = PdfReader(io.BytesIO(_pdf(briefing, paper=Paper.LETTER))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def test_unknown_template_is_an_export_error(briefing: Briefing) -> None:
    message = "unknown template 'house'; choose default, ministry or a .pdf.toml path"
    with pytest.raises(ExportError, match=re.escape(message)):
        _pdf(briefing, template="house")
    with pytest.raises(ExportError, match=r"cannot read PDF template nowhere\.pdf\.toml"):
        _pdf(briefing, template="nowhere.pdf.toml")


def test_registry_writes_pdf(briefing: Briefing, pdf: bytes) -> None:
    assert export_bytes(briefing, "pdf") == pdf


def test_long_briefing_pages_contents_and_quotes(large_briefing: Briefing) -> None:
    reader = PdfReader(io.BytesIO(_pdf(large_briefing)))
    pages = [_flat(p.extract_text()) for p in reader.pages]
    total = len(pages)
    assert total > 20
    assert "page 1 of" not in pages[0]
    for n in (2, total):
        assert f"page {n} of {total}" in pages[n - 1]
    # Contents page numbers agree with where the outline says each part starts. pypdf reads
    # each line's dot leader and number (drawn after the words) before the words.
    contents = pages[0][pages[0].index("Contents") :]
    entries = [e for e in reader.outline if isinstance(e, Destination)]
    entries = [e for e in entries if e.title not in (large_briefing.title, "Contents")]
    assert [e.title for e in entries][-2:] == ["Sources", "Sourcing note"]
    for entry in entries:
        page = cast(int, reader.get_destination_page_number(entry)) + 1
        title = str(entry.title)
        assert re.search(rf"\. {page} {re.escape(title)}\b", contents), title
    text = " ".join(pages)
    quoted = [(c, i) for i in _items(large_briefing) for c in i.citations if c.quote]
    assert quoted
    for citation, _ in quoted[:20]:
        assert f"{citation.source} ¶{citation.paragraph}: “{citation.quote}”" in text
    for item in _items(large_briefing):
        assert _clean(item.text) in text


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ((), "0 sources"),
        ((None,), "1 source, publication dates unknown"),
        ((dt.date(2024, 5, 17),), "1 source, published 17 May 2024"),
        (
            (dt.date(2024, 6, 2), None, dt.date(2024, 5, 17)),
            "3 sources, published 17 May 2024 – 2 June 2024 (1 undated)",
        ),
    ],
)
def test_scope_line(dates: tuple[dt.date | None, ...], expected: str) -> None:
    sources = tuple(Source(f"S{n}", "x.txt", "t", (), published=d) for n, d in enumerate(dates))
    assert scope_line(Briefing("t", dt.date(2024, 6, 3), sources, (), ())) == expected


@pytest.mark.skipif(
    not CHECK_PDF.exists() or any(shutil.which(t) is None for t in ("qpdf", "pdftotext")),
    reason="check_pdf.sh needs shared/tools plus qpdf and poppler-utils (pdftotext, pdffonts)",
)
@pytest.mark.parametrize("nasty", [False, True], ids=["plain", "nasty"])
def test_check_pdf_passes(nasty: bool, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    data: bytes = request.getfixturevalue("nasty_pdf" if nasty else "pdf")
    path = tmp_path / "briefing.pdf"
    path.write_bytes(data)
    expects = ["--expect", "Bottom line", "--expect", "Sourcing note"]
    if nasty:
        expects += ["--expect", GREEK, "--expect", "<script>alert(1)</script>"]
    env = {**os.environ, "PYTHON": sys.executable}
    out = subprocess.run(
        ["bash", str(CHECK_PDF), str(path), str(tmp_path / "check"), *expects],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    verdict = out.stdout.strip().splitlines()[-1]
    assert out.returncode == 0, out.stdout
    assert verdict.startswith("pdf ok:") and "warnings=0" in verdict, verdict


# --- Cross-source analysis: disagreements, key numbers, coverage, profiles, speakers ---------

BROWN = "General Brown"


def make_analysed(briefing: Briefing) -> Briefing:
    """``briefing`` with a speaker, two disagreements, two key numbers and two source profiles."""
    request = replace(briefing.sections[0].items[0], speaker=BROWN)
    denial = briefing.sections[3].items[0]
    hundred = Item("Officials want 100,000 recruits trained.", (Citation("S2", 1),), speaker="Aide")
    return replace(
        briefing,
        bottom_line=(request, *briefing.bottom_line[1:]),
        sections=(replace(briefing.sections[0], items=(request,)), *briefing.sections[1:]),
        contradictions=(
            Contradiction("polarity", "formal request for troops", request, denial),
            Contradiction("number", "recruits to train", request, hundred),
        ),
        key_numbers=(
            KeyNumber("150,000", "new recruits to be trained", request),
            KeyNumber("2", "sources naming NATO", denial),
        ),
        profiles=(
            SourceProfile("S1", "news report", 0.0, False, False),
            SourceProfile("S2", "opinion/advocacy", 0.25, True, True, ("begging",)),
        ),
    )


@pytest.fixture
def analysed(briefing: Briefing) -> Briefing:
    return make_analysed(briefing)


@pytest.fixture
def analysed_pdf(analysed: Briefing) -> bytes:
    return _pdf(analysed)


@pytest.fixture
def ministry_pdf(analysed: Briefing) -> bytes:
    return _pdf(analysed, template="ministry")


def _fonts(reader: PdfReader) -> set[str]:
    seen = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    return seen


def _images(page: object) -> list[str]:
    resources = page["/Resources"]  # type: ignore[index]
    xobjects = resources.get("/XObject") or {}
    return [name for name, ref in xobjects.items() if ref.get_object()["/Subtype"] == "/Image"]


def test_disagreements_follow_disputed_framing_side_by_side(analysed_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(analysed_pdf))
    titles = _outline_titles(reader)
    assert titles[titles.index("Disputed framing") + 1] == "Where the sources disagree"
    text = _text(reader)
    assert "1. formal request for troops — one affirms what the other denies" in text
    assert "2. recruits to train — the figures differ" in text
    assert "S1 · The Outlet S2 · Why nato didn’t send troops to ukraine" in text
    # The two sides are one table row: both quotes, each with its marker, left then right.
    left = "“Ukrainian officials have asked their counterparts to help train 150,000 new recruits.”"
    right = (
        "“There has been no formal request for military assistance from the Ukrainian government.”"
    )
    assert re.search(re.escape(left) + r" \[S1 ¶2\] .*" + re.escape(right) + r" \[S2 ¶1\]", text)
    assert "“Officials want 100,000 recruits trained.” [S2 ¶1] — Aide" in text
    assert "Where the sources disagree (2 pairs)" in text


def test_disagreement_markers_link_to_sources(analysed_pdf: bytes, pdf: bytes) -> None:
    with_pairs = [x for x in _internal_links(PdfReader(io.BytesIO(analysed_pdf))) if x.left > 0]
    without = [x for x in _internal_links(PdfReader(io.BytesIO(pdf))) if x.left > 0]
    # Four sides plus two key numbers, each one marker linked to its source.
    assert len(with_pairs) - len(without) == 4 + 2


def test_key_numbers_table_with_bookmark_and_contents_line(analysed_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(analysed_pdf))
    assert _outline_titles(reader).index("Key numbers") == 3
    text = _text(reader)
    assert "Figure What it counts Source 150,000 new recruits to be trained [S1 ¶2]" in text
    assert "2 sources naming NATO [S2 ¶1]" in text
    contents = text[text.index("Contents") : text.index("Figure What it counts")]
    assert "Key numbers" in contents and "Where the sources disagree" in contents


def test_no_analysis_no_parts(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    text = _text(reader)
    assert "Key numbers" not in text and "Where the sources disagree" not in text
    assert "Profile:" not in text and "— " + BROWN not in text


def test_coverage_figure_is_vector_with_embedded_fonts(analysed_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(analysed_pdf))
    assert "Coverage" in _outline_titles(reader)
    text = _text(reader)
    assert "Figure 1. Items each source gives to each theme" in text
    # Theme heads across, then one row per source with its non-zero counts.
    assert (
        "Requests Official positions Escalation warnings Disputed framing S1 The Outlet 1 1" in text
    )
    assert "S2 Why nato didn’t send t… 2" in text
    assert not any(_images(page) for page in reader.pages)
    assert _fonts(reader) == {"FiraSans-Regular", "FiraSans-Bold", "FiraSans-Italic"}


def test_coverage_figure_shows_the_busiest_sources(large_briefing: Briefing) -> None:
    text = _text(PdfReader(io.BytesIO(_pdf(large_briefing))))
    assert "The 40 sources with the most items are shown; 20 others are not." in text


def test_profiles_in_sources_list_and_speakers_on_items(analysed_pdf: bytes) -> None:
    text = _text(PdfReader(io.BytesIO(analysed_pdf)))
    assert "Profile: news report · loaded terms in 0% of sentences" in text
    assert (
        "Profile: opinion/advocacy · loaded terms in 25% of sentences (begging) · "
        "style: first person, rhetorical questions"
    ) in text
    statement = "help train 150,000 new recruits. [S1 ¶2] — General Brown placed by: asked"
    assert statement in text


def test_analysed_renders_are_byte_identical(analysed: Briefing, analysed_pdf: bytes) -> None:
    assert _pdf(analysed) == analysed_pdf
    assert _pdf(analysed, template="ministry") == _pdf(analysed, template="ministry")


# --- House templates ---------------------------------------------------------------------------


def test_bundled_templates() -> None:
    assert template_names() == ["default", "ministry"]
    assert (styles_dir() / f"ministry{STYLE_SUFFIX}").is_file()


def test_ministry_has_banner_and_logo_on_every_page(
    analysed: Briefing, ministry_pdf: bytes
) -> None:
    reader = PdfReader(io.BytesIO(ministry_pdf))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert _flat(page.extract_text()).count("INTERNAL — NOT FOR PUBLICATION") == 2
        assert len(_images(page)) == 1
    assert _fonts(reader) == {"FiraSans-Light", "FiraSans-SemiBold", "FiraSans-LightItalic"}
    text = _text(reader)
    assert "SITUATION BRIEFING" in text
    for item in _items(analysed):
        assert _clean(item.text) in text


def test_style_file_overrides_fields(tmp_path: Path, briefing: Briefing) -> None:
    logo = tmp_path / "art" / "logo-x.png"
    logo.parent.mkdir()
    shutil.copy(styles_dir() / "logo-ministry.png", logo)
    path = tmp_path / f"house{STYLE_SUFFIX}"
    path.write_text(
        'banner = "RESTRICTED"\naccent_colour = "#123456"\nmargin_left = 90\n'
        'logo = "art/logo-x.png"\n',
        encoding="utf-8",
    )
    style = load_style(path)
    assert (style.banner, style.accent_colour, style.margin_left) == ("RESTRICTED", "#123456", 90.0)
    assert style.logo == str(logo.resolve())
    assert style.text_colour == "#1b1f24"
    reader = PdfReader(io.BytesIO(_pdf(briefing, template=str(path))))
    assert all("RESTRICTED" in page.extract_text() for page in reader.pages)
    assert all(_images(page) for page in reader.pages)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('colour = "#123456"', "unknown key 'colour'"),
        ('accent_colour = "blue"', 'accent_colour must be a colour like "#1f4e79"'),
        ('margin_left = "2cm"', "margin_left must be a number of points"),
        ("margin_left = true", "margin_left must be a number of points"),
        ("banner = 3", "banner must be a string"),
        ('logo = "missing.png"', "logo 'missing.png' not found"),
        ("banner = ", "not valid TOML"),
    ],
)
def test_bad_style_file_is_a_config_error(
    tmp_path: Path, briefing: Briefing, body: str, message: str
) -> None:
    path = tmp_path / f"bad{STYLE_SUFFIX}"
    path.write_text(body + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        _pdf(briefing, template=str(path))


def test_font_family_name_cannot_be_reused_for_other_files(
    tmp_path: Path, briefing: Briefing
) -> None:
    path = tmp_path / f"fonts{STYLE_SUFFIX}"
    path.write_text('font_regular = "FiraSans-Thin.ttf"\n', encoding="utf-8")
    with pytest.raises(ExportError, match="font family 'FiraSans' is already used"):
        _pdf(briefing, template=str(path))


@pytest.mark.skipif(
    not CHECK_PDF.exists() or any(shutil.which(t) is None for t in ("qpdf", "pdftotext")),
    reason="check_pdf.sh needs shared/tools plus qpdf and poppler-utils (pdftotext, pdffonts)",
)
@pytest.mark.parametrize("template", ["default", "ministry"])
def test_check_pdf_passes_with_analysis(template: str, analysed: Briefing, tmp_path: Path) -> None:
    path = tmp_path / "briefing.pdf"
    path.write_bytes(_pdf(analysed, template=template))
    expects = ["Where the sources disagree", "Key numbers", "Figure 1.", BROWN]
    args = [arg for text in expects for arg in ("--expect", text)]
    env = {**os.environ, "PYTHON": sys.executable}
    out = subprocess.run(
        ["bash", str(CHECK_PDF), str(path), str(tmp_path / "check"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    verdict = out.stdout.strip().splitlines()[-1]
    assert out.returncode == 0, out.stdout
    assert verdict.startswith("pdf ok:") and "warnings=0" in verdict, verdict


def test_continuing_statements_are_marked(briefing: Briefing) -> None:
    item = replace(briefing.sections[0].items[0], status="continuing")
    marked = replace(
        briefing, sections=(replace(briefing.sections[0], items=(item,)), *briefing.sections[1:])
    )
    assert "continuing from the last brief" in _text(PdfReader(io.BytesIO(_pdf(marked))))
    assert "continuing from the last brief" not in _text(PdfReader(io.BytesIO(_pdf(briefing))))
