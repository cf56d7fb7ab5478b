"""Which sentences can be picked: statements stay; news debris, asides and fragments do not.

Every sentence gets a verdict. Statements (tier 0) are ranked for picking; weak sentences
(tier 1: fragments, rhetorical questions, sentences without an end) and debris (tier 2:
captions, credits, bylines, boilerplate, teasers, asides to the reader) are only used to fill
up when a caller asks for more sentences than the document has statements, weak ones first.
Rules about teasers and asides ignore words between quotation marks, where a speaker may say
the same thing as a statement of news ("Let's just apologise and move on," Mr Blair said).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from briefing.summarise.graph import tokens


class Tier(IntEnum):
    """How usable a sentence is as a key point."""

    STATEMENT = 0
    WEAK = 1
    DEBRIS = 2


@dataclass(frozen=True, slots=True)
class Verdict:
    """A sentence's tier and, unless it is a statement, the reason in a few words."""

    tier: Tier
    reason: str = ""


STATEMENT = Verdict(Tier.STATEMENT)

MIN_WORDS = 5
"""Shorter sentences are fragments ("he said.", "Ireland's")."""

MAX_WORDS = 80
"""Longer ones are run-ons where sentence splitting failed, or lists."""

_I = re.IGNORECASE

_CREDIT = "caption or credit"
_BYLINE = "byline or dateline"
_BOILERPLATE = "boilerplate"
_TEASER = "teaser"
_ASIDE = "aside to the reader"

# Debris phrases as (key words, reason, spoken, pattern). A pattern is tried on the lowercase
# sentence only when the sentence has one of its key words: Python's ``re`` scans a long
# alternation slowly, while one set intersection rules out nearly every sentence of real news
# at once. A spoken phrase does not count between quotation marks.
_PHRASES: tuple[tuple[str, str, bool, str], ...] = (
    ("getty", _CREDIT, False, r"getty images"),
    ("afp", _CREDIT, False, r"afp via getty"),
    ("ap", _CREDIT, False, r"\bap photo\b"),
    ("reuters", _CREDIT, False, r"reuters/"),
    ("epa-efe", _CREDIT, False, r"epa-efe"),
    ("shutterstock istock istockphoto alamy", _CREDIT, False, r"shutterstock|istock|alamy"),
    ("photo photograph", _CREDIT, False, r"photo(?:graph)? by\b"),
    ("image", _CREDIT, False, r"image (?:copyright|caption)"),
    ("pictured", _CREDIT, False, r"(?:^|[(,])\s*pictured\b"),
    ("min mins minute minutes", _BYLINE, False, r"\d+\s+min(?:ute)?s?\s+read\b"),
    ("view views", _BYLINE, False, r"\d[\d,.]*k?\s+views?\b"),
    ("contributed", _BYLINE, False, r"contributed (?:to )?(?:this )?report"),
    (
        "published updated",
        _BYLINE,
        False,
        r"this (?:article|story) (?:was|has been) (?:originally )?(?:published|updated)",
    ),
    (
        "writer reporter journalist correspondent editor columnist",
        _BYLINE,
        False,
        r"^[\w.' -]{2,40}\b(?:is|was) an? (?:staff |senior |freelance |contributing )?"
        r"(?:writer|reporter|journalist|correspondent|editor|columnist) (?:at|for|with)\b",
    ),
    ("read", _BOILERPLATE, False, r"\bread more\b"),
    ("click", _BOILERPLATE, False, r"click here"),
    ("subscribe", _BOILERPLATE, False, r"subscribe (?:now|today|to (?:our|the))"),
    ("sign", _BOILERPLATE, False, r"sign up (?:for|to) (?:our|the) \w+"),
    ("follow", _BOILERPLATE, False, r"follow us\b"),
    ("share", _BOILERPLATE, False, r"share this (?:article|story|post)"),
    ("rights", _BOILERPLATE, False, r"all rights reserved"),
    ("copyright", _BOILERPLATE, False, r"copyright ©"),
    ("terms", _BOILERPLATE, False, r"(?:^|our |the )terms of (?:use|service)"),
    ("privacy cookie", _BOILERPLATE, False, r"(?:privacy|cookie) policy"),
    ("cookies", _BOILERPLATE, False, r"we use cookies"),
    ("download", _BOILERPLATE, False, r"download (?:our|the) app"),
    ("journalism", _BOILERPLATE, False, r"support our journalism"),
    ("become", _BOILERPLATE, False, r"become a (?:member|subscriber|patron)"),
    ("donate", _BOILERPLATE, False, r"donate (?:now|today)"),
    ("continues", _BOILERPLATE, False, r"story continues below"),
    ("advertisement", _BOILERPLATE, False, r"\badvertisement\b"),
    ("know", _TEASER, True, r"what (?:you|we) (?:need to|should) know"),
    (
        "know need",
        _TEASER,
        True,
        r"(?:here's|here is) (?:what|why|how|everything)\b.*\b(?:know|need)\b",
    ),
    ("find", _TEASER, True, r"find out more|^find out (?:why|how|what)"),
    ("believe", _TEASER, True, r"you won't believe"),
    ("happened", _TEASER, True, r"this is what happened"),
    ("guys", _ASIDE, True, r"\bguys\b"),
    ("folks", _ASIDE, True, r"\bfolks\b"),
    ("tuned", _ASIDE, True, r"stay tuned"),
    ("buckle", _ASIDE, True, r"buckle up"),
    ("grab", _ASIDE, True, r"grab an? (?:coffee|cup|seat|snack)"),
    ("comfy", _ASIDE, True, r"get comfy"),
    ("dive", _ASIDE, True, r"dive (?:in|into|deeper)|deep dive"),
    ("let's", _ASIDE, True, r"let's (?:talk|dive|get|break|look|take|be honest)"),
    ("need", _ASIDE, True, r"you need to know"),
    ("wondering ask", _ASIDE, True, r"you (?:might|may) (?:be wondering|ask)"),
    ("going", _ASIDE, True, r"we're going to"),
    ("we'll", _ASIDE, True, r"we'll (?:look|explore|break|dive|see)"),
    ("article post piece video guide", _ASIDE, True, r"in this (?:article|post|piece|video|guide)"),
    ("read reading", _ASIDE, True, r"\bread on\b|keep reading"),
    ("talking", _ASIDE, True, r"we're talking about"),
    ("mistake", _ASIDE, True, r"make no mistake"),
)


