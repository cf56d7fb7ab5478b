"""Benchmark the HTML reader: pages per second end to end, main-text accuracy and metadata.

There are no real saved pages on disk, so the benchmark builds them: each BBC development
article (../shared/eval/bbc-dev/articles, else the bundled seeds) is wrapped in one of several
news-site templates full of what a real page carries around an article (navigation, cookie
banners, ads, share bars, captions and photo credits, "related" lists, newsletter boxes,
comments, footers, inline scripts and styles, JSON-LD, Open Graph tags). What the reader should
return is known exactly, so precision and recall of the extracted words and the accuracy of each
metadata field can be measured. Real pages are harder than these; the numbers are a regression
gate for our own code around trafilatura, not a claim about trafilatura itself.

    .venv/bin/python benchmarks/readers.py                 # 200 pages, print the numbers
    .venv/bin/python benchmarks/readers.py --pages 500 --check
    .venv/bin/python benchmarks/readers.py --write DIR     # keep the pages for a look

Speed: ``pages_per_second`` is ``load_sources`` on the folder (every core, wall clock: the
issue's target of 50 pages/s on the 2-core machine); ``one_core_pages_per_second`` is
``read_file`` page after page; ``*_per_cpu_second`` divide by CPU time instead, which other
work on a shared machine does not disturb (``load_average`` says how busy it was).

``--check`` exits 1 when a number falls below its pinned floor (FLOORS below).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.model import Source

ROOT = Path(__file__).resolve().parents[1]
BBC_DEV = ROOT.parent / "shared" / "eval" / "bbc-dev" / "articles"
SEEDS = ROOT / "seeds"

# Pinned floors for --check: measured values sit comfortably above them on the 2-core machine.
FLOORS = {
    "pages_per_second": 50.0,
    "pages_per_cpu_second": 40.0,
    "word_precision": 0.97,
    "word_recall": 0.97,
    "word_f1": 0.97,
    "title": 0.98,
    "author": 0.95,
    "published": 0.98,
    "outlet": 0.98,
}

OUTLETS = [
    ("The Daily Ledger", "dailyledger.example"),
    ("Northern Courier", "courier.example"),
    ("Metro Wire", "metrowire.example"),
    ("Global Dispatch", "dispatch.example"),
]
AUTHORS = ["Maria Ortega", "Tom Li", "Aisha Khan", "Peter Novak", "Grace O'Neill", "Jonas Berg"]
NAV = [
    "Home",
    "World",
    "UK",
    "Business",
    "Politics",
    "Tech",
    "Science",
    "Health",
    "Sport",
    "Culture",
    "Opinion",
    "Video",
    "Podcasts",
    "Newsletters",
    "Puzzles",
    "Travel",
]
RELATED = [
    "Markets rally as central bank holds rates steady for a third month",
    "Five things we learned from the weekend's matches",
    "Opinion: Why the new budget rules will not fix the housing crisis",
    "Watch: Firefighters rescue stranded hikers from flooded valley",
    "Minister faces questions over delayed rail contracts",
    "The best gadgets of the year, tested and ranked by our reviewers",
]
COMMENTS = [
    "This is exactly what I have been saying for years, nobody listens to the experts anymore.",
    "Great article, thanks for explaining it so clearly. Shared it with my whole family.",
    "I disagree completely with the premise here and I think the author has missed the point.",
    "Does anyone know where the full report can be downloaded from? The link seems broken.",
]
CAPTIONS = [
    "The minister spoke to reporters outside the building on Monday morning.",
    "Crowds gathered in the square as the announcement was made.",
    "Officials say the figures will be reviewed again next year.",
]


@dataclass(frozen=True)
class Page:
    """A synthetic page and what a perfect reader returns from it."""

    name: str
    html: str
    title: str
    author: str | None
    outlet: str
    published: dt.date | None
    paragraphs: tuple[str, ...]
    boilerplate: tuple[str, ...]


def _articles() -> Iterator[tuple[str, list[str]]]:
    """(headline, paragraphs) for each development article (or seed, outside the monorepo)."""
    files = sorted(BBC_DEV.glob("*/*.txt")) or sorted(SEEDS.glob("*.txt"))
    for file in files:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", file.read_text(encoding="utf-8"))]
        blocks = [" ".join(b.split()) for b in blocks if b.strip()]
        if len(blocks) >= 3:
            yield blocks[0], blocks[1:]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class Story:
    """What a page says about its article, and how (``style`` picks the markup for metadata)."""

    title: str
    outlet: str
    host: str
    url: str
    author: str | None
    published: dt.date | None
    style: int


def _head(story: Story, rng: random.Random) -> str:
    """The page head. Styles: 0 JSON-LD, 1 meta tags only, 2 nothing (byline and <time> only),
    3 JSON-LD in an @graph with the date in meta tags too."""
    when = (
        f"{story.published.isoformat()}T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}:00+01:00"
        if story.published
        else None
    )
    article: dict[str, object] = {
        "@type": rng.choice(["NewsArticle", "Article", "ReportageNewsArticle"]),
        "headline": story.title,
        "publisher": {
            "@type": "Organization",
            "name": story.outlet,
            "logo": {"@type": "ImageObject", "url": f"https://{story.host}/logo.png"},
        },
        "mainEntityOfPage": story.url,
    }
    if story.author:
        article["author"] = [
            {"@type": "Person", "name": name.strip(), "url": f"https://{story.host}/people/x"}
            for name in story.author.split(",")
        ]
    if when:
        article["datePublished"] = when
        article["dateModified"] = "2024-12-30T10:00:00Z"
    ld: dict[str, object] = (
        {"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, article]}
        if story.style == 3
        else {"@context": "https://schema.org", **article}
    )
    title, outlet = _e(story.title), _e(story.outlet)
    metas = [
        f'<meta charset="utf-8"><title>{title} - {outlet}</title>',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:site_name" content="{outlet}">',
        f'<meta property="og:url" content="{story.url}"><link rel="canonical" href="{story.url}">',
        '<meta property="og:type" content="article">',
        '<meta property="article:modified_time" content="2024-12-30T10:00:00Z">',
        f'<meta name="description" content="{title}: the latest from {outlet}.">',
        f'<link rel="stylesheet" href="https://{story.host}/static/main.css">',
        "<style>body{font-family:sans-serif}.ad{min-height:250px}.nav a{padding:4px}"
        + "".join(f".c{k}{{margin:{k % 7}px;color:#{k:06x}}}" for k in range(rng.randint(300, 900)))
        + "</style>",
        '<script>window.__CONFIG__ = {"ads": true, "region": "uk", "items": ['
        + ",".join(str(rng.randint(0, 9999)) for _ in range(rng.randint(100, 800)))
        + "]};</script>",
    ]
    if story.style in (0, 3):
        metas.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    if when and story.style in (1, 3):
        metas.append(f'<meta property="article:published_time" content="{when}">')
    if story.author and story.style == 1:
        metas.append(f'<meta name="author" content="{_e(story.author)}">')
    return "\n".join(metas)


def _nav(host: str) -> str:
    # a mega-menu: each section with its own sub-sections, as most news sites have
    sections = "".join(
        f'<li class="menu-item has-children"><a href="https://{host}/{n.lower()}">{n}</a>'
        '<div class="submenu"><ul>'
        + "".join(
            f'<li><a class="sub-link" href="https://{host}/{n.lower()}/{k}">{n} {k}</a></li>'
            for k in (
                "latest",
                "analysis",
                "explainers",
                "in-pictures",
                "video",
                "archive",
                "regions",
                "people",
                "data",
            )
        )
        + "</ul></div></li>"
        for n in NAV
    )
    return f'<nav class="nav main-menu" aria-label="Main"><ul class="menu">{sections}</ul></nav>'


def _most_read(host: str, rng: random.Random) -> str:
    items = "".join(
        f'<li><a href="https://{host}/news/{rng.randint(1000, 9999)}"><span class="rank">{i}</span>'
        f'<img src="/thumbs/{i}.jpg" alt="" width="80">'
        f"<span>{_e(rng.choice(RELATED))}</span></a></li>"
        for i in range(1, 11)
    )
    return f'<section class="most-read"><h2>Most read</h2><ol>{items}</ol></section>'


def _app_state(rng: random.Random) -> str:
    # client-side state blobs (Next.js, Nuxt, ...) are often the bulk of a page's bytes
    items = [
        {
            "id": rng.randint(0, 10**6),
            "slug": f"story-{i}",
            "title": rng.choice(RELATED),
            "tags": ["news", "world"],
            "img": {"w": 640, "h": 360, "src": f"/i/{i}.jpg"},
        }
        for i in range(rng.randint(150, 400))
    ]
    return (
        '<script id="__NEXT_DATA__" type="application/json">'
        + json.dumps({"props": {"pageProps": {"feed": items}}})
        + "</script>"
    )


def _related(host: str, rng: random.Random) -> tuple[str, list[str]]:
    picks = rng.sample(RELATED, 4)
    items = "".join(
        f'<li><a href="https://{host}/news/{i}">{_e(t)}</a></li>' for i, t in enumerate(picks)
    )
    return (
        f'<section class="related-stories"><h2>Related stories</h2><ul>{items}</ul></section>',
        picks,
    )


def _comments(rng: random.Random) -> tuple[str, list[str]]:
    picks = rng.sample(COMMENTS, 3)
    items = "".join(
        f'<li class="comment"><div class="comment-author">reader{i}</div>'
        f'<div class="comment-body"><p>{_e(t)}</p></div></li>'
        for i, t in enumerate(picks)
    )
    return (
        f'<section id="comments" class="comments"><h3>{len(picks)} Comments</h3>'
        f'<ol class="comment-list">{items}</ol></section>'
    ), picks


def _figure(rng: random.Random) -> tuple[str, list[str]]:
    caption = rng.choice(CAPTIONS)
    credit = rng.choice(["Photo: Reuters", "Getty Images", "AP Photo/Jane Doe"])
    return (
        f'<figure class="article-image"><img src="/img/{rng.randint(1, 999)}.jpg" alt="">'
        f'<figcaption>{_e(caption)} <span class="credit">{_e(credit)}</span></figcaption>'
        "</figure>"
    ), [caption]


def _byline(author: str | None, published: dt.date | None) -> str:
    parts = []
    if author:
        links = " and ".join(
            f'<a rel="author" href="/people/x">{_e(name.strip())}</a>' for name in author.split(",")
        )
        parts.append(f'<span class="byline">By {links}</span>')
    if published:
        parts.append(f'<time datetime="{published.isoformat()}">{published:%d %B %Y}</time>')
        parts.append(
            '<span class="updated">Updated <time datetime="2024-12-30">30 Dec</time></span>'
        )
    parts.append('<span class="read-time">4 min read</span>')
    return f'<div class="article-meta">{" ".join(parts)}</div>'


def _body(paragraphs: list[str], rng: random.Random) -> tuple[str, list[str]]:
    out: list[str] = []
    junk: list[str] = []
    for i, text in enumerate(paragraphs):
        out.append(f"<p>{_e(text)}</p>")
        if i == 1:
            fig, caps = _figure(rng)
            out.append(fig)
            junk += caps
        if i == 2:
            out.append('<div class="ad ad-slot" data-ad="mpu"><span>Advertisement</span></div>')
        if i == 3 and len(paragraphs) > 6:
            title = rng.choice(RELATED)
            out.append(
                f'<aside class="read-more"><a href="/news/rm">Read more: {_e(title)}</a></aside>'
            )
            junk.append(title)
    return "\n".join(out), junk


_ICON = (
    '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 2C6.5 2 '
    '2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2zm1 15h-2v-6h2v6zm0-8h-2V7h2v2z"/></svg>'
)


def _share() -> str:
    return (
        f'<div class="share-bar"><a href="#">{_ICON}Share on Facebook</a><a href="#">{_ICON}'
        f'Share on X</a><a href="#">{_ICON}Email</a><button>{_ICON}Copy link</button></div>'
    )


def _newsletter(outlet: str) -> str:
    return (
        f'<div class="newsletter-signup"><h4>Get the {_e(outlet)} morning briefing</h4>'
        "<p>Sign up for our newsletter and get the day's top stories in your inbox.</p>"
        '<form><input type="email" placeholder="Email"><button>Sign up</button></form></div>'
    )


def _footer(outlet: str, host: str) -> str:
    links = " ".join(
        f'<a href="https://{host}/{x}/{n}">{x.title()} {n}</a>'
        for x in ("about", "contact", "privacy", "terms", "careers", "advertise")
        for n in range(8)
    )
    return (
        f'<footer class="site-footer"><div>{links}</div>'
        f"<p>© 2024 {_e(outlet)}. All rights reserved. Reproduction without permission is "
        "prohibited.</p></footer>"
    )


def _cookie() -> str:
    return (
        '<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your '
        "experience and to show you personalised advertising. By continuing to browse you "
        "agree to our use of cookies.</p><button>Accept all</button></div>"
    )


def _template_article(parts: dict[str, str]) -> str:
    return f"""<!DOCTYPE html><html lang="en-GB"><head>{parts["head"]}</head><body>
{parts["cookie"]}<header class="site-header"><a class="logo" href="/">{parts["outlet"]}</a>
{parts["nav"]}</header>
<main id="main"><article class="story">
<header class="story-header"><h1 class="headline">{parts["title"]}</h1>{parts["byline"]}</header>
{parts["share"]}<div class="story-body">{parts["body"]}</div>{parts["share"]}
</article>{parts["related"]}{parts["newsletter"]}{parts["comments"]}</main>{parts["footer"]}</body></html>"""


def _template_divs(parts: dict[str, str]) -> str:
    return f"""<html lang="en"><head>{parts["head"]}</head><body><div id="page"><div class="top">
{parts["nav"]}</div>{parts["cookie"]}<div class="container"><div class="row"><div class="col-main">
<div class="post"><h1 class="post-title entry-title">{parts["title"]}</h1>{parts["byline"]}
<div class="entry-content post-content">{parts["body"]}</div>{parts["share"]}</div>
{parts["comments"]}</div><div class="col-side sidebar">{parts["related"]}{parts["newsletter"]}
<div class="ad ad-sidebar"><span>Advertisement</span></div></div></div></div>{parts["footer"]}</div>
</body></html>"""


def _template_app(parts: dict[str, str]) -> str:
    return f"""<!doctype html><html lang="en-US"><head>{parts["head"]}</head><body>
