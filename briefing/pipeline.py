"""Orchestration only: sources → sentences → summary picks → statements → themed Briefing."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from briefing.config import Options
from briefing.corroboration import Candidate, Statement, group_statements
from briefing.framing import load_lexicon
from briefing.model import Briefing, Corpus, Item, Section, Sentence, Source, SourcingNote
from briefing.sentences import source_sentences
from briefing.summarise import get_summariser, pick
from briefing.text import STOP_WORDS
from briefing.themes import CONTEXT, load_theme_pack

log = logging.getLogger(__name__)

# A statement carried by several sources counts this much more per extra source.
_CORROBORATION_BONUS = 0.2
# How far down a source's ranking the section builder may look to give a theme its minimum.
_RESERVE_FACTOR = 3


def _candidates(
    sentences: Sequence[Sentence], source: Source, options: Options
) -> tuple[list[Candidate], list[Candidate]]:
    """The source's summary picks, and the next-ranked sentences held in reserve."""
    ranking = get_summariser(options.summariser).rank([s.text for s in sentences], source.title)
    top = max(ranking.scores, default=0.0) or 1.0
    picked = pick(ranking, options.sentences)
    reserve_ids = ranking.order[options.sentences : options.sentences * _RESERVE_FACTOR]

    def candidate(i: int) -> Candidate:
        return Candidate(sentences[i], ranking.scores[i] / top)

    return [candidate(i) for i in picked], [candidate(i) for i in reserve_ids]


def _item(statement: Statement, options: Options) -> Item:
    pack = load_theme_pack(options.themes)
    lexicon = load_lexicon(options.lexicon)
    text = statement.lead.sentence.text
    flags = lexicon.flags(text)
    boost = {"disputed_framing": flags} if flags and pack.theme("disputed_framing") else None
    placement = pack.place(text, boost)
    bonus = 1.0 + _CORROBORATION_BONUS * (statement.sources() - 1)
    return Item(
        text=text,
        citations=statement.citations(),
        score=round(max(m.score for m in statement.members) * bonus, 6),
        theme=placement.theme,
        cues=placement.cues,
        flags=flags,
    )


def _bottom_line(items: Sequence[Item], size: int) -> tuple[Item, ...]:
    """The most central unflagged, undisputed items, one per source first, then the rest."""
    pool = [i for i in items if not i.flags and i.theme != "disputed_framing"]
    pool.sort(key=lambda i: -i.score)
    chosen: list[Item] = []
    seen_sources: set[str] = set()
    for item in pool:
        if len(chosen) == size:
            break
        if item.citations[0].source not in seen_sources:
            chosen.append(item)
            seen_sources.add(item.citations[0].source)
    for item in pool:
        if len(chosen) == size:
            break
        if item not in chosen:
            chosen.append(item)
    return tuple(sorted(chosen, key=lambda i: -i.score))


def build_briefing(sources: Corpus | Sequence[Source], options: Options | None = None) -> Briefing:
    """Build the briefing from loaded sources; raises UsageError/ConfigError for bad options."""
    corpus = sources if isinstance(sources, Corpus) else Corpus(tuple(sources))
    opts = options or Options()
    pack = load_theme_pack(opts.themes)
    picked: list[Candidate] = []
    reserve: list[Candidate] = []
    everything: list[Sentence] = []
    for source in corpus.sources:
        sentences = source_sentences(source)
        chosen, spare = _candidates(sentences, source, opts)
        everything.extend(sentences)
        picked.extend(chosen)
        reserve.extend(spare)
    statements = group_statements(picked, everything)
    items = [_item(s, opts) for s in statements]
    # Give each theme its minimum from the reserve, best-ranked first, if the picks fell short.
    for theme in pack.themes:
        have = sum(1 for i in items if i.theme == theme.id)
        for cand in sorted(reserve, key=lambda c: -c.score):
            if have >= opts.min_theme_items:
                break
            extra = _item(Statement((cand,)), opts)
            cited = {(c.source, c.paragraph, c.quote or i.text) for i in items for c in i.citations}
            if (
                extra.theme == theme.id
                and (cand.sentence.source_id, cand.sentence.paragraph, extra.text) not in cited
            ):
                items.append(extra)
                have += 1
    merged = sum(len(s.members) - 1 for s in statements)
    sections = [
        Section(
            theme=t.id,
            title=t.title,
            items=tuple(sorted((i for i in items if i.theme == t.id), key=lambda i: -i.score)),
            description=t.description,
        )
        for t in pack.themes
    ]
    context = sorted((i for i in items if i.theme == CONTEXT), key=lambda i: -i.score)
    if context:
        sections.append(
            Section(
                CONTEXT,
                pack.context_title,
                tuple(context[: opts.context_items]),
                "Key sentences that fit none of the themes above.",
            )
        )
    title = opts.title or _default_title(corpus.sources)
    return Briefing(
        title=title,
        date=opts.resolved_date(),
        sources=corpus.sources,
        bottom_line=_bottom_line(items, opts.bottom_line),
        sections=tuple(sections),
        note=SourcingNote(
            sources_read=len(corpus.sources),
            skipped=corpus.skipped,
            duplicates=corpus.duplicates,
            merged_items=merged,
            summariser=opts.summariser,
            theme_pack=pack.name,
        ),
    )


def _default_title(sources: Sequence[Source]) -> str:
    """ "Briefing: " and the words most of the source titles share, in the sources' own casing.

    With one source, or titles that share nothing, the first source's title is used.
    """
    if len(sources) == 1:
        return f"Briefing: {sources[0].title}"
    counts: dict[str, int] = {}
    forms: dict[str, dict[str, int]] = {}
    for source in sources:
        words = re.findall(r"[\w][\w-]*", source.title)
        for word in dict.fromkeys(w.lower() for w in words):
            counts[word] = counts.get(word, 0) + 1
        for word in words:
            forms.setdefault(word.lower(), {}).setdefault(word, 0)
            forms[word.lower()][word] += 1
    shared = [
        w for w, n in counts.items() if n * 2 > len(sources) and w not in STOP_WORDS and len(w) > 2
    ]
    if not shared:
        return f"Briefing: {sources[0].title}"
    first = next(s.title for s in sources if all(w in s.title.lower() for w in shared[:1]))
    shared.sort(key=lambda w: first.lower().find(w) if w in first.lower() else 999)
    names = [max(forms[w].items(), key=lambda kv: (kv[1], kv[0].isupper()))[0] for w in shared[:5]]
    return "Briefing: " + ", ".join(names)