def _by_key(
    phrases: Sequence[tuple[str, str, bool, str]],
) -> dict[str, list[tuple[str, bool, re.Pattern[str]]]]:
    table: dict[str, list[tuple[str, bool, re.Pattern[str]]]] = {}
    for keys, reason, spoken, pattern in phrases:
        compiled = re.compile(pattern)
        for key in keys.split():
            table.setdefault(key, []).append((reason, spoken, compiled))
    return table


_COMPILED = _by_key(_PHRASES)
_KEYS = frozenset(_COMPILED)

# Debris that shows at the start of a sentence (tried on every sentence: anchored, so cheap).
_START = re.compile(
    r"(?P<credit>(?:photo(?:graph)?|image|picture|pic|caption|credit|file photo|video|source)s?"
    r"(?:\s+(?:credit|caption|copyright))?\s*[:|])"
    r"|(?P<byline>(?:posted|published|updated|last updated|first published)\b)"
    r"|(?P<teaser>(?:watch|listen|read|see|related|more|also read|recommended|explainer|live"
    r"|breaking)\s*[:|])"
    # Openers that speak to the reader: "Well, ...", "Let's ...", "Think about it".
    r"|(?P<aside>(?:well|alright|all right|okay|ok|look|listen|remember|hey|folks|guys|friends"
    r"|spoiler|trust me|believe me|fun fact|pro tip|bottom line|long story short|in a nutshell"
    r"|to (?:wrap|sum)(?: (?:it|things|this))? up)\s*[,:!—–-]"
    r"|(?:let's|let us|let me|imagine|think (?:about|of)|picture this|consider this)\b"
    r"|think\s+(?!tanks?\b)[a-z])"
)
_START_REASONS = {"credit": _CREDIT, "byline": _BYLINE, "teaser": _TEASER, "aside": _ASIDE}
_PARENTHESISED_CREDIT = re.compile(
    r"\((?:photo|image|picture|pic|credit|file)s?\b[^)]*\)"
    r"|\((?:left|right|cent(?:er|re)|top|bottom|above|below|l|r|front|back)\)"
)
_CLOCK = re.compile(r":\d\d\s*(?:[ap]\.?m\.?)?\s*(?:\||$)")
_BYLINE_NAME = re.compile(r"^[Bb]y\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s*(?:[|,•·]|$|\d)")
# A photo caption at the top of an article: a present-tense scene ("Soldiers ... demonstrate
# tactics to ...") with no reporting, past tense or time of its own.
_CAPTION_VERB = re.compile(
    r"^[A-Z]\S*\s+(?:\S+\s+){0,10}?"
    r"(?:demonstrates?|poses?|attends?|speaks?|gestures?|waves?|walks?|looks on|stands?|sits?"
    r"|holds?|listens?|arrives?|shakes? hands|takes? part|march(?:es)?|trains?|fires?|rides?"
    r"|celebrates?|is seen|are seen|patrols?|inspects?|greets?|addresses?)\b"
)
_NOT_CAPTION = re.compile(
    r"\b(?:has|have|had|was|were|will|would|could|said|says|told|according|on (?:monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday))\b|\w+ed\b",
    _I,
)
_REPORTED_QUESTION = re.compile(
    r"\b(?:asked|asks|wondered|wonders|said|says|told|added|questioned|wrote)\b[^\"“]{0,40}[\"“]",
    _I,
)
# Words in curly quotes, including a quote that began in an earlier sentence or runs on.
_CURLY_QUOTED = re.compile(r"“[^”]*(?:”|$)|^[^“”]*”")
_CLOSERS = "”\"’' )]»"


