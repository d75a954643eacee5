"""Benchmark: exporting a generated plan to .docx, .xlsx and PDF, against the python-docx cell-API baseline.

Run from the repository root: ``python -m tests.bench.bench_export [--leaves 2000] [--baseline-leaves 500]``.
Targets (issue 3, this 2-core machine): 2,000 leaves → .docx ≤ 1 s, .xlsx ≤ 1.5 s, .pdf ≤ 3 s;
at 500 leaves the .docx export at least 50× faster than python-docx's ``table.cell(...).merge(...)``,
measured in the same run.
Figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.model import Plan
from desktop.formats.docx.writer import write_docx
from desktop.formats.pdf.writer import write_pdf
from desktop.formats.xlsx.writer import write_xlsx
from tests.bench.docx_baseline import build_with_python_docx_api
from tests.support.generated import generated_plan


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """(best, median) seconds over ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaves", type=int, default=2000)
    parser.add_argument("--baseline-leaves", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()} {platform.release()}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        plan: Plan = generated_plan(args.leaves)
        print(f"\n{args.leaves} leaves ({args.runs} runs each): best / median seconds, target")
        writers = (("docx", write_docx, 1.0), ("xlsx", write_xlsx, 1.5), ("pdf", write_pdf, 3.0))
        for name, writer, target in writers:
            path = out / f"plan.{name}"
            best, median = best_of(args.runs, lambda w=writer, p=path: w(plan, p))
            verdict = "ok" if median <= target else "OVER TARGET"
            print(f"  .{name:<5} {best:7.3f} / {median:7.3f}   ≤ {target} s  {verdict}   "
                  f"({path.stat().st_size // 1024} KB)")

        small = generated_plan(args.baseline_leaves)
        print(f"\n{args.baseline_leaves} leaves, .docx side by side:")
        fast, _ = best_of(3, lambda: write_docx(small, out / "small.docx"))
        start = time.perf_counter()
        build_with_python_docx_api(small, out / "baseline.docx")
        slow = time.perf_counter() - start
        ratio = slow / fast
        print(f"  Fenjie writer          {fast:8.3f} s")
        print(f"  python-docx cell API   {slow:8.3f} s")
        verdict = "ok" if ratio >= 50 else "UNDER TARGET"
        print(f"  speed-up               {ratio:8.0f}×   (target ≥ 50×) {verdict}")


if __name__ == "__main__":
    main()
