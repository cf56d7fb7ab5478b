"""Word files: body paragraphs in order, core properties, and damaged or hostile zips."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.model import BlockKind
from briefing.readers import docx as docx_reader
from briefing.sources import load_sources, read_file, text_path
from tests.readers.conftest import PARAGRAPHS, make_docx


def test_body_text_and_core_properties(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "memo.docx",
        title="Allies weigh trainers",
        author="Tom Li",
        language="en-GB",
        identifier="https://ledger.example/world/allies-trainers",
    )
    source = read_file(path, "S1")
    assert [p.text for p in source.body] == list(PARAGRAPHS)
    assert source.title == "Allies weigh trainers"
    assert (source.author, source.language, source.url) == (
        "Tom Li",
        "en-GB",
        "https://ledger.example/world/allies-trainers",
    )
    cached = text_path(source)
    assert cached is not None
    blocks = Path(cached).read_text(encoding="utf-8").strip().split("\n\n")
    assert all(p.text in blocks[p.number - 1] for p in source.paragraphs)


def test_library_defaults_do_not_leak_into_metadata(tmp_path: Path) -> None:
    """python-docx's template says author "python-docx", dated 2013: neither is the article's."""
    source = read_file(make_docx(tmp_path / "a.docx"), "S1")
    assert source.title == "Allies weigh request for trainers in Ukraine"  # the Heading 1
    assert source.author is None
    assert source.published is None


def test_file_creation_date_is_not_a_publication_date(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", created=dt.datetime(2024, 6, 3, 9, 0))
    assert read_file(path, "S1").published is None


def test_byline_and_date_printed_in_the_document(tmp_path: Path) -> None:
    paragraphs = ("By Aisha Khan", "May 17, 2024", *PARAGRAPHS)
    source = read_file(make_docx(tmp_path / "a.docx", paragraphs), "S1")
    assert (source.author, source.published) == ("Aisha Khan", dt.date(2024, 5, 17))
    assert source.body[0].text == PARAGRAPHS[0]


def test_headings_stay_headings(tmp_path: Path) -> None:
    paragraphs = (*PARAGRAPHS[:2], "What happens next", *PARAGRAPHS[2:])
    source = read_file(make_docx(tmp_path / "a.docx", paragraphs), "S1")
    assert [p.text for p in source.paragraphs if p.kind is BlockKind.HEADING] == [
        "What happens next"
    ]


def test_truncated_docx_is_skipped(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "full.docx").read_bytes()
    (tmp_path / "full.docx").unlink()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    (tmp_path / "good.txt").write_text("A Title\n\n" + PARAGRAPHS[0] + "\n", encoding="utf-8")
    corpus = load_sources([tmp_path])
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [
        ("cut.docx", "not a Word file (damaged or truncated zip)")
    ]
    assert len(corpus.sources) == 1


def test_zip_without_a_document_is_not_a_word_file(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "x.docx", "w") as package:
        package.writestr("hello.txt", "hello")
    with pytest.raises(SourceError, match=r"x\.docx: not a Word file \(no word/document\.xml\)"):
        read_file(tmp_path / "x.docx", "S1")


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as entry:
            block = b"\0" * (1024 * 1024)
            for _ in range(40):  # 40 MB of zeros: about 40 KB packed
                entry.write(block)
    assert path.stat().st_size < 200_000
    with pytest.raises(SourceError, match=r"bomb\.docx: word/document\.xml would unpack \d+ times"):
        read_file(path, "S1")


def test_total_unpacked_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED", 1000)
    path = make_docx(tmp_path / "a.docx")
    with pytest.raises(SourceError, match=r"a\.docx: unpacks to 0 MB, over the 0 MB limit"):
        read_file(path, "S1")


def test_empty_document(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", (), heading=None)
    with pytest.raises(SourceError, match=r"a\.docx: the document has no text"):
        read_file(path, "S1")
