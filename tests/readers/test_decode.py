"""Encodings: BOMs, UTF-16 with and without a mark, legacy code pages, mojibake repair."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.decode import declared_charset, decode, decode_text, looks_binary, repair_mojibake
from briefing.errors import SourceError
from briefing.sources import read_file, text_path

TEXT = (
    "Talks in Brüssel\n\nThe ministers met on Thursday – “a café meeting”, one said – and agreed "
    "to meet again next month, officials said.\n"
)
QUOTE = "The ministers met on Thursday – “a café meeting”, one said – and agreed"


@pytest.mark.parametrize(
    ("encoding", "used"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("cp1252", "cp1252"),
    ],
)
def test_encodings_are_detected(encoding: str, used: str) -> None:
    text, found = decode(TEXT.encode(encoding), "x.txt")
    assert text.lstrip("\ufeff") == TEXT
    assert found == used


def test_latin1_bytes_outside_cp1252_still_decode() -> None:
    data = "Côte d'Ivoire and Zürich: the talks go on, officials said on Monday.".encode("latin-1")
    text, used = decode(data + b" \x81", "x.txt")  # 0x81 is undefined in cp1252
    assert text.startswith("Côte d'Ivoire and Zürich")
    assert used != "utf-8"


def test_explicit_encoding_wins_and_errors_name_the_file() -> None:
    assert decode("é".encode("cp1252"), "x.txt", "cp1252") == ("é", "cp1252")
    with pytest.raises(SourceError, match=r"cannot read x\.txt: not utf-8"):
        decode(b"\xe9t\xe9", "x.txt", "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03" * 100,
        b"\x00\xff" * 100,
        b"PK\x03\x04" + bytes(range(256)) * 4,
        b"\x00" * 50,
    ],
)
def test_binary_data_is_not_text(data: bytes) -> None:
    with pytest.raises(SourceError, match="not text"):
        decode(data, "x.txt")


def test_utf16_without_bom_is_not_binary() -> None:
    assert not looks_binary(TEXT.encode("utf-16-le"))


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1252">', "cp1252"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "cp1252"),
        (b'<?xml version="1.0" encoding="UTF-8"?>', "utf-8"),
        (b'<meta charset="utf-16">', "utf-8"),
        (b'<meta charset="no-such-thing">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charsets(head: bytes, charset: str | None) -> None:
    assert declared_charset(head) == charset


def test_mojibake_repair_is_safe() -> None:
    assert repair_mojibake("It‘s the cafÃ© â€œdealâ€\x9d") == ("It‘s the café “deal”", 3)
    for fine in ("São Paulo and Ångström", "Mâcon à Paris", "plain ASCII text"):
        assert repair_mojibake(fine) == (fine, 0)


def test_decode_text_reports_what_it_did() -> None:
    assert decode_text(TEXT.encode("cp1252"), "x.txt").warnings == ("decoded as cp1252",)
    assert decode_text(TEXT.encode("cp1252"), "x.txt", "cp1252").warnings == ()
    fine = "Talks in Brüssel: a café – ‘a meeting’, one said."
    damaged = fine.encode("utf-8").decode("cp1252").encode("utf-8")
    result = decode_text(damaged, "x.txt")
    assert result.text == fine
    assert result.warnings == ("repaired mojibake in 5 places",)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_text_that_is_not_utf8_is_cached_for_the_provenance_check(
    tmp_path: Path, encoding: str
) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT.encode(encoding))
    source = read_file(tmp_path / "a.txt", "S1")
    assert source.body[0].text.startswith(QUOTE)
    cached = text_path(source)
    assert cached is not None
    assert QUOTE in Path(cached).read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_sources_are_their_own_text(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT.encode(encoding))
    assert text_path(read_file(tmp_path / "a.txt", "S1")) is None
