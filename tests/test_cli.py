"""The command line through typer's CliRunner: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing import __version__
from briefing.cli import app
from tests.conftest import ROOT

runner = CliRunner()
ARTICLE = (
    "A Headline About Talks\n\nThe ministers met in Brussels on Thursday to discuss the plan. "
    "They agreed to meet again next month, officials said.\n"
)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"briefing {__version__}"


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["make", "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "--format" in result.stdout


def test_make_json_and_md_from_seeds(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["make", "-f", "json", "-f", "md", "--date", "2024-06-01", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "briefing.json").read_text(encoding="utf-8"))
    assert data["date"] == "2024-06-01" and len(data["sources"]) == 5
    assert (tmp_path / "briefing.md").read_text(encoding="utf-8").startswith("# ")


def test_output_file_name_is_used(tmp_path: Path) -> None:
    target = tmp_path / "brief.json"
    result = runner.invoke(app, ["make", "-f", "json", "--date", "2024-06-01", "-o", str(target)])
    assert result.exit_code == 0 and target.exists()


def test_same_date_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        runner.invoke(
            app,
            [
                "make",
                "-f",
                "json",
                "-f",
                "md",
                "--date",
                "2024-06-01",
                "-o",
                str(tmp_path / name) + "/",
            ],
        )
    for suffix in ("json", "md"):
        assert (tmp_path / "a" / f"briefing.{suffix}").read_bytes() == (
            tmp_path / "b" / f"briefing.{suffix}"
        ).read_bytes()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["make", "/no/such/dir", "-f", "json"], 3, "no usable sources"),
        (["make", "-f", "xls"], 2, "unknown format 'xls'"),
        (["make", "-f", "json", "--date", "1 June"], 2, "--date must be YYYY-MM-DD"),
        (
            ["make", "-f", "json", "-o", "/no/such/dir/b.json"],
            4,
            "cannot write /no/such/dir/b.json",
        ),
    ],
)
def test_bad_input_exits_with_one_line(args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_empty_folder(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["make", str(tmp_path), "-f", "json", "-o", str(tmp_path / "b.json")]
    )
    assert result.exit_code == 3
    assert "folder has no readable sources" in result.stderr
    assert not (tmp_path / "b.json").exists()


def test_binary_source_among_good_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff" * 100)
    out = tmp_path / "b.json"
    result = runner.invoke(
        app, ["make", str(tmp_path), "-f", "json", "--date", "2024-06-01", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "not text" in result.stderr
    note = json.loads(out.read_text(encoding="utf-8"))["note"]
    assert [Path(s["path"]).name for s in note["skipped"]] == ["bad.txt"]


def test_strict_stops_at_a_bad_source(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff" * 100)
    out = tmp_path / "b.json"
    result = runner.invoke(app, ["make", str(tmp_path), "-f", "json", "--strict", "-o", str(out)])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "bad.txt" in result.stderr
    assert not out.exists()


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    out.mkdir()  # a folder where the file should go
    result = runner.invoke(app, ["make", "-f", "json", "-o", str(out / "x" / "y.json")])
    assert result.exit_code == 4
    assert list(tmp_path.rglob("*.part")) == []


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from briefing.cli import app\n"
        "heavy = [m for m in ('nltk', 'numpy', 'reportlab', 'docx') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# --- projects, weeks, changes and automation (issue 7) --------------------------------------------

W21_TALKS = """Ministers weigh a training mission

May 21, 2024

The defence ministers met in Brussels on Tuesday to discuss a training mission for Ukrainian \
recruits. Several governments said they were ready to send instructors to western Ukraine.

The Kremlin warned that any foreign instructors on Ukrainian soil would be treated as legitimate \
targets. Officials in Paris declined to say how many trainers could be sent.
"""
W21_AID = """Allies pledge more air defence

Germany announced a new package of air defence systems for Ukraine on Thursday. The chancellor \
said the systems would arrive before the end of the summer.

Critics in parliament asked why the delivery had taken so long. The finance ministry said the \
money was already in the budget.
"""
W22_SUMMIT = """Summit preparations continue

May 28, 2024

The Kremlin warned that any foreign instructors on Ukrainian soil would be treated as legitimate \
targets. Diplomats from Warsaw proposed a joint statement for the July summit.

The alliance's secretary general said the summit would decide on a long-term fund. Poland asked \
its partners to raise defence spending to three percent.
"""
W22_PORTS = """Grain exports resume through Black Sea ports

May 30, 2024

Ukraine said grain shipments from Odesa had reached their highest level since the war began. \
Insurers lowered the premiums for ships calling at Ukrainian ports.

Shipping companies said they would add more vessels in June. The port authority reported no \
attacks on the terminals this week.
"""
UNDATED = """An undated opinion column

