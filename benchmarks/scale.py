"""Scale benchmark: a briefing of 10,000+ synthetic sources with injected duplicates and disputes.

Run: python benchmarks/scale.py [--sources 10000] [--compare 20000] [--seed 7]
Targets (issue 5): 10,000 sources to a JSON briefing in ≤ 60 s on 2 cores, peak memory ≤ 2 GiB;
20,000 sources in at most 2.2× the time of 10,000.

The corpus is built from the BBC development articles in ../shared/eval/bbc-dev: every synthetic
sentence is a real one with 80% of its longer words swapped for random corpus words, so sources are
distinct and sentences do not repeat by accident. Into it go, between pairs of sources,
  - duplicates: a sentence copied verbatim, or with a lead-in ("As a result, ...") added;
  - polarity disputes: a sentence and its negation ("will" → "will not");
  - number disputes: a sentence with a figure and the same sentence with another figure;
  - wording disputes: one speaker's quote, with one word changed in the other source.
Precision and recall are reported for each kind: duplicates over the matching stage (gathering
each injected original's copies across the whole corpus), disputes over the briefing's own
contradictions (strictly: the exact injected pair with its kind; leniently: any pair touching an
injected sentence).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefing.config import Options
from briefing.corroboration import Candidate, Grouper
from briefing.exporters.to_json import briefing_dict
from briefing.model import Paragraph, Sentence, Source
from briefing.pipeline import build_briefing
from briefing.sentences import source_sentences
from briefing.text import split_sentences

log = logging.getLogger("scale")
BBC = Path(__file__).resolve().parents[2] / "shared" / "eval" / "bbc-dev" / "articles"
_SYLLABLES = ["ka", "ro", "mi", "ten", "val", "dor", "shi", "lu", "ber", "qin", "zo", "vek"]
_SWAP = 0.8
# Negation words are neither swapped out nor in: swapping "without" in one copy of a real sentence
# and not in another would inject a denial nobody controls (scored as a false positive).
_KEEP = frozenset({"without", "never", "cannot", "neither", "denied", "denies", "deny"})
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{2,4}\b(?=\s+[a-z])")


@dataclass
class Truth:
    """What was injected: pairs of (source id, sentence text) per kind."""

    duplicates: list[tuple[tuple[str, str], tuple[str, str]]] = field(default_factory=list)
    disputes: dict[str, set[frozenset[str]]] = field(default_factory=dict)


def _pool() -> tuple[list[str], list[str]]:
    """Sentences and headlines of the BBC development articles."""
    sentences: list[str] = []
    titles: list[str] = []
    for path in sorted(BBC.rglob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if not lines:
            continue
        titles.append(lines[0].strip())
        for para in lines[1:]:
            sentences.extend(s for s in split_sentences(para.strip()) if len(s.split()) >= 8)
    return sentences, titles


def _mix(rng: random.Random, pool: list[str], vocabulary: list[str]) -> str:
    """A real sentence with most of its longer words swapped for random corpus words.

    Function words, negations and the sentence's shape stay, so it still reads as news to the
    splitter and summariser, but two sentences made from one original share only a few content
    words.
    """
    return " ".join(_swap(rng, vocabulary, w) for w in rng.choice(pool).split())


def _swap(rng: random.Random, vocabulary: list[str], word: str) -> str:
    """``word``, or most of the time a random corpus word in its place (punctuation kept).

    Words with punctuation attached ("Sheahan,") are swapped too: left alone, a list of names
    stays the same in every copy of its sentence, an uncontrolled duplicate.
    """
    core = word.rstrip(",.;:!?)\"'”’")
    if len(core) > 3 and core.isalpha() and core.lower() not in _KEEP and rng.random() < _SWAP:
        return rng.choice(vocabulary) + word[len(core) :]
    return word


def _name(rng: random.Random) -> str:
    parts = [rng.choice(_SYLLABLES) for _ in range(3)]
    return "Minister " + "".join(parts).capitalize()


def build_corpus(n: int, seed: int) -> tuple[list[Source], Truth]:
    """``n`` synthetic sources and the injected pairs (about 3% of sources get one of each)."""
    rng = random.Random(seed)
    pool, titles = _pool()
    vocabulary = sorted(
        {
            w
            for s in pool
            for w in s.split()
            if len(w) > 3 and w.isalpha() and w.lower() not in _KEEP
        }
    )
    bodies: list[list[list[str]]] = []
    for _ in range(n):
        paragraphs = [rng.randint(2, 4) for _ in range(rng.randint(3, 5))]
        bodies.append([[_mix(rng, pool, vocabulary) for _ in range(k)] for k in paragraphs])
    truth = Truth(disputes={"polarity": set(), "number": set(), "wording": set()})
    injections = max(1, n // 30)

    def pair() -> tuple[int, int]:
        a, b = rng.sample(range(n), 2)
        return a, b

    def put(i: int, text: str) -> None:
        bodies[i][rng.randrange(len(bodies[i]))].append(text)

    for k in range(injections):
        a, b = pair()
        original = _mix(rng, pool, vocabulary)
        copy = original if k % 2 else "As a result, " + original[0].lower() + original[1:]
        put(a, original)
        put(b, copy)
        truth.duplicates.append(((f"S{a + 1}", original), (f"S{b + 1}", copy)))
    verbs = [s for s in pool if " will " in s and len(s.split()) < 40]
    for _ in range(injections):
        a, b = pair()
        text = rng.choice(verbs)
        denied = text.replace(" will ", " will not ", 1)
        put(a, text)
        put(b, denied)
        truth.disputes["polarity"].add(frozenset({text, denied}))
    counted = [s for s in pool if _NUMBER.search(s) and len(s.split()) < 40]
    for _ in range(injections):
        a, b = pair()
        text = rng.choice(counted)
        figure = _NUMBER.search(text)
        assert figure is not None
        other = str(int(figure.group(0).replace(",", "")) * 2 + 7)
        changed = text[: figure.start()] + other + text[figure.end() :]
        put(a, text)
        put(b, changed)
        truth.disputes["number"].add(frozenset({text, changed}))
    for _ in range(injections):
        a, b = pair()
        name = _name(rng)
        words = rng.choice(pool).rstrip(".").split()[:10]
        first = f"“{' '.join(words)},” said {name}."
        words[rng.randrange(1, len(words))] = rng.choice(["never", "always", "soon", "again"])
        second = f"“{' '.join(words)},” said {name}."
        put(a, first)
        put(b, second)
        truth.disputes["wording"].add(frozenset({first, second}))
    sources = [
        Source(
            id=f"S{i + 1}",
            path=f"/synthetic/{i + 1}.txt",
            title=f"{rng.choice(titles)} ({i + 1})",
            paragraphs=tuple(
                Paragraph(number, " ".join(sents)) for number, sents in enumerate(body, start=1)
            ),
        )
        for i, body in enumerate(bodies)
    ]
    return sources, truth


def _load() -> str:
    """The 1, 5 and 15 minute load averages, as the kernel gives them."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "unknown"


