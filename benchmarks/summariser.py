"""Score every summariser, ours and sumy's, on the BBC development set: ROUGE F1 and speed.

For each article of ``--data`` (default ``../shared/eval/bbc-dev``, see its README) the
article is read with ``briefing.sources.read_file`` and split into sentences with
``briefing.sentences.source_sentences``; every method gets those same sentences and is asked
for K of them, K being the number of sentences in the reference summary. The picks, in
document order, are scored against the reference with ROUGE-1, ROUGE-2 and ROUGE-Lsum F1
(``rouge-score``, Porter stemming on), averaged over articles.

What is timed, the same way for every method: one call of the summariser on the pre-split
sentences, i.e. ``get_summariser(name).rank(sentences, title)`` plus ``pick(ranking, K)``
for ours and ``Summarizer(document, K)`` for sumy, whose document model is built from our
sentences beforehand (sumy tokenises words lazily, inside the call, as it would in use).
The clock is CPU time (``time.process_time``), summed over the articles; each method is
warmed up on the first article and makes ``--repeat`` passes (3), of which the fastest
counts. CPU time keeps the comparison fair on a machine shared with other jobs.
sumy runs with its English stop words and Snowball stemmer, as its documentation shows; its
word tokenizer is nltk's Treebank tokenizer called directly, because ``nltk.word_tokenize``
needs Punkt data we do not download.

Usage (install the extras first: ``pip install -e ".[bench]"``)::

    .venv/bin/python benchmarks/summariser.py                       # the table, Markdown
    .venv/bin/python benchmarks/summariser.py --methods centrality lead sumy-textrank
    .venv/bin/python benchmarks/summariser.py --data DIR --limit 50 --repeat 1
    .venv/bin/python benchmarks/summariser.py --floors             # exit 1 below the floors
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from briefing.sentences import source_sentences
from briefing.sources import read_file
from briefing.summarise import SUMMARISERS, get_summariser, pick

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "bbc-dev"

# Reference summaries are sentences run together; this splits them back (the data's README).
_REFERENCE_SPLIT = re.compile(r"(?<=[.!?])(?=[A-Z\"'])")

SUMY_METHODS = ("reduction", "textrank", "lexrank", "lsa", "luhn")

# Pinned floors for the default method (held-out numbers are lower, see README.md): a change
# that drops below them is a regression to look at, not noise.
FLOORS = {"rouge1": 0.88, "rouge2": 0.83, "rougeLsum": 0.875}


@dataclass(frozen=True, slots=True)
class Article:
    """One evaluation article: our sentences, with paragraph numbers, and the reference."""

    name: str
    title: str
    sentences: tuple[str, ...]
    paragraphs: tuple[int, ...]
    reference: tuple[str, ...]


@dataclass(slots=True)
class Result:
    """A method's picks on every article and the time its calls took."""

    method: str
    picks: list[list[int]] = field(default_factory=list)
    seconds: float = 0.0


def load_articles(data: Path, limit: int | None = None) -> list[Article]:
    """The articles of a BBC-style data set (``articles/<topic>/<n>.txt`` + ``summaries/...``)."""
    paths = sorted((data / "articles").glob("*/*.txt"))
    if not paths:
        raise SystemExit(f"no articles under {data / 'articles'}; pass --data DIR")
    articles = []
    for path in paths[:limit]:
        source = read_file(path, "S1")
        sentences = source_sentences(source)
        reference_path = data / "summaries" / path.parent.name / path.name
        reference = reference_path.read_text(encoding="utf-8", errors="replace").strip()
        articles.append(
            Article(
                name=f"{path.parent.name}/{path.stem}",
                title=source.title,
                sentences=tuple(s.text for s in sentences),
                paragraphs=tuple(s.paragraph for s in sentences),
                reference=tuple(s.strip() for s in _REFERENCE_SPLIT.split(reference) if s.strip()),
            )
        )
    return articles


# ---------------------------------------------------------------------------------------------
# sumy on our sentences


class SumyWords:
    """sumy's tokenizer interface, for words only (sentences come from briefing)."""

    language = "english"

    def __init__(self) -> None:
        from nltk.tokenize.destructive import NLTKWordTokenizer
        from sumy.nlp.tokenizers import Tokenizer

        self._tokenize = NLTKWordTokenizer().tokenize
        self._is_word = Tokenizer._is_word

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """What ``sumy.nlp.tokenizers.Tokenizer.to_words`` returns, without Punkt data."""
        return tuple(filter(self._is_word, self._tokenize(sentence)))


def sumy_summarizer(name: str) -> Any:
    """One of sumy's summarisers, set up as its documentation shows for English."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "reduction": ReductionSummarizer,
        "textrank": TextRankSummarizer,
        "lexrank": LexRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
    }
    summarizer = classes[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def sumy_document(sentences: Sequence[str], paragraphs: Sequence[int], words: SumyWords) -> Any:
    """A sumy document model holding exactly our sentences, grouped in our paragraphs."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    groups: dict[int, list[Any]] = {}
    for text, number in zip(sentences, paragraphs, strict=True):
        groups.setdefault(number, []).append(Sentence(text, words))
    return ObjectDocumentModel([Paragraph(group) for group in groups.values()])


# ---------------------------------------------------------------------------------------------
# Running and scoring


