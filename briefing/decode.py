"""Turning a source file's bytes into text: BOMs, UTF-8, then detected legacy encodings."""

from __future__ import annotations

import codecs

from briefing.errors import SourceError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PROBE = 65536
# Latin-script single-byte guesses that charset-normalizer often confuses with each other on short
# English text (cp1250 for cp1252 turns "naïve" into "naďve"). Web-pasted news in a legacy
# encoding is overwhelmingly cp1252, so among these it wins whenever it decodes the bytes.
_LATIN_GUESSES = frozenset(
    "cp1250 cp1252 cp1254 cp1257 latin_1 iso8859_2 iso8859_9 iso8859_15 mac_roman".split()
)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes outside UTF-16/32, or many control bytes."""
    head = data[:_PROBE]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding used; raises SourceError naming ``path``.

    Order: an explicit encoding, a byte-order mark, strict UTF-8, then charset-normalizer's
    best guess (cp1252, latin-1, ...), which is reported back so the user can see it.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read {path}: not {encoding} ({exc})") from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise SourceError(f"cannot read {path}: broken {name} text ({exc})") from exc
    if looks_binary(data):
        raise SourceError(f"cannot read {path}: not text (binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    from charset_normalizer import from_bytes  # imported here: only legacy files need it

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        bad = data[first_error.start]
        raise SourceError(
            f"cannot read {path}: not UTF-8 (byte 0x{bad:02x} at offset {first_error.start}) "
            "and no other encoding fits; save it as UTF-8 or pass --encoding"
        )
    if best.encoding in _LATIN_GUESSES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding
