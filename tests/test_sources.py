"""Finding and reading sources: seeds, folders, globs, manifests, bad files, duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.errors import ConfigError, NoSourcesError, SourceError
from briefing.sources import discover, load_sources, read_manifest


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extracted texts go to a folder of the test's own, never ~/.cache."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


SEED_TITLES = [
    "Ukraine formally asks NATO to send troops",
    "Ukraine Asking For NATO Troops To Enter The War",
    "NATO Troops To Ukraine: What You Need To Know",
    "NATO’s escalation in Ukraine: A recipe for direct war on Russia?",
    "Why nato didn’t send troops to ukraine",
]
ARTICLE = (
    "A Headline About Talks\n\nThe ministers met in Brussels on Thursday to discuss the plan. "
    "They agreed to meet again next month, officials said.\n"
)


def test_bundled_seeds_load_with_their_titles() -> None:
    corpus = load_sources()
    assert [s.title for s in corpus.sources] == SEED_TITLES
    assert [s.id for s in corpus.sources] == ["S1", "S2", "S3", "S4", "S5"]
    assert corpus.skipped == () and corpus.duplicates == ()


def test_seed_metadata_is_what_the_text_shows() -> None:
    s1, s2, s3, s4, s5 = load_sources().sources
    assert (s1.author, s1.published) == ("Jesus Carames", dt.date(2024, 5, 17))
    assert (s3.author, s3.published) == ("Jhon Lennon", None)
    assert all(s.published is None for s in (s2, s3, s4, s5))
    assert all(s.author is None for s in (s2, s4, s5))


def test_seed_debris_is_gone_and_text_kept() -> None:
    text = "\n".join(p.text for s in load_sources().sources for p in s.paragraphs)
    for debris in (
        "Comments are closed",
        "Read More:",
        "You may also like",
        "More in:",
        "46 views",
        "Was this helpful",
        "Thanks for your feedback",
        "Telegram channel",
        "Posted on",
    ):
        assert debris not in text
    assert "\u00a0" not in text
    assert "Ukrainian officials have asked their American and NATO counterparts" in text
    assert "There is no popular support for Zelensky, the regime, or its war." in text


def test_folder_glob_and_file_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(
        ARTICLE.replace("Talks", "Other Talks"), encoding="utf-8"
    )
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    files, skipped = discover([tmp_path])
    assert [f.name for f in files] == ["a.txt", "b.md"]
    files, _ = discover([str(tmp_path / "*.txt")])
    assert [f.name for f in files] == ["a.txt"]
    _, skipped = discover([tmp_path / "c.pdf", tmp_path / "missing.txt"])
    assert [s.reason for s in skipped] == [
        "unsupported file type (known: .docx, .htm, .html, .markdown, .md, .text, .txt, .xhtml)",
        "no such file or folder",
    ]


def test_bad_sources_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    corpus = load_sources([tmp_path])
    assert [s.title for s in corpus.sources] == ["A Headline About Talks"]
    reasons = {Path(s.path).name: s.reason for s in corpus.skipped}
    assert reasons == {"binary.txt": "not text (binary data)", "empty.txt": "the file is empty"}


def test_strict_makes_a_bad_source_an_error(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00" * 100)
    with pytest.raises(SourceError, match=r"binary\.txt: not text"):
        load_sources([tmp_path], strict=True)


def test_nothing_usable_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NoSourcesError, match="folder has no readable sources"):
        load_sources([tmp_path])
    with pytest.raises(NoSourcesError, match="no such file or folder"):
        load_sources([tmp_path / "nope"])


def test_legacy_encoding_is_detected_and_reported(tmp_path: Path) -> None:
    text = ARTICLE.replace("officials said", "officials said – “café” résumé naïve")
    (tmp_path / "old.txt").write_bytes(text.encode("cp1252"))
    source = load_sources([tmp_path]).sources[0]
    assert "“café” résumé naïve" in source.paragraphs[-1].text
    assert source.warnings and source.warnings[0].startswith("decoded as")


def test_utf16_with_bom(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    assert load_sources([tmp_path]).sources[0].title == "A Headline About Talks"


def test_identical_article_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = load_sources([tmp_path])
    assert len(corpus.sources) == 1
    assert [(Path(d.path).name, d.same_as) for d in corpus.duplicates] == [("copy.txt", "S1")]


def test_manifest_overrides_detected_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        '["a.txt"]\ntitle = "Given title"\noutlet = "Wire"\npublished = 2024-05-20\n'
        'url = "https://example.org/a"\n',
        encoding="utf-8",
    )
    source = load_sources([tmp_path]).sources[0]
    assert (source.title, source.outlet, source.published, source.url) == (
        "Given title",
        "Wire",
        dt.date(2024, 5, 20),
        "https://example.org/a",
    )


def test_bad_manifest_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text('["a.txt"]\npublisher = "x"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"manifest\.toml: \[a\.txt\] has unknown key 'publisher'"
    ):
        read_manifest(tmp_path / "manifest.toml")


def test_markdown_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Front Title\nauthor: Ann Lee\ndate: 2024-05-02\noutlet: Daily\n---\n\n"
        "# Heading In Body\n\nThe council voted on Tuesday to approve the plan for the city.\n",
        encoding="utf-8",
    )
    s = load_sources([tmp_path]).sources[0]
    assert (s.title, s.author, s.published, s.outlet) == (
        "Front Title",
        "Ann Lee",
        dt.date(2024, 5, 2),
        "Daily",
    )


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE + "x", encoding="utf-8")
    real_read = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "locked.txt":  # root ignores chmod 0, so deny the read itself
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    corpus = load_sources([tmp_path])
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [
        ("locked.txt", "Permission denied")
    ]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert len(load_sources([tmp_path]).sources) == 1


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    corpus = load_sources([tmp_path])
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [
        ("huge.txt", "100 MB is over the 10 MB limit for one .txt source")
    ]
    assert len(corpus.sources) == 1


def test_fifo_named_like_a_source_does_not_hang(tmp_path: Path) -> None:
    import os

    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    corpus = load_sources([tmp_path / "good.txt", tmp_path / "pipe.txt"])
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [
        ("pipe.txt", "not a regular file")
    ]


def test_broken_symlink_and_symlink_loop_are_named(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    _, skipped = discover([tmp_path / "gone.txt", tmp_path / "a.txt"])
    assert [s.reason for s in skipped] == ["broken symbolic link", "symbolic link loop"]


def test_many_sources_read_in_worker_processes_give_the_same_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.sources as sources_module

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        page = (
            f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
            + "".join(
                f"<p>Paragraph {j} of story {i} says something new about topic {i * 7 + j}, "
                f"officials said on day {j}.</p>"
                for j in range(6)
            )
            + "</article></body></html>"
        )
        (folder / f"s{i}.html").write_text(page, encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    one_by_one = load_sources([folder])
    monkeypatch.setattr(sources_module, "PARALLEL_MIN", 2)
    in_parallel = load_sources([folder])
    assert in_parallel == one_by_one
    assert [s.id for s in in_parallel.sources] == [f"S{i}" for i in range(1, 7)]
    assert all(sources_module.text_path(s) for s in in_parallel.sources)