The column argued that the alliance should move faster on training. It said that recruits \
needed months of preparation before deployment.
"""
CARRIED = (
    "The Kremlin warned that any foreign instructors on Ukrainian soil would be treated as "
    "legitimate targets."
)
MY_COMMANDS = ["make", "preview", "themes", "init"]


def _project(folder: Path, *, undated: bool = False) -> Path:
    """A project made by `briefing init`, with two weeks of sources: one dated by a date line
    under its headline, one by the manifest."""
    result = runner.invoke(app, ["init", str(folder), "--title", "NATO weekly"])
    assert result.exit_code == 0, result.output
    sources = folder / "sources"
    for name, text in (
        ("w21-talks.txt", W21_TALKS),
        ("w21-aid.txt", W21_AID),
        ("w22-summit.txt", W22_SUMMIT),
        ("w22-ports.txt", W22_PORTS),
    ):
        (sources / name).write_text(text, encoding="utf-8")
    (sources / "manifest.toml").write_text(
        '["w21-aid.txt"]\npublished = 2024-05-23\noutlet = "Wire"\n', encoding="utf-8"
    )
    if undated:
        (sources / "undated.txt").write_text(UNDATED, encoding="utf-8")
    return folder / "brief.toml"


def _statuses(path: Path) -> dict[str, str | None]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {i["text"]: i["status"] for s in data["sections"] for i in s["items"]}


@pytest.mark.parametrize("command", [None, *MY_COMMANDS])
def test_every_command_help_has_examples(command: str | None) -> None:
    result = runner.invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout


def test_completion_is_offered() -> None:
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_init_in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert names == [
        "README.txt",
        "brief.toml",
        "briefing.service",
        "briefing.timer",
        "cron.example",
        "out",
        "sources",
        "sources/manifest.toml",
    ]
    assert "wrote brief.toml" in result.stderr
    assert "briefing make --config brief.toml" in result.stdout
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 2 and "brief.toml exists; pass --force" in again.stderr
    assert runner.invoke(app, ["init", "--force"]).exit_code == 0


def test_two_consecutive_weeks(tmp_path: Path) -> None:
    config = _project(tmp_path)
    out = tmp_path / "out"
    first = runner.invoke(app, ["make", "--config", str(config), "--week", "2024-W21"])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in out.iterdir()) == ["2024-W21.json", "2024-W21.md", "2024-W21.pdf"]
    w21 = json.loads((out / "2024-W21.json").read_text(encoding="utf-8"))
    assert w21["title"] == "NATO weekly — 2024-W21" and w21["date"] == "2024-05-26"
    assert sorted(s["published"] for s in w21["sources"]) == ["2024-05-21", "2024-05-23"]
    assert w21["previous"] is None and set(_statuses(out / "2024-W21.json").values()) == {None}

    second = runner.invoke(app, ["make", "--config", str(config), "--week", "2024-W22"])
    assert second.exit_code == 0, second.output
    assert "compared with" in second.stderr and "2024-W21.json" in second.stderr
    w22 = json.loads((out / "2024-W22.json").read_text(encoding="utf-8"))
    assert w22["previous"] == "2024-05-26"
    statuses = _statuses(out / "2024-W22.json")
    assert statuses.pop(CARRIED) == "continuing"
    assert statuses and set(statuses.values()) == {"new"}
    # Every statement of W21 but the one carried on is listed as gone.
    assert {g["text"] for g in w22["gone"]} == set(_statuses(out / "2024-W21.json")) - {CARRIED}
    assert all("was_cited" in g and "citations" not in g for g in w22["gone"])
    md = (out / "2024-W22.md").read_text(encoding="utf-8")
    assert "**New:**" in md and "continuing from the brief of 2024-05-26" in md
    assert "## Gone since the brief of 2024-05-26" in md
    checker = ROOT.parent / "shared" / "tools" / "check_provenance.py"
    if checker.exists():
        check = subprocess.run(
            [sys.executable, str(checker), str(out / "2024-W22.json")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stdout


def test_rerunning_a_week_gives_the_same_bytes(tmp_path: Path) -> None:
    config = _project(tmp_path)
    for week in ("2024-W21", "2024-W22"):
        assert runner.invoke(app, ["make", "-c", str(config), "--week", week]).exit_code == 0
    out = tmp_path / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # Again, in the other order: W21 must not compare itself with the later W22.
    for week in ("2024-W22", "2024-W21"):
        result = runner.invoke(app, ["make", "-c", str(config), "--week", week])
        assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_window_options_and_undated_sources(tmp_path: Path) -> None:
    config = _project(tmp_path, undated=True)
    args = [
        "make",
        "-c",
        str(config),
        "-f",
        "json",
        "--since",
        "2024-05-20",
        "--until",
        "2024-05-22",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "undated.txt has no date" in result.stderr
    data = json.loads((tmp_path / "out" / "2024-W21.json").read_text(encoding="utf-8"))
    assert sorted(s["title"] for s in data["sources"]) == [
        "An undated opinion column",
        "Ministers weigh a training mission",
    ]
    result = runner.invoke(app, [*args, "--undated", "exclude"])
    assert result.exit_code == 0 and "undated" not in result.stderr
    data = json.loads((tmp_path / "out" / "2024-W21.json").read_text(encoding="utf-8"))
    assert [s["title"] for s in data["sources"]] == ["Ministers weigh a training mission"]


def test_an_empty_week_exits_3(tmp_path: Path) -> None:
    config = _project(tmp_path)
    result = runner.invoke(app, ["make", "-c", str(config), "--week", "2024-W10"])
    assert result.exit_code == 3
    assert "no sources dated in 2024-W10" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_command_line_wins_over_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "desk")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app,
        [
            "make",
            "-c",
            str(config),
            "--week",
            "2024-W21",
            "-f",
            "md",
            "-o",
            "mine.md",
            "--title",
            "Desk {year}/{week}",
            "--date",
            "2024-06-01",
        ],
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "mine.md").read_text(encoding="utf-8")
    assert text.startswith("# Desk 2024/21\n\n*2024-06-01 · 2 sources")
    assert list((tmp_path / "desk" / "out").iterdir()) == []


@pytest.mark.parametrize(
    ("line", "replacement", "message"),
    [
        ("formats = ", "fromat = ", "unknown key 'fromat' (did you mean 'formats'?)"),
        ("sentences = 6", 'sentences = "six"', "'sentences' must be a whole number"),
        ('window = "week"', "window = [week", "invalid TOML"),
    ],
)
def test_a_broken_config_gives_one_line_and_exit_2(
    tmp_path: Path, line: str, replacement: str, message: str
) -> None:
    config = _project(tmp_path)
    text = config.read_text(encoding="utf-8")
    number = next(n for n, t in enumerate(text.splitlines(), start=1) if t.startswith(line))
    config.write_text(text.replace(line, replacement, 1), encoding="utf-8")
    result = runner.invoke(app, ["make", "--config", str(config), "--week", "2024-W21"])
    assert result.exit_code == 2
    assert result.stderr == f"briefing: {config}:{number}: {result.stderr.split(': ', 2)[2]}"
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert list((tmp_path / "out").iterdir()) == []


def test_never_overwrites_a_file_it_did_not_write(tmp_path: Path) -> None:
    config = _project(tmp_path)
    mine = tmp_path / "out" / "2024-W21.md"
    mine.write_text("# My own notes\n", encoding="utf-8")
    args = ["make", "-c", str(config), "--week", "2024-W21", "-f", "json", "-f", "md"]
    result = runner.invoke(app, args)
    assert result.exit_code == 4
    assert "refusing to overwrite" in result.stderr and "2024-W21.md" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# My own notes\n"
    assert not (tmp_path / "out" / "2024-W21.json").exists()  # nothing written at all
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert mine.read_text(encoding="utf-8").startswith("# NATO weekly — 2024-W21")
    # Our own file is replaced without --force.
    assert runner.invoke(app, args).exit_code == 0


def test_previous_given_explicitly(tmp_path: Path) -> None:
    config = _project(tmp_path)
    runner.invoke(app, ["make", "-c", str(config), "--week", "2024-W21", "-f", "json"])
    last = tmp_path / "last.json"
    (tmp_path / "out" / "2024-W21.json").rename(last)
    args = ["make", "-c", str(config), "--week", "2024-W22", "-f", "json"]
    assert runner.invoke(app, [*args, "--previous", str(last)]).exit_code == 0
    assert _statuses(tmp_path / "out" / "2024-W22.json")[CARRIED] == "continuing"
    assert runner.invoke(app, [*args, "--previous", str(last), "--no-compare"]).exit_code == 0
    assert _statuses(tmp_path / "out" / "2024-W22.json")[CARRIED] == "continuing"
    assert runner.invoke(app, [*args, "--no-compare"]).exit_code == 0
    assert _statuses(tmp_path / "out" / "2024-W22.json")[CARRIED] is None
    bad = runner.invoke(app, [*args, "--previous", str(config)])
    assert bad.exit_code == 2 and "cannot use" in bad.stderr


def test_quiet_and_verbose(tmp_path: Path) -> None:
    config = _project(tmp_path)
    args = ["make", "-c", str(config), "--week", "2024-W21", "-f", "json"]
    quiet = runner.invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert runner.invoke(app, ["-q", *args]).stderr == ""
    normal = runner.invoke(app, args)
    assert normal.stderr.startswith("wrote ") and "\x1b" not in normal.stderr  # no progress bar
    verbose = runner.invoke(app, [*args, "-v"])
    assert "2024-W21: 2 of 4 sources in the window" in verbose.stderr


def _make_in_subprocess(config: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from briefing.cli import main; main()",
            "make",
            "-c",
            str(config),
            "--week",
            "2024-W21",
            "-f",
            "json",
            "-f",
            "md",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_runs_at_once_do_not_collide(tmp_path: Path) -> None:
    config = _project(tmp_path)
    runs = [_make_in_subprocess(config) for _ in range(2)]
    results = [(p.wait(120), p.stderr.read() if p.stderr else "") for p in runs]
    assert [code for code, _ in results] == [0, 0], results
    out = tmp_path / "out"
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(written) == ["2024-W21.json", "2024-W21.md"]  # no lock or temporary files
    json.loads(written["2024-W21.json"])
    single = tmp_path / "single"
    single.mkdir()
    result = runner.invoke(
        app,
        [
            "make",
            "-c",
            str(config),
            "--week",
            "2024-W21",
            "-f",
            "json",
            "-f",
            "md",
            "-o",
            f"{single}/",
        ],
    )
    assert result.exit_code == 0
    assert (single / "briefing.md").read_bytes() == written["2024-W21.md"]


def test_a_run_that_cannot_get_the_lock_exits_4(tmp_path: Path) -> None:
    config = _project(tmp_path)
    target = tmp_path / "out" / "2024-W21.json"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time\nfrom pathlib import Path\nfrom briefing.outputs import OutputLock\n"
            f"with OutputLock([Path({str(target)!r})]):\n"
            "    print('locked', flush=True)\n    time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = runner.invoke(
            app, ["make", "-c", str(config), "--week", "2024-W21", "-f", "json", "--wait", "0.2"]
        )
        assert result.exit_code == 4
        assert "another briefing run is writing it" in result.stderr
        assert not target.exists()
    finally:
        holder.kill()
        holder.wait()
    assert (
        runner.invoke(
            app, ["make", "-c", str(config), "--week", "2024-W21", "-f", "json"]
        ).exit_code
        == 0
    )


def test_themes_lists_packs_and_cues() -> None:
    listing = runner.invoke(app, ["themes"])
    assert listing.exit_code == 0
    assert listing.stdout.startswith("default: ") and "escalation_warnings" in listing.stdout
    full = runner.invoke(app, ["themes", "--pack", "default"])
    assert "cues: asked, asks" in full.stdout and "patterns: asked … to (×2)" in full.stdout
    data = json.loads(runner.invoke(app, ["themes", "--format", "json"]).stdout)
    default = next(p for p in data["packs"] if p["name"] == "default")
    assert [t["id"] for t in default["themes"]][:2] == ["requests", "official_positions"]
    assert "asked" in default["themes"][0]["cues"]
    bad = runner.invoke(app, ["themes", "--pack", "nope"])
    assert bad.exit_code == 2 and "unknown theme pack 'nope'" in bad.stderr


def test_preview_shows_the_briefing_with_its_changes(tmp_path: Path) -> None:
    config = _project(tmp_path)
    runner.invoke(app, ["make", "-c", str(config), "--week", "2024-W21", "-f", "json"])
    result = runner.invoke(
        app, ["preview", "-c", str(config), "--week", "2024-W22", "--width", "100"]
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "NATO weekly — 2024-W22" in text and "Bottom line" in text and "Sources" in text
    assert "compared with the brief of 2024-05-26" in text
    assert "NEW " in text and "cont. " in text and "Gone since the brief of 2024-05-26" in text
    assert "\x1b" not in text  # no colour codes when not a terminal
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2024-W21.json"]


def test_preview_of_the_seeds() -> None:
    result = runner.invoke(app, ["preview", "--date", "2024-06-01", "--width", "90"])
    assert result.exit_code == 0, result.output
    assert "2024-06-01 · 5 sources" in result.stdout


def test_one_template_for_pdf_and_docx(tmp_path: Path) -> None:
    """A style meant for one format leaves the other at the default instead of failing."""
    style = tmp_path / "house.pdf.toml"
    style.write_text('banner = "DESK ONLY"\n', encoding="utf-8")
    for template in ("ministry", str(style)):
        result = runner.invoke(
            app,
            [
                "make",
                "-f",
                "pdf",
                "-f",
                "docx",
                "--date",
                "2024-06-01",
                "--template",
                template,
                "-o",
                str(tmp_path / template.replace("/", "_")) + "/",
            ],
        )
        assert result.exit_code == 0, result.output
