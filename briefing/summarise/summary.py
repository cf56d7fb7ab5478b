"""The extractive summary of one source: its key sentences, scored, in document order."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import SourceError, UsageError
from briefing.model import Source
from briefing.sentences import source_sentences
from briefing.summarise.base import pick

log = logging.getLogger(__name__)

DEFAULT_SENTENCES = 5
"""How many sentences a summary has when neither ``k`` nor ``ratio`` is given."""

MAX_TEXT = 5_000_000
"""Characters of body text one summary reads at most (about 50,000 sentences, some seconds)."""

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Larger files are refused before reading: reading and cleaning cost time and memory in
proportion to the file, and 10 MB is far more than any article, even as HTML."""


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """A sentence of a source with the summariser's verdict on it.

    ``index`` is its 0-based position among the source's body sentences and ``paragraph`` the
    ¶ number a citation uses; ``score`` is relative importance from 0 to 1 (1 for the best
    sentence, 0 for sentences that are not statements); ``reason`` says why a sentence is not a
    statement ("" when it is one).
    """

    text: str
    index: int
    paragraph: int
    score: float
    selected: bool
    reason: str = ""


def summarize_file(
    path: Path,
    k: int | None = None,
    ratio: float | None = None,
    method: str | None = None,
    *,
    everything: bool = False,
    encoding: str | None = None,
) -> list[ScoredSentence]:
    """Read one article file and summarise it (see :func:`summarize_source`).

    Raises SourceError for a file that cannot be read or is over ``MAX_FILE_BYTES``.
    """
    from briefing.sources import read_file

    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_file says what is wrong with the path
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"cannot summarise {path}: the file has {size / 1024 / 1024:.1f} MB, over the "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB a summary reads; split it into parts"
        )
    source = read_file(path, "S1", encoding=encoding)
    return summarize_source(source, k, ratio, method, everything=everything)


def summarize_source(
    source: Source,
    k: int | None = None,
    ratio: float | None = None,
    method: str | None = None,
    *,
    everything: bool = False,
) -> list[ScoredSentence]:
    """The key sentences of ``source`` in document order (every sentence with ``everything``).

    Ask for ``k`` sentences, or for a ``ratio`` of the source's statements (round(ratio × n),
    at least 1); with neither, ``DEFAULT_SENTENCES``. ``method`` names a registered summariser
    (default: the package default). When the source has fewer statements than asked for,
    the best of its other sentences fill up, with a warning. Raises UsageError for a bad
    ``k``, ``ratio`` or ``method``, SourceError for a source longer than ``MAX_TEXT``.
    """
    from briefing.summarise import DEFAULT, get_summariser  # the package imports this module

    if k is not None and ratio is not None:
        raise UsageError("ask for a number of sentences or a ratio, not both")
    if k is not None and k < 1:
        raise UsageError(f"the number of sentences must be at least 1, got {k}")
    if ratio is not None and not 0.0 < ratio <= 1.0:
        raise UsageError(f"the ratio must be above 0 and at most 1, got {ratio}")
    name = method or DEFAULT
    summariser = get_summariser(name)
    size = sum(len(p.text) for p in source.body)
    if size > MAX_TEXT:
        raise SourceError(
            f"cannot summarise {source.path}: {size:,} characters of text is over the "
            f"{MAX_TEXT:,} a summary reads; split the file into parts"
        )
    sentences = source_sentences(source)
    ranking = summariser.rank([s.text for s in sentences], source.title)
    if ratio is not None:
        want = max(1, round(ratio * len(ranking.order)))
    else:
        want = k if k is not None else DEFAULT_SENTENCES
    chosen = set(pick(ranking, want))
    filled = len(chosen) - min(len(chosen), len(ranking.order))
    if filled:
        reasons = ", ".join(sorted({ranking.reasons[i] for i in chosen if ranking.reasons[i]}))
        have = f"only {len(ranking.order)}" if ranking.order else "none"
        log.warning(
            "%s: %s of its sentences are full statements; %d of the %d shown are not (%s)",
            source.path,
            have,
            filled,
            len(chosen),
            reasons or "see --all",
        )
    top = max(ranking.scores, default=0.0) or 1.0
    return [
        ScoredSentence(
            text=s.text,
            index=s.index,
            paragraph=s.paragraph,
            score=round(ranking.scores[s.index] / top, 6),
            selected=s.index in chosen,
            reason=ranking.reasons[s.index] if ranking.reasons else "",
        )
        for s in sentences
        if everything or s.index in chosen
    ]
