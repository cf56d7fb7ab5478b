"""Sentences and terms: Punkt sentence splitting with shipped parameters, word terms, stop words."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import re
import sys
import threading
from collections import Counter
from collections.abc import Iterable
from types import ModuleType
from typing import Any, NamedTuple

from briefing.errors import BriefingError
from briefing.resources import package_data

__all__ = [
    "PUNKT_FILE",
    "STOP_WORDS",
    "STOP_WORDS_FILE",
    "punkt_document",
    "sentence_spans",
    "split_sentences",
    "terms",
]

PUNKT_FILE = "punkt_english.json"
"""Punkt parameters under ``briefing/data/``, written by ``benchmarks/train_punkt.py``."""

STOP_WORDS_FILE = "stopwords_english.txt"
"""English stop words under ``briefing/data/``, one a line."""

_PUNKT_FORMAT = 1

# Sentence ends that Punkt does not know: the ellipsis character is handled like "...",
# i.e. a boundary only when the next word looks like a sentence start.
_ELLIPSIS = "\u2026"

# Closing quotes and brackets that belong to the sentence they follow. Older nltk (3.9) only
# knows the straight ones; naming them all here gives the same splits with every nltk >= 3.9.
_CLOSERS = "\"')]}\u2018\u2019\u201c\u201d\u00ab\u00bb"

# Unicode spaces become ASCII ones of the same length, so spans stay valid: Punkt finds the
# word before a full stop with string.whitespace, so "said.\u00a0Russia" lost its boundary.
_UNICODE_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_UNICODE_LINE_BREAK = re.compile("[\u0085\u2028\u2029]")

# Longest stretch handed to Punkt in one go: nltk runs each regex scan under a 5-second
# wall-clock limit, and a bounded window keeps memory flat on a pathological 50 MB paragraph.
_WINDOW = 200_000

_TERM_CACHE_SIZE = 1 << 16

_WORD_CHARACTER = re.compile(r"\w")

# Words with their inner hyphens, apostrophes, full stops and commas: "full-scale", "o'brien",
# "u.s", "3.5", "1,000". A plain \w-based pattern is twice as fast as one with letter classes,
# and a run-together "said.russia" is one more rare term, which TF-IDF shrugs off.
_TOKEN = re.compile(r"\w+(?:[-'.,]\w+)*")

_NLTK_LOCK = threading.Lock()

# The nltk packages whose __init__ we skip: nltk/__init__.py imports most of nltk (and scipy),
# nltk/tokenize/__init__.py every tokenizer, nltk/stem/__init__.py every stemmer and the corpora.
_BARE_PACKAGES = ("nltk", "nltk.tokenize", "nltk.stem")


class _Nltk(NamedTuple):
    """The two nltk modules this package uses."""

    punkt: ModuleType
    porter: ModuleType


def _load_stop_words() -> frozenset[str]:
    path = package_data(STOP_WORDS_FILE)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BriefingError(f"cannot read {path}: {exc.strerror}; reinstall briefing") from exc
    return frozenset(word for line in lines if (word := line.strip()) and not word.startswith("#"))


STOP_WORDS: frozenset[str] = _load_stop_words()
"""English stop words (NLTK's list), lowercase with straight apostrophes."""


# ---------------------------------------------------------------------------------------------
# Importing nltk


def _nltk() -> _Nltk:
    """nltk's Punkt and Porter modules, imported on first use."""
    with _NLTK_LOCK:
        return _import_nltk()


@functools.cache
def _import_nltk() -> _Nltk:
    names = ("nltk.tokenize.punkt", "nltk.stem.porter")
    try:
        if "nltk" in sys.modules:
            punkt, porter = (importlib.import_module(name) for name in names)
        else:
            punkt, porter = _import_skipping_package_inits(names)
    except ImportError as exc:
        raise BriefingError(
            f"cannot import nltk ({exc}); install it with: pip install 'nltk>=3.9'"
        ) from exc
    return _Nltk(punkt=punkt, porter=porter)


def _import_skipping_package_inits(names: Iterable[str]) -> list[ModuleType]:
    """Import nltk submodules without running the ``__init__`` of the packages above them.

    ``import nltk.tokenize.punkt`` executes nltk/__init__.py, which imports nearly all of nltk
    and scipy.stats (about 1.4 s); Punkt and Porter themselves need a dozen small modules
    (about 0.08 s). So the packages are registered as empty module objects with the right
    ``__path__``, the submodules are imported, and then every ``nltk`` entry this added is
    taken out of ``sys.modules`` again: a later ``import nltk`` by the user's code starts from
    scratch and gets the complete package. The classes we keep hold their own module globals,
    so they go on working. (Another thread importing nltk during these few milliseconds could
    see the empty package; importing nltk before the first split avoids that.)
    """
    before = set(sys.modules)
    try:
        for package in _BARE_PACKAGES:
            spec = importlib.util.find_spec(package)
            if spec is None or spec.submodule_search_locations is None:
                raise ImportError(f"no package {package}")
            module = importlib.util.module_from_spec(spec)
            sys.modules[package] = module
            parent, _, child = package.rpartition(".")
            if parent:
                setattr(sys.modules[parent], child, module)
        return [importlib.import_module(name) for name in names]
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


# ---------------------------------------------------------------------------------------------
# Punkt


class _PunktClasses(NamedTuple):
    """nltk's Punkt classes, the first two adapted to news text (nltk ships no type hints)."""

    language_vars: Any
    token: Any
    tokenizer: Any
    trainer: Any


@functools.cache
def _punkt_classes() -> _PunktClasses:
    punkt = _nltk().punkt
    language_vars_base: Any = punkt.PunktLanguageVars
    token_base: Any = punkt.PunktToken
    non_word = re.escape("".join(sorted(set(_CLOSERS) | set(")\";}]*:@'({[?!"))))

    class LanguageVars(language_vars_base):  # type: ignore[misc]  # nltk ships no types
        """Curly quotes close sentences; "…" is a possible sentence end, like "..."."""

        __slots__ = ()

        re_boundary_realignment = re.compile(
            f"[{re.escape(_CLOSERS)}]+?(?:\\s+|(?=--)|$)", re.MULTILINE
        )
        _re_multi_char_punct = rf"(?:\-{{2,}}|\.{{2,}}|(?:\.\s){{2,}}\.|{_ELLIPSIS}+)"

        @property
        def _re_sent_end_chars(self) -> str:
            return f"[.?!{_ELLIPSIS}]"

        @property
        def _re_non_word_chars(self) -> str:
            return f"(?:[{non_word}])"

    class Token(token_base):  # type: ignore[misc]  # nltk ships no types
        """A Punkt token for which "…" is an ellipsis that may end a sentence."""

        __slots__ = ()

        _RE_ELLIPSIS = re.compile(rf"(?:\.\.+|{_ELLIPSIS}+)$")

        def __init__(self, tok: str, **params: Any) -> None:
            super().__init__(tok, **params)
            if tok.endswith(_ELLIPSIS):
                # Punkt only reconsiders period-final tokens in its second pass.
                self.period_final = True  # type: ignore[misc]  # a slot of nltk's PunktToken

    return _PunktClasses(LanguageVars, Token, punkt.PunktSentenceTokenizer, punkt.PunktTrainer)


@functools.cache
def _tokenizer() -> Any:
    """The Punkt sentence tokenizer with the shipped parameters (built once)."""
    classes = _punkt_classes()
    params = _punkt_parameters(_read_punkt_document())
    return classes.tokenizer(params, lang_vars=classes.language_vars(), token_cls=classes.token)


def _read_punkt_document() -> dict[str, Any]:
    path = package_data(PUNKT_FILE)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BriefingError(
            f"cannot read the sentence splitter's parameters {path} ({exc}); reinstall briefing"
        ) from exc
    if not isinstance(document, dict) or document.get("format") != _PUNKT_FORMAT:
        raise BriefingError(
            f"{path} is not format {_PUNKT_FORMAT} Punkt parameters; reinstall briefing "
            "or rerun benchmarks/train_punkt.py"
        )
    return document


def _punkt_parameters(document: dict[str, Any]) -> Any:
    params = _nltk().punkt.PunktParameters()
    params.abbrev_types = set(document["abbrev_types"])
    params.collocations = {(first, second) for first, second in document["collocations"]}
    params.sent_starters = set(document["sent_starters"])
    for flags, types in document["ortho_context"].items():
        for typ in types:
            params.ortho_context[typ] = int(flags)
    return params


def punkt_document(
    texts: Iterable[str],
    abbreviations: Iterable[str],
    collocations: Iterable[tuple[str, str]] = (),
    *,
    min_count: int = 3,
) -> dict[str, Any]:
    """Train Punkt on ``texts`` and return its parameters as the JSON document we ship.

    ``abbreviations`` (lowercase, no final full stop: ``"mr"``, ``"u.s"``) are known before
    training and always kept, as are ``collocations``: pairs of a word that ends in a full stop
    and the next word's type (``("no", "##number##")``) with no sentence end between them.

    Three of Punkt's guesses are cut back, as a small corpus makes them noisy: learned
    abbreviations seen fewer than ``PunktTrainer.ABBREV_BACKOFF`` times (words that happened to
    end a sentence: "hug.", "kid."), sentence starters never seen in lower case except "I"
    (names: "Nadal"), and the case of words seen fewer than ``min_count`` times. Words only
    ever seen capitalised are left out of the orthographic context: Punkt treats them exactly
    as unknown words. Lists are sorted, so the document is deterministic.
    """
    classes = _punkt_classes()
    lang_vars = classes.language_vars()
    trainer = classes.trainer(lang_vars=lang_vars, token_cls=classes.token)
    curated = {abbreviation.lower().rstrip(".") for abbreviation in abbreviations}
    # get_params() hands back the trainer's live parameters: seeding them means the first
    # pass already knows "Mr." is no sentence end when it counts sentence starters.
    trainer.get_params().abbrev_types.update(curated)
    counts: Counter[str] = Counter()
    for text in texts:
        normalised = _ascii_spaces(text)
        trainer.train(normalised, finalize=False)
        counts.update(word.lower() for word in lang_vars.word_tokenize(normalised))
    params = trainer.get_params()

    lowercase = _nltk().punkt._ORTHO_LC
    ortho = {
        typ: flags
        for typ, flags in params.ortho_context.items()
        if flags & lowercase and counts[typ] + counts[f"{typ}."] >= min_count
    }
    learned = {
        abbreviation
        for abbreviation in params.abbrev_types - curated
        if counts[f"{abbreviation}."] >= classes.trainer.ABBREV_BACKOFF
    }
    starters = {word for word in params.sent_starters if word in ortho or word == "i"}
    by_flags: dict[str, list[str]] = {}
    for typ, flags in sorted(ortho.items()):
        by_flags.setdefault(str(flags), []).append(typ)
    return {
        "format": _PUNKT_FORMAT,
        "abbrev_types": sorted(curated | learned),
        "collocations": sorted(
            [first, second] for first, second in params.collocations | set(collocations)
        ),
        "sent_starters": sorted(starters),
        "ortho_context": dict(sorted(by_flags.items())),
    }


# ---------------------------------------------------------------------------------------------
# Sentences


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences in one paragraph of ``text``.

    ``text[start:end]`` is a sentence exactly as written, without surrounding whitespace;
    spans are in order and never empty. Blank text has no sentences; text without sentence
    punctuation is one sentence. Raises BriefingError when nltk or the shipped parameters
    cannot be loaded (a broken install).
    """
    tokenizer = _tokenizer()
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > _WINDOW:
        end = start + _WINDOW
        found = _spans_between(tokenizer, text, start, end)
        if len(found) >= 3:
            # The last sentence may be cut by the window, and the boundary before it was
            # decided on its first word, which may be cut too: both are redone next round.
            spans.extend(found[:-2])
            start = found[-2][0]
        else:
            cut = max(text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end))
            cut = end if cut <= start else cut
            spans.extend(_spans_between(tokenizer, text, start, cut))
            start = cut
    spans.extend(_spans_between(tokenizer, text, start, len(text)))
    return spans


def _spans_between(tokenizer: Any, text: str, start: int, end: int) -> list[tuple[int, int]]:
    window = _ascii_spaces(text[start:end])
    spans: list[tuple[int, int]] = []
    for a, b in tokenizer.span_tokenize(window):
        # Punkt leaves the paragraph's leading whitespace in the first sentence.
        first = a + len(window[a:b]) - len(window[a:b].lstrip())
        last = a + len(window[a:b].rstrip())
        if first >= last:
            continue
        # Punkt always ends a sentence at "?" and "!" ('"Why?" he asked.' made two), and
        # nltk splits "Brits????" into "Brits???" and "?". A news sentence does not open with a
        # lower-case letter (an "iPhone" or "eBay" opening is the rare price) or consist of
        # punctuation alone, so such a piece belongs to the sentence before.
        if spans and (window[first].islower() or not _WORD_CHARACTER.search(window, first, last)):
            spans[-1] = (spans[-1][0], start + last)
        else:
            spans.append((start + first, start + last))
    return spans


def _ascii_spaces(text: str) -> str:
    if text.isascii():
        return text
    return _UNICODE_LINE_BREAK.sub("\n", _UNICODE_SPACE.sub(" ", text))


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, verbatim (see :func:`sentence_spans`)."""
    return [text[a:b] for a, b in sentence_spans(text)]


# ---------------------------------------------------------------------------------------------
# Terms


def terms(text: str) -> list[str]:
    """Content terms of ``text`` in order, for TF-IDF: lowercase Porter stems of its words.

    Stop words, one-character tokens and a possessive "'s" are dropped; curly apostrophes count
    as straight ones; hyphenated words, numbers and dotted abbreviations stay one term
    ("full-scal", "3.5", "u.s").
    """
    found = []
    for word in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        term = _term(word)
        if term:
            found.append(term)
    return found


# Porter takes tens of microseconds a word and news repeats its words: each distinct token is
# stemmed once. Bounded, so that a huge input cannot grow the cache without limit.
@functools.lru_cache(maxsize=_TERM_CACHE_SIZE)
def _term(word: str) -> str:
    """The term for one lowercase token, or "" when it is a stop word or too short."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or word in STOP_WORDS:
        return ""
    if "." in word:
        return word  # "u.s" and "3.5" are no English words: Porter would make "u.s" into "u."
    stem: str = _stemmer().stem(word, to_lowercase=False)
    return stem


@functools.cache
def _stemmer() -> Any:
    return _nltk().porter.PorterStemmer()
