"""Regenerate the example briefings in every format from the bundled seeds.

Run from the project root: python examples/generate.py [OUTPUT_DIR]
Writes briefing.{pdf,docx,md,json} (default: into examples/) with a fixed date, so reruns give
the same bytes; a test checks that the committed examples are current.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from briefing import FORMATS, Options, build_briefing, export, load_sources

HERE = Path(__file__).resolve().parent


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    brief = build_briefing(load_sources(), Options(date=dt.date(2024, 6, 1)))
    for name, fmt in FORMATS.items():
        path = export(brief, out / f"briefing{fmt.suffix}", name)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
