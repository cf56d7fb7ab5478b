"""Statements from different sources that disagree: polarity, differing figures, misquotes."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.figures import figures
from briefing.model import Citation, Contradiction, Item, Sentence
from briefing.speakers import speaker_key
from briefing.text import terms

DISPUTED = "disputed_framing"
# Negation cues; the content words right after one are what the sentence denies.
_NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|without|absence of|lack of|denied|denies|deny"
    r"|\w+n['’]t|cannot)\b",
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
# Two quotes of one speaker are one remark worded differently when their words overlap this much.
_SAME_REMARK = 0.5
# Blocks larger than this are too generic to say two sentences concern the same thing.
_MAX_BLOCK = 64
_QUOTE = re.compile(r"[“\"]([^”\"]{8,}?)[”\"]")
_WORDS = re.compile(r"[\w']+")


@dataclass(frozen=True, slots=True)
class Analysed:
    """A sentence with what contradiction finding needs: its terms and speaker."""

    sentence: Sentence
    terms: frozenset[str]
    speaker: str | None


def _negated(text: str) -> list[tuple[str, tuple[str, ...]]]:
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


def _positions(text: str) -> dict[str, int]:
    return {t: i for i, t in reversed(list(enumerate(terms(text))))}


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
    def __init__(self, analysed: Sequence[Analysed]) -> None:
        self.rows = analysed
        df: Counter[str] = Counter()
        for a in analysed:
            df.update(a.terms)
        n = len(analysed)
        self.common = frozenset(t for t, d in df.items() if d > n * _COMMON_SHARE)
        limit = max(_RARE_MIN, n * _RARE_SHARE)
        self.rare = frozenset(t for t, d in df.items() if d <= limit)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for row, a in enumerate(analysed):
            for t in a.terms - self.common:
                self.postings[t].append(row)
        self.found: dict[tuple[str, str, str], Contradiction] = {}

    def add(self, kind: str, subject: str, first: Item, second: Item) -> None:
        ordered = sorted((first, second), key=lambda i: (i.citations[0].source, i.text))
        key = (kind, ordered[0].text, ordered[1].text)
        if key not in self.found:
            self.found[key] = Contradiction(kind, subject, ordered[0], ordered[1])

    def polarity(self) -> None:
        for a in self.rows:
            for span, denied in _negated(a.sentence.text):
                wanted = [t for t in denied if t in self.rare]
                if len(wanted) < _MIN_SPAN_MATCH:
                    continue
                lists = sorted((self.postings.get(t, []) for t in wanted), key=len)
                # The sentences carrying the two rarest denied terms, intersected in C.
                for other in sorted(set(lists[0]).intersection(lists[1])):
                    b = self.rows[other]
                    if b.sentence.source_id == a.sentence.source_id:
                        continue
                    if sum(t in b.terms for t in wanted) < len(wanted):
                        continue
                    if self._affirms(b.sentence.text, wanted) and self._context(a, b, wanted):
                        self.add(
                            "polarity",
                            _subject(span, wanted),
                            _item((a.sentence,), "polarity", a.speaker),
                            _item((b.sentence,), "polarity", b.speaker),
                        )

    @staticmethod
    def _affirms(text: str, wanted: Sequence[str]) -> bool:
        """True when ``text`` states the terms close together and does not deny them itself."""
        if any(sum(t in d for t in wanted) >= _MIN_SPAN_MATCH for _, d in _negated(text)):
            return False
        where = _positions(text)
        spots = sorted(where[t] for t in wanted if t in where)
        return len(spots) == len(wanted) and spots[-1] - spots[0] <= _SPAN_WINDOW

    def _context(self, a: Analysed, b: Analysed, wanted: Sequence[str]) -> bool:
        shared = (a.terms & b.terms & self.rare) - set(wanted)
        return len(shared) >= _MIN_CONTEXT

    def numbers(self) -> None:
        by_subject: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for row, a in enumerate(self.rows):
            for fig in figures(a.sentence.text):
                if fig.key:
                    by_subject[fig.key].append((row, fig.figure, fig.subject))
        for entries in by_subject.values():
            # A sentence may give several figures for one subject ("$3bn (£1.65bn)"): two
            # sentences disagree only on a figure the other does not give at all.
            given: dict[int, set[str]] = defaultdict(set)
            for row, figure, _ in entries:
                given[row].add(figure)
            blocks: dict[str, list[int]] = defaultdict(list)
            for i, (row, _, _) in enumerate(entries):
                for t in self.rows[row].terms - self.common:
                    blocks[t].append(i)
            for (i, j), shared in sorted(_pairs(blocks.values()).items()):
                (ra, _, subject), (rb, _, _) = entries[i], entries[j]
                a, b = self.rows[ra], self.rows[rb]
                if a.sentence.source_id == b.sentence.source_id or given[ra] & given[rb]:
                    continue
                # The shared blocks include the figure's own subject and number terms.
                if shared - len(terms(subject)) < _MIN_NUMBER_CONTEXT:
                    continue
                self.add(
                    "number",
                    subject,
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


def _pairs(blocks: Iterable[list[int]]) -> Counter[tuple[int, int]]:
    """How many blocks each pair of members shares (blocks too large to be specific skipped)."""
    pairs: Counter[tuple[int, int]] = Counter()
    for members in blocks:
        if len(members) > _MAX_BLOCK:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pairs[(i, j)] += 1
    return pairs


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
    bags: Sequence[Iterable[str]] | None = None,
) -> tuple[Contradiction, ...]:
    """Pairs of sentences from different sources that disagree, in a stable order.

    ``speakers`` gives each sentence's speaker (or None), ``bags`` its terms when known.
    Candidates come from inverted indexes over rare terms, figure subjects and speakers, never
    from comparing all pairs.
    """
    found = bags if bags is not None else [terms(s.text) for s in sentences]
    analysed = [
        Analysed(s, frozenset(bag), speaker)
        for s, speaker, bag in zip(sentences, speakers, found, strict=True)
    ]
    finder = _Finder(analysed)
    finder.wording()
    finder.polarity()
    finder.numbers()
    order = {"wording": 0, "polarity": 1, "number": 2}
    return tuple(
        sorted(
            finder.found.values(),
            key=lambda c: (order[c.kind], c.first.citations[0].source, c.first.text),
        )
    )
