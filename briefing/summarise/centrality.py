"""The default summariser: graph centrality plus news signals, weighted by a model learned on BBC.

Each sentence gets six features: its PageRank centrality in the cosine-similarity graph of the
document's sentences, lead position, overlap with the headline, length, whether it opens with a
direct quote, and whether it is attributed ("said", "according to"). A logistic model turns
them into the probability that an editor's extractive summary would keep the sentence; its
weights ship in ``briefing/data/summariser_centrality.json`` and are learned from the BBC
development set by ``benchmarks/train_summariser.py``. Statements are then taken greedily
with maximal marginal relevance, so a near-repeat of a picked sentence waits its turn.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from briefing.errors import BriefingError
from briefing.resources import package_data
from briefing.summarise.base import Ranking, by_score_then_position, ranking_from_scores
from briefing.summarise.eligibility import Tier, Verdict, screen
from briefing.summarise.graph import NOT_CONTENT, BagOfWords, mmr_order, tokens, words

FloatArray = npt.NDArray[np.float64]

MODEL_FILE = "summariser_centrality.json"
"""The learned weights under ``briefing/data/``, written by ``benchmarks/train_summariser.py``."""

MODEL_FORMAT = 1

FEATURES = ("centrality", "lead", "headline", "length", "quote", "attribution")
"""Feature names, in the column order of :func:`features`."""

_OPENING_QUOTE = re.compile(r"^\s*[\"“‘«']")
_ATTRIBUTION = frozenset(
    [
        "said",
        "says",
        "told",
        "according",
        "added",
        "adds",
        "warned",
        "insisted",
        "claimed",
        "argued",
        "stated",
        "announced",
        "reported",
        "wrote",
        "explained",
        "admitted",
        "confirmed",
        "denied",
    ]
)


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model over :data:`FEATURES`, and how picking controls redundancy.

    ``redundancy`` is MMR's weight on a candidate's largest similarity with the sentences
    already picked; a candidate at least ``duplicate`` cosine-similar to one of them is a
    near-repeat and goes last.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict.fromkeys(FEATURES, 0.0))
    bias: float = 0.0
    redundancy: float = 0.0
    duplicate: float = 0.8

    def vector(self) -> FloatArray:
        """The weights in :data:`FEATURES` order."""
        return np.array([float(self.weights.get(name, 0.0)) for name in FEATURES])

    def to_json(self) -> dict[str, object]:
        """The model as the JSON document we ship (without training notes)."""
        return {
            "format": MODEL_FORMAT,
            "features": list(FEATURES),
            "weights": {name: round(float(self.weights.get(name, 0.0)), 6) for name in FEATURES},
            "bias": round(self.bias, 6),
            "redundancy": self.redundancy,
            "duplicate": self.duplicate,
        }


def _number(document: Mapping[str, object], key: str, default: float | None) -> float:
    value = document.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number, got {value!r}")
    return float(value)


def model_from_json(document: Mapping[str, object], where: str = MODEL_FILE) -> Model:
    """A Model from its JSON document; raises BriefingError when it is not one."""
    try:
        if document.get("format") != MODEL_FORMAT:
            raise ValueError(f"format is not {MODEL_FORMAT}")
        raw_weights = document["weights"]
        if not isinstance(raw_weights, dict) or set(raw_weights) != set(FEATURES):
            raise ValueError(f"weights must name exactly {', '.join(FEATURES)}")
        return Model(
            weights={str(k): _number(raw_weights, k, None) for k in raw_weights},
            bias=_number(document, "bias", 0.0),
            redundancy=_number(document, "redundancy", 0.0),
            duplicate=_number(document, "duplicate", 0.8),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BriefingError(
            f"{where} is not a summariser model ({exc}); reinstall briefing or rerun "
            "benchmarks/train_summariser.py"
        ) from exc


@functools.cache
def shipped_model() -> Model:
    """The model that ships with the package (read once)."""
    path = package_data(MODEL_FILE)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BriefingError(
            f"cannot read the summariser model {path} ({exc}); reinstall briefing"
        ) from exc
    if not isinstance(document, dict):
        raise BriefingError(f"{path} is not a summariser model; reinstall briefing")
    return model_from_json(document, str(path))


def features(
    sentences: Sequence[str],
    title: str | None,
    bag: BagOfWords,
    word_lists: Sequence[Sequence[str]],
) -> FloatArray:
    """The feature matrix (one row per sentence, columns as in :data:`FEATURES`).

    ``bag`` holds the sentences' content words and ``word_lists`` all their words
    (:func:`~briefing.summarise.graph.tokens`).
    """
    n = len(sentences)
    out = np.zeros((n, len(FEATURES)))
    if n == 0:
        return out
    out[:, 0] = bag.pagerank() * n
    out[:, 1] = 1.0 / (1.0 + np.arange(n, dtype=np.float64))
    if title:
        out[:, 2] = bag.dot(bag.encode(words(title)))
    out[:, 3] = np.log1p(np.bincount(bag.rows, minlength=n))
    out[:, 4] = [1.0 if _OPENING_QUOTE.match(s) else 0.0 for s in sentences]
    out[:, 5] = [0.0 if _ATTRIBUTION.isdisjoint(w) else 1.0 for w in word_lists]
    return out


@dataclass(frozen=True, slots=True)
class Prepared:
    """What ranking needs from a document: verdicts, word vectors and the feature matrix."""

    verdicts: list[Verdict]
    bag: BagOfWords
    features: FloatArray


def prepare(sentences: Sequence[str], title: str | None) -> Prepared:
    """Screen, vectorise and featurise the sentences of one document (shared with training)."""
    word_lists = [tokens(s) for s in sentences]
    bag = BagOfWords(word_lists, NOT_CONTENT)
    return Prepared(screen(sentences, word_lists), bag, features(sentences, title, bag, word_lists))


class CentralitySummariser:
    """PageRank centrality with lead, headline, length, quote and attribution signals (learned
    weights), and MMR against redundancy."""

    name = "centrality"

    def __init__(self, model: Model | None = None) -> None:
        self.model = model or shipped_model()

    def rank(self, sentences: Sequence[str], title: str | None = None) -> Ranking:
        """Score every sentence and order the statements for picking."""
        if not sentences:
            return Ranking(scores=(), order=())
        prepared = prepare(sentences, title)
        linear = prepared.features @ self.model.vector() + self.model.bias
        probability = 1.0 / (1.0 + np.exp(-np.clip(linear, -30.0, 30.0)))
        statements = np.array([v.tier is Tier.STATEMENT for v in prepared.verdicts], dtype=bool)
        candidates = by_score_then_position(probability)
        candidates = candidates[statements[candidates]]
        top = float(probability[candidates[0]]) if len(candidates) else 1.0
        order = mmr_order(
            prepared.bag,
            probability / (top or 1.0),
            candidates,
            self.model.redundancy,
            self.model.duplicate,
        )
        return ranking_from_scores(probability, prepared.verdicts, order)
