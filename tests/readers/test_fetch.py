"""URLs: fetched from a local server only, bounded in time and size, cached, refetched if asked."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.fetch import FetchSettings, fetch, is_url, read_url_list
from briefing.sources import load_sources, read_url, text_path
from tests.readers.conftest import PARAGRAPHS, Route, Server, news_page

SHORT = FetchSettings(timeout=1.0, max_bytes=256 * 1024)


def test_page_is_fetched_read_and_cached(server: Server) -> None:
    server.routes["/story"] = Route(body=news_page().encode("utf-8"))
    url = server.url("/story")
    source = read_url(url, "S1", settings=SHORT)
    assert source.path == url
    assert source.title == "Allies weigh request for trainers in Ukraine"
    assert [p.text for p in source.body] == list(PARAGRAPHS)
    assert source.url == "https://ledger.example/world/allies-trainers"  # the page's canonical URL
    cached = text_path(source)
    assert cached is not None and PARAGRAPHS[0] in Path(cached).read_text(encoding="utf-8")
    assert server.requests[0][1]["User-Agent"].startswith("briefing/")
    read_url(url, "S1", settings=SHORT)
    assert len(server.requests) == 1  # the second read came from the cache
    read_url(url, "S1", settings=FetchSettings(timeout=1.0, refresh=True))
    assert len(server.requests) == 2


def test_plain_text_url_and_its_date_from_the_path(server: Server) -> None:
    text = "Talks resume\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    server.routes["/2024/05/17/talks.txt"] = Route(body=text.encode(), content_type="text/plain")
    source = read_url(server.url("/2024/05/17/talks.txt"), "S1", settings=SHORT)
    assert source.title == "Talks resume"
    assert source.published == dt.date(2024, 5, 17)
    assert source.url == server.url("/2024/05/17/talks.txt")


def test_redirect_is_followed(server: Server) -> None:
    server.routes["/story"] = Route(body=news_page().encode("utf-8"))
    server.routes["/old"] = Route(302, headers={"Location": "/story"})
    fetched = fetch(server.url("/old"), SHORT)
    assert fetched.final_url == server.url("/story")


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(404, b"gone", "text/plain"), "HTTP 404 Not Found"),
        (Route(500, b"oops", "text/plain"), "HTTP 500 Internal Server Error"),
        (Route(body=b"\x89PNG", content_type="image/png"), "unsupported content type image/png"),
        (
            Route(headers={"Content-Length": str(2 * 1024**3)}, stream=True),
            "the response is 2048 MB, over the 0 MB limit",
        ),
        (Route(stream=True), "the response is over the 0 MB limit"),
    ],
)
def test_bad_responses_are_refused_with_the_reason(
    server: Server, route: Route, reason: str
) -> None:
    server.routes["/x"] = route
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:
        fetch(server.url("/x"), SHORT)
    assert str(caught.value) == f"cannot read {server.url('/x')}: {reason}"
    assert time.monotonic() - started < 5


def test_slow_server_times_out(server: Server) -> None:
    server.routes["/slow"] = Route(body=b"<p>late</p>", delay=10)
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"/slow: timed out after 0\.5 s"):
        fetch(server.url("/slow"), FetchSettings(timeout=0.5))
    assert time.monotonic() - started < 3


def test_trickling_body_times_out(server: Server) -> None:
    """A server that keeps sending a little at a time is cut off at the total time limit."""
    server.routes["/trickle"] = Route(body=b"<p>x</p>", stream=True, pause=0.05)
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"timed out after 0\.5 s"):
        fetch(server.url("/trickle"), FetchSettings(timeout=0.5, max_bytes=10**12))
    assert time.monotonic() - started < 3


def test_nothing_listening() -> None:
    with pytest.raises(SourceError, match=r"cannot read http://127\.0\.0\.1:9/x: "):
        fetch("http://127.0.0.1:9/x", SHORT)


def test_failed_urls_are_skipped_and_the_rest_used(server: Server, tmp_path: Path) -> None:
    server.routes["/story"] = Route(body=news_page().encode("utf-8"))
    server.routes["/slow"] = Route(body=b"", delay=10)
    (tmp_path / "local.txt").write_text("Local\n\n" + PARAGRAPHS[3] + "\n", encoding="utf-8")
    corpus = load_sources(
        [server.url("/story"), server.url("/missing"), server.url("/slow"), str(tmp_path)],
        fetch=FetchSettings(timeout=0.5),
    )
    assert [s.path for s in corpus.sources] == [server.url("/story"), str(tmp_path / "local.txt")]
    assert [(s.path, s.reason) for s in corpus.skipped] == [
        (server.url("/missing"), "HTTP 404 Not Found"),
        (server.url("/slow"), "timed out after 0.5 s"),
    ]


def test_url_list_file_with_a_manifest(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = Route(body=news_page().encode("utf-8"))
    server.routes["/b"] = Route(
        body=news_page(title="Second story", paragraphs=PARAGRAPHS[::-1][:3]).encode("utf-8")
    )
    listing = tmp_path / "links.urls"
    listing.write_text(
        f"# links for the brief\n{server.url('/a')}\n\n{server.url('/b')}\nnot a url\n",
        encoding="utf-8",
    )
    (tmp_path / "manifest.toml").write_text(
        f'["{server.url("/b")}"]\noutlet = "Wire"\npublished = 2024-05-20\n', encoding="utf-8"
    )
    corpus = load_sources([listing])
    assert [s.path for s in corpus.sources] == [server.url("/a"), server.url("/b")]
    assert (corpus.sources[1].outlet, corpus.sources[1].published) == ("Wire", dt.date(2024, 5, 20))
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [
        ("links.urls", "line 5: 'not a url' is not an http(s) URL")
    ]


def test_folders_never_trigger_fetching(server: Server, tmp_path: Path) -> None:
    (tmp_path / "links.urls").write_text(server.url("/a") + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A\n\n" + PARAGRAPHS[0] + "\n", encoding="utf-8")
    load_sources([tmp_path])
    assert server.requests == []


def test_windows_shortcut_and_url_detection(tmp_path: Path) -> None:
    shortcut = tmp_path / "story.url"
    shortcut.write_text("[InternetShortcut]\nURL=https://example.org/a\nIconIndex=0\n")
    assert read_url_list(shortcut) == (["https://example.org/a"], [])
    assert is_url("https://example.org/a?b=1") and is_url("HTTP://x.example")
    assert not is_url("ftp://example.org") and not is_url("example.org/a") and not is_url("http://")
