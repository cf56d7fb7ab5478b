"""Reader for saved web pages: the article's main text (trafilatura) and the page's metadata.

trafilatura finds the main text and leaves out navigation, ads, comments, related links and
figures (with their captions and credits); the metadata comes from the page's own markup
(``briefing.metadata.page_metadata``), never from guesses at dates in the text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from briefing.clean import normalise_space, split_blocks
from briefing.decode import decode_text
from briefing.errors import SourceError
from briefing.metadata import (
    PageMeta,
    is_byline,
    page_metadata,
    parse_date_line,
    read_header,
    url_date,
)
from briefing.readers import RawArticle

# trafilatura's own default cap; a bigger page is not an article but an archive or a dump.
MAX_BYTES = 20 * 1024 * 1024

# Elements of trafilatura's output tree that hold a block of their own.
_BLOCK_TAGS = frozenset(  # a word list reads best as one string
    "p head item quote code list table row cell div section article main body note".split()  # noqa: SIM905
)
# Markup that trafilatura throws away anyway, dropped before it copies the tree (several times):
# about 5% of its time on pages whose scripts and styles are a large share of their bytes.
# JSON-LD stays: trafilatura's last resort reads "articleBody" from it on script-built pages.
_NEVER_TEXT = ("style", "noscript", "template", "svg", "math", "iframe", "object")
_SENTENCE_END = re.compile(r"\w[.!?…][\"'”’)\]]*(?:\s|$)")


def _text(element: Any) -> str:
    return normalise_space(" ".join("".join(element.itertext()).split("\n")))


def _walk(element: Any, out: list[str]) -> None:
    """The texts of the blocks under ``element`` in document order (a table row is one block)."""
    if element.tag == "row":
        out.append(" | ".join(t for t in (_text(cell) for cell in element) if t))
        return
    if not any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
        out.append(_text(element))
        return
    loose = [element.text or ""]
    for child in element:
        if child.tag in _BLOCK_TAGS:
            out.append(normalise_space(" ".join("".join(loose).split("\n"))))
            _walk(child, out)
            loose = [child.tail or ""]
        else:
            loose += ["".join(child.itertext()), child.tail or ""]
    out.append(normalise_space(" ".join("".join(loose).split("\n"))))


def body_texts(body: Any) -> list[str]:
    """The non-empty block texts of a trafilatura body tree (line breaks become spaces)."""
    for lb in body.iter("lb"):
        lb.text = "\n"
    out: list[str] = []
    _walk(body, out)
    return [t for t in out if t]


def parse(html: str) -> HtmlElement | None:
    """The page as an lxml tree (trafilatura's tolerant loader), or None when it is not HTML."""
    return load_html(html)


def extract_blocks(tree: HtmlElement, url: str | None) -> list[str]:
    """The main text's blocks, found by trafilatura with its default (balanced) settings."""
    for script in list(tree.iter("script")):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            script.drop_tree()
    etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)
    etree.strip_tags(tree, etree.Comment)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_images=False,
        with_metadata=False,
    )
    body = getattr(document, "body", None)
    return body_texts(body) if body is not None else []


def _has_sentences(texts: list[str]) -> bool:
    """True when some block reads as prose: several words ending a sentence.

    When trafilatura finds no article it falls back to the page's whole text, which on a home
    page or an index is a run of menu items and headlines without a single full stop.
    """
    return any(len(t.split()) >= 6 and _SENTENCE_END.search(t) for t in texts)


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _header_line(text: str, title: str | None, author: str | None) -> bool:
    """True for a title, byline, date or author-name line of the article's header."""
    return (
        parse_date_line(text) is not None
        or is_byline(text)
        or (title is not None and _same(text, title))
        or (author is not None and _same(text, author))
    )


def article_from_html(
    html: str, name: str, *, url: str | None = None, warnings: tuple[str, ...] = ()
) -> RawArticle:
    """The article of a web page given as text; ``name`` is the file or URL for messages.

    Raises SourceError when the page has no article text.
    """
    tree = parse(html)
    if tree is None:
        raise SourceError(f"cannot read {name}: not an HTML page")
    meta: PageMeta = page_metadata(tree)
    headlines = [normalise_space(h.text_content()) for h in tree.iter("h1")]
    texts = extract_blocks(tree, url or meta.url)
    if texts and any(_same(texts[0], t) for t in (meta.title, *headlines) if t):
        texts = texts[1:]  # the headline, which trafilatura often keeps as the first block
    if not _has_sentences(texts):
        raise SourceError(f"cannot read {name}: no article text found in the page")
    text = "\n\n".join(texts)
    blocks = split_blocks(text)
    header, rest = read_header(blocks)
    title = meta.title or header.title
    # read_header also takes out heading-like lines it reads as a kicker or a title; on a web page
    # the title is known, so such a line (a standfirst, a first subheading) is article text.
    kept = {b.number for b in rest}
    rest = [b for b in blocks if b.number in kept or not _header_line(b.text, title, header.author)]
    published = meta.published or header.published or url_date(url or meta.url)
    return RawArticle(
        blocks=tuple(rest),
        title=title,
        author=meta.author or header.author,
        published=published,
        outlet=meta.outlet,
        url=meta.url or url,
        language=meta.language,
        warnings=warnings,
        text=text,
        extracted=True,
    )


def read(
    path: Path, data: bytes, encoding: str | None = None, url: str | None = None
) -> RawArticle:
    """Read a saved web page; raises SourceError when it cannot be decoded or has no article."""
    decoded = decode_text(data, str(path), encoding, markup=True)
    return article_from_html(decoded.text, str(path), url=url, warnings=decoded.warnings)
