"""Telling when two sources carry the same article: identical text, or a syndicated copy.

Each article becomes a set of hashed word 5-shingles. A syndicated copy under another name (other
headline, an added or missing paragraph, different punctuation) shares most of them: Jaccard
similarity of at least 0.8, or nearly all of the shorter text when it is at least half as long.
Candidates are found through an index of a sample of the shingles, so an article is compared
only with articles it shares text with, not with every other one.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable

SHINGLE = 5
JACCARD = 0.8
CONTAINMENT = 0.9
MIN_LENGTH_RATIO = 0.5
# One shingle in SAMPLE goes into the index. Two texts with Jaccard >= 0.8 share hundreds of
# shingles when they are article-sized, so missing a pair this way is vanishingly unlikely; short
# texts index every shingle.
SAMPLE = 8
_SMALL = 64
_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    """The hashed word 5-shingles of a text (case and punctuation ignored)."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return frozenset([zlib.crc32(" ".join(words).encode("utf-8"))]) if words else frozenset()
    return frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode("utf-8"))
        for i in range(len(words) - SHINGLE + 1)
    )


def similar(a: frozenset[int], b: frozenset[int]) -> bool:
    """True when two shingle sets are the same article (see the module's rule)."""
    if not a or not b:
        return False
    common = len(a & b)
    small, large = sorted((len(a), len(b)))
    if common / (len(a) + len(b) - common) >= JACCARD:
        return True
    return small >= MIN_LENGTH_RATIO * large and common / small >= CONTAINMENT


class DuplicateIndex:
    """Articles seen so far, to ask of a new one which earlier article it repeats."""

    def __init__(self) -> None:
        self._sets: dict[str, frozenset[int]] = {}
        self._index: defaultdict[int, list[str]] = defaultdict(list)

    @staticmethod
    def _keys(items: frozenset[int]) -> Iterable[int]:
        if len(items) <= _SMALL:
            return items
        return (h for h in items if h % SAMPLE == 0)

    def find(self, text: str) -> tuple[str | None, frozenset[int]]:
        """The key of an earlier article that ``text`` repeats (None if new), and its shingles."""
        items = shingles(text)
        candidates: dict[str, None] = {}
        for key in self._keys(items):
            for found in self._index.get(key, ()):
                candidates[found] = None
        for found in candidates:
            if similar(items, self._sets[found]):
                return found, items
        return None, items

    def add(self, key: str, items: frozenset[int]) -> None:
        """Remember an article under ``key`` (its shingles as returned by ``find``)."""
        self._sets[key] = items
        for h in self._keys(items):
            self._index[h].append(key)
