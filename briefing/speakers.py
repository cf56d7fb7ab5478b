"""Who said what: rule-based attribution of reported statements and quotes to a speaker."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from briefing.model import Sentence

_VERBS = (
    r"(?:said|says|told|tells|warned|warns|declared|declares|stated|states|added|adds|announced"
    r"|announces|insisted|insists|claimed|claims|argued|argues|noted|notes|wrote|writes"
    r"|indicated|indicates|spoke|speaks|suggested|suggests|explained|explains|confirmed|confirms)"
)
_AUX = r"(?:(?:has|had|have|also|later|then|reportedly|recently|repeatedly)\s+)*"
# A capitalised run: "Gen. Charles Q. Brown Jr.", "Macron", "France 24".
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|\d+))*"
# "Name said", "Name, the chairman of ..., said", "Name has indicated".
_NAME_VERB = re.compile(rf"({_NAME})(?:,[^,“”\"]{{1,90}},)?\s+{_AUX}{_VERBS}\b")
# "said Macron", "warned President Putin".
_VERB_NAME = re.compile(rf"\b{_VERBS}\s+({_NAME})")
_ACCORDING = re.compile(
    rf"\baccording to\s+(?:the\s+)?({_NAME}|(?:[a-z]+\s+){{0,2}}"
    r"(?:officials|sources|analysts|experts|diplomats|reports))"
)
_PRONOUN = re.compile(rf"\b(?:he|she|they)\s+{_AUX}{_VERBS}\b", re.IGNORECASE)
_QUOTE_OPEN = re.compile(r"[“\"‘]")
# Sentence-initial words a capitalised run may start with that are no part of a name.
_LEADING = frozenset(
    {"The", "A", "An", "But", "And", "So", "Yet", "On", "In", "As", "When", "While", "Although"}
)
# Titles a name may start with; words before one ("Chairman of the Joint Chiefs of Staff") are
# a description, not part of the name.
_TITLES = frozenset(
    {
        "Gen.", "General", "President", "Chairman", "Minister", "Secretary", "Adm.", "Admiral",
        "Col.", "Lt.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prime", "Chancellor", "Sen.", "Senator",
        "Rep.", "Commander", "Gov.", "Governor",
    }
)  # fmt: skip
_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii"})
# Capitalised words that begin a sentence or clause and are never speakers.
_NOT_NAMES = frozenset({"It", "This", "That", "There", "What", "Which", "Who", "We", "I", "You"})


def _clean(name: str) -> str | None:
    words = name.split()
    while words and words[0] in _LEADING:
        words = words[1:]
    title = next((i for i, w in enumerate(words) if w in _TITLES), None)
    if title is not None and title < len(words) - 1:
        words = words[title:]
    if not words or words[0] in _NOT_NAMES:
        return None
    return " ".join(words).rstrip(",.") + ("." if words[-1].lower() in {"jr.", "sr."} else "")


def speaker_key(name: str) -> str:
    """The key two mentions of one speaker share: the surname, lower-cased ("brown")."""
    words = [w.strip(".,’'").lower() for w in name.split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    return words[-1] if words else name.lower()


def attribute(text: str, previous: str | None = None) -> str | None:
    """The speaker of the sentence ``text``, or None when it reports no one.

    A named subject of a speech verb wins over "according to"; a pronoun ("he said") refers to
    a titled person named earlier in the sentence, else, like a bare quote, to the speaker of
    the previous sentence, ``previous``.
    """
    quote = _QUOTE_OPEN.search(text)
    cut = quote.start() if quote else len(text)
    named = [m for m in _NAME_VERB.finditer(text) if _clean(m.group(1))]
    if named:
        # The subject nearest before a quote is the one quoted ("X has said no, but Y said ...").
        before = [m for m in named if m.start() < cut]
        chosen = before[-1] if before else named[0]
        return _clean(chosen.group(1))
    for regex in (_VERB_NAME, _ACCORDING):
        for match in regex.finditer(text):
            name = _clean(match.group(1)) if match.group(1)[:1].isupper() else match.group(1)
            if name:
                return name
    pronoun = _PRONOUN.search(text)
    if pronoun:
        # "Minister Hanno Pevkur gave an interview in which he stated ...": the pronoun refers
        # to the titled person the sentence itself names, not to the previous sentence's speaker.
        titled = [
            name
            for m in re.finditer(_NAME, text[: pronoun.start()])
            if (name := _clean(m.group(0))) and name.split()[0] in _TITLES and " " in name
        ]
        if titled:
            return titled[-1]
    if previous and (pronoun or text.lstrip()[:1] in '“"‘'):
        return previous
    return None


def attribute_all(sentences: Sequence[Sentence]) -> list[str | None]:
    """The speaker of each sentence of one source, carrying a speaker to the next sentence only."""
    out: list[str | None] = []
    previous: str | None = None
    for sentence in sentences:
        speaker = attribute(sentence.text, previous)
        out.append(speaker)
        previous = speaker
    return out


def canonical_names(names: Iterable[str | None]) -> dict[str, str]:
    """For each speaker key, the form to show: the most frequent, the longer on a tie."""
    counts: Counter[str] = Counter(n for n in names if n)
    best: dict[str, tuple[int, int, str]] = {}
    for name, count in counts.items():
        rank = (count, len(name), name)
        key = speaker_key(name)
        if key not in best or rank > best[key]:
            best[key] = rank
    return {key: rank[2] for key, rank in best.items()}
