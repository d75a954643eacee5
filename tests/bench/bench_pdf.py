"""Benchmark: the PDF writer on generated plans (pages and seconds), split into its stages.

Run from the repository root: ``python -m tests.bench.bench_pdf [--leaves 500 2000] [--runs 3]``.
Target (issue 3, this 2-core machine): 2,000 leaves in at most 3 s. Font registration happens
once per process and is timed apart.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from desktop.formats.pdf.fonts import load_fonts
from desktop.formats.pdf.writer import write_pdf_grid
from desktop.layout.engine import build_grid
from tests.support.generated import generated_plan
from tests.support.render import pdf_page_count

TARGET_S = {2000: 3.0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaves", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    fonts = load_fonts()
    print(f"font discovery and registration: {time.perf_counter() - start:.3f} s "
          f"(body {fonts.body.label}, embedded: {fonts.body.embedded})")
    with tempfile.TemporaryDirectory() as tmp:
        for leaves in args.leaves:
            plan = generated_plan(leaves)
            target = Path(tmp) / f"plan-{leaves}.pdf"
            grid_times, total_times = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                grid = build_grid(plan)
                grid_times.append(time.perf_counter() - start)
                write_pdf_grid(grid, target)
                total_times.append(time.perf_counter() - start)
            median = statistics.median(total_times)
            target_s = TARGET_S.get(leaves)
            verdict = "" if target_s is None else ("  ok" if median <= target_s else "  OVER TARGET")
            size_kb = target.stat().st_size // 1024
            print(f"{leaves:5d} leaves: {pdf_page_count(target):4d} pages, {size_kb} KB, "
                  f"median {median:.3f} s (best {min(total_times):.3f} s, of which grid "
                  f"{statistics.median(grid_times):.3f} s){verdict}")


if __name__ == "__main__":
    main()
