"""Turning a source file's bytes into text: BOMs, UTF-8, then detected legacy encodings."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from briefing.errors import SourceError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PROBE = 65536
_TEXT_BYTES = bytes([9, 10, 12, 13, *range(32, 256)])
# Web-pasted news in a legacy encoding is overwhelmingly cp1252 (or latin-1), and on short text
# charset-normalizer often takes it for another single-byte code page (cp775, cp1250, ...), which
# turns "Brüssel" into "Br³ssel". So cp1252, then latin-1, is used whenever its reading looks like
# Western text; charset-normalizer decides only when it does not (Cyrillic, Greek, Polish, ...).
_WESTERN = ("cp1252", "latin_1")
# Latin-1 symbols that other code pages' letters turn into (ł -> ³, ą -> ¹, ż -> ¿): never inside a
# Western word (the Catalan middle dot aside).
_ODD_INSIDE = frozenset(chr(c) for c in range(0xA1, 0xC0) if not chr(c).isalpha()) - {"·"}
# Icelandic letters: in a cp1252 reading they are mostly Turkish ı, ş, ğ (cp1254) in disguise.
_RARE = frozenset("ðþýÐÞÝ")
_EDGE_PUNCTUATION = "\"'“”‘’«»‹›()[]{}.,;:!?¡¿…–—-*•·°€£$%/"
# Browsers decode pages labelled latin-1 or ASCII as windows-1252 (WHATWG Encoding Standard),
# and authors write those labels meaning what browsers show.
# A page that declares UTF-16 but has no byte-order mark is decoded as UTF-8, as browsers do.
_WEB_ALIASES = {
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "utf_16": "utf-8",
    "utf_16_le": "utf-8",
    "utf_16_be": "utf-8",
}
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<meta>[A-Za-z0-9._:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["'](?P<xml>[A-Za-z0-9._:-]{2,40})""",
    re.IGNORECASE,
)
# UTF-8 read as cp1252: a lead byte (Â..ô) followed by what a continuation byte looks like in
# cp1252. Cheap to look for; ftfy then decides whether a repair is safe.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153"
    "\u017e\u0178]"
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text, the encoding that produced it, and what the user should know about it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le/-be when NUL bytes sit on one side of (nearly) every code unit, else None."""
    half = len(head) // 2
    if half < 2:
        return None
    even, odd = head[0 : 2 * half : 2].count(0), head[1 : 2 * half : 2].count(0)
    if odd > 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _is_text(text: str) -> bool:
    """True unless control characters (other than tab, line and page breaks) are frequent."""
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    return bool(text) and controls <= max(8, len(text) // 100)


def _plausible_western(text: str) -> bool:
    """True when a single-byte reading looks like Western text, not another script misread.

    Other scripts read as cp1252 give words made mostly of accented letters ("Ìîñêâà"), symbols
    inside words ("Za¿ó³æ") or Icelandic letters ("yapýlan"); Western text has a few accented
    letters among plain ones.
    """
    accented = heavy = odd = 0
    for token in text.split():
        word = token.strip(_EDGE_PUNCTUATION)
        if word.isascii():
            continue
        accented += 1
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 3 and 2 * sum(not c.isascii() for c in letters) > len(letters):
            heavy += 1
        if any(c in _ODD_INSIDE for c in word[1:-1]) or _RARE & set(word):
            odd += 1
    return heavy <= 0.3 * accented and odd <= max(1, 0.05 * accented)


def _western(data: bytes) -> tuple[str, str] | None:
    for name in _WESTERN:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _is_text(text[:_PROBE]) or name == "latin_1":
            return (text, name) if _plausible_western(text) else None
    return None


def _is_prose(text: str) -> bool:
    """True for text with words and spaces: what UTF-16 without a mark must decode to.

    Binary data with NUL bytes on one side decodes "cleanly" too, to runs like "ÿÿÿ" or
    "ȃȃȃ"; the text this check guards (mostly Latin script) has spaces between words.
    """
    if not _is_text(text):
        return False
    spaces = sum(1 for ch in text if ch.isspace())
    letters = sum(1 for ch in text if ch.isalpha())
    return spaces >= 0.03 * len(text) and letters >= 0.4 * len(text)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes outside UTF-16/32, or many control bytes."""
    head = data[:_PROBE]
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _TEXT_BYTES))
    return controls > max(8, len(head) // 100)


def declared_charset(data: bytes) -> str | None:
    """The encoding a web page or XML file declares in its first bytes, normalised, else None."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    label = (match.group("meta") or match.group("xml")).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name.replace("-", "_"), name)


def _strict(data: bytes, path: str, name: str, what: str) -> str:
    try:
        return data.decode(name)
    except (LookupError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read {path}: {what} ({exc})") from exc


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding used; raises SourceError naming ``path``.

    Order: an explicit encoding, a byte-order mark, UTF-16 without a mark, strict UTF-8, then
    charset-normalizer's best guess (cp1252, latin-1, ...), which is reported back so the user
    can see it.
    """
    if encoding:
        return _strict(data, path, encoding, f"not {encoding}"), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, path, name, f"broken {name} text"), name
    utf16 = _utf16_without_bom(data[:_PROBE])
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if not _is_prose(text[:_PROBE]):
            raise SourceError(f"cannot read {path}: not text (binary data)")
        return text, utf16
    if looks_binary(data):
        raise SourceError(f"cannot read {path}: not text (binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    western = _western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes  # imported here: only legacy files need it

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        bad = data[first_error.start]
        raise SourceError(
            f"cannot read {path}: not UTF-8 (byte 0x{bad:02x} at offset {first_error.start}) "
            "and no other encoding fits; save it as UTF-8 or pass --encoding"
        )
    return str(best), best.encoding


def repair_mojibake(text: str) -> tuple[str, int]:
    """The text with UTF-8-read-as-cp1252 sequences ("â€™", "Ã©") repaired, and how many.

    ftfy only changes a stretch of text when the repaired version is clearly more plausible,
    so real "Ã" and "â" in names and words are left alone.
    """
    found = len(_MOJIBAKE.findall(text))
    if not found:
        return text, 0
    import ftfy  # imported here: only damaged texts need it

    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return text, 0
    return fixed, found - len(_MOJIBAKE.findall(fixed))


def decode_text(
    data: bytes, path: str, encoding: str | None = None, *, markup: bool = False
) -> Decoded:
    """The text of ``data`` with mojibake repaired, the encoding, and warnings for the user.

    ``markup`` says the bytes are a web page or XML, whose own charset declaration is honoured
    when it fits the bytes. Raises SourceError naming ``path`` when no encoding fits.
    """
    warnings: list[str] = []
    declared = declared_charset(data) if markup and not encoding else None
    text: str | None = None
    used = ""
    if declared and looks_binary(data):
        raise SourceError(f"cannot read {path}: not text (binary data)")
    if declared and not any(data.startswith(bom) for bom, _ in _BOMS):
        # Bytes that are valid UTF-8 are UTF-8 whatever the page says: pages saved from a
        # browser often keep their old declaration, and legacy text is almost never valid UTF-8.
        for name in dict.fromkeys(("utf-8", declared)):
            try:
                text, used = data.decode(name), name
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if text is None:
        text, used = decode(data, path, encoding)
        if declared and used != declared:
            warnings.append(
                f"declared charset {declared} does not fit the bytes; decoded as {used}"
            )
        elif used not in ("utf-8", "utf-8-sig", "ascii") and used != encoding:
            warnings.append(f"decoded as {used}")
    text, repaired = repair_mojibake(text)
    if repaired:
        warnings.append(f"repaired mojibake in {repaired} places")
    return Decoded(text, used, tuple(warnings))
