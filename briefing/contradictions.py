"""Statements from different sources that disagree: polarity, differing figures, misquotes."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.corroboration import TermIndex
from briefing.figures import figures
from briefing.model import Citation, Contradiction, Item, Sentence
from briefing.speakers import speaker_key
from briefing.text import terms

DISPUTED = "disputed_framing"
# Negation cues; the content words right after one are what the sentence denies.
_NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|without|absence of|lack of|denied|denies|deny|cannot)\b"
    r"|(?<=\w)n['’]t\b",
    re.IGNORECASE,
)
_NEGATED_SPAN = re.compile(r"[^,.;:!?()“”\"]{1,40}")
# How many content words after a negation cue make up the denied subject.
_SPAN_TERMS = 3
# A denial needs this many rare terms; the other sentence must carry all of them, within a few
# terms of each other, and share a further rare term, so "no formal request ... government"
# meets "government is formally requesting" but not every sentence that mentions a request.
_MIN_SPAN_MATCH = 2
_SPAN_WINDOW = 4
_MIN_CONTEXT = 1
# Terms in more than this share of sentences say nothing about what a sentence is about; terms
# in at most the rare share (or _RARE_MIN sentences) are specific enough to tie a denial to an
# assertion. On the seeds "send" and "troop" sit in 15% of sentences, "formal" and "request" in 2%.
_COMMON_SHARE = 0.2
_RARE_SHARE = 0.05
_RARE_MIN = 3
# Figures for the same subject conflict only in sentences sharing this many further terms.
_MIN_NUMBER_CONTEXT = 3
# A denial is compared only with sentences at least this similar (TF-IDF cosine) to it; on the
# seeds "no formal request for military assistance from the Ukrainian government" and
# "government is now formally requesting it" score 0.22.
_SAME_CLAIM = 0.2
# Two figures for one subject conflict only in sentences this similar: the same claim with
# another figure, not two reports that happen to count the same thing.
_SAME_FIGURE_CLAIM = 0.5
# Two quotes of one speaker are one remark worded differently when their words overlap this much.
_SAME_REMARK = 0.5
# A speaker quoted more often than this is a generic name ("officials"), not one remark.
_MAX_BLOCK = 64
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[,.]\d+)*(?![\w])")
_QUOTE = re.compile(r"[“\"]([^”\"]{8,}?)[”\"]")
_WORDS = re.compile(r"[\w']+")


@dataclass(frozen=True, slots=True)
class Analysed:
    """A sentence with what contradiction finding needs: its terms and speaker."""

    sentence: Sentence
    terms: frozenset[str]
    speaker: str | None


Denial = tuple[str, tuple[str, ...]]


def denials(text: str) -> list[Denial]:
    """Each negation's span and its content terms ("formal request", (formal, request))."""
    out = []
    for match in _NEGATION.finditer(text):
        span = _NEGATED_SPAN.match(text, match.end())
        if span is None:
            continue
        found = terms(span.group(0))[:_SPAN_TERMS]
        if found:
            out.append((span.group(0).strip(), tuple(found)))
    return out


def _subject(span: str, wanted: Sequence[str]) -> str:
    """The words of a denied span up to the last denied term ("formal request")."""
    words = span.split()
    for n in range(1, len(words) + 1):
        if all(t in terms(" ".join(words[:n])) for t in wanted):
            return " ".join(words[:n])
    return span


def _item(sentences: Sequence[Sentence], kind: str, speaker: str | None) -> Item:
    """One side: the first sentence's words, citing every sentence (own quote when worded apart)."""
    lead = sentences[0].text
    citations = tuple(
        Citation(s.source_id, s.paragraph, None if s.text == lead else s.text) for s in sentences
    )
    return Item(
        text=lead,
        citations=citations,
        theme=DISPUTED,
        cues=(f"contradiction: {kind}",),
        speaker=speaker,
    )


