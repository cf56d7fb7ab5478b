"""Finding sources (files, folders, globs, URLs), reading them through the readers, and manifests.

``load_sources`` is the entry point: paths, folders, globs or URLs in, a ``Corpus`` out. A bad
source among good ones is skipped with its reason; ``strict=True`` turns that into an error.
The same article twice (identical, or a syndicated copy) is read once and reported as a duplicate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import hashlib
import logging
import os
import re
import stat
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefing.cache import store_text
from briefing.clean import to_paragraphs
from briefing.duplicates import DuplicateIndex
from briefing.errors import ConfigError, NoSourcesError, SourceError
from briefing.fetch import URL_LIST_SUFFIXES, FetchSettings, fetch, is_url, read_url_list
from briefing.metadata import url_date
from briefing.model import Corpus, Duplicate, Skipped, Source
from briefing.readers import READERS, RawArticle, max_bytes_for, reader_for
from briefing.resources import seeds_dir
from briefing.tomlfile import read_toml

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.toml"
# The largest text source read: long reports run to a few MB, and a 50 MB file takes about a
# minute and 1 GB to clean and split, so a bigger one is skipped with its size named.
MAX_BYTES = 10 * 1024 * 1024
# Web pages and Word files take tens of milliseconds each to extract: from this many on, they
# are read in worker processes, one per core (two on the machines we target).
PARALLEL_MIN = 16
PARALLEL_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".docx"})
MAX_WORKERS = 4
_MANIFEST_KEYS = {"title", "outlet", "author", "published", "date", "url", "language"}

# Original path or URL -> the cached file holding the text that paragraph numbers and quotes
# refer to, for sources whose original does not hold that text verbatim (web pages, Word files,
# legacy encodings, URLs). Read it with ``text_path``; see RawArticle.text.


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """Metadata a manifest gives for one file; None leaves the detected value."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None


def _as_date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"{where}: date must be YYYY-MM-DD, got {value!r}")


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """The entries of a manifest file, keyed by file name (or URL); raises ConfigError when invalid.

    Format: one TOML table per file, ``["article.txt"]`` with any of title, outlet, author,
    published (a date), url, language. For URLs listed in a ``.urls`` file, the table name is
    the URL and the manifest sits next to the list file.
    """
    data = read_toml(path, "manifest")
    entries: dict[str, ManifestEntry] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [{name}] must be a table of fields, got {table!r}")
        unknown = set(table) - _MANIFEST_KEYS
        if unknown:
            raise ConfigError(
                f"{path}: [{name}] has unknown key {sorted(unknown)[0]!r}; "
                f"known keys: {', '.join(sorted(_MANIFEST_KEYS))}"
            )
        date_value = table.get("published", table.get("date"))
        strings = {k: table.get(k) for k in ("title", "outlet", "author", "url", "language")}
        for key, value in strings.items():
            if value is not None and not isinstance(value, str):
                raise ConfigError(f"{path}: [{name}] {key} must be a string, got {value!r}")
        entries[name] = ManifestEntry(
            published=_as_date(date_value, f"{path}: [{name}]") if date_value else None,
            **strings,
        )
    return entries


def _known_types() -> str:
    return ", ".join(sorted(READERS))


def _is_candidate(path: Path) -> bool:
    return (
        path.is_file()
        and not path.name.startswith(".")
        and path.name != MANIFEST_NAME
        and path.suffix.lower() in READERS
    )


def _walk(folder: Path, seen_dirs: set[Path]) -> Iterable[Path]:
    real = folder.resolve()
    if real in seen_dirs:  # a symlink loop or the same folder twice
        return
    seen_dirs.add(real)
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc.strerror or exc)
        return
    for child in children:
        if child.name.startswith("."):
            continue
        try:
            if child.is_dir():
                yield from _walk(child, seen_dirs)
            elif _is_candidate(child):
                yield child
        except OSError as exc:  # e.g. a symlink chain too deep to resolve
            log.warning("cannot use %s: %s", child, exc.strerror or exc)


@dataclass(frozen=True, slots=True)
class _Inputs:
    """What the inputs name, in order: files and URLs, plus where each listed URL came from."""

    entries: tuple[Path | str, ...]
    skipped: tuple[Skipped, ...]
    url_lists: dict[str, Path]


