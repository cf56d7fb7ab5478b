"""Reading an article's own header: title, byline and date lines, without guessing.

Only what the text shows is reported: a date is a whole line that parses as a date, an author is
a "By …" line or a name line standing next to a date line. Everything else stays unknown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from briefing.clean import Block, is_debris, looks_like_heading, looks_like_title, normalise_space

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = r"(?:\s*(?:\||·|-|–|,|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
_PREFIX = r"(?:(?:published|updated|posted)(?:\s+on)?\s*:?\s*)?"
_DATE_PATTERNS = (
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}$", re.IGNORECASE),
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}$", re.IGNORECASE),
    re.compile(
        rf"^{_PREFIX}(?P<year>(?:19|20)\d{{2}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:[T ]\S*)?$",
        re.IGNORECASE,
    ),
)
_BYLINE = re.compile(r"^(?:by|written by|words by)\s*:?\s+(?P<name>.+)$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][a-zA-Z'’.-]+$")
_JUNK_AUTHOR = re.compile(
    r"\b(?:minute|min|read|published|updated|posted|views?|comments?|share|staff|admin)\b",
    re.IGNORECASE,
)
_COUNTER = re.compile(r"\s+\d[\d,.]*\s*(?:k\s*)?(?:views?|comments?|shares?)\s*$", re.IGNORECASE)
_HEADER_ZONE = 7


@dataclass(frozen=True, slots=True)
class Header:
    """What an article's header lines say about it; None where they say nothing."""

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None


def parse_date_line(text: str) -> dt.date | None:
    """The date a line consists of ("May 17, 2024 | 7:22 p.m.", "2024-05-17"), else None."""
    line = text.strip().rstrip(".")
    for pattern in _DATE_PATTERNS:
        match = pattern.match(line)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
        try:
            return dt.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None


def is_byline(text: str) -> bool:
    """True for a "By …" line."""
    return bool(_BYLINE.match(text.strip()))


def clean_author(name: str) -> str | None:
    """A byline's name without counters and junk; None when nothing name-like is left."""
    name = _COUNTER.sub("", name).strip(" ,;|-–—")
    if not name or _JUNK_AUTHOR.search(name) or any(ch.isdigit() for ch in name):
        return None
    if len(name.split()) > 8:
        return None
    return name


def _is_name_line(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def _is_body(text: str) -> bool:
    return len(text.split()) >= 12 and not looks_like_heading(text)


def read_header(blocks: list[Block]) -> tuple[Header, list[Block]]:
    """The header found in the first blocks, and the blocks left once header lines are removed.

    A short kicker line ("Global News") before a longer headline is dropped; a date line after
    the headline wins over one before it (sites print today's date above the article).
    """
    title: str | None = None
    author: str | None = None
    date_before: dt.date | None = None
    date_after: dt.date | None = None
    used: set[int] = set()
    zone: list[int] = []
    for i, block in enumerate(blocks[:_HEADER_ZONE]):
        if _is_body(block.text):
            break
        zone.append(i)
    for pos, i in enumerate(zone):
        text = blocks[i].text
        date = parse_date_line(text)
        if date is not None:
            if title is None:
                date_before = date_before or date
            else:
                date_after = date_after or date
            used.add(i)
            continue
        byline = _BYLINE.match(text)
        if byline:
            author = author or clean_author(byline.group("name"))
            used.add(i)
            continue
        if is_debris(text):
            continue
        if title is None and looks_like_title(text):
            following = [blocks[j].text for j in zone[pos + 1 :]]
            longer_next = next(
                (t for t in following if parse_date_line(t) is None and not is_debris(t)), None
            )
            is_kicker = (
                len(text.split()) <= 3
                and longer_next is not None
                and looks_like_heading(longer_next)
                and len(longer_next.split()) > len(text.split())
            )
            if is_kicker:
                used.add(i)
                continue
            title = text
            used.add(i)
            continue
        if title is not None and author is None and _is_name_line(text):
            neighbours = [blocks[j].text for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
            if any(parse_date_line(t) is not None for t in neighbours):
                author = clean_author(text)
                used.add(i)
    rest = [b for i, b in enumerate(blocks) if i not in used]
    return Header(title=title, author=author, published=date_after or date_before), rest


# --- web pages: meta tags, JSON-LD, microdata and bylines -----------------------------------------

# Where pages state their publication date, most specific first. Never dateModified/updated.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "date",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "twitter:creator",
)
_TITLE_META = ("og:title", "twitter:title", "dc.title", "parsely-title", "headline")
_SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
_ARTICLE_TYPES = frozenset(  # a word list reads best as one string
    "Article NewsArticle ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle "  # noqa: SIM905
    "BackgroundNewsArticle ReviewNewsArticle AskPublicNewsArticle BlogPosting "
    "SocialMediaPosting LiveBlogPosting Report ScholarlyArticle TechArticle".split()
)
_ISO_DATE = re.compile(r"^\s*(?P<year>(?:19|20)\d{2})-?(?P<month>\d{2})-?(?P<day>\d{2})(?:$|[T\s])")
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>0[1-9]|1[0-2])[/-](?P<day>0[1-9]|[12]\d|3[01])(?:/|-|$)"
)
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_NOT_A_NAME = re.compile(r"https?:|www\.|@|/|\.(?:com|org|net)\b|\b(?:by|and)$", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\|)\s*")
_TITLE_SUFFIX = re.compile(r"\s+[|–—·:-]\s+(?P<site>[^|–—·:]{2,60})$")


