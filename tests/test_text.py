"""Sentence splitting with the shipped Punkt parameters, terms, stop words, and lazy nltk."""

from __future__ import annotations

import json
import re
import string
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import briefing.text as text_module
from briefing.resources import package_data
from briefing.text import (
    PUNKT_FILE,
    STOP_WORDS,
    sentence_spans,
    split_sentences,
    terms,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BBC_DEV = ROOT.parent / "shared" / "eval" / "bbc-dev" / "articles"
NBSP = "\u00a0"
REQUIRED_ABBREVIATIONS = (
    "mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep pres st jr sr hon rev messrs",
    "inc ltd co corp u.s u.k u.n e.u mt ft",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
    "vs etc e.g i.e approx dept est fig a.m p.m",
)

SPLITS = [
    # titles, initials and suffixes
    (
        "Gen. Charles Q. Brown Jr. said on Thursday.",
        ["Gen. Charles Q. Brown Jr. said on Thursday."],
    ),
    (
        "Mr. Smith met Dr. Jones on Friday. They talked.",
        ["Mr. Smith met Dr. Jones on Friday.", "They talked."],
    ),
    ("Federer vs. Nadal was tense.", ["Federer vs. Nadal was tense."]),
    (
        "Apple Inc. said on Monday it would. Shares rose.",
        ["Apple Inc. said on Monday it would.", "Shares rose."],
    ),
    # countries and dates
    (
        "The U.S. and the U.K. agreed. Talks follow.",
        ["The U.S. and the U.K. agreed.", "Talks follow."],
    ),
    ("He lives in the U.S. He likes it.", ["He lives in the U.S.", "He likes it."]),
    (
        "between June 1 and Oct. 1 last year, he said.",
        ["between June 1 and Oct. 1 last year, he said."],
    ),
    ("It ended at 5 p.m. on Friday.", ["It ended at 5 p.m. on Friday."]),
    # "No." is an abbreviation before a number only
    ("See No. 10 Downing Street. It is old.", ["See No. 10 Downing Street.", "It is old."]),
    ("The answer is no. While we wait, talk.", ["The answer is no.", "While we wait, talk."]),
    # numbers
    ("Growth was 3.5 per cent. Prices rose.", ["Growth was 3.5 per cent.", "Prices rose."]),
    ("It costs $5.50 each. That is cheap.", ["It costs $5.50 each.", "That is cheap."]),
    # closing quotes and brackets stay with their sentence
    (
        'He said "We\'ll get there eventually, eventually." Then he left.',
        ['He said "We\'ll get there eventually, eventually."', "Then he left."],
    ),
    (
        "He said “We’ll get there eventually, eventually.” Then he left.",
        ["He said “We’ll get there eventually, eventually.”", "Then he left."],
    ),
    ("He said 'no.' She agreed.", ["He said 'no.'", "She agreed."]),
    ("He said ‘fine.’ Then he left.", ["He said ‘fine.’", "Then he left."]),
    ("Is it “over?” Nobody knows.", ["Is it “over?”", "Nobody knows."]),
    ("It is “over!” Nobody knows.", ["It is “over!”", "Nobody knows."]),
    ('He said "fine.") Then he left.', ['He said "fine.")', "Then he left."]),
    ("He said “fine.”) Then he left.", ["He said “fine.”)", "Then he left."]),
    ("(He left.) Then she came.", ["(He left.)", "Then she came."]),
    (
        "He wants NATO soldiers to work as “trainers.”",
        ["He wants NATO soldiers to work as “trainers.”"],
    ),
    # question and exclamation marks
    ("Wait! What? Really?! Yes.", ["Wait!", "What?", "Really?!", "Yes."]),
    # a lower-case word or lone punctuation does not start a sentence
    ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
    ("It was “great!” said Smith.", ["It was “great!” said Smith."]),
    ('"I don\'t know what happened." he said.', ['"I don\'t know what happened." he said.']),
    ("She followed Salaam Bombay! with a hit.", ["She followed Salaam Bombay! with a hit."]),
    ("But why not Brits???? It is odd.", ["But why not Brits????", "It is odd."]),
    ("Great! iPhone sales rose.", ["Great! iPhone sales rose."]),  # the price of the rule
    # ellipses: "…" is decided like "..."
    ("He paused… Then he spoke.", ["He paused…", "Then he spoke."]),
    ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
    ("It was… fine, he said.", ["It was… fine, he said."]),
    ("Troops into Ukraine … [will] embroil NATO.", ["Troops into Ukraine … [will] embroil NATO."]),
    # non-breaking spaces between words and after full stops
    (f"Paroinen said.{NBSP}Russia has gained.", ["Paroinen said.", "Russia has gained."]),
    (
        f"the Front.{NBSP}Reuters{NBSP}recently{NBSP}reported it.{NBSP}Then{NBSP}more.",
        ["the Front.", f"Reuters{NBSP}recently{NBSP}reported it.", f"Then{NBSP}more."],
    ),
    (f"It is done.{NBSP}", ["It is done."]),
    # no sentence punctuation, surrounding whitespace, blank text
    ("No punctuation here at all", ["No punctuation here at all"]),
    ("  Leading space. Trailing space.  \n", ["Leading space.", "Trailing space."]),
    ("", []),
    ("   \n\t ", []),
    (NBSP * 3, []),
]


@pytest.mark.parametrize(("paragraph", "expected"), SPLITS)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize(("paragraph", "expected"), SPLITS)
def test_spans_are_the_verbatim_sentences(paragraph: str, expected: list[str]) -> None:
    spans = sentence_spans(paragraph)
    assert [paragraph[a:b] for a, b in spans] == expected


def _seed_paragraphs() -> list[str]:
    return [
        block
        for path in sorted(SEEDS.glob("*.txt"))
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        if block.strip()
    ]


def _assert_well_formed(paragraph: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for a, b in spans:
        assert previous_end <= a < b <= len(paragraph)
        sentence = paragraph[a:b]
        assert sentence == sentence.strip()
        assert not paragraph[previous_end:a].strip()  # only whitespace between sentences
        previous_end = b
    assert not paragraph[previous_end:].strip()


def test_seed_paragraphs_split_into_well_formed_spans() -> None:
    paragraphs = _seed_paragraphs()
    assert len(paragraphs) > 90
    for paragraph in paragraphs:
        _assert_well_formed(paragraph, sentence_spans(paragraph))


def test_seed_with_non_breaking_spaces_after_full_stops() -> None:
    (seed,) = SEEDS.glob("001_*.txt")
    paragraph = seed.read_text(encoding="utf-8").split("\n\n")[2]
    assert f"Front.{NBSP}Reuters" in paragraph
    sentences = split_sentences(paragraph)
    assert len(sentences) == 2
    assert sentences[0].endswith("on the Eastern Front.")
    assert sentences[1].startswith(f"Reuters{NBSP}recently{NBSP}reported")


def test_seed_quote_keeps_its_closing_mark() -> None:
    (seed,) = SEEDS.glob("001_*.txt")
    paragraph = next(p for p in seed.read_text(encoding="utf-8").split("\n\n") if "May 2," in p)
    assert (
        split_sentences(paragraph)[-1]
        == "Russia has gained 222 sq km of territory since only May 2, he added.”"
    )


def test_long_text_is_split_in_windows_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = " ".join(p.replace("\n", " ") for p in _seed_paragraphs())
    whole = sentence_spans(text)
    monkeypatch.setattr(text_module, "_WINDOW", 2_000)
    assert len(text) > 10 * 2_000
    assert sentence_spans(text) == whole
    _assert_well_formed(text, whole)


def test_sentence_longer_than_the_window_is_cut_at_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "_WINDOW", 100)
    text = " ".join(["word"] * 200)
    spans = sentence_spans(text)
    _assert_well_formed(text, spans)
    assert all(b - a <= 100 for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans) == text


# ---------------------------------------------------------------------------------------------
# Shipped data


def test_punkt_parameters_hold_the_curated_abbreviations_and_initials() -> None:
    document = json.loads(package_data(PUNKT_FILE).read_text(encoding="utf-8"))
    curated = {word for group in REQUIRED_ABBREVIATIONS for word in group.split()}
    abbreviations = document["abbrev_types"]
    assert set(curated) | set(string.ascii_lowercase) <= set(abbreviations)
    assert ["no", "##number##"] in document["collocations"]
    for key in ("abbrev_types", "collocations", "sent_starters"):
        assert document[key] == sorted(document[key])
    assert all(types == sorted(types) for types in document["ortho_context"].values())


@pytest.mark.skipif(not BBC_DEV.is_dir(), reason="the BBC development set is not checked out")
def test_shipped_punkt_parameters_are_what_the_training_script_makes() -> None:
    script = ROOT / "benchmarks" / "train_punkt.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_stop_words() -> None:
    assert 180 <= len(STOP_WORDS) <= 320
    assert {"the", "and", "of", "it's", "don't", "we'll"} <= STOP_WORDS
    assert all(word == word.strip().lower() and word for word in STOP_WORDS)
    assert "’" not in "".join(STOP_WORDS)


# ---------------------------------------------------------------------------------------------
# Terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The soldiers were training", ["soldier", "train"]),
        ("Russia’s full-scale invasion", ["russia", "full-scal", "invas"]),
        ("O’Brien said the U.S. spent $11.1bn", ["o'brien", "said", "u.s", "spent", "11.1bn"]),
        ("3.5 per cent of 1,000 F-16s", ["3.5", "per", "cent", "1,000", "f-16"]),
        ("It’s what we’ll do, isn’t it? A B c", []),
        ("Café naïve ÜBER", ["café", "naïv", "über"]),
        ("", []),
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_terms_drop_stop_words_and_single_characters() -> None:
    found = terms(" ".join(sorted(STOP_WORDS)) + " x y 7 NATO")
    assert found == ["nato"]


# ---------------------------------------------------------------------------------------------
# nltk is imported lazily, without its heavy package __init__, and leaves no trace


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_importing_the_module_does_not_import_nltk() -> None:
    out = _run(
        """
        import sys
        import briefing.text
        print(sorted(m for m in sys.modules if m == "nltk" or m.startswith("nltk.")))
        """
    )
    assert out.strip() == "[]"


def test_splitting_leaves_a_normal_nltk_for_the_user() -> None:
    out = _run(
        """
        import sys
        from briefing.text import split_sentences, terms
        sentences = split_sentences("Mr. Smith left. He came back.")
        assert sentences == ["Mr. Smith left.", "He came back."]
        assert terms("troops training") == ["troop", "train"]
        assert not [m for m in sys.modules if m == "nltk" or m.startswith("nltk.")]

        import nltk
        assert nltk.FreqDist("abca")["a"] == 2
        # preserve_line: no Punkt sentence pass, so no nltk_data needed
        words = nltk.word_tokenize("Hello, world.", preserve_line=True)
        assert words == ["Hello", ",", "world", "."]
        from nltk.tokenize import TreebankWordTokenizer
        assert TreebankWordTokenizer().tokenize("Hello, world.") == ["Hello", ",", "world", "."]
        from nltk.tokenize.punkt import PunktSentenceTokenizer
        assert PunktSentenceTokenizer().tokenize("One. Two.") == ["One.", "Two."]
        print("ok")
        """
    )
    assert out.strip() == "ok"


def test_splitting_never_reaches_nltk_data_or_the_downloader() -> None:
    out = _run(
        """
        import json, sys

        class Recorder:
            names = []
            def find_spec(self, name, path=None, target=None):
                self.names.append(name)
                return None

        recorder = Recorder()
        sys.meta_path.insert(0, recorder)
        from briefing.text import split_sentences, terms
        split_sentences("One. Two.")
        terms("words")
        print(json.dumps(recorder.names))
        """
    )
    imported = json.loads(out)
    assert "nltk.tokenize.punkt" in imported
    assert not {"nltk.data", "nltk.downloader", "nltk.corpus", "scipy"} & set(imported)


def test_an_nltk_imported_before_is_used_as_it_is() -> None:
    code = """
        import json, re, sys
        {preload}
        from briefing.text import sentence_spans, terms
        paragraphs = [
            b for p in sorted(__import__("pathlib").Path("seeds").glob("*.txt"))
            for b in re.split(r"\\n\\s*\\n", p.read_text(encoding="utf-8")) if b.strip()
        ]
        print(json.dumps([sentence_spans(p) for p in paragraphs] + [terms(p) for p in paragraphs]))
        print("nltk.corpus" in sys.modules)
        """
    bare = _run(code.format(preload="")).splitlines()
    full = _run(code.format(preload="import nltk")).splitlines()
    assert bare[0] == full[0]
    assert (bare[1], full[1]) == ("False", "True")


def test_concurrent_first_use_builds_one_working_splitter() -> None:
    out = _run(
        """
        import sys
        from concurrent.futures import ThreadPoolExecutor
        from briefing.text import split_sentences

        text = "Gen. Charles Q. Brown Jr. spoke. Then he left."
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda _: split_sentences(text), range(32)))
        assert all(r == ["Gen. Charles Q. Brown Jr. spoke.", "Then he left."] for r in results)
        assert not [m for m in sys.modules if m == "nltk" or m.startswith("nltk.")]
        print("ok")
        """
    )
    assert out.strip() == "ok"