<div id="__next"><div class="Layout_root__a1"><div class="Header_wrap__x9">{parts["nav"]}</div>
<div class="Grid_main__k2"><div data-component="headline-block"><h1>{parts["title"]}</h1></div>
<div data-component="byline-block">{parts["byline"]}</div>{parts["share"]}
<div data-component="text-block" class="RichText_body__q8">{parts["body"]}</div>
<div data-component="tag-list"><a href="/t/a">Politics</a> <a href="/t/b">Economy</a></div>
{parts["related"]}{parts["comments"]}</div>{parts["newsletter"]}{parts["footer"]}</div></div>
{parts["cookie"]}<script>self.__next_f.push([1,"{"x" * 3000}"])</script></body></html>"""


TEMPLATES: list[Callable[[dict[str, str]], str]] = [
    _template_article,
    _template_divs,
    _template_app,
]


def build_pages(count: int, seed: int = 7) -> list[Page]:
    """``count`` synthetic pages (articles reused with other templates when there are few)."""
    rng = random.Random(seed)
    articles = list(_articles())
    pages: list[Page] = []
    for i in range(count):
        headline, paragraphs = articles[i % len(articles)]
        outlet, host = OUTLETS[i % len(OUTLETS)]
        author = rng.choice(AUTHORS) if rng.random() < 0.85 else None
        published = (
            dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
            if rng.random() < 0.9
            else None
        )
        if i % 4 == 3 and author:
            author = f"{author}, {rng.choice([a for a in AUTHORS if a != author])}"
        url = f"https://{host}/news/story-{i}"
        story = Story(headline, outlet, host, url, author, published, style=i % 4)
        body, body_junk = _body(paragraphs, rng)
        related, related_junk = _related(host, rng)
        comments, comment_junk = _comments(rng)
        parts = {
            "head": _head(story, rng),
            "outlet": _e(outlet),
            "nav": _nav(host),
            "cookie": _cookie(),
            "title": _e(headline),
            "byline": _byline(author, published),
            "share": _share(),
            "body": body,
            "related": related,
            "newsletter": _newsletter(outlet),
            "comments": comments,
            "footer": _footer(outlet, host),
        }
        parts["related"] += _most_read(host, rng)
        parts["footer"] += _app_state(rng)
        page = TEMPLATES[i % len(TEMPLATES)](parts)
        junk = [
            *body_junk,
            *related_junk,
            *comment_junk,
            "We use cookies",
            "All rights reserved",
            "Sign up for our newsletter",
        ]
        pages.append(
            Page(
                f"page{i:04d}.html",
                page,
                headline,
                author,
                outlet,
                published,
                tuple(paragraphs),
                tuple(junk),
            )
        )
    return pages


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _bag_scores(got: str, want: str) -> tuple[float, float]:
    from collections import Counter

    g, w = Counter(_words(got)), Counter(_words(want))
    common = sum((g & w).values())
    precision = common / max(1, sum(g.values()))
    recall = common / max(1, sum(w.values()))
    return precision, recall


def _speed(paths: list[Path], folder: Path) -> tuple[list[Source | None], dict[str, float]]:
    """Read the pages one by one, then the folder on every core; the sources and the speeds."""
    from briefing.errors import SourceError
    from briefing.sources import load_sources, read_file

    read_file(paths[0], "S0")  # import and warm up trafilatura once, outside the clock
    start, cpu = time.perf_counter(), time.process_time()
    sources: list[Source | None] = []
    for i, path in enumerate(paths):
        try:
            sources.append(read_file(path, f"S{i + 1}"))
        except SourceError as exc:
            print(f"failed: {exc}", file=sys.stderr)
            sources.append(None)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    before, start = os.times(), time.perf_counter()
    corpus = load_sources([folder])
    parallel = time.perf_counter() - start
    all_cpu = sum(os.times()[:4]) - sum(before[:4])  # this process and its workers
    read = len(corpus.sources) + len(corpus.duplicates)
    return sources, {
        "pages_per_second": read / parallel,
        "one_core_pages_per_second": len(paths) / elapsed,
        "pages_per_cpu_second": len(paths) / cpu,
        "parallel_pages_per_cpu_second": read / all_cpu,
        "load_average": os.getloadavg()[0],
    }


def _accuracy(pages: list[Page], sources: list[Source | None]) -> dict[str, float]:
    """Bag-of-words precision and recall of the article text, and metadata hit rates."""
    precisions, recalls = [], []
    hits = {"title": 0, "author": 0, "published": 0, "outlet": 0}
    leaked = 0
    for page, source in zip(pages, sources, strict=True):
        if source is None:
            precisions.append(0.0)
            recalls.append(0.0)
            continue
        got = "\n".join(p.text for p in source.paragraphs)
        p, r = _bag_scores(got, "\n".join(page.paragraphs))
        precisions.append(p)
        recalls.append(r)
        leaked += sum(1 for junk in page.boilerplate if junk in got)
        hits["title"] += source.title == page.title
        hits["author"] += source.author == page.author
        hits["published"] += source.published == page.published
        hits["outlet"] += source.outlet == page.outlet
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    results = {
        "word_precision": precision,
        "word_recall": recall,
        "word_f1": 2 * precision * recall / max(1e-9, precision + recall),
        "boilerplate_leaks": float(leaked),
        "failures": float(sources.count(None)),
    }
    results.update({key: value / len(pages) for key, value in hits.items()})
    return results


def run(count: int, write: Path | None) -> dict[str, float]:
    """Build ``count`` pages, read them, and return the measured numbers."""
    pages = build_pages(count)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write or Path(tmp) / "pages"
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["BRIEFING_CACHE_DIR"] = str(Path(tmp) / "cache")
        paths = []
        for page in pages:
            path = folder / page.name
            path.write_text(page.html, encoding="utf-8")
            paths.append(path)
        size = sum(p.stat().st_size for p in paths) / len(paths)
        sources, speed = _speed(paths, folder)
    return {
        "pages": float(count),
        "mean_page_kb": size / 1024,
        **speed,
        **_accuracy(pages, sources),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="how many pages to build and read")
    parser.add_argument("--write", type=Path, help="keep the pages in this folder")
    parser.add_argument("--check", action="store_true", help="exit 1 below a pinned floor")
    args = parser.parse_args()
    results = run(args.pages, args.write)
    failed = []
    for key, value in results.items():
        floor = FLOORS.get(key)
        mark = "" if floor is None else ("  ok" if value >= floor else f"  BELOW {floor}")
        if floor is not None and value < floor:
            failed.append(key)
        print(f"{key:30} {value:10.3f}{mark}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
