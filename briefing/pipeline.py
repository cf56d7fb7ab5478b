"""Orchestration only: sources → sentences → summary picks → statements → themed Briefing."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from briefing.config import Options
from briefing.contradictions import DISPUTED, Denial, denials, find_contradictions
from briefing.corroboration import Candidate, Grouper, Statement, group_statements
from briefing.figures import Figure, figures
from briefing.framing import load_lexicon, profile
from briefing.model import (
    Briefing,
    Citation,
    Contradiction,
    Corpus,
    Item,
    KeyNumber,
    Section,
    Sentence,
    Source,
    SourceProfile,
    SourcingNote,
)
from briefing.sentences import source_sentences
from briefing.speakers import attribute_all, canonical_names, speaker_key
from briefing.summarise import get_summariser
from briefing.text import STOP_WORDS, terms
from briefing.themes import CONTEXT, Placement, load_theme_pack

log = logging.getLogger(__name__)

# A statement carried by several sources counts this much more per extra source.
_CORROBORATION_BONUS = 0.2
# How far down a source's ranking the section builder may look to give a theme its minimum.
_RESERVE_FACTOR = 3
# From this many sources on, per-source work is spread over processes; below it, starting the
# workers costs more than it saves (about 0.3 s against a few ms a source).
_PARALLEL_FROM = 200
_CHUNK = 128
_KEY_NUMBERS = 12
OFFICIAL = "official_positions"


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one source yields on its own, computed in a worker when there are many sources."""

    sentences: tuple[Sentence, ...]
    # (sentence index, score): indices rather than Candidates keep what workers send back small.
    picked: tuple[tuple[int, float], ...]
    reserve: tuple[tuple[int, float], ...]
    terms: tuple[tuple[str, ...], ...]
    speakers: tuple[str | None, ...]
    figures: tuple[tuple[int, Figure], ...]
    # Loaded terms and theme of the picked sentences, and each sentence's denials: found here,
    # in parallel, rather than one source after another in the main process (about 0.1 ms a
    # sentence to place, 0.03 ms to scan for denials).
    placed: tuple[tuple[int, tuple[str, ...], Placement], ...]
    denials: tuple[tuple[Denial, ...], ...]
    profile: SourceProfile


def _read(source: Source, options: Options) -> _Reading:
    sentences = source_sentences(source)
    chosen, spare = _candidates(sentences, source, options) if sentences else ([], [])
    texts = [s.text for s in sentences]
    return _Reading(
        sentences=tuple(sentences),
        picked=tuple((c.sentence.index, c.score) for c in chosen),
        reserve=tuple((c.sentence.index, c.score) for c in spare),
        terms=tuple(tuple(terms(t)) for t in texts),
        speakers=tuple(attribute_all(sentences)),
        denials=tuple(tuple(denials(t)) for t in texts),
        figures=tuple((i, f) for i, text in enumerate(texts) for f in figures(text)),
        placed=tuple((c.sentence.index, *_place(c.sentence.text, options)) for c in chosen),
        profile=profile(source, texts, load_lexicon(options.lexicon)),
    )


def _read_all(sources: Sequence[Source], options: Options) -> list[_Reading]:
    """Each source's reading, in source order (so the output does not depend on scheduling)."""
    workers = os.cpu_count() or 1
    if len(sources) < _PARALLEL_FROM or workers < 2:
        return [_read(s, options) for s in sources]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_read, sources, [options] * len(sources), chunksize=_CHUNK))


def _candidates(
    sentences: Sequence[Sentence], source: Source, options: Options
) -> tuple[list[Candidate], list[Candidate]]:
    """The source's summary picks, and the next-ranked sentences held in reserve."""
    ranking = get_summariser(options.summariser).rank([s.text for s in sentences], source.title)
    top = max(ranking.scores, default=0.0) or 1.0
    # Only statements go into a briefing: never the weak or debris sentences that ``pick`` adds
    # to reach k when a source is short of statements.
    picked = sorted(ranking.order[: options.sentences])
    reserve_ids = ranking.order[options.sentences : options.sentences * _RESERVE_FACTOR]

    def candidate(i: int) -> Candidate:
        return Candidate(sentences[i], ranking.scores[i] / top)

    return [candidate(i) for i in picked], [candidate(i) for i in reserve_ids]