_PUBLISHED_XPATH = (
    '//*[@itemprop="datePublished"] | //time[@pubdate] | '
    '//time[contains(@class, "publish") or contains(@class, "pubdate")]'
)
_HEADER_MARKS = (
    "byline",
    "dateline",
    "article-meta",
    "article__meta",
    "story-meta",
    "post-meta",
    "entry-meta",
    "timestamp",
    "article-header",
    "story-header",
    "meta",
)
_NOT_HEADER_MARKS = ("comment", "related", "footer", "sidebar", "teaser", "promo", "most-read")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a web page's markup says about its article; None where it says nothing usable."""

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


def parse_date_value(value: str, today: dt.date | None = None) -> dt.date | None:
    """The date a machine-readable or printed date value states, else None.

    ISO 8601 ("2024-05-17T07:22:00+02:00", the date as written, not moved to UTC), compact
    ("20240517"), RFC 2822 ("Fri, 17 May 2024 07:22:00 GMT") and printed dates ("May 17, 2024").
    Dates after tomorrow are refused: a page cannot be published in the future.
    """
    value = value.strip()
    if not value:
        return None
    date: dt.date | None = None
    match = _ISO_DATE.match(value)
    if match:
        try:
            date = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
    else:
        from email.utils import parsedate_tz

        parts = parsedate_tz(value) if "," in value or value[:3].isalpha() else None
        if parts is not None:
            try:
                date = dt.date(parts[0], parts[1], parts[2])
            except ValueError:
                date = None
        if date is None:
            date = parse_date_line(value)
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    return date if date is not None and dt.date(1990, 1, 1) <= date <= latest else None


def url_date(url: str | None) -> dt.date | None:
    """The date a news URL carries in its path ("/2024/05/17/"), else None."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    return parse_date_value(f"{match['year']}-{match['month']}-{match['day']}")


def clean_authors(names: list[str]) -> str | None:
    """The real names among ``names`` (deduplicated, in order) joined by ", ", else None.

    Drops what pages put in author fields that is not a person: profile URLs, e-mail addresses,
    handles, "Minute Read", view counters, "Published".
    """
    kept: list[str] = []
    for raw in names:
        for part in _AUTHOR_SPLIT.split(normalise_space(raw)):
            candidate = _BYLINE.sub(r"\g<name>", part).strip()
            if not candidate or _NOT_A_NAME.search(candidate):
                continue
            name = clean_author(candidate)
            if name and name.casefold() not in {k.casefold() for k in kept}:
                kept.append(name)
    return ", ".join(kept) if kept else None


def _meta_tags(tree: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attribute)
            if key:
                found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def _json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph members and nested lists flattened."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack[:0] = graph
    return objects


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _ld_names(value: Any) -> list[str]:
    """Names from a JSON-LD person/organisation value: a string, an object or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(v)]
    return []


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return normalise_space(value)
    if isinstance(value, list) and value:
        return _ld_text(value[0])
    if isinstance(value, dict):
        return _ld_text(value.get("@value") or value.get("name") or value.get("@id"))
    return None