class Method(Protocol):
    """One benchmarked method: ``prepare`` is not timed, ``call`` is."""

    name: str

    def prepare(self, article: Article) -> Any:
        """What the timed call gets (our sentences, or a sumy document built from them)."""
        ...

    def call(self, prepared: Any, k: int) -> list[int]:
        """The indices of the k sentences picked."""
        ...


class Ours:
    """A summariser of ours: ``rank`` + ``pick`` on the pre-split sentences."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._summariser = get_summariser(name)

    def prepare(self, article: Article) -> Any:
        return article.sentences, article.title

    def call(self, prepared: Any, k: int) -> list[int]:
        sentences, title = prepared
        return pick(self._summariser.rank(sentences, title), k)


class Sumy:
    """One of sumy's summarisers on a document model holding our sentences."""

    def __init__(self, name: str) -> None:
        self.name = f"sumy-{name}"
        self._summarizer = sumy_summarizer(name)
        self._words = SumyWords()

    def prepare(self, article: Article) -> Any:
        # a fresh document every time: sumy caches a sentence's words on first use
        document = sumy_document(article.sentences, article.paragraphs, self._words)
        return document, {id(s): i for i, s in enumerate(document.sentences)}

    def call(self, prepared: Any, k: int) -> list[int]:
        document, index = prepared
        return sorted(index[id(s)] for s in self._summarizer(document, k))


def run(method: Method, articles: Sequence[Article], repeat: int) -> Result:
    """The method on every article, ``repeat`` passes; the fastest pass counts.

    The clock is the process's CPU time, which other jobs on the machine do not inflate
    (for single-threaded code it equals wall time on an idle machine).
    """
    first = articles[0]
    method.call(method.prepare(first), len(first.reference))  # warm up
    best = Result(method.name, seconds=float("inf"))
    for _ in range(repeat):
        result = Result(method.name)
        for article in articles:
            prepared = method.prepare(article)
            start = time.process_time()
            chosen = method.call(prepared, len(article.reference))
            result.seconds += time.process_time() - start
            result.picks.append(chosen)
        best = min(best, result, key=lambda r: r.seconds)
    return best


def rouge_f1(articles: Sequence[Article], picks: Sequence[Sequence[int]]) -> dict[str, float]:
    """Mean ROUGE-1/2/Lsum F1 of the picks against the references (stemming on)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    for article, chosen in zip(articles, picks, strict=True):
        prediction = "\n".join(article.sentences[i] for i in sorted(chosen))
        scores = scorer.score("\n".join(article.reference), prediction)
        for key in totals:
            totals[key] += scores[key].fmeasure
    return {key: value / len(articles) for key, value in totals.items()}


def methods_named(names: Sequence[str]) -> list[Method]:
    """The methods to run: ours by registered name, sumy's as sumy-NAME."""
    out: list[Method] = []
    for name in names:
        if name.startswith("sumy-") and name[5:] in SUMY_METHODS:
            out.append(Sumy(name[5:]))
        elif name in SUMMARISERS:
            out.append(Ours(name))
        else:
            known = ", ".join([*SUMMARISERS, *(f"sumy-{m}" for m in SUMY_METHODS)])
            raise SystemExit(f"unknown method {name!r}; choose from {known}")
    return out


def table(rows: Sequence[tuple[str, dict[str, float], float]]) -> str:
    """The results as a Markdown table, best ROUGE-1 first."""
    lines = [
        "| method | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-Lsum F1 | ms / article |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, scores, ms in sorted(rows, key=lambda r: -r[1]["rouge1"]):
        lines.append(
            f"| {name} | {scores['rouge1']:.3f} | {scores['rouge2']:.3f} | "
            f"{scores['rougeLsum']:.3f} | {ms:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table; with --floors, exit 1 below the pinned floors."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data set folder")
    parser.add_argument(
        "--methods",
        nargs="+",
        default=[*SUMMARISERS, *(f"sumy-{m}" for m in SUMY_METHODS)],
        help="methods to run: ours by name, sumy's as sumy-NAME (default: all)",
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed passes per method; the fastest counts"
    )
    parser.add_argument("--floors", action="store_true", help="fail below the pinned floors")
    args = parser.parse_args(argv)

    articles = load_articles(args.data, args.limit)
    rows = []
    for method in methods_named(args.methods):
        result = run(method, articles, args.repeat)
        scores = rouge_f1(articles, result.picks)
        rows.append((result.method, scores, 1000.0 * result.seconds / len(articles)))
        print(f"{result.method}: done", file=sys.stderr)
    sentences = sum(len(a.sentences) for a in articles)
    print(
        f"{len(articles)} articles from {args.data} ({sentences / len(articles):.1f} sentences "
        f"and K = {sum(len(a.reference) for a in articles) / len(articles):.1f} on average)\n"
    )
    print(table(rows))
    timing = {name: ms for name, _, ms in rows}
    if "centrality" in timing and "sumy-textrank" in timing:
        print(
            f"\ncentrality takes {timing['centrality']:.2f} ms per article, "
            f"{timing['sumy-textrank'] / timing['centrality']:.0f}× less than sumy's TextRank."
        )
    if args.floors:
        default = next((r for r in rows if r[0] == "centrality"), None)
        if default is None:
            print("--floors needs the centrality method in --methods", file=sys.stderr)
            return 2
        low = {k: v for k, v in default[1].items() if v < FLOORS[k]}
        if low:
            print(f"below the floors {FLOORS}: {low}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
