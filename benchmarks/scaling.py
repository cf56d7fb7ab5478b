"""Time one long document of 250, 500, 1,000 and 2,000 sentences: ours against sumy's graphs.

The long document is the BBC development articles' sentences (read and split as in
``summariser.py``) run together in file order until it has N sentences, one paragraph per
article. Timed as in ``summariser.py``: one summariser call on the pre-split sentences asking
for 10 of them, ``rank`` + ``pick`` for ours, ``Summarizer(document, 10)`` for sumy's LexRank
and TextRank; ours take the best of ``--repeat`` runs, sumy's (tens of seconds) one run.

Usage::

    .venv/bin/python benchmarks/scaling.py                      # 250 500 1000 2000 sentences
    .venv/bin/python benchmarks/scaling.py --sizes 1000 2000 4000 --methods centrality
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summariser import (
    DEFAULT_DATA,
    SumyWords,
    load_articles,
    sumy_document,
    sumy_summarizer,
)

from briefing.summarise import SUMMARISERS, get_summariser, pick

PICKS = 10


def long_document(data: Path, size: int) -> tuple[list[str], list[int]]:
    """``size`` sentences of the data set's articles in file order, and their paragraph numbers."""
    sentences: list[str] = []
    paragraphs: list[int] = []
    for number, article in enumerate(load_articles(data), start=1):
        sentences.extend(article.sentences)
        paragraphs.extend([number] * len(article.sentences))
        if len(sentences) >= size:
            return sentences[:size], paragraphs[:size]
    raise SystemExit(f"{data} has only {len(sentences)} sentences; ask for fewer")


def time_ours(name: str, sentences: Sequence[str], repeat: int) -> float:
    """Seconds for the fastest of ``repeat`` rank + pick calls."""
    summariser = get_summariser(name)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pick(summariser.rank(sentences, "A long document"), PICKS)
        best = min(best, time.perf_counter() - start)
    return best


def time_sumy(name: str, sentences: Sequence[str], paragraphs: Sequence[int]) -> float:
    """Seconds for one sumy summariser call on a fresh document model."""
    summarizer = sumy_summarizer(name)
    document = sumy_document(sentences, paragraphs, SumyWords())
    start = time.perf_counter()
    summarizer(document, PICKS)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Print a Markdown table of seconds per document size, and the cost of doubling."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data set folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument(
        "--methods",
        nargs="+",
        default=["centrality", "textrank", "sumy-lexrank", "sumy-textrank"],
        help="ours by name, sumy's LexRank/TextRank as sumy-lexrank / sumy-textrank",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours; the fastest counts")
    args = parser.parse_args(argv)

    longest, numbers = long_document(args.data, max(args.sizes))
    documents = {size: (longest[:size], numbers[:size]) for size in args.sizes}
    get_summariser("centrality").rank(documents[args.sizes[0]][0][:20], None)  # warm up
    rows = []
    for method in args.methods:
        seconds = []
        for size in args.sizes:
            sentences, paragraphs = documents[size]
            if method.startswith("sumy-"):
                seconds.append(time_sumy(method[5:], sentences, paragraphs))
            elif method in SUMMARISERS:
                seconds.append(time_ours(method, sentences, args.repeat))
            else:
                raise SystemExit(f"unknown method {method!r}")
            print(f"{method} {size}: {seconds[-1]:.3f} s", file=sys.stderr)
        rows.append((method, seconds))

    head = " | ".join(f"{size:,} sentences" for size in args.sizes)
    print(f"| method | {head} | time ×, last doubling |")
    print("|---|" + "---:|" * (len(args.sizes) + 1))
    for method, seconds in rows:
        cells = " | ".join(f"{s:.3f} s" for s in seconds)
        growth = f"{seconds[-1] / seconds[-2]:.2f}" if len(seconds) > 1 else "–"
        print(f"| {method} | {cells} | {growth} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
