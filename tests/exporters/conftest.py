"""Builders for exporter tests: a large synthetic briefing for paging, speed and quote layout."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.model import (
    Briefing,
    Citation,
    Item,
    Paragraph,
    Section,
    Skipped,
    Source,
    SourcingNote,
)

_WORDS = (
    "officials",
    "ministers",
    "allies",
    "troops",
    "training",
    "recruits",
    "border",
    "talks",
    "request",
    "support",
    "warning",
    "escalation",
    "capital",
    "summit",
    "statement",
    "government",
    "alliance",
    "spokesman",
    "defence",
)
_THEMES = (
    ("requests", "Requests"),
    ("official_positions", "Official positions"),
    ("escalation_warnings", "Escalation warnings"),
    ("disputed_framing", "Disputed framing"),
    ("context", "Context"),
)


def _sentence(n: int, length: int = 24) -> str:
    words = [_WORDS[(n * 7 + k * 3) % len(_WORDS)] for k in range(length)]
    return f"Statement {n}: " + " ".join(words).capitalize() + "."


def make_large_briefing(n_sources: int = 300, n_items: int = 1500) -> Briefing:
    """A briefing of ``n_sources`` sources and ``n_items`` items spread over five themes.

    Every third item cites a second source with a differently worded quote, every fifth carries a
    flag, every fourth is new since a previous briefing (which had three statements this one no
    longer carries) and every seventh source has no date, so every layout branch runs at scale.
    """
    sources = tuple(
        Source(
            id=f"S{k}",
            path=f"/corpus/article-{k:03d}.txt",
            title=f"Article {k}: " + _sentence(k, 8).rstrip("."),
            paragraphs=tuple(Paragraph(p, _sentence(k * 10 + p)) for p in range(1, 9)),
            outlet=f"Outlet {k % 17}",
            author=None if k % 5 == 0 else f"Reporter {k % 41}",
            published=None if k % 7 == 0 else dt.date(2024, 5, 1) + dt.timedelta(days=k % 30),
            url=f"https://news.example.org/{k}/a-rather-long-article-slug-{k}" if k % 2 else None,
        )
        for k in range(1, n_sources + 1)
    )
    per_theme: dict[str, list[Item]] = {theme: [] for theme, _ in _THEMES}
    for n in range(n_items):
        theme = _THEMES[n % len(_THEMES)][0]
        first = n % n_sources + 1
        citations = [Citation(f"S{first}", n % 8 + 1)]
        if n % 3 == 0:
            second = (n * 13) % n_sources + 1
            citations.append(Citation(f"S{second}", n % 5 + 1, _sentence(n + 10_000, 18)))
        per_theme[theme].append(
            Item(
                text=_sentence(n, 18 + n % 30),
                citations=tuple(citations),
                score=1.0 - n / n_items,
                theme=theme,
                cues=("asked", "warned")[: n % 3],
                flags=("begging",) if n % 5 == 0 else (),
                status="new" if n % 4 == 0 else "continuing",
            )
        )
    sections = tuple(Section(theme, title, tuple(per_theme[theme])) for theme, title in _THEMES)
    return Briefing(
        title="A long synthetic briefing on troops, talks and a border that nobody can agree on",
        date=dt.date(2024, 6, 1),
        sources=sources,
        bottom_line=tuple(s.items[0] for s in sections if s.items),
        sections=sections,
        gone=tuple(
            Item(_sentence(50_000 + n), (Citation(f"S{n + 1}", 1),), theme="context")
            for n in range(3)
        ),
        previous=dt.date(2024, 5, 25),
        note=SourcingNote(
            sources_read=n_sources,
            skipped=tuple(Skipped(f"/corpus/bad-{k}.bin", "not text") for k in range(3)),
            merged_items=n_items // 3,
            summariser="centrality",
            theme_pack="default",
        ),
    )


@pytest.fixture
def large_briefing() -> Briefing:
    return make_large_briefing(n_sources=60, n_items=300)
