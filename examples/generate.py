"""Regenerate the example briefings in every format from the bundled seeds.

Run from the project root: python examples/generate.py
Writes examples/briefing.{pdf,docx,md,json} with a fixed date, so reruns give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from briefing import FORMATS, Options, build_briefing, export, load_sources

HERE = Path(__file__).resolve().parent


def main() -> int:
    brief = build_briefing(load_sources(), Options(date=dt.date(2024, 6, 1)))
    for name, fmt in FORMATS.items():
        path = export(brief, HERE / f"briefing{fmt.suffix}", name)
        print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
