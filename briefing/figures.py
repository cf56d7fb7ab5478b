"""Key numbers: figures in source sentences with what they count ("150,000 new recruits")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.text import STOP_WORDS

_SCALE = r"(?:\s+(?:million|billion|trillion|thousand|hundred))?"
_FIGURE = re.compile(
    rf"(?<![\w.,/-])(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?){_SCALE}(\s*(?:%|percent\b))?"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_AFTER_MONTH = re.compile(rf"\b(?:{_MONTHS})\.?\s+$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*\.?")
# "a population of 42 million", "death toll of about 500": the counted noun comes before.
_OF_BEFORE = re.compile(
    r"\b([a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\s+(?:of|at|to|reached|stands at)\s+"
    r"(?:about|around|some|nearly|almost|more than|over|up to|roughly|at least)?\s*$"
)
# Words after a figure that end its subject, and words that are never the subject.
_STOPPERS = STOP_WORDS | {"since", "between", "than", "per", "ago", "later", "earlier"}
_UNITS = {"sq", "km", "square", "kilometres", "kilometers", "miles", "%", "percent"}
_MAX_SUBJECT_WORDS = 3
_UNIT_ENDS = {"km", "kilometres", "kilometers", "miles", "tonnes", "tons", "dollars", "euros"}
_PLURAL = re.compile(r"[^s]s$|people$|men$|children$")


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure as written ("150,000", "42 million", "20%") and the words it counts."""

    figure: str
    subject: str

    @property
    def key(self) -> str:
        """What the figure counts, for comparing figures across sources ("recruits")."""
        words = self.subject.lower().split()
        return words[-1].rstrip(".") if words else ""


def _subject_after(text: str, end: int) -> str:
    words: list[str] = []
    for match in _WORD.finditer(text, end):
        gap = text[end : match.start()]
        if gap.strip():
            break
        word = match.group(0)
        if word.lower().rstrip(".") in _STOPPERS or (word[:1].isupper() and not words):
            break
        words.append(word.rstrip(".") if word.lower() not in {"sq."} else word)
        end = match.end()
        # A plural noun or a unit ends the subject: "new recruits", "sq km".
        bare = word.lower().rstrip(".")
        if len(words) == _MAX_SUBJECT_WORDS or bare in _UNIT_ENDS or _PLURAL.search(bare):
            break
    return " ".join(words)


def figures(sentence: str) -> list[Figure]:
    """The figures of a sentence that count something, in order; years and dates are skipped."""
    out: list[Figure] = []
    for match in _FIGURE.finditer(sentence):
        number, percent = match.group(1), match.group(2)
        value = float(number.replace(",", ""))
        if _AFTER_MONTH.search(sentence[: match.start()]):
            continue
        scaled = match.group(0) != number + (percent or "")
        if not scaled and not percent and "," not in number and 1800 <= value <= 2100:
            continue  # a year
        figure = match.group(0).strip()
        subject = "" if percent else _subject_after(sentence, match.end())
        if not subject or (subject.split()[0].lower() in _UNITS and len(subject.split()) == 1):
            before = _OF_BEFORE.search(sentence[: match.start()])
            if before and before.group(1).split()[-1] not in _STOPPERS:
                subject = f"{before.group(1)} ({subject})" if subject else before.group(1)
        if subject:
            out.append(Figure(figure, subject))
    return out