def _expand_path(text: str, seen_dirs: set[Path]) -> tuple[list[Path], list[Skipped]]:
    """The source files one file, folder or glob input names, or why it names none."""
    path = Path(text).expanduser()
    if path.is_dir():
        found = list(_walk(path, seen_dirs))
        reason = f"folder has no readable sources ({_known_types()})"
        return found, [] if found else [Skipped(text, reason)]
    if path.exists():
        if path.suffix.lower() not in READERS:
            return [], [Skipped(text, f"unsupported file type (known: {_known_types()})")]
        return [path], []
    if glob.has_magic(text):
        matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
        found = [m for m in matches if _is_candidate(m)]
        for match in matches:
            if match.is_dir():
                found.extend(_walk(match, seen_dirs))
        return found, [] if found else [Skipped(text, "pattern matches no readable sources")]
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            loop = exc.errno == errno.ELOOP
            return [], [Skipped(text, "symbolic link loop" if loop else "broken symbolic link")]
    return [], [Skipped(text, "no such file or folder")]


def _expand_list(text: str, path: Path) -> tuple[list[str], list[Skipped]]:
    """The URLs a ``.urls`` list file names, and its lines (or itself) that name none."""
    try:
        urls, bad = read_url_list(path)
    except SourceError as exc:
        return [], [Skipped(text, str(exc).split(": ", 1)[-1])]
    skipped = [Skipped(text, reason) for reason in bad]
    if not urls and not bad:
        skipped.append(Skipped(text, "the list names no URLs"))
    return urls, skipped


def _expand(inputs: Sequence[str | Path]) -> _Inputs:
    entries: list[Path | str] = []
    skipped: list[Skipped] = []
    url_lists: dict[str, Path] = {}
    seen_dirs: set[Path] = set()
    for raw in inputs:
        text = str(raw)
        path = Path(text).expanduser()
        if isinstance(raw, str) and is_url(text):
            entries.append(text.strip())
        elif path.suffix.lower() in URL_LIST_SUFFIXES and path.is_file():
            urls, bad = _expand_list(text, path)
            for url in urls:
                url_lists.setdefault(url, path)
            entries += urls
            skipped += bad
        else:
            files, bad = _expand_path(text, seen_dirs)
            entries += files
            skipped += bad
    unique = dict.fromkeys(e if isinstance(e, str) else e.resolve() for e in entries)
    return _Inputs(tuple(unique), tuple(skipped), url_lists)


