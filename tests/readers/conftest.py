"""Builders for reader tests: a news-like web page, Word files, and a local HTTP server."""

from __future__ import annotations

import datetime as dt
import html
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PARAGRAPHS = (
    "Defence ministers from across the alliance met in Brussels on Thursday to discuss a request "
    "from Kyiv for instructors to train new recruits inside the country.",
    "The request, first reported last month, would mark a shift in how the alliance supports "
    "Ukraine, officials said, and several governments have asked for more time to consider it.",
    "“We are looking at every option, but no decision has been taken,” the alliance’s "
    "spokesperson told reporters after the meeting, adding that talks would continue.",
    "Critics warned that sending trainers could draw member states into the conflict, while "
    "supporters argued that training inside Ukraine would be faster and cheaper.",
    "A further meeting is planned for next month, when ministers are expected to return to the "
    "question with legal advice from their own governments.",
)
SUBHEADING = "What happens next"
BOILERPLATE = (
    "Subscribe to our newsletter",
    "Most read",
    "Ten reasons to visit the coast this summer",
    "Cookie settings",
    "Soldiers take part in an exercise near the border.",
    "Photo: Jane Doe/Reuters",
    "This is a disgrace, nobody asked the voters about any of this.",
    "Advertisement",
    "All rights reserved",
    "Share on Facebook",
)


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder, never ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    return folder


def news_page(
    *,
    title: str = "Allies weigh request for trainers in Ukraine",
    author: str | None = "Maria Ortega",
    published: str | None = "2024-05-17T07:22:00+02:00",
    outlet: str = "The Daily Ledger",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    lang: str = "en-GB",
    charset: str = "utf-8",
    json_ld: bool = True,
    byline_html: str | None = None,
) -> str:
    """A page the way news sites make them: the article inside menus, ads, teasers, comments."""
    ld: dict[str, object] = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": outlet, "url": "https://ledger.example/"},
            {
                "@type": "NewsArticle",
                "headline": title,
                "publisher": {"@type": "NewsMediaOrganization", "name": outlet},
                **({"author": [{"@type": "Person", "name": author}]} if author else {}),
                **(
                    {"datePublished": published, "dateModified": "2024-06-02T10:00:00Z"}
                    if published
                    else {}
                ),
            },
        ],
    }
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs[:3])
    body += f"\n<h2>{e(SUBHEADING)}</h2>\n" + "\n".join(f"<p>{e(p)}</p>" for p in paragraphs[3:])
    byline = (
        byline_html
        if byline_html is not None
        else (
            f'<div class="byline">By <a rel="author" href="/people/mo">{e(author)}</a></div>'
            if author
            else ""
        )
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{e(title)} | {e(outlet)}</title>
<meta property="og:title" content="{e(title)}">
<meta property="og:site_name" content="{e(outlet)}">
<meta property="og:url" content="https://ledger.example/world/allies-trainers">
<link rel="canonical" href="https://ledger.example/world/allies-trainers">
<meta name="author" content="5 Minute Read">
{f'<script type="application/ld+json">{json.dumps(ld)}</script>' if json_ld else ""}
<script>window.dataLayer = [{{"section": "world", "pageType": "article"}}];</script>
<style>.ad {{ min-height: 250px }}</style>
</head><body>
<div class="cookie-banner"><p>We use cookies. <a href="/cookies">Cookie settings</a></p></div>
<header><a href="/">{e(outlet)}</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>{e(title)}</h1>
{byline}
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<figure><img src="/img/exercise.jpg" alt="">
<figcaption>Soldiers take part in an exercise near the border.
<span class="credit">Photo: Jane Doe/Reuters</span></figcaption></figure>
<div class="article-body">
{body}
</div>
<div class="ad ad-slot"><span>Advertisement</span></div>
</article>
<aside class="related"><h3>Most read</h3><ul>
<li><a href="/travel/coast">Ten reasons to visit the coast this summer</a></li>
<li><a href="/money/rates">Rates held again as inflation cools</a></li></ul></aside>
<section class="comments" id="comments"><h3>3 comments</h3>
<div class="comment"><p>This is a disgrace, nobody asked the voters about any of this.</p></div>
</section>
<div class="newsletter"><p>Subscribe to our newsletter</p><form><input type="email"></form></div>
</main>
<footer><p>© 2024 {e(outlet)}. All rights reserved.</p></footer>
</body></html>"""


def make_docx(
    path: Path,
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    *,
    heading: str | None = "Allies weigh request for trainers in Ukraine",
    title: str | None = None,
    author: str | None = None,
    language: str | None = None,
    identifier: str | None = None,
    created: dt.datetime | None = None,
) -> Path:
    """A Word file made with python-docx; core properties set only when given."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    core = document.core_properties
    core.title = title or ""
    core.author = author if author is not None else "python-docx"
    if language:
        core.language = language
    if identifier:
        core.identifier = identifier
    if created:
        core.created = created
    document.save(str(path))
    return path


@dataclass
class Route:
    """What the test server answers on one path."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream: bool = False  # send chunks until the client hangs up
    pause: float = 0.0  # between streamed chunks


@dataclass
class Server:
    """A local HTTP server: its base URL, routes, and the requests it got."""

    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]
    stop: threading.Event

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """An HTTP server on 127.0.0.1 (a free port) for the test's own routes; stopped after."""
    for name in (
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    routes: dict[str, Route] = {}
    requests: list[tuple[str, dict[str, str]]] = []
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            requests.append((self.path, dict(self.headers.items())))
            route = routes.get(self.path, Route(404, b"not found", "text/plain"))
            if route.delay and stop.wait(route.delay):
                return
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in route.headers and not route.stream:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.stream:
                    chunk = route.body or b"<p>" + b"x" * 65536 + b"</p>"
                    deadline = time.monotonic() + 30  # bounded, whatever the client does
                    while not stop.wait(route.pause) and time.monotonic() < deadline:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                else:
                    self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes, requests, stop)
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
