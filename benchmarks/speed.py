"""Whole-process timings of the CLI: `briefing make` on the seeds per format, and `briefing --help`.

Run: python benchmarks/speed.py [--runs 5]
Targets (issue 2): make ≤ 3 s as a whole process in any format; --help ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(cmd: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), max(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = shutil.which("briefing")
    base = [exe] if exe else [sys.executable, "-m", "briefing.cli"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        rows.append(("briefing --help", *_time([*base, "--help"], args.runs, cwd), 0.5))
        for fmt in ("pdf", "docx", "md", "json"):
            cmd = [*base, "make", "-f", fmt, "--date", "2024-06-01", "-o", f"b.{fmt}"]
            rows.append((f"briefing make -f {fmt}", *_time(cmd, args.runs, cwd), 3.0))
    print("| command | median s | max s | target s | ok |\n|---|---:|---:|---:|---|")
    for name, median, worst, target in rows:
        print(
            f"| `{name}` | {median:.2f} | {worst:.2f} | {target:.1f} "
            f"| {'yes' if median <= target else 'NO'} |"
        )
    return 0 if all(m <= t for _, m, _, t in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