def _peak_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def run(n: int, seed: int) -> dict[str, object]:
    """Build the corpus, time the JSON briefing and score the injected pairs."""
    sources, truth = build_corpus(n, seed)
    # Other jobs on the machine slow the run: the load average says how much.
    load_before = _load()
    start = time.perf_counter()
    briefing = build_briefing(sources, Options(date=None, sentences=6))
    data = json.dumps(briefing_dict(briefing))
    seconds = time.perf_counter() - start
    own, children = _peak_mib()
    log.info("%d sources: %.1f s, peak RSS %.0f MiB (workers %.0f MiB)", n, seconds, own, children)
    found = {
        kind: {
            frozenset({c.first.text, c.second.text})
            for c in briefing.contradictions
            if c.kind == kind
        }
        for kind in truth.disputes
    }
    scores: dict[str, object] = {}
    for kind, injected in truth.disputes.items():
        hits = len(found[kind] & injected)
        scores[kind] = {
            "injected": len(injected),
            "found": len(found[kind]),
            "precision": round(hits / len(found[kind]), 3) if found[kind] else None,
            "recall": round(hits / len(injected), 3),
        }
    # Lenient: a found pair of any kind counts when one side is an injected disputed sentence
    # (other sentences made from the same real one may rightly disagree with it too).
    injected_texts = {t for pairs in truth.disputes.values() for p in pairs for t in p}
    touching = sum(
        1
        for c in briefing.contradictions
        if c.first.text in injected_texts or c.second.text in injected_texts
    )
    scores["all_kinds_lenient"] = {
        "found": len(briefing.contradictions),
        "precision": round(touching / len(briefing.contradictions), 3)
        if briefing.contradictions
        else None,
    }
    scores["duplicates"] = _duplicates(sources, truth)
    return {
        "sources": n,
        "seconds": round(seconds, 2),
        "load_average": [load_before, _load()],
        "json_mib": round(len(data) / 2**20, 1),
        "peak_rss_mib": round(own, 1),
        "peak_rss_worker_mib": round(children, 1),
        "merged_items": briefing.note.merged_items,
        "contradictions": len(briefing.contradictions),
        "scores": scores,
    }


def _duplicates(sources: list[Source], truth: Truth) -> dict[str, object]:
    """Gather each injected original over the whole corpus: is its copy found, and only it?"""
    everything = [s for source in sources for s in source_sentences(source)]
    by_source: dict[str, list[Sentence]] = {}
    for s in everything:
        by_source.setdefault(s.source_id, []).append(s)

    def find(source_id: str, text: str) -> Sentence | None:
        # The splitter may join an injected sentence to its neighbour: match by containment.
        return next((s for s in by_source[source_id] if text in s.text or s.text in text), None)

    grouper = Grouper(everything)
    hits = merged = 0
    for (sa, ta), (sb, tb) in truth.duplicates:
        original, copy = find(sa, ta), find(sb, tb)
        statement = grouper.gather(Candidate(original, 1.0)) if original else None
        if statement is None:
            continue
        others = {m.sentence for m in statement.members[1:]}
        merged += len(others)
        hits += copy in others
    return {
        "injected": len(truth.duplicates),
        "found": merged,
        "precision": round(hits / merged, 3) if merged else None,
        "recall": round(hits / len(truth.duplicates), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--compare", type=int, default=0, help="a second, larger size to compare")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("briefing.pipeline").setLevel(logging.DEBUG)
    first = run(args.sources, args.seed)
    log.info(json.dumps(first, indent=1))
    if args.compare:
        second = run(args.compare, args.seed)
        log.info(json.dumps(second, indent=1))
        ratio = float(str(second["seconds"])) / float(str(first["seconds"]))
        log.info("time ratio %d/%d sources: %.2f (target ≤ 2.2)", args.compare, args.sources, ratio)
    return 0


if __name__ == "__main__":
    sys.exit(main())