class _Finder:
    def __init__(self, analysed: Sequence[Analysed], index: TermIndex) -> None:
        self.rows = analysed
        self.index = index
        df: Counter[str] = Counter()
        for a in analysed:
            df.update(a.terms)
        n = len(analysed)
        self.common = frozenset(t for t, d in df.items() if d > n * _COMMON_SHARE)
        limit = max(_RARE_MIN, n * _RARE_SHARE)
        self.rare = frozenset(t for t, d in df.items() if d <= limit)
        self.found: dict[tuple[str, str, str], Contradiction] = {}

    def add(self, kind: str, subject: str, first: Item, second: Item) -> None:
        ordered = sorted((first, second), key=lambda i: (i.citations[0].source, i.text))
        key = (kind, ordered[0].text, ordered[1].text)
        if key not in self.found:
            self.found[key] = Contradiction(kind, subject, ordered[0], ordered[1])

    def polarity(self, denied: Sequence[Sequence[Denial]]) -> None:
        order = [
            (row, span, wanted)
            for row, found in enumerate(denied)
            for span, terms_denied in found
            if len(wanted := [t for t in terms_denied if t in self.rare]) >= _MIN_SPAN_MATCH
        ]
        carriers = self.index.carrying([wanted for _, _, wanted in order])
        pairs = []
        for (row, span, wanted), others in zip(order, carriers, strict=True):
            a = self.rows[row]
            for other in others:
                b = self.rows[other]
                if b.sentence.source_id == a.sentence.source_id:
                    continue
                if all(t in b.terms for t in wanted) and self._context(a, b, wanted):
                    pairs.append((row, other, span, wanted))
        similarity = self.index.cosines([p[0] for p in pairs], [p[1] for p in pairs])
        for (row, other, span, wanted), sim in zip(pairs, similarity, strict=True):
            if sim < _SAME_CLAIM or not self._affirms(other, wanted, denied[other]):
                continue
            a, b = self.rows[row], self.rows[other]
            self.add(
                "polarity",
                _subject(span, wanted),
                _item((a.sentence,), "polarity", a.speaker),
                _item((b.sentence,), "polarity", b.speaker),
            )

    def _affirms(self, row: int, wanted: Sequence[str], denied: Sequence[Denial]) -> bool:
        """True when row ``row`` states the terms close together and does not deny them."""
        # A sentence denying any of the terms itself ("would not ... to any job") affirms nothing.
        if any(t in d for _, d in denied for t in wanted):
            return False
        where = {t: i for i, t in reversed(list(enumerate(self.index.bags[row])))}
        spots = sorted(where[t] for t in wanted if t in where)
        return len(spots) == len(wanted) and spots[-1] - spots[0] <= _SPAN_WINDOW

    def _context(self, a: Analysed, b: Analysed, wanted: Sequence[str]) -> bool:
        shared = (a.terms & b.terms & self.rare) - set(wanted)
        return len(shared) >= _MIN_CONTEXT

    def numbers(self) -> None:
        found = {
            row: placed for row, a in enumerate(self.rows) if (placed := _numbers(a.sentence.text))
        }
        for row, others, _ in self.index.similar(sorted(found), _SAME_FIGURE_CLAIM):
            a = self.rows[row]
            for other in others:
                b = self.rows[other]
                if (
                    other < row
                    or other not in found
                    or b.sentence.source_id == a.sentence.source_id
                ):
                    continue
                differ = _differing(found[row], found[other])
                if differ is None:
                    continue
                counted = set(terms(" ".join(differ)))
                if len((a.terms & b.terms) - self.common - counted) < _MIN_NUMBER_CONTEXT:
                    continue
                self.add(
                    "number",
                    _counted(a.sentence.text, differ[0])
                    or _counted(b.sentence.text, differ[1])
                    or " or ".join(differ),
                    _item((a.sentence,), "number", a.speaker),
                    _item((b.sentence,), "number", b.speaker),
                )

    def wording(self) -> None:
        remarks: dict[str, list[tuple[tuple[str, ...], Analysed]]] = defaultdict(list)
        for a in self.rows:
            if a.speaker is None or not a.speaker[:1].isupper():
                continue
            for quoted in _QUOTE.findall(a.sentence.text):
                words = tuple(w.lower() for w in _WORDS.findall(quoted.replace("’", "'")))
                if len(words) >= 3:
                    remarks[speaker_key(a.speaker)].append((words, a))
        for said in remarks.values():
            if len(said) > _MAX_BLOCK:
                continue
            for x, (wa, a) in enumerate(said):
                for wb, b in said[x + 1 :]:
                    if a.sentence.source_id == b.sentence.source_id or wa == wb:
                        continue
                    if _contains(wa, wb) or _jaccard(wa, wb) < _SAME_REMARK:
                        continue
                    first = [s for w, s in said if w == wa]
                    second = [s for w, s in said if w == wb]
                    self.add(
                        "wording",
                        a.speaker or "",
                        _item(_one_per_source(first), "wording", a.speaker),
                        _item(_one_per_source(second), "wording", b.speaker),
                    )


def _numbers(text: str) -> list[tuple[str, str, str]]:
    """Each number of ``text`` with the words just before and after it (lower-cased)."""
    out = []
    for match in _NUMBER.finditer(text):
        before = _WORDS.findall(text[max(0, match.start() - 30) : match.start()].lower())
        after = _WORDS.findall(text[match.end() : match.end() + 30].lower())
        out.append((match.group(0), before[-1] if before else "", after[0] if after else ""))
    return out


