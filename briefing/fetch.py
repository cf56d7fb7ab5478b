"""Fetching sources given as http(s) URLs: bounded in time and size, cached on disk.

Nothing is fetched unless a URL is given explicitly (on the command line or in a ``.urls`` list
file named on it). A page fetched once is read from the cache from then on, until ``refresh``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import logging
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from briefing import __version__
from briefing.cache import cache_dir, write_atomic
from briefing.errors import SourceError

log = logging.getLogger(__name__)

USER_AGENT = f"briefing/{__version__}"
URL_LIST_SUFFIXES = (".urls", ".url")
_CHUNK = 64 * 1024
_MAX_REDIRECTS = 5
# Content type -> the suffix of the reader that reads it.
CONTENT_TYPES: dict[str, str] = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How URLs are fetched: total time and size allowed per URL, and whether to refetch."""

    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    refresh: bool = False


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched (or cached) response body on disk and what is known about it."""

    url: str
    final_url: str
    path: Path
    suffix: str
    fetched: str
    warnings: tuple[str, ...] = ()


def is_url(text: str) -> bool:
    """True for an http:// or https:// URL."""
    return bool(_URL.match(text.strip()))


def read_url_list(path: Path) -> tuple[list[str], list[str]]:
    """The URLs a list file names (one a line, # comments), and its lines that are not URLs.

    A Windows ``.url`` shortcut (``URL=https://...`` under ``[InternetShortcut]``) works too.
    Raises SourceError when the file cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
    urls: list[str] = []
    bad: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        if line.upper().startswith("URL="):
            candidate = line[4:].strip()
        elif "=" in line and not is_url(line):
            continue  # other keys of a .url shortcut (IconIndex=0, ...)
        else:
            candidate = line
        if is_url(candidate):
            urls.append(candidate)
        else:
            bad.append(f"line {number}: {candidate[:60]!r} is not an http(s) URL")
    return list(dict.fromkeys(urls)), bad


def _cache_paths(url: str) -> tuple[Path, Path]:
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()
    folder = cache_dir() / "pages"
    return folder / f"{key}.json", folder / key


def cached(url: str) -> Fetched | None:
    """The cached response for ``url``, or None when it was never fetched (or the cache is gone)."""
    meta_path, stem = _cache_paths(url)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        body = stem.with_suffix(meta["suffix"])
        if not body.is_file():
            return None
        return Fetched(url, meta["final_url"], body, meta["suffix"], meta["fetched"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a few redirects, and only to http(s) URLs."""

    max_redirections = _MAX_REDIRECTS

    def redirect_request(  # noqa: PLR0917  (urllib's signature)
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not is_url(newurl):
            raise urllib.error.HTTPError(
                newurl, code, f"redirect to a non-http URL {newurl}", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _suffix(content_type: str, head: bytes, url: str) -> str | None:
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    if kind in CONTENT_TYPES:
        return CONTENT_TYPES[kind]
    if kind in ("", "application/octet-stream", "binary/octet-stream"):
        path = url.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0].lower()
        for suffix in (".docx", ".html", ".htm", ".txt", ".md"):
            if path.endswith(suffix):
                return ".html" if suffix == ".htm" else suffix
        if head.lstrip()[:1] == b"<":
            return ".html"
    return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _download(url: str, settings: FetchSettings) -> tuple[str, str, bytes]:
    """(final URL, content type, body); raises SourceError with the reason."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Accept": "*/*"}
    )
    opener = urllib.request.build_opener(_Redirects())
    deadline = time.monotonic() + settings.timeout
    limit = _mb(settings.max_bytes)
    try:
        with opener.open(request, timeout=settings.timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > settings.max_bytes:
                raise SourceError(
                    f"cannot read {url}: the response is {_mb(int(length))}, over the {limit} limit"
                )
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise SourceError(f"cannot read {url}: timed out after {settings.timeout:g} s")
                chunk = response.read1(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > settings.max_bytes:
                    raise SourceError(f"cannot read {url}: the response is over the {limit} limit")
                chunks.append(chunk)
            return response.geturl(), response.headers.get("Content-Type", ""), b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise SourceError(f"cannot read {url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise SourceError(
                f"cannot read {url}: timed out after {settings.timeout:g} s"
            ) from None
        text = getattr(reason, "strerror", None) or str(reason)
        raise SourceError(f"cannot read {url}: {text}") from None
    except TimeoutError:
        raise SourceError(f"cannot read {url}: timed out after {settings.timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise SourceError(
            f"cannot read {url}: connection failed ({exc or type(exc).__name__})"
        ) from None


def fetch(url: str, settings: FetchSettings | None = None) -> Fetched:
    """The response body for ``url``, from the cache or fetched once and cached.

    Raises SourceError (naming the URL) for a timeout, an HTTP error, a body over the size
    limit, or a content type no reader handles. With ``refresh``, a failed refetch falls back to
    the cached copy with a warning.
    """
    settings = settings or FetchSettings()
    previous = cached(url)
    if previous is not None and not settings.refresh:
        log.debug("using the cached copy of %s (%s)", url, previous.path)
        return previous
    try:
        final_url, content_type, body = _download(url, settings)
    except SourceError as exc:
        if previous is None:
            raise
        reason = str(exc).split(": ", 1)[-1]
        return Fetched(
            url,
            previous.final_url,
            previous.path,
            previous.suffix,
            previous.fetched,
            (f"refetch failed ({reason}); used the copy fetched {previous.fetched}",),
        )
    suffix = _suffix(content_type, body[:512], final_url)
    if suffix is None:
        kind = content_type.split(";")[0].strip() or "none"
        raise SourceError(f"cannot read {url}: unsupported content type {kind}")
    meta_path, stem = _cache_paths(url)
    body_path = stem.with_suffix(suffix)
    fetched = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    meta = {
        "url": url,
        "final_url": final_url,
        "content_type": content_type,
        "suffix": suffix,
        "fetched": fetched,
    }
    try:
        write_atomic(body_path, body)
        write_atomic(meta_path, json.dumps(meta, indent=1).encode("utf-8"))
    except OSError as exc:
        raise SourceError(
            f"cannot read {url}: cannot write the cache {body_path.parent}: {exc.strerror or exc}"
        ) from exc
    return Fetched(url, final_url, body_path, suffix, fetched)
