"""brief.toml: read, checked with file:line messages, turned into a run; `init` scaffolding."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from briefing.errors import ConfigError, UsageError
from briefing.exporters import Paper
from briefing.project import CONFIG_NAME, SCAFFOLD, Project, load_project, scaffold
from briefing.window import Undated, Window, parse_week

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

GOOD = """\
# a comment
title = "NATO weekly — {year}-W{week:02}"
sources = ["sources/", "extra/*.md", "https://example.org/a", "/abs/b.urls"]
formats = ["pdf", "JSON"]
output = "out/{year}-W{week:02}.{ext}"
window = "week"
undated = "exclude"
sentences = 4
themes = "packs/mine.toml"
paper = "letter"
compare = false
"""


def _write(folder: Path, text: str) -> Path:
    path = folder / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_good_config(tmp_path: Path) -> None:
    project = load_project(_write(tmp_path, GOOD))
    assert project.folder == tmp_path
    assert project.formats == ("pdf", "json")
    assert project.window == "week" and project.undated is Undated.EXCLUDE
    assert project.options.sentences == 4 and project.export.paper is Paper.LETTER
    assert project.compare is False
    # Relative paths are the config folder's, whatever the current folder is.
    assert project.source_inputs() == [
        str(tmp_path / "sources"),
        str(tmp_path / "extra/*.md"),
        "https://example.org/a",
        "/abs/b.urls",
    ]
    assert project.options.themes == str(tmp_path / "packs/mine.toml")
    week = parse_week("2024-W21")
    targets = project.targets(week, week.until)
    assert targets == [
        ("pdf", tmp_path / "out" / "2024-W21.pdf"),
        ("json", tmp_path / "out" / "2024-W21.json"),
    ]
    options = project.build_options(week, None)
    assert options.title == "NATO weekly — 2024-W21" and options.date == dt.date(2024, 5, 26)


def test_a_folder_means_its_brief_toml(tmp_path: Path) -> None:
    _write(tmp_path, 'title = "x"\n')
    assert load_project(tmp_path).title == "x"


def test_missing_keys_take_the_command_line_defaults(tmp_path: Path) -> None:
    assert load_project(_write(tmp_path, "")) == Project(
        folder=tmp_path, config=tmp_path / CONFIG_NAME
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'title = "t"\n\nfromat = ["pdf"]\n',
            ":3: unknown key 'fromat' (did you mean 'formats'?)",
        ),
        ("zzz = 1\n", ":1: unknown key 'zzz'; known keys: title, sources"),
        ('sources = "s"\nsentences = "six"\n', ":2: 'sentences' must be a whole number from 1"),
        ("sentences = 0\n", ":1: 'sentences' must be a whole number from 1 to 100, got 0"),
        ('formats = ["pdf", "xls"]\n', ":1: unknown format 'xls'; choose one of: pdf"),
        ('window = "month"\n', ':1: \'window\' must be "week", "all" or a number of days'),
        ('undated = "maybe"\n', ":1: 'undated' must be one of 'include', 'exclude'"),
        ("strict = 1\n", ":1: 'strict' must be true or false, got 1"),
        ('output = "out/{yr}.{ext}"\n', ":1: 'output': unknown placeholder {yr}"),
        ('title = "W{week:x:y}"\n', ":1: 'title': bad placeholder"),
        ('title = "a"\n[window]\nlength = 7\n', ":2: 'window' must be"),
        ('title = "a"\nsources = [\n  "a",\n  3,\n]\n', ":2: 'sources' must be a string or a list"),
        ('title = "a"\nformats = [pdf]\n', ":2: invalid TOML: Invalid value"),
    ],
)
def test_bad_config_names_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_project(path)
    assert str(caught.value).startswith(str(path) + ":")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_config_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file; 'briefing init"):
        load_project(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("window", "args", "expected"),
    [
        ("week", {}, "2024-W21"),
        ("all", {}, None),
        (3, {}, Window(dt.date(2024, 5, 24), dt.date(2024, 5, 26))),
        ("all", {"week": "2024-W10"}, "2024-W10"),
        ("week", {"since": dt.date(2024, 5, 1)}, Window(dt.date(2024, 5, 1), dt.date(2024, 5, 7))),
        (14, {"until": dt.date(2024, 5, 14)}, Window(dt.date(2024, 5, 1), dt.date(2024, 5, 14))),
        (
            "all",
            {"since": dt.date(2024, 5, 1), "until": dt.date(2024, 5, 3)},
            Window(dt.date(2024, 5, 1), dt.date(2024, 5, 3)),
        ),
    ],
)
def test_window_of_a_run(window: str | int, args: dict[str, object], expected: object) -> None:
    today = dt.date(2024, 5, 27)
    got = Project(window=window).window_for(today, **args)  # type: ignore[arg-type]
    assert got == (parse_week(expected) if isinstance(expected, str) else expected)


def test_week_and_range_exclude_each_other() -> None:
    with pytest.raises(UsageError, match="either --week or --since/--until"):
        Project().window_for(dt.date(2024, 5, 27), "2024-W21", dt.date(2024, 5, 1))


def test_targets_without_a_pattern() -> None:
    week = parse_week("2024-W21")
    assert Project(formats=("md", "json")).targets(week, week.until) == [
        ("md", Path("briefing.md")),
        ("json", Path("briefing.json")),
    ]


def test_where_earlier_briefs_are_looked_for(tmp_path: Path) -> None:
    assert Project(folder=tmp_path, output="out/{year}-W{week:02}.{ext}").output_base() == (
        tmp_path / "out",
        False,
    )
    assert Project(folder=tmp_path, output="out/{year}/W{week:02}.{ext}").output_base() == (
        tmp_path / "out",
        True,
    )
    assert Project().output_base() is None


def test_scaffold_writes_a_project_that_loads(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    done = scaffold(folder, title="NATO weekly", command="/usr/local/bin/briefing")
    assert [d.path.relative_to(folder).as_posix() for d in done] == list(SCAFFOLD)
    assert all(d.written for d in done)
    assert (folder / "sources").is_dir() and (folder / "out").is_dir()
    project = load_project(folder / CONFIG_NAME)
    assert project.window == "week" and "json" in project.formats
    assert project.build_options(parse_week("2024-W21"), None).title == "NATO weekly — 2024-W21"
    tomllib.loads((folder / "sources" / "manifest.toml").read_text(encoding="utf-8"))
    cron = (folder / "cron.example").read_text(encoding="utf-8")
    assert f"cd '{folder.resolve()}' && '/usr/local/bin/briefing' make --config brief.toml" in cron
    service = (folder / "briefing.service").read_text(encoding="utf-8")
    assert "SuccessExitStatus=1" in service and f"WorkingDirectory={folder.resolve()}" in service
    assert "OnCalendar=Mon" in (folder / "briefing.timer").read_text(encoding="utf-8")


def test_scaffold_refuses_an_existing_config_unless_forced(tmp_path: Path) -> None:
    _write(tmp_path, 'title = "mine"\n')
    (tmp_path / "cron.example").write_text("my cron\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"brief\.toml exists; pass --force"):
        scaffold(tmp_path)
    assert load_project(tmp_path).title == "mine"
    scaffold(tmp_path, force=True)
    assert load_project(tmp_path).title != "mine"
    assert (tmp_path / "cron.example").read_text(encoding="utf-8") != "my cron\n"


def test_scaffold_keeps_other_files_and_fills_an_empty_config(tmp_path: Path) -> None:
    _write(tmp_path, "")
    (tmp_path / "README.txt").write_text("mine\n", encoding="utf-8")
    done = {d.path.name: d.written for d in scaffold(tmp_path)}
    assert done[CONFIG_NAME] is True and done["README.txt"] is False
    assert (tmp_path / "README.txt").read_text(encoding="utf-8") == "mine\n"
