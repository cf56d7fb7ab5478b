"""What changed since the previous brief: each statement new or continuing, and those now gone."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing.corroboration import SAME_STATEMENT
from briefing.errors import UsageError
from briefing.model import Briefing, Citation, Item
from briefing.text import terms

log = logging.getLogger(__name__)

GENERATOR = "briefing"
NEW = "new"
CONTINUING = "continuing"
# Quotation marks and dashes that outlets set differently around the same words.
_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True)
class Previous:
    """The statements of an earlier brief, read back from its JSON."""

    path: Path
    date: dt.date
    title: str
    items: tuple[Item, ...]


def _item(raw: Any, where: str) -> Item:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise ValueError(f"{where}: an item without text")
    citations = tuple(
        Citation(str(c["source"]), int(c["paragraph"]), c.get("quote"))
        for c in raw.get("citations", [])
        if isinstance(c, dict) and "source" in c and "paragraph" in c
    )
    return Item(
        text=raw["text"],
        citations=citations,
        score=float(raw.get("score") or 0.0),
        theme=str(raw.get("theme") or "context"),
        cues=tuple(str(c) for c in raw.get("cues") or ()),
        flags=tuple(str(f) for f in raw.get("flags") or ()),
    )


def _parse(path: Path) -> Previous:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or (data.get("generator") or {}).get("name") != GENERATOR:
        raise ValueError("not a briefing made by briefing (no generator 'briefing')")
    items: dict[str, Item] = {}
    raw_items = list(data.get("bottom_line") or [])
    for section in data.get("sections") or []:
        raw_items.extend(section.get("items") or [])
    for n, raw in enumerate(raw_items, start=1):
        item = _item(raw, f"item {n}")
        items.setdefault(item.text, item)
    return Previous(
        path=path,
        date=dt.date.fromisoformat(str(data["date"])),
        title=str(data.get("title") or ""),
        items=tuple(items.values()),
    )


def read_previous(path: str | Path) -> Previous:
    """The brief saved as JSON at ``path``; raises UsageError when it is not one of ours."""
    target = Path(path)
    try:
        return _parse(target)
    except OSError as exc:
        raise UsageError(f"cannot read previous brief {target}: {exc.strerror or exc}") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(
            f"cannot use {target} as the previous brief: {exc}; give the JSON of a briefing"
        ) from exc


def find_previous(
    folder: Path, before: dt.date, *, recursive: bool = False, exclude: Iterable[Path] = ()
) -> Path | None:
    """The latest brief JSON in ``folder`` dated before ``before``, if any.

    Files in ``exclude`` (the outputs of this run), JSON that briefing did not write and files
    that cannot be read are passed over.
    """
    if not folder.is_dir():
        return None
    skip = {p.resolve() for p in exclude}
    found = folder.rglob("*.json") if recursive else folder.glob("*.json")
    best: tuple[dt.date, str, Path] | None = None
    for path in sorted(found):
        if path.resolve() in skip or path.name.startswith("."):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if (data.get("generator") or {}).get("name") != GENERATOR:
                continue
            day = dt.date.fromisoformat(str(data["date"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            log.debug("not a previous brief: %s", path)
            continue
        if day < before and (best is None or (day, str(path)) > best[:2]):
            best = (day, str(path), path)
    return best[2] if best else None


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHY)).strip().casefold()


def _wordings(item: Item) -> list[str]:
    """The item's text and each cited source's own wording of it."""
    return list(dict.fromkeys([item.text, *(c.quote for c in item.citations if c.quote)]))


class _Matcher:
    """Says whether two statements are the same, the way corroboration does within one brief."""

    def __init__(self, texts: Sequence[str]) -> None:
        bags = {t: Counter(terms(t)) for t in dict.fromkeys(texts)}
        df: Counter[str] = Counter()
        for bag in bags.values():
            df.update(bag.keys())
        n = len(bags)
        idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
        self.vectors: dict[str, dict[str, float]] = {}
        for text, bag in bags.items():
            vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in bag.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            self.vectors[text] = {t: v / norm for t, v in vec.items()}

    def same(self, a: Item, b: Item) -> bool:
        for x in _wordings(a):
            for y in _wordings(b):
                if _fold(x) == _fold(y):
                    return True
                va, vb = self.vectors[x], self.vectors[y]
                if sum(v * vb.get(t, 0.0) for t, v in va.items()) >= SAME_STATEMENT:
                    return True
        return False


def compare(briefing: Briefing, previous: Previous) -> Briefing:
    """The briefing with each item marked "new" or "continuing" against ``previous``, the
    previous statements it no longer carries as ``gone``, and ``previous`` set to its date."""
    current = list(
        dict.fromkeys([*briefing.bottom_line, *(i for s in briefing.sections for i in s.items)])
    )
    texts = [w for item in [*current, *previous.items] for w in _wordings(item)]
    matcher = _Matcher(texts)
    carried: set[int] = set()
    status: dict[Item, str] = {}
    for item in current:
        hits = [n for n, old in enumerate(previous.items) if matcher.same(item, old)]
        carried.update(hits)
        status[item] = CONTINUING if hits else NEW

    def mark(items: tuple[Item, ...]) -> tuple[Item, ...]:
        return tuple(replace(i, status=status[i]) for i in items)

    gone = tuple(old for n, old in enumerate(previous.items) if n not in carried)
    log.debug(
        "compared with %s: %d new, %d continuing, %d gone",
        previous.path,
        sum(1 for s in status.values() if s == NEW),
        sum(1 for s in status.values() if s == CONTINUING),
        len(gone),
    )
    return replace(
        briefing,
        bottom_line=mark(briefing.bottom_line),
        sections=tuple(replace(s, items=mark(s.items)) for s in briefing.sections),
        gone=gone,
        previous=previous.date,
    )
