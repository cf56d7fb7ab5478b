"""Loaded and evaluative language: the lexicon in templates/ and the flags it puts on items."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.errors import ConfigError
from briefing.model import BlockKind, Source, SourceProfile
from briefing.resources import templates_dir
from briefing.themes import phrase_regex
from briefing.tomlfile import read_toml


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A list of loaded terms, matched as whole words, case-insensitively."""

    name: str
    terms: tuple[str, ...]

    def flags(self, sentence: str) -> tuple[str, ...]:
        """The lexicon terms the sentence uses, lower-cased, in order of first use."""
        regex = phrase_regex(self.terms)
        if regex is None:
            return ()
        return tuple(dict.fromkeys(m.group(0).lower() for m in regex.finditer(sentence)))


def read_lexicon(path: Path) -> Lexicon:
    """A lexicon from a TOML file with a ``terms`` list; raises ConfigError when invalid."""
    data = read_toml(path, "lexicon")
    terms = data.get("terms")
    if not isinstance(terms, list) or not all(isinstance(t, str) and t for t in terms):
        raise ConfigError(f"{path}: 'terms' must be a list of strings")
    return Lexicon(name=str(data.get("name", path.stem)), terms=tuple(terms))


@cache
def load_lexicon(name: str = "loaded") -> Lexicon:
    """The bundled lexicon ``name`` (templates/lexicons/<name>.toml) or a lexicon file path."""
    bundled = templates_dir() / "lexicons" / f"{name}.toml"
    return read_lexicon(bundled if bundled.is_file() else Path(name))


# A source whose sentences carry loaded terms this often reads as opinion or advocacy (0.3 on the
# seeds' advocacy piece); from the lower share on, only when it also speaks in the first person,
# since news reports quote loaded words too (0.125 on the seeds' wire-based report).
_ADVOCACY_SHARE = 0.2
_SLANTED_SHARE = 0.08
_FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|us|I'm|we're|let's)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|guys|folks)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|reported|stated|declared)\b")
_EXPLAINER = re.compile(
    r"^(?:why|how|what|understanding|explained|conclusion)\b|what you need to know|\bexplained\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"‘][^”\"’]*[”\"’]")


@dataclass(frozen=True, slots=True)
class Style:
    """Counts over one source's sentences, outside quotations, that its profile is made from."""

    sentences: int
    loaded: int
    first_person: int
    second_person: int
    questions: int
    attributed: int
    explainer_headings: int


def style(source: Source, sentences: Sequence[str], lexicon: Lexicon) -> Style:
    """Count the cues of one source's sentences (quoted words are the speaker's, not its own)."""
    loaded = first = second = questions = attributed = 0
    for sentence in sentences:
        own = _QUOTED.sub(" ", sentence)
        loaded += bool(lexicon.flags(sentence))
        first += bool(_FIRST_PERSON.search(own))
        second += bool(_SECOND_PERSON.search(own))
        questions += own.rstrip().endswith("?")
        attributed += bool(_ATTRIBUTION.search(sentence))
    headings = [source.title, *(p.text for p in source.paragraphs if p.kind is BlockKind.HEADING)]
    return Style(
        sentences=len(sentences),
        loaded=loaded,
        first_person=first,
        second_person=second,
        questions=questions,
        attributed=attributed,
        explainer_headings=sum(1 for h in headings if _EXPLAINER.search(h.strip())),
    )


def profile(source: Source, sentences: Sequence[str], lexicon: Lexicon) -> SourceProfile:
    """The source's kind, loaded-term share and style, from cues in its own sentences."""
    cues = style(source, sentences, lexicon)
    n = max(cues.sentences, 1)
    share = cues.loaded / n
    first_person = cues.first_person >= 2 or cues.second_person >= 2
    rhetorical = cues.questions >= 2 or (cues.questions >= 1 and cues.second_person >= 1)
    if share >= _ADVOCACY_SHARE or (share >= _SLANTED_SHARE and first_person):
        kind = "opinion/advocacy"
    elif cues.explainer_headings or cues.second_person >= 2:
        kind = "explainer"
    elif first_person and rhetorical:
        kind = "opinion/advocacy"
    else:
        kind = "news report"
    terms: dict[str, None] = {}
    for sentence in sentences:
        terms.update(dict.fromkeys(lexicon.flags(sentence)))
    return SourceProfile(
        source=source.id,
        kind=kind,
        loaded_share=round(share, 3),
        first_person=first_person,
        rhetorical=rhetorical,
        terms=tuple(terms),
    )