def _first(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if value.strip():
                return normalise_space(value)
    return None


def _absolute_url(value: str | None) -> str | None:
    if value and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def _language(value: str | None) -> str | None:
    if not value:
        return None
    tag = value.strip().replace("_", "-").split(",")[0].strip()
    if not _LANG_TAG.match(tag) or tag.lower() in {"und", "mul", "zxx"}:
        return None
    primary, *rest = tag.split("-")
    return "-".join([primary.lower(), *(r.upper() if len(r) == 2 else r for r in rest)])


def _strip_site_suffix(title: str, site: str | None) -> str:
    """'Headline | Site' -> 'Headline' when the suffix is the site's name."""
    match = _TITLE_SUFFIX.search(title)
    if match and site and match["site"].strip().casefold() == site.casefold():
        return title[: match.start()].strip()
    return title


def _byline_names(tree: Any) -> list[str]:
    """Author names from rel=author links, microdata and "byline" elements of the page."""
    found: list[str] = []
    for element in tree.xpath(
        '//a[@rel="author"] | //*[@itemprop="author"] | '
        '//*[contains(concat(" ", normalize-space(@class), " "), " byline ")]'
        '[not(descendant::*[@rel="author" or @itemprop="author"])]'
    ):
        inner = element.xpath('.//*[@itemprop="name"]')
        text = inner[0].get("content") or inner[0].text_content() if inner else None
        text = text or element.get("content") or element.text_content()
        text = normalise_space(text or "")
        if 0 < len(text.split()) <= 12:
            found.append(text)
    return found


def _in_article_header(element: Any) -> bool:
    """True for an element inside what pages call the article's byline or header block."""
    for ancestor in element.iterancestors():
        marks = f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
        if any(word in marks for word in _NOT_HEADER_MARKS) or ancestor.tag in ("li", "footer"):
            return False
        if ancestor.tag == "header" or any(word in marks for word in _HEADER_MARKS):
            return True
    return False


def _marked_up_date(tree: Any) -> dt.date | None:
    """A publication date that the page marks up as such, else None.

    Microdata (itemprop=datePublished), <time pubdate> or a "published" class count anywhere;
    a bare <time datetime> counts only in the article's byline or header block, and never when
    it says "updated".
    """
    for element in tree.xpath(_PUBLISHED_XPATH):
        value = element.get("datetime") or element.get("content") or element.text_content()
        date = parse_date_value(value or "")
        if date:
            return date
    for element in tree.iter("time"):
        context = f"{element.get('class', '')} {element.getparent().text or ''}".lower()
        if element.get("datetime") and "updat" not in context and _in_article_header(element):
            date = parse_date_value(element.get("datetime"))
            if date:
                return date
    return None


def page_metadata(tree: Any) -> PageMeta:
    """Title, author(s), outlet, publication date, URL and language a page's markup states.

    Sources, in order: JSON-LD (the article object), Open Graph and other meta tags, microdata
    and bylines. A field that none of them states stays None; dates in the running text are
    never taken for the publication date.
    """
    meta = _meta_tags(tree)
    objects = _json_ld_objects(tree)
    articles = [o for o in objects if _types(o) & _ARTICLE_TYPES] or [
        o for o in objects if "headline" in o or "datePublished" in o
    ]
    article = articles[0] if articles else {}

    site = _first(meta, ("og:site_name",)) or _ld_text(
        article.get("publisher", {}).get("name")
        if isinstance(article.get("publisher"), dict)
        else None
    )
    if site is None:
        orgs = [o for o in objects if _types(o) & {"NewsMediaOrganization", "Organization"}]
        site = _ld_text(orgs[0].get("name")) if orgs else None
    site = site or _first(meta, _SITE_META)

    title = _ld_text(article.get("headline")) or _first(meta, _TITLE_META)
    if title is None:
        h1 = tree.xpath("//h1")
        title = normalise_space(h1[0].text_content()) if len(h1) == 1 else None
    if not title:
        found = tree.find(".//title")
        title = normalise_space(found.text_content()) if found is not None else None
    title = _strip_site_suffix(title, site) if title else None

    names = _ld_names(article.get("author")) or _ld_names(article.get("creator"))
    author = clean_authors(names)
    if author is None:
        author = clean_authors([v for k in _AUTHOR_META for v in meta.get(k, ())])
    if author is None:
        author = clean_authors(_byline_names(tree))

    published = None
    for value in (_ld_text(article.get("datePublished")), _ld_text(article.get("dateCreated"))):
        published = published or (parse_date_value(value) if value else None)
    for key in _DATE_META:
        for value in meta.get(key, ()):
            published = published or parse_date_value(value)
    if published is None:
        published = _marked_up_date(tree)

    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    url = (
        _absolute_url(canonical[0] if canonical else None)
        or _absolute_url(_first(meta, ("og:url", "twitter:url")))
        or _absolute_url(_ld_text(article.get("url")))
        or _absolute_url(_ld_text(article.get("mainEntityOfPage")))
    )

    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    language = (
        _language(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or _language(_first(meta, ("content-language", "dc.language", "language")))
        or _language(_ld_text(article.get("inLanguage")))
        or _language(_first(meta, ("og:locale",)))
    )
    return PageMeta(title or None, author, published, site, url, language)
