"""Finding source files, reading them through the readers, and applying manifests.

``load_sources`` is the entry point: paths, folders or globs in, a ``Corpus`` out. A bad file among
good ones is skipped with its reason; ``strict=True`` turns that into an error.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import logging
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefing.clean import to_paragraphs
from briefing.errors import ConfigError, NoSourcesError, SourceError
from briefing.model import Corpus, Duplicate, Skipped, Source
from briefing.readers import READERS, RawArticle, reader_for
from briefing.resources import seeds_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.toml"
MAX_BYTES = 50 * 1024 * 1024
_MANIFEST_KEYS = {"title", "outlet", "author", "published", "date", "url", "language"}


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
    """The entries of a manifest file, keyed by file name; raises ConfigError when invalid.

    Format: one TOML table per file, ``["article.txt"]`` with any of title, outlet, author,
    published (a date), url, language.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read manifest {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"invalid manifest {path}: {exc}") from exc
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
            **strings,  # type: ignore[arg-type]
        )
    return entries


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
        if child.is_dir():
            yield from _walk(child, seen_dirs)
        elif _is_candidate(child):
            yield child


def discover(inputs: Sequence[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """The source files that the inputs name (files, folders searched recursively, globs).

    Inputs that name nothing usable are returned as Skipped with the reason.
    """
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen_dirs: set[Path] = set()
    for raw in inputs:
        text = str(raw)
        path = Path(text).expanduser()
        if path.is_dir():
            found = list(_walk(path, seen_dirs))
            if not found:
                skipped.append(Skipped(text, "folder has no readable sources (.txt, .md)"))
            files.extend(found)
        elif path.exists():
            if path.suffix.lower() not in READERS:
                known = ", ".join(sorted(READERS))
                skipped.append(Skipped(text, f"unsupported file type (known: {known})"))
            else:
                files.append(path)
        elif glob.has_magic(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            found = [m for m in matches if _is_candidate(m)]
            for match in matches:
                if match.is_dir():
                    found.extend(_walk(match, seen_dirs))
            if not found:
                skipped.append(Skipped(text, "pattern matches no readable sources"))
            files.extend(found)
        else:
            skipped.append(Skipped(text, "no such file or folder"))
    unique = list(dict.fromkeys(f.resolve() for f in files))
    return unique, skipped


def _manifest_for(path: Path, cache: dict[Path, dict[str, ManifestEntry]]) -> ManifestEntry | None:
    folder = path.parent
    if folder not in cache:
        manifest = folder / MANIFEST_NAME
        cache[folder] = read_manifest(manifest) if manifest.is_file() else {}
    return cache[folder].get(path.name)


def read_file(
    path: Path, sid: str, manifest: ManifestEntry | None = None, encoding: str | None = None
) -> Source:
    """Read one file into a Source with id ``sid``; raises SourceError naming the file."""
    reader = reader_for(path)
    if reader is None:
        raise SourceError(f"cannot read {path}: unsupported file type {path.suffix or '(none)'}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(
                f"cannot read {path}: {size // (1024 * 1024)} MB is over the "
                f"{MAX_BYTES // (1024 * 1024)} MB limit for one source"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise SourceError(f"cannot read {path}: the file is empty")
    raw = reader(path, data, encoding)
    return to_source(raw, path, sid, manifest)


def to_source(raw: RawArticle, path: Path, sid: str, manifest: ManifestEntry | None) -> Source:
    """A Source from a reader's raw article, with manifest values taking precedence."""
    paragraphs = tuple(to_paragraphs(list(raw.blocks)))
    if not any(p.kind.value == "body" for p in paragraphs):
        raise SourceError(f"cannot read {path}: no article text found")
    m = manifest or ManifestEntry()
    title = m.title or raw.title or _title_from_name(path)
    return Source(
        id=sid,
        path=str(path),
        title=title,
        paragraphs=paragraphs,
        outlet=m.outlet or raw.outlet,
        author=m.author or raw.author,
        published=m.published or raw.published,
        url=m.url or raw.url,
        language=m.language or raw.language,
        warnings=raw.warnings,
    )


def _title_from_name(path: Path) -> str:
    stem = re.sub(r"[_-]+", " ", path.stem).strip()
    return stem[:1].upper() + stem[1:] if stem else path.name


def _fingerprint(source: Source) -> str:
    words = " ".join(p.text for p in source.body).lower().split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def load_sources(
    inputs: Sequence[str | Path] | None = None,
    *,
    strict: bool = False,
    encoding: str | None = None,
) -> Corpus:
    """Read the sources the inputs name (the bundled seeds when ``inputs`` is empty or None).

    Returns a Corpus of the sources read (ids S1, S2, ... in path order), the files skipped with
    their reasons, and duplicates. Raises SourceError for a bad file when ``strict``, ConfigError
    for a bad manifest, and NoSourcesError when no source is usable.
    """
    names = list(inputs) if inputs else [seeds_dir()]
    files, skipped = discover(names)
    if strict and skipped:
        raise SourceError(f"cannot read {skipped[0].path}: {skipped[0].reason}")
    manifests: dict[Path, dict[str, ManifestEntry]] = {}
    sources: list[Source] = []
    duplicates: list[Duplicate] = []
    fingerprints: dict[str, str] = {}
    for path in files:
        sid = f"S{len(sources) + 1}"
        try:
            source = read_file(path, sid, _manifest_for(path, manifests), encoding)
        except SourceError as exc:
            if strict:
                raise
            reason = str(exc).split(": ", 1)[-1]
            log.warning("skipped %s", exc)
            skipped.append(Skipped(str(path), reason))
            continue
        key = _fingerprint(source)
        if key in fingerprints:
            duplicates.append(Duplicate(str(path), fingerprints[key]))
            log.warning("skipped %s: same article as %s", path, fingerprints[key])
            continue
        fingerprints[key] = sid
        sources.append(source)
    if not sources:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no input"
        raise NoSourcesError(f"no usable sources ({reasons})")
    return Corpus(tuple(sources), tuple(skipped), tuple(duplicates))


def renumber(sources: Sequence[Source]) -> tuple[Source, ...]:
    """The sources with ids S1, S2, ... in the given order (for API users who combine corpora)."""
    return tuple(replace(s, id=f"S{i}") for i, s in enumerate(sources, start=1))
