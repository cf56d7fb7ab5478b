"""Use briefing from Python: load sources, build a briefing, export it to a file and to bytes.

Run: python examples/api.py [OUTPUT_DIR]   (default: a temporary folder)
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from briefing import Options, build_briefing, export, export_bytes, load_sources


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="briefing-"))
    corpus = load_sources()  # the bundled seeds; pass paths, folders or globs for your own
    brief = build_briefing(
        corpus, Options(title="NATO troops to Ukraine", date=dt.date(2024, 6, 1))
    )
    pdf = export(brief, out / "api-briefing.pdf")
    data = json.loads(export_bytes(brief, "json"))
    print(
        f"{brief.title}: {len(brief.sources)} sources, {len(brief.bottom_line)} bottom-line items"
    )
    for section in data["sections"]:
        print(f"  {section['title']}: {len(section['items'])} items")
    print(f"wrote {pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
