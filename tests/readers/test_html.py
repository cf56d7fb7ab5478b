"""Web pages: only the article is kept, metadata comes from the markup, nothing is guessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.model import BlockKind
from briefing.readers.html import article_from_html
from briefing.sources import load_sources, read_file, text_path
from tests.readers.conftest import BOILERPLATE, PARAGRAPHS, SUBHEADING, news_page


def _write(tmp_path: Path, page: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(page.encode(encoding))
    return path


def test_article_text_without_page_furniture(tmp_path: Path) -> None:
    source = read_file(_write(tmp_path, news_page()), "S1")
    body = [p.text for p in source.body]
    assert body == list(PARAGRAPHS)
    assert [p.text for p in source.paragraphs if p.kind is BlockKind.HEADING] == [SUBHEADING]
    text = "\n".join(p.text for p in source.paragraphs)
    for junk in BOILERPLATE:
        assert junk not in text


def test_metadata_from_json_ld_and_meta_tags(tmp_path: Path) -> None:
    source = read_file(_write(tmp_path, news_page()), "S1")
    assert source.title == "Allies weigh request for trainers in Ukraine"
    assert source.author == "Maria Ortega"
    assert source.outlet == "The Daily Ledger"
    assert source.published == dt.date(2024, 5, 17)  # datePublished, not dateModified
    assert source.url == "https://ledger.example/world/allies-trainers"
    assert source.language == "en-GB"
    assert source.path == str(tmp_path / "page.html")
    assert source.words == sum(len(p.split()) for p in (*PARAGRAPHS, SUBHEADING))


def test_metadata_without_json_ld_comes_from_meta_and_byline(tmp_path: Path) -> None:
    page = news_page(json_ld=False).replace(
        "<title>", '<meta property="article:published_time" content="2024-05-18T09:00:00Z"><title>'
    )
    source = read_file(_write(tmp_path, page), "S1")
    assert (source.author, source.published, source.outlet) == (
        "Maria Ortega",
        dt.date(2024, 5, 18),
        "The Daily Ledger",
    )


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="byline">5 Minute Read</div>',
        '<div class="byline">Published</div>',
        '<div class="byline">12,408 views</div>',
        '<a rel="author" href="https://facebook.com/ledger">https://facebook.com/ledger</a>',
    ],
)
def test_junk_authors_are_never_reported(tmp_path: Path, byline: str) -> None:
    page = news_page(author=None, json_ld=False, byline_html=byline)
    assert read_file(_write(tmp_path, page), "S1").author is None


def test_unknown_date_stays_unknown(tmp_path: Path) -> None:
    paragraphs = (
        "On May 28, 2024 the ministry said it would act, officials told reporters.",
        *PARAGRAPHS,
    )
    page = news_page(published=None, json_ld=False, paragraphs=paragraphs)
    page = page.replace("© 2024", "© 2024 — updated 2 June 2024 —")
    source = read_file(_write(tmp_path, page), "S1")
    assert source.published is None
    assert source.body[0].text.startswith("On May 28, 2024")


def test_extracted_text_is_cached_and_numbers_match_it(tmp_path: Path) -> None:
    source = read_file(_write(tmp_path, news_page()), "S1")
    cached = text_path(source)
    assert cached is not None and Path(cached).is_file()
    blocks = Path(cached).read_text(encoding="utf-8").strip().split("\n\n")
    for paragraph in source.paragraphs:
        assert paragraph.text in blocks[paragraph.number - 1]


def test_page_with_no_article_is_skipped_with_a_reason(tmp_path: Path) -> None:
    links = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(30))
    page = f"<html><head><title>Home</title></head><body><nav><ul>{links}</ul></nav></body></html>"
    (tmp_path / "good.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "home.html").write_text(page, encoding="utf-8")
    corpus = load_sources([tmp_path])
    assert [Path(s.path).name for s in corpus.sources] == ["good.html"]
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [
        ("home.html", "no article text found in the page")
    ]


def test_not_html_at_all(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_bytes(b"\x00\x01\x02\x03" * 100)
    with pytest.raises(SourceError, match=r"x\.html: not text"):
        read_file(tmp_path / "x.html", "S1")


def test_declared_legacy_charset(tmp_path: Path) -> None:
    page = news_page(charset="windows-1252").replace("Brussels", "Brüssel café")
    source = read_file(_write(tmp_path, page, encoding="cp1252"), "S1")
    assert "Brüssel café" in source.body[0].text
    assert "“We are looking" in source.body[2].text
    assert source.warnings == ()


def test_undeclared_legacy_charset_is_detected(tmp_path: Path) -> None:
    page = news_page().replace('<meta charset="utf-8">', "").replace("Brussels", "Brüssel")
    source = read_file(_write(tmp_path, page, encoding="cp1252"), "S1")
    assert "Brüssel" in source.body[0].text
    assert source.warnings == ("decoded as cp1252",)


def test_page_saved_as_utf8_with_an_old_declaration(tmp_path: Path) -> None:
    page = news_page(charset="iso-8859-1").replace("Brussels", "Brüssel")
    source = read_file(_write(tmp_path, page), "S1")
    assert "Brüssel" in source.body[0].text


def test_mojibake_is_repaired_with_a_warning(tmp_path: Path) -> None:
    broken = "it’s ‘safe’ café".encode().decode("cp1252")  # UTF-8 read as cp1252 once
    page = news_page(
        paragraphs=(f"The minister said {broken} and left the room early.", *PARAGRAPHS)
    )
    source = read_file(_write(tmp_path, page), "S1")
    assert source.body[0].text == "The minister said it’s ‘safe’ café and left the room early."
    assert any(w.startswith("repaired mojibake") for w in source.warnings)


def test_lists_quotes_and_line_breaks_become_blocks() -> None:
    page = news_page(paragraphs=("Intro paragraph of the story that sets the scene for readers.",))
    page = page.replace(
        '</div>\n<div class="ad',
        "<ul><li>First point made by the minister in the statement.</li>"
        "<li>Second point made by the minister in the statement.</li></ul>"
        "<blockquote><p>A quoted passage from the report itself, kept as it is.</p></blockquote>"
        "<p>Line one of a verse<br>line two of it, after a break.</p>"
        '</div>\n<div class="ad',
        1,
    )
    raw = article_from_html(page, "page.html")
    texts = [b.text for b in raw.blocks]
    assert "First point made by the minister in the statement." in texts
    assert "Second point made by the minister in the statement." in texts
    assert "A quoted passage from the report itself, kept as it is." in texts
    assert "Line one of a verse line two of it, after a break." in texts


def test_title_from_title_tag_loses_the_site_suffix() -> None:
    page = news_page(json_ld=False).replace('<meta property="og:title"', '<meta property="x"')
    page = page.replace("<h1>", "<h1 class='a'>").replace("</h1>", "</h1><h1>Second</h1>")
    raw = article_from_html(page, "page.html")
    assert raw.title == "Allies weigh request for trainers in Ukraine"


@pytest.mark.parametrize(
    ("lang", "expected"), [("en_us", "en-US"), ("EN", "en"), ("de-DE", "de-DE"), ("und", None)]
)
def test_language_tags_are_normalised(lang: str, expected: str | None) -> None:
    assert article_from_html(news_page(lang=lang), "p.html").language == expected


def test_missing_html_extra_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.delitem(sys.modules, "briefing.readers.html", raising=False)
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if it were not installed
    (tmp_path / "a.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\n" + PARAGRAPHS[0] + "\n", encoding="utf-8")
    corpus = load_sources([tmp_path])
    assert [s.reason for s in corpus.skipped] == [
        "the .html reader needs trafilatura; install it with: pip install 'briefing[html]'"
    ]


def test_a_table_row_is_one_block() -> None:
    table = (
        "<table><tr><th>Country</th><th>Troops</th></tr>"
        "<tr><td>Estonia</td><td>120</td></tr></table>"
    )
    page = news_page().replace("<h2>", table + "<h2>", 1)
    texts = [b.text for b in article_from_html(page, "p.html").blocks]
    assert "Country | Troops" in texts and "Estonia | 120" in texts


def test_header_lines_go_but_a_standfirst_stays() -> None:
    paragraphs = (
        "By Maria Ortega",
        "17 May 2024",
        "Ministers hesitate over a request that could change the alliance's role",
        *PARAGRAPHS,
    )
    raw = article_from_html(news_page(json_ld=False, paragraphs=paragraphs), "p.html")
    texts = [b.text for b in raw.blocks]
    assert texts[0] == "Ministers hesitate over a request that could change the alliance's role"
    assert "By Maria Ortega" not in texts and "17 May 2024" not in texts
    assert raw.published == dt.date(2024, 5, 17)


def test_headline_that_differs_from_the_seo_title_is_not_article_text() -> None:
    headline = "<h1>Allies weigh request for trainers in Ukraine</h1>"
    page = (
        news_page(json_ld=False)
        .replace(
            '<meta property="og:title" content="Allies weigh request for trainers in Ukraine">',
            '<meta property="og:title" content="NATO trainers Ukraine: allies weigh request">',
        )
        .replace(headline, "")
        .replace('<div class="article-body">', '<div class="article-body">' + headline)
    )
    raw = article_from_html(page, "p.html")
    assert raw.title == "NATO trainers Ukraine: allies weigh request"
    assert raw.blocks[0].text == PARAGRAPHS[0]