def discover(inputs: Sequence[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """The source files that the inputs name (files, folders searched recursively, globs).

    Inputs that name nothing usable are returned as Skipped with the reason. URLs (and the URLs
    of ``.urls`` list files) are not files: ``load_sources`` fetches them.
    """
    found = _expand(inputs)
    return [e for e in found.entries if isinstance(e, Path)], list(found.skipped)


def _manifest_for(
    path: Path, cache: dict[Path, dict[str, ManifestEntry]], key: str = ""
) -> ManifestEntry | None:
    folder = path.parent
    if folder not in cache:
        manifest = folder / MANIFEST_NAME
        cache[folder] = read_manifest(manifest) if manifest.is_file() else {}
    return cache[folder].get(key or path.name)


def _fold(text: str) -> str:
    """White space folded as the provenance check folds it (non-breaking spaces included).

    ``str.split`` splits on exactly the characters that ``\\s`` matches in a ``str`` pattern.
    """
    return " ".join(text.split())


def _verbatim_in(raw: RawArticle, data: bytes) -> bool:
    """True when every block is in ``data`` as the provenance check reads a file (UTF-8)."""
    folded = _fold(data.decode("utf-8", errors="replace"))
    return all(_fold(block.text) in folded for block in raw.blocks)


def text_path(source: Source) -> str | None:
    """The file holding the text that ``source``'s paragraph numbers and quotes refer to.

    None when that is the original file (``source.path``) itself.
    """
    return source.text_path


def _read_bytes(path: Path) -> bytes:
    limit = max_bytes_for(path, MAX_BYTES)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"cannot read {path}: not a regular file")
        if info.st_size > limit:
            raise SourceError(
                f"cannot read {path}: {info.st_size / (1024 * 1024):.0f} MB is over the "
                f"{limit // (1024 * 1024)} MB limit for one {path.suffix.lower()} source"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise SourceError(f"cannot read {path}: the file is empty")
    return data


def read_file(
    path: Path, sid: str, manifest: ManifestEntry | None = None, encoding: str | None = None
) -> Source:
    """Read one file into a Source with id ``sid``; raises SourceError naming the file."""
    reader = reader_for(path)
    if reader is None:
        raise SourceError(f"cannot read {path}: unsupported file type {path.suffix or '(none)'}")
    data = _read_bytes(path)
    raw = reader(path, data, encoding)
    return to_source(raw, path, sid, manifest, original=data)


def read_url(
    url: str,
    sid: str,
    manifest: ManifestEntry | None = None,
    encoding: str | None = None,
    settings: FetchSettings | None = None,
) -> Source:
    """Fetch (or take from the cache) one URL and read it into a Source; raises SourceError."""
    fetched = fetch(url, settings)
    reader = reader_for(fetched.path)
    if reader is None:  # pragma: no cover - fetch only keeps content types a reader handles
        raise SourceError(f"cannot read {url}: no reader for {fetched.suffix}")
    try:
        data = _read_bytes(fetched.path)
        raw = reader(fetched.path, data, encoding)
    except SourceError as exc:
        raise SourceError(str(exc).replace(str(fetched.path), url)) from exc
    raw = replace(
        raw,
        url=raw.url or fetched.final_url,
        published=raw.published or url_date(fetched.final_url),
        warnings=raw.warnings + fetched.warnings,
    )
    return to_source(raw, url, sid, manifest)


def to_source(
    raw: RawArticle,
    path: Path | str,
    sid: str,
    manifest: ManifestEntry | None,
    *,
    original: bytes | None = None,
) -> Source:
    """A Source from a reader's raw article, with manifest values taking precedence.

    ``original`` is the file's bytes: when the text was extracted from markup, when the article's
    blocks are not verbatim in the bytes (another encoding, repaired text), or when no bytes are
    given (a URL), the article text is cached on disk and ``text_path`` names that copy.
    Raises SourceError when there is no article text.
    """
    if not raw.blocks and not raw.text.strip():
        raise SourceError(f"cannot read {path}: the file is empty")
    paragraphs = tuple(to_paragraphs(list(raw.blocks)))
    if not any(p.kind.value == "body" for p in paragraphs):
        raise SourceError(f"cannot read {path}: no article text found")
    m = manifest or ManifestEntry()
    title = m.title or raw.title or _title_from_name(path)
    warnings = raw.warnings
    copy: str | None = None
    if raw.extracted or original is None or not _verbatim_in(raw, original):
        text = raw.text or "\n\n".join(b.text for b in raw.blocks)
        try:
            copy = str(store_text(text + "\n"))
        except OSError as exc:
            warnings += (f"cannot keep the article text in the cache: {exc.strerror or exc}",)
    return Source(
        id=sid,
        path=str(path),
        text_path=copy,
        title=title,
        paragraphs=paragraphs,
        outlet=m.outlet or raw.outlet,
        author=m.author or raw.author,
        published=m.published or raw.published,
        url=m.url or raw.url,
        language=m.language or raw.language,
        warnings=warnings,
    )


def _title_from_name(path: Path | str) -> str:
    if isinstance(path, str) and is_url(path):
        parts = urlsplit(path)
        segments = [s for s in parts.path.split("/") if s]
        name = unquote(segments[-1]) if segments else parts.hostname or path
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)
    else:
        stem = Path(path).stem
    stem = re.sub(r"[_-]+", " ", stem).strip()
    return stem[:1].upper() + stem[1:] if stem else str(path)


def _fingerprint(source: Source) -> str:
    words = " ".join(p.text for p in source.body).lower().split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class _Job:
    """One source to read, with everything needed to read it in another process."""

    entry: Path | str
    manifest: ManifestEntry | None
    encoding: str | None
    fetch: FetchSettings | None


def _run(job: _Job) -> tuple[Source | None, str]:
    """(source, "") when the job's source is read, else (None, error)."""
    try:
        if isinstance(job.entry, str):
            source = read_url(job.entry, "S0", job.manifest, job.encoding, job.fetch)
        else:
            source = read_file(job.entry, "S0", job.manifest, job.encoding)
    except SourceError as exc:
        return None, str(exc)
    return source, ""


def _run_all(jobs: list[_Job]) -> list[tuple[Source | None, str]]:
    """The jobs' results in order: on all cores when there are enough web pages or documents."""
    heavy = sum(
        1 for j in jobs if isinstance(j.entry, str) or j.entry.suffix.lower() in PARALLEL_SUFFIXES
    )
    workers = min(MAX_WORKERS, os.cpu_count() or 1, len(jobs))
    if heavy >= PARALLEL_MIN and workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # fork starts workers at once with every module already imported, and does not re-run
        # the caller's main script; it is unsafe only while other threads run (a test's HTTP
        # server, a GUI), and then the slower forkserver is used.
        methods = multiprocessing.get_all_start_methods()
        method = "fork" if "fork" in methods and threading.active_count() == 1 else None
        if method is None:
            method = "forkserver" if "forkserver" in methods else "spawn"
        context = multiprocessing.get_context(method)
        for suffix in {j.entry.suffix.lower() for j in jobs if isinstance(j.entry, Path)}:
            with contextlib.suppress(SourceError):  # import readers once, before forking
                reader_for(Path(f"x{suffix}"))
        try:
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return list(pool.map(_run, jobs, chunksize=4))
        except (OSError, BrokenProcessPool) as exc:  # no processes here: read them one by one
            log.debug("reading without worker processes: %s", exc)
    return [_run(job) for job in jobs]


def load_sources(
    inputs: Sequence[str | Path] | None = None,
    *,
    strict: bool = False,
    encoding: str | None = None,
    fetch: FetchSettings | None = None,
) -> Corpus:
    """Read the sources the inputs name (the bundled seeds when ``inputs`` is empty or None).

    Inputs are files, folders, globs, http(s) URLs (fetched with ``fetch`` settings, cached) and
    ``.urls`` files listing URLs. Returns a Corpus of the sources read (ids S1, S2, ... in input
    order), the inputs skipped with their reasons, and duplicates (identical or syndicated
    copies of an article already read). Raises SourceError for a bad source when ``strict``,
    ConfigError for a bad manifest, and NoSourcesError when no source is usable.
    """
    names = list(inputs) if inputs else [seeds_dir()]
    found = _expand(names)
    skipped = list(found.skipped)
    if strict and skipped:
        raise SourceError(f"cannot read {skipped[0].path}: {skipped[0].reason}")
    manifests: dict[Path, dict[str, ManifestEntry]] = {}
    jobs: list[_Job] = []
    for entry in found.entries:
        if isinstance(entry, str):
            listed = found.url_lists.get(entry)
            manifest = _manifest_for(listed, manifests, entry) if listed else None
        else:
            manifest = _manifest_for(entry, manifests)
        jobs.append(_Job(entry, manifest, encoding, fetch))
    sources: list[Source] = []
    duplicates: list[Duplicate] = []
    fingerprints: dict[str, str] = {}
    similar = DuplicateIndex()
    for job, (read, error) in zip(jobs, _run_all(jobs), strict=True):
        if read is None:
            if strict:
                raise SourceError(error)
            log.warning("skipped %s", error)
            skipped.append(Skipped(str(job.entry), error.split(": ", 1)[-1]))
            continue
        fingerprint = _fingerprint(read)
        same_as = fingerprints.get(fingerprint)
        shingles = frozenset[int]()
        if same_as is None:
            same_as, shingles = similar.find("\n".join(p.text for p in read.body))
        if same_as is not None:
            duplicates.append(Duplicate(read.path, same_as))
            log.warning("skipped %s: same article as %s", read.path, same_as)
            continue
        sid = f"S{len(sources) + 1}"
        fingerprints[fingerprint] = sid
        similar.add(sid, shingles)
        sources.append(replace(read, id=sid))
    if not sources:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no input"
        raise NoSourcesError(f"no usable sources ({reasons})")
    return Corpus(tuple(sources), tuple(skipped), tuple(duplicates))


def renumber(sources: Sequence[Source]) -> tuple[Source, ...]:
    """The sources with ids S1, S2, ... in the given order (for API users who combine corpora)."""
    return tuple(replace(s, id=f"S{i}") for i, s in enumerate(sources, start=1))