def _quoted(low: str, start: int) -> bool:
    """True when position ``start`` of the sentence lies between quotation marks."""
    spans = [(m.start(), m.end()) for m in _CURLY_QUOTED.finditer(low)]
    straight = [i for i, c in enumerate(low) if c == '"']
    if len(straight) % 2 and straight[0] > 0:
        # an odd quote that does not open the sentence closes a quote opened before it
        spans.append((0, straight[0] + 1))
        straight = straight[1:]
    if len(straight) % 2:
        straight.append(len(low))  # a quote still open at the end runs into the next sentence
    spans.extend(zip(straight[::2], straight[1::2], strict=True))
    return any(a <= start < b for a, b in spans)


def _debris(text: str, low: str, found: Sequence[str]) -> str:
    for key in _KEYS.intersection(found):
        for reason, spoken, pattern in _COMPILED[key]:
            for match in pattern.finditer(low):
                if not (spoken and _quoted(low, match.start())):
                    return reason
    if "(" in low and _PARENTHESISED_CREDIT.search(low):
        return _CREDIT
    if ":" in low and _CLOCK.search(low):
        return _BYLINE
    start = _START.match(low)
    if (
        start
        and start.lastgroup
        and not (start.lastgroup in ("teaser", "aside") and _quoted(low, 0))
    ):
        return _START_REASONS[start.lastgroup]
    if low.startswith("by ") and _BYLINE_NAME.match(text):
        return _BYLINE
    return ""


def verdict(
    sentence: str, position: int | None = None, word_list: Sequence[str] | None = None
) -> Verdict:
    """The verdict on one sentence.

    ``position`` (0-based, in the document) enables the caption rule that only holds at the
    top of an article; ``word_list`` is the sentence's lowercase words when the caller has them.
    """
    text = sentence.strip()
    low = text.lower().replace("\u2019", "'")
    found = word_list if word_list is not None else tokens(text)
    reason = _debris(text, low, found) or _caption(text, position)
    if reason:
        return Verdict(Tier.DEBRIS, reason)
    reason = _weakness(text)
    return Verdict(Tier.WEAK, reason) if reason else STATEMENT


def _caption(text: str, position: int | None) -> str:
    at_top = position is not None and position < 2
    if at_top and len(text.split()) <= 30 and _CAPTION_VERB.match(text):
        return "" if _NOT_CAPTION.search(text) else _CREDIT
    return ""


def _weakness(text: str) -> str:
    n_words = len(text.split())
    if n_words < MIN_WORDS:
        return "too short"
    if n_words > MAX_WORDS:
        return "too long"
    end = text.rstrip(_CLOSERS)
    if end.endswith("?"):
        reported = end != text and _REPORTED_QUESTION.search(text)
        return "" if reported else "question"
    return "" if end.endswith((".", "!", "…")) else "no sentence end"


def screen(
    sentences: Sequence[str], word_lists: Sequence[Sequence[str]] | None = None
) -> list[Verdict]:
    """The verdicts on the sentences of one document, in document order.

    ``word_lists`` are the sentences' lowercase words (``graph.tokens``) when the caller has them.
    """
    if word_lists is None:
        return [verdict(s, i) for i, s in enumerate(sentences)]
    return [verdict(s, i, w) for i, (s, w) in enumerate(zip(sentences, word_lists, strict=True))]


def eligible(sentence: str) -> bool:
    """True for a sentence that can stand alone as a quoted statement."""
    return verdict(sentence).tier is Tier.STATEMENT
