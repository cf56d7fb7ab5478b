"""Regenerate briefing/data/punkt_english.json, the Punkt parameters the sentence splitter ships.

Punkt (nltk) learns abbreviations, collocations, frequent sentence starters and the case in
which each word appears from unlabelled text. We train it on the BBC development articles
(../shared/eval/bbc-dev/articles/*/*.txt) and the bundled seeds (seeds/*.txt), then merge in
a curated list of abbreviations, every single letter (initials such as "Charles Q. Brown") and
"No." before a number. Headlines are left out of training, and so are the guesses a small
corpus makes badly (see briefing.text.punkt_document).

Rerun after changing the corpus, the curated list or briefing.text's Punkt classes:

    .venv/bin/python benchmarks/train_punkt.py            # rewrite the JSON, print counts
    .venv/bin/python benchmarks/train_punkt.py --check    # exit 1 if the JSON is out of date

Options: ``--bbc DIR`` and ``--seeds DIR`` point at other corpora, ``--output FILE`` writes
elsewhere. The output is deterministic (sorted lists, sorted keys), so an unchanged corpus
gives a byte-identical file and a changed one gives a readable diff.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from briefing.resources import package_data
from briefing.text import PUNKT_FILE, punkt_document

ROOT = Path(__file__).resolve().parents[1]
BBC_DEV = ROOT.parent / "shared" / "eval" / "bbc-dev" / "articles"
SEEDS = ROOT / "seeds"

# Abbreviations a news text uses with a full stop, lowercase without the final one. Punkt
# learns most of them from a large corpus, but our corpus is small: these are never forgotten.
ABBREVIATION_GROUPS = {
    "titles and ranks": "mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep pres st jr sr"
    " hon rev messrs",
    "companies": "inc ltd co corp",
    "places and bodies": "u.s u.k u.n e.u mt ft",
    "months": "jan feb mar apr jun jul aug sep sept oct nov dec",
    "Latin and references": "vs etc e.g i.e approx dept est fig",  # "no": see collocations
    "times of day": "a.m p.m",
}
CURATED_ABBREVIATIONS = tuple(
    word for words in ABBREVIATION_GROUPS.values() for word in words.split()
)

INITIALS = tuple(string.ascii_lowercase)

# Pairs (word before a full stop, type of the next word) that never end a sentence. "No." is an
# abbreviation only before a number: as an abbreviation it would also glue "The answer is no.
# While ..." together, as a collocation it keeps "No. 10" whole and splits after "no.".
CURATED_COLLOCATIONS = (("no", "##number##"),)

# A block that does not end like a sentence is a headline, byline or caption. Its Title Case
# would teach Punkt that "The" or "For" appear capitalised inside sentences.
_SENTENCE_END = re.compile(r"[.?!\u2026][\"')\]\u2019\u201d]*$")
_BLOCKS = re.compile(r"\n\s*\n")


def body_text(path: Path) -> str:
    """The paragraphs of one article that end like sentences, separated by blank lines."""
    text = path.read_text(encoding="utf-8")
    blocks = (block.strip() for block in _BLOCKS.split(text))
    return "\n\n".join(block for block in blocks if _SENTENCE_END.search(block))


def corpus(bbc: Path, seeds: Path) -> Iterator[Path]:
    """The training files, in a fixed order."""
    yield from sorted(bbc.glob("*/*.txt"))
    yield from sorted(seeds.glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=Path, default=BBC_DEV, help="folder of <topic>/*.txt")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of *.txt")
    parser.add_argument("--output", type=Path, default=package_data(PUNKT_FILE))
    parser.add_argument(
        "--check", action="store_true", help="only compare with --output; exit 1 if different"
    )
    args = parser.parse_args(argv)

    files = list(corpus(args.bbc, args.seeds))
    if not files:
        print(f"no training texts under {args.bbc} or {args.seeds}", file=sys.stderr)
        return 2
    curated = CURATED_ABBREVIATIONS + INITIALS
    document = punkt_document((body_text(path) for path in files), curated, CURATED_COLLOCATIONS)
    document["trained_on"] = (
        f"{sum(1 for path in files if path.is_relative_to(args.bbc))} BBC development articles"
        f" and {sum(1 for path in files if path.is_relative_to(args.seeds))} seeds"
        " (benchmarks/train_punkt.py)"
    )
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    learned = set(document["abbrev_types"]) - set(curated)
    ortho = sum(len(types) for types in document["ortho_context"].values())
    print(f"trained on {len(files)} files")
    print(
        f"abbreviations: {len(document['abbrev_types'])} ({len(curated)} curated,"
        f" {len(learned)} learned: {' '.join(sorted(learned)) or '-'})"
    )
    print(f"collocations: {len(document['collocations'])}")
    print(f"sentence starters: {len(document['sent_starters'])}")
    print(f"orthographic contexts kept: {ortho}")

    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: rerun {Path(__file__).name}", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
