"""Every quote of a briefing is verbatim in the file its JSON names, for every kind of source."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from briefing.cli import app
from tests.conftest import SEEDS, SHARED

CHECKER = SHARED / "tools" / "check_provenance.py"
pytestmark = pytest.mark.skipif(
    not CHECKER.exists(), reason="../shared/tools is not beside the repo"
)

PAGE = """<!doctype html><html lang="en"><head><title>Talks resume | Daily Wire Service</title>
<meta property="og:site_name" content="Daily Wire Service">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Talks resume in Brussels",
"datePublished": "2024-05-20", "author": {{"@type": "Person", "name": "Ann Lee"}}}}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Brussels</h1>
<p>Ministers from {n} member states met in Brussels on Monday to discuss training missions
&amp; air defence.</p>
<p>&ldquo;We will not send combat troops,&rdquo; the defence minister told reporters after the
meeting.</p>
<p>Officials warned that any deployment inside the country would risk a wider war with Russia.</p>
</article><aside>Related: <a href="/x">Other story</a></aside><footer>Comments are closed.</footer>
</body></html>"""


def test_quotes_from_html_docx_and_text_sources_pass_the_checker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("trafilatura")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "src"
    src.mkdir()
    (src / "page.html").write_text(PAGE.format(n=12), encoding="utf-8")
    doc = Document()
    doc.core_properties.title = "Allies weigh trainers"
    doc.add_paragraph("Allies weigh trainers")
    doc.add_paragraph(
        "The alliance is weighing whether to send trainers into the country, "
        "officials said on Tuesday."
    )
    doc.add_paragraph(
        "Critics warned that trainers would quickly become targets for Russian strikes."
    )
    doc.save(str(src / "memo.docx"))
    seed = next(SEEDS.glob("001_*.txt"))
    (src / "old.txt").write_bytes(seed.read_text(encoding="utf-8").encode("utf-16"))
    out = tmp_path / "b.json"
    result = CliRunner().invoke(
        app, ["make", str(src), "-f", "json", "--date", "2024-06-01", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    originals = sorted(Path(s["original"]).name for s in data["sources"])
    assert originals == ["memo.docx", "old.txt", "page.html"]
    check = subprocess.run(
        [sys.executable, str(CHECKER), str(out)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout
    assert " 0 failed" in check.stdout.splitlines()[-1]
