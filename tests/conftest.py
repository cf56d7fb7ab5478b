"""Small builders for tests: sources and briefings made in memory, no files needed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.model import (
    BlockKind,
    Briefing,
    Citation,
    Duplicate,
    Item,
    Paragraph,
    Section,
    Skipped,
    Source,
    SourcingNote,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def make_source(
    sid: str = "S1",
    *paragraphs: str,
    title: str = "A title",
    outlet: str | None = "The Outlet",
    author: str | None = "A. Writer",
    published: dt.date | None = dt.date(2024, 5, 17),
    path: str = "/tmp/source.txt",
    url: str | None = None,
    headings: tuple[int, ...] = (),
) -> Source:
    """A source whose paragraphs are numbered 1, 2, ...; numbers in ``headings`` are headings."""
    texts = paragraphs or ("First sentence of the body. Second sentence of the body.",)
    return Source(
        id=sid,
        path=path,
        title=title,
        paragraphs=tuple(
            Paragraph(n, t, BlockKind.HEADING if n in headings else BlockKind.BODY)
            for n, t in enumerate(texts, start=1)
        ),
        outlet=outlet,
        author=author,
        published=published,
        url=url,
    )


def make_item(
    text: str, *cites: tuple[str, int] | tuple[str, int, str], theme: str = "context", **kw: object
) -> Item:
    """An item citing (source, paragraph[, quote]) tuples."""
    citations = tuple(Citation(c[0], c[1], c[2] if len(c) > 2 else None) for c in cites)  # type: ignore[misc]
    return Item(text=text, citations=citations or (Citation("S1", 1),), theme=theme, **kw)  # type: ignore[arg-type]


def make_briefing(*, nasty: bool = False) -> Briefing:
    """A small but complete briefing; ``nasty`` adds Cyrillic, Greek, markup and control text."""
    s1 = make_source(
        "S1",
        "Ukraine formally asks NATO to send troops",
        "Ukrainian officials have asked their counterparts to help train 150,000 new recruits.",
        "The Kremlin has warned that this would trigger a direct war with NATO. "
        '"We will respond," he said.',
        title="Ukraine formally asks NATO to send troops",
        path="/tmp/s1.txt",
        headings=(1,),
    )
    s2 = make_source(
        "S2",
        "There has been no formal request for military assistance from the Ukrainian government.",
        "Biden has begun begging NATO, critics wrote.",
        title="Why nato didn’t send troops to ukraine",
        outlet=None,
        author=None,
        published=None,
        path="/tmp/s2.txt",
        url="https://example.org/why",
    )
    extra: tuple[Source, ...] = ()
    nasty_items: tuple[Item, ...] = ()
    if nasty:
        s3 = make_source(
            "S3",
            "Министр обороны заявил, что «войска не будут направлены» — "
            "Ελλάδα & <b>NATO</b> \x07 [1].",
            title="Русский заголовок <script>alert(1)</script> & “quotes”",
            path="/tmp/s3.txt",
        )
        extra = (s3,)
        nasty_items = (make_item(s3.paragraphs[0].text, ("S3", 1)),)
    request = make_item(
        "Ukrainian officials have asked their counterparts to help train 150,000 new recruits.",
        ("S1", 2),
        theme="requests",
        cues=("asked",),
        score=0.9,
    )
    warning = make_item(
        "The Kremlin has warned that this would trigger a direct war with NATO.",
        ("S1", 3),
        theme="escalation_warnings",
        cues=("warned", "direct war"),
        score=0.7,
    )
    disputed = make_item(
        "There has been no formal request for military assistance from the Ukrainian government.",
        ("S2", 1),
        theme="disputed_framing",
        cues=("no formal request",),
        score=0.5,
    )
    flagged = make_item(
        "Biden has begun begging NATO, critics wrote.",
        ("S2", 2),
        theme="disputed_framing",
        cues=("begging",),
        flags=("begging",),
        score=0.3,
    )
    return Briefing(
        title="NATO troops to Ukraine",
        date=dt.date(2024, 6, 1),
        sources=(s1, s2, *extra),
        bottom_line=(request, warning),
        sections=(
            Section("requests", "Requests", (request,)),
            Section("official_positions", "Official positions", ()),
            Section("escalation_warnings", "Escalation warnings", (warning,)),
            Section("disputed_framing", "Disputed framing", (disputed, flagged, *nasty_items)),
        ),
        note=SourcingNote(
            sources_read=2 + len(extra),
            skipped=(Skipped("/tmp/bad.bin", "not text (binary data)"),),
            duplicates=(Duplicate("/tmp/copy.txt", "S1"),),
            merged_items=1,
            summariser="centrality",
            theme_pack="default",
        ),
    )


@pytest.fixture
def briefing() -> Briefing:
    return make_briefing()


@pytest.fixture
def nasty_briefing() -> Briefing:
    return make_briefing(nasty=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the golden files in tests/goldens/ from the current output; review the diff.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def check_golden(name: str, data: bytes, update: bool) -> None:
    """Compare with tests/goldens/<name>, or rewrite it with --update-goldens."""
    path = Path(__file__).parent / "goldens" / name
    if update or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        if not update:
            pytest.fail(f"golden {name} was missing and has been written; review and commit it")
    assert data.decode("utf-8") == path.read_text(encoding="utf-8")