def _place(text: str, options: Options) -> tuple[tuple[str, ...], Placement]:
    """A sentence's loaded terms and its theme (loaded terms count as disputed framing cues)."""
    pack = load_theme_pack(options.themes)
    flags = load_lexicon(options.lexicon).flags(text)
    boost = {"disputed_framing": flags} if flags and pack.theme("disputed_framing") else None
    return flags, pack.place(text, boost)


def _item(
    statement: Statement,
    options: Options,
    speakers: dict[tuple[str, int], str] | None = None,
    placed: dict[tuple[str, int], tuple[tuple[str, ...], Placement]] | None = None,
) -> Item:
    lead = statement.lead.sentence
    key = (lead.source_id, lead.index)
    found = (placed or {}).get(key)
    flags, placement = found if found is not None else _place(lead.text, options)
    independent = statement.independent()
    # Copies of one text (syndication, shared wire copy) add no corroboration.
    bonus = 1.0 + _CORROBORATION_BONUS * (independent - 1)
    return Item(
        text=lead.text,
        citations=statement.citations(),
        score=round(max(m.score for m in statement.members) * bonus, 6),
        theme=placement.theme,
        cues=placement.cues,
        flags=flags,
        speaker=(speakers or {}).get(key),
        independent=independent,
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
    load_lexicon(opts.lexicon)  # fail on a bad lexicon before any work is spread out
    started = time.perf_counter()
    readings = _read_all(corpus.sources, opts)
    log.debug("read %d sources in %.2f s", len(readings), time.perf_counter() - started)
    picked = [Candidate(r.sentences[i], score) for r in readings for i, score in r.picked]
    reserve = [Candidate(r.sentences[i], score) for r in readings for i, score in r.reserve]
    everything = [s for r in readings for s in r.sentences]
    raw_speakers = [sp for r in readings for sp in r.speakers]
    names = canonical_names(raw_speakers)
    said = [names[speaker_key(sp)] if sp else None for sp in raw_speakers]
    speakers = {(s.source_id, s.index): sp for s, sp in zip(everything, said, strict=True) if sp}
    grouper = Grouper(everything, [t for r in readings for t in r.terms])
    statements = group_statements(picked, everything, grouper)
    placed = {
        (r.sentences[i].source_id, i): (flags, where)
        for r in readings
        for i, flags, where in r.placed
    }
    items = [_item(s, opts, speakers, placed) for s in statements]
    # Give each theme its minimum from the reserve, best-ranked first, if the picks fell short.
    cited = {(c.source, c.paragraph, c.quote or i.text) for i in items for c in i.citations}
    ranked_reserve = sorted(reserve, key=lambda c: -c.score)
    for theme in pack.themes:
        have = sum(1 for i in items if i.theme == theme.id)
        for cand in ranked_reserve:
            if have >= opts.min_theme_items:
                break
            key = (cand.sentence.source_id, cand.sentence.paragraph, cand.sentence.text)
            if key in cited or _item(Statement((cand,)), opts, None, placed).theme != theme.id:
                continue
            statement = grouper.gather(cand)
            if statement is None:
                continue
            extra = _item(statement, opts, speakers, placed)
            items.append(extra)
            cited.update((c.source, c.paragraph, c.quote or extra.text) for c in extra.citations)
            statements.append(statement)
            have += 1
    merged = sum(len(s.members) - 1 for s in statements)
    log.debug("grouped %d statements at %.2f s", len(statements), time.perf_counter() - started)
    denied = [d for r in readings for d in r.denials]
    contradictions = find_contradictions(everything, said, index=grouper.index, denied=denied)
    log.debug(
        "found %d contradictions at %.2f s", len(contradictions), time.perf_counter() - started
    )
    disputed = {side.text for c in contradictions for side in (c.first, c.second)}
    sections = [
        Section(
            theme=t.id,
            title=t.title,
            items=_ordered(t.id, [i for i in items if i.theme == t.id], contradictions),
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
        bottom_line=_bottom_line([i for i in items if i.text not in disputed], opts.bottom_line),
        sections=tuple(sections),
        note=SourcingNote(
            sources_read=len(corpus.sources),
            skipped=corpus.skipped,
            duplicates=corpus.duplicates,
            merged_items=merged,
            summariser=opts.summariser,
            theme_pack=pack.name,
        ),
        contradictions=contradictions,
        key_numbers=_key_numbers(readings, items),
        profiles=tuple(r.profile for r in readings),
    )


def _ordered(
    theme: str, items: Sequence[Item], contradictions: Sequence[Contradiction]
) -> tuple[Item, ...]:
    """A section's items, most important first.

    Official positions are grouped by speaker (groups ordered by their best item, unattributed
    last). Disputed framing also carries both sides of every contradiction, each pair together
    and ranked by its better side's score.
    """
    ranked = sorted(items, key=lambda i: -i.score)
    if theme == OFFICIAL:
        best: dict[str, int] = {}
        for n, item in enumerate(ranked):
            best.setdefault(speaker_key(item.speaker) if item.speaker else "", n)
        return tuple(
            sorted(
                ranked,
                key=lambda i: (
                    i.speaker is None,
                    best[speaker_key(i.speaker) if i.speaker else ""],
                    -i.score,
                ),
            )
        )
    if theme != DISPUTED or not contradictions:
        return tuple(ranked)
    score = {(i.citations[0].source, i.text): i.score for i in items}
    pairs = []
    for c in contradictions:
        sides = [
            replace(side, score=score.get((side.citations[0].source, side.text), 0.0))
            for side in (c.first, c.second)
        ]
        top = max(side.score for side in sides)
        pairs.append((top, [replace(side, score=top) for side in sides]))
    shown = {(side.citations[0].source, side.text) for _, sides in pairs for side in sides}
    rest = [(i.score, [i]) for i in ranked if (i.citations[0].source, i.text) not in shown]
    # sorted() is stable: the two sides of a pair stay next to each other.
    merged = sorted([*pairs, *rest], key=lambda group: -group[0])
    return tuple(item for _, group in merged for item in group)


def _key_numbers(readings: Sequence[_Reading], items: Sequence[Item]) -> tuple[KeyNumber, ...]:
    """Figures with what they count: the most widely carried first, then those in items."""
    in_items = {c.quote or i.text for i in items for c in i.citations}
    found: dict[tuple[str, str], list[Sentence]] = {}
    subjects: dict[tuple[str, str], str] = {}
    for reading in readings:
        for index, fig in reading.figures:
            key = (fig.figure, fig.key)
            found.setdefault(key, []).append(reading.sentences[index])
            subjects.setdefault(key, fig.subject)
    ranked = sorted(
        found.items(),
        key=lambda kv: (
            -len({s.source_id for s in kv[1]}),
            not any(s.text in in_items for s in kv[1]),
        ),
    )
    out = []
    for (figure, counted), sentences in ranked[:_KEY_NUMBERS]:
        lead = sentences[0]
        firsts: dict[str, Sentence] = {}
        for s in sentences:
            firsts.setdefault(s.source_id, s)
        citations = tuple(
            Citation(s.source_id, s.paragraph, None if s.text == lead.text else s.text)
            for s in firsts.values()
        )
        item = Item(text=lead.text, citations=citations, theme=CONTEXT, cues=("key number",))
        out.append(KeyNumber(figure, subjects[(figure, counted)], item))
    return tuple(out)


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