def _differing(
    first: Sequence[tuple[str, str, str]], second: Sequence[tuple[str, str, str]]
) -> tuple[str, str] | None:
    """A number of ``first`` and another in the same place of ``second`` (between the same
    words), when neither sentence also gives the other's number; else None.

    A sentence may give one amount twice ("$3bn (£1.65bn)"): a number the other sentence gives
    anywhere is no disagreement.
    """
    mine = {n for n, _, _ in first}
    theirs = {n for n, _, _ in second}
    for number, before, after in first:
        if number in theirs:
            continue
        for other, b, a in second:
            if other not in mine and (b, a) == (before, after):
                return number, other
    return None


def _counted(text: str, number: str) -> str:
    """What ``number`` counts in ``text`` ("new recruits"), or "" when it counts nothing."""
    return next((f.subject for f in figures(text) if f.figure.startswith(number)), "")


def _one_kind_per_pair(found: list[Contradiction]) -> list[Contradiction]:
    """Each pair of sentences under one kind only.

    A quote found both reworded and denied (or with another figure) is a denial (a number
    dispute) when the two differ only by negation words (only by numbers): "will" against
    "will not". When other words differ too ("of" against "never") it is a rewording.
    """
    kinds: dict[frozenset[str], set[str]] = {}
    for c in found:
        for pair in _pairs_of(c):
            kinds.setdefault(pair, set()).add(c.kind)
    kept = []
    for c in found:
        pairs = [p for p in _pairs_of(c) if len(kinds[p]) > 1]
        if not pairs:
            kept.append(c)
            continue
        specific = (
            all(_differ_only_by(p, c.kind) for p in pairs)
            if c.kind != "wording"
            else any(not _differ_only_by(p, k) for p in pairs for k in kinds[p] - {"wording"})
        )
        if specific:
            kept.append(c)
    return kept


def _pairs_of(c: Contradiction) -> list[frozenset[str]]:
    return [
        frozenset({one.quote or c.first.text, two.quote or c.second.text})
        for one in c.first.citations
        for two in c.second.citations
    ]


def _differ_only_by(pair: frozenset[str], kind: str) -> bool:
    """True when the two sentences' differing words are all negations (polarity) or numbers."""
    first, *rest = [Counter(w.lower() for w in _WORDS.findall(t)) for t in pair]
    second = rest[0] if rest else first
    differing = (first - second) + (second - first)
    if kind == "polarity":
        return all(_NEGATION.fullmatch(w) for w in differing)
    return all(_NUMBER.fullmatch(w) for w in differing)


def _one_per_source(rows: Iterable[Analysed]) -> list[Sentence]:
    seen: dict[str, Sentence] = {}
    for a in rows:
        seen.setdefault(a.sentence.source_id, a.sentence)
    return [seen[k] for k in sorted(seen)]


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)


def _contains(a: Sequence[str], b: Sequence[str]) -> bool:
    """True when one quote is a cut of the other (a shorter excerpt is no different wording)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return any(tuple(long[i : i + n]) == tuple(short) for i in range(len(long) - n + 1))


def find_contradictions(
    sentences: Sequence[Sentence],
    speakers: Sequence[str | None],
    bags: Sequence[Sequence[str]] | None = None,
    index: TermIndex | None = None,
    denied: Sequence[Sequence[Denial]] | None = None,
) -> tuple[Contradiction, ...]:
    """Pairs of sentences from different sources that disagree, in a stable order.

    ``speakers`` gives each sentence's speaker (or None), ``bags`` its terms when known, and
    ``index`` the similarity index of ``sentences`` when one is built already. Candidates are
    the pairs that index finds similar (a denial and what it denies, two figures for one claim)
    and the quotes of one speaker, never all pairs. ``denied`` gives each sentence's denials
    when found already (see ``denials``).
    """
    index = index or TermIndex(sentences, bags)
    found = index.bags
    analysed = [
        Analysed(s, frozenset(bag), speaker)
        for s, speaker, bag in zip(sentences, speakers, found, strict=True)
    ]
    finder = _Finder(analysed, index)
    finder.wording()
    finder.polarity(denied if denied is not None else [denials(s.text) for s in sentences])
    finder.numbers()
    kept = _one_kind_per_pair(list(finder.found.values()))
    order = {"wording": 0, "polarity": 1, "number": 2}
    return tuple(
        sorted(
            kept,
            key=lambda c: (order[c.kind], c.first.citations[0].source, c.first.text),
        )
    )
