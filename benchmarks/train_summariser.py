"""Learn the default summariser's weights on the BBC development set; write the model JSON.

The ``centrality`` summariser scores a sentence with a logistic model over six features
(``briefing.summarise.centrality.FEATURES``: PageRank centrality, lead position, headline
overlap, length, opening quote, attribution). This script fits that model to the development
set's reference summaries, a sentence being positive when the reference contains it verbatim,
by L2-regularised logistic regression (Newton's method on standardised features, numpy only).

It first runs K-fold cross-validation over articles (article i is in fold i mod K; the
articles are sorted by topic and number, so every fold spans all five topics): for each fold
the weights are fitted on the other folds and the held-out articles are summarised with them,
asking for as many sentences as their reference has, for each candidate MMR redundancy
weight. The redundancy chosen is the largest one whose mean held-out ROUGE-1 F1 is within
``--tolerance`` of the best: the BBC references were not written to avoid repeats, so the
score barely rewards diversity, while a reader of a briefing is poorly served by two
sentences saying the same. The shipped model is then fitted on all articles.

Retrain (deterministic: same data, same JSON)::

    .venv/bin/python benchmarks/train_summariser.py             # CV report, rewrite the model
    .venv/bin/python benchmarks/train_summariser.py --check     # exit 1 if the JSON is stale
    .venv/bin/python benchmarks/train_summariser.py --data DIR --folds 5 --output FILE
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summariser import DEFAULT_DATA, Article, load_articles, rouge_f1

from briefing.resources import package_data
from briefing.summarise import Summariser, pick
from briefing.summarise.centrality import (
    FEATURES,
    MODEL_FILE,
    CentralitySummariser,
    Model,
    prepare,
)
from briefing.summarise.textrank import TextRankSummariser

FloatArray = npt.NDArray[np.float64]

REDUNDANCY_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
DUPLICATE = 0.8  # cosine similarity from which a candidate counts as a near-repeat
L2 = 1.0  # ridge penalty on the standardised weights
COMMAND = "python benchmarks/train_summariser.py"


def labelled(articles: Sequence[Article]) -> list[tuple[FloatArray, FloatArray]]:
    """(features, labels) per article; a label is 1 when the reference holds the sentence."""
    out = []
    for article in articles:
        reference = "".join(article.reference)
        matrix = prepare(article.sentences, article.title).features
        labels = np.array([1.0 if s.strip() in reference else 0.0 for s in article.sentences])
        out.append((matrix, labels))
    return out


def fit(data: Sequence[tuple[FloatArray, FloatArray]]) -> tuple[FloatArray, float]:
    """Logistic-regression weights (on the raw feature scale) and bias."""
    x = np.vstack([m for m, _ in data])
    y = np.concatenate([labels for _, labels in data])
    mean, spread = x.mean(axis=0), x.std(axis=0)
    spread[spread == 0] = 1.0
    z = np.column_stack([(x - mean) / spread, np.ones(len(x))])
    w = np.zeros(z.shape[1])
    penalty = np.full(len(w), L2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1.0 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    weights = w[:-1] / spread
    return weights, float(w[-1] - (mean / spread) @ w[:-1])


def model(weights: FloatArray, bias: float, redundancy: float) -> Model:
    """A Model with the given parameters (weights in FEATURES order)."""
    return Model(
        weights={name: float(v) for name, v in zip(FEATURES, weights, strict=True)},
        bias=bias,
        redundancy=redundancy,
        duplicate=DUPLICATE,
    )


def picks(summariser: Summariser, articles: Sequence[Article]) -> list[list[int]]:
    """K picks per article, K being the reference's sentence count."""
    return [pick(summariser.rank(a.sentences, a.title), len(a.reference)) for a in articles]


def cross_validate(
    articles: Sequence[Article], data: Sequence[tuple[FloatArray, FloatArray]], folds: int
) -> dict[str, list[dict[str, float]]]:
    """Held-out ROUGE per fold: TextRank, and the learned model at every redundancy."""
    results: dict[str, list[dict[str, float]]] = {"textrank": []}
    for fold in range(folds):
        train = [d for i, d in enumerate(data) if i % folds != fold]
        held = [a for i, a in enumerate(articles) if i % folds == fold]
        weights, bias = fit(train)
        results["textrank"].append(rouge_f1(held, picks(TextRankSummariser(), held)))
        for redundancy in REDUNDANCY_GRID:
            summariser = CentralitySummariser(model(weights, bias, redundancy))
            scores = rouge_f1(held, picks(summariser, held))
            results.setdefault(f"centrality λ={redundancy}", []).append(scores)
        print(f"fold {fold + 1}/{folds} done", file=sys.stderr)
    return results


def mean(scores: Sequence[dict[str, float]]) -> dict[str, float]:
    """The average of per-fold scores."""
    return {key: round(float(np.mean([s[key] for s in scores])), 4) for key in scores[0]}


def main(argv: Sequence[str] | None = None) -> int:
    """Cross-validate, then fit on everything and write (or --check) the model JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BBC-style data set")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--tolerance", type=float, default=0.002, help="ROUGE-1 given up for diversity"
    )
    parser.add_argument("--output", type=Path, default=package_data(MODEL_FILE))
    parser.add_argument("--check", action="store_true", help="exit 1 if --output is out of date")
    args = parser.parse_args(argv)

    articles = load_articles(args.data)
    data = labelled(articles)
    results = cross_validate(articles, data, args.folds)
    means = {name: mean(scores) for name, scores in results.items()}
    print(f"\n{args.folds}-fold cross-validation on {len(articles)} articles (held-out F1):\n")
    print("| method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum |\n|---|---:|---:|---:|")
    for name, m in means.items():
        print(f"| {name} | {m['rouge1']:.4f} | {m['rouge2']:.4f} | {m['rougeLsum']:.4f} |")

    best = max(means[f"centrality λ={r}"]["rouge1"] for r in REDUNDANCY_GRID)
    redundancy = max(
        r for r in REDUNDANCY_GRID if means[f"centrality λ={r}"]["rouge1"] >= best - args.tolerance
    )
    weights, bias = fit(data)
    document = model(weights, bias, redundancy).to_json()
    document["training"] = {
        "data": f"bbc-dev ({len(articles)} BBC News articles with reference extractive summaries)",
        "method": f"L2-regularised logistic regression (penalty {L2} on standardised features)",
        "redundancy": (
            f"largest of {list(REDUNDANCY_GRID)} within {args.tolerance} ROUGE-1 of the best "
            "in cross-validation"
        ),
        "cross_validation": {
            "folds": args.folds,
            "held_out_f1": {
                "centrality": means[f"centrality λ={redundancy}"],
                "textrank": means["textrank"],
            },
        },
        "command": COMMAND,
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    print(
        f"\nchosen redundancy {redundancy}; weights {document['weights']}, bias {document['bias']}"
    )
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; rerun {COMMAND}", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
