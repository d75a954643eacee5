"""Benchmark: importing a generated 2,000-row annex from .docx (target ≤ 2 s), .xlsx and text.

Run from the repository root: ``python -m tests.bench.bench_import [--leaves 2000] [--runs 5]``.
The .docx and .xlsx files are written by Fenjie's own exporters from
``tests.support.generated.generated_plan`` (4 category levels, merged units); the text is the
same plan written as a numbered work-plan text. Figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import platform
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.model import Plan, Task
from desktop.core.numbering import compute_numbers
from desktop.formats.docx.writer import write_docx
from desktop.formats.importers import import_file
from desktop.formats.xlsx.writer import write_xlsx
from tests.support.generated import generated_plan

TARGET_DOCX_S = 2.0


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """(best, median) seconds over ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def plan_as_text(plan: Plan) -> str:
    numbers = compute_numbers(plan)
    lines = [plan.title]

    def visit(task: Task) -> None:
        for child in task.children:
            if child.children:
                lines.append(numbers[child.id] + child.text)
                visit(child)
            else:
                lines.append(child.text)

    visit(plan.root)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaves", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print the top functions of one .docx import")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()} {platform.release()}")
    plan = generated_plan(args.leaves)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {".docx": folder / "plan.docx", ".xlsx": folder / "plan.xlsx", ".txt": folder / "plan.txt"}
        write_docx(plan, files[".docx"])
        write_xlsx(plan, files[".xlsx"])
        files[".txt"].write_text(plan_as_text(plan), encoding="utf-8")
        print(f"\n{args.leaves} leaves, import ({args.runs} runs each): best / median seconds")
        for suffix, path in files.items():
            leaves = len(import_file(path).leaves())
            best, median = best_of(args.runs, lambda p=path: import_file(p))
            target = f"≤ {TARGET_DOCX_S} s  {'ok' if median <= TARGET_DOCX_S else 'OVER TARGET'}" \
                if suffix == ".docx" else ""
            print(f"  {suffix:<6} {best:7.3f} / {median:7.3f}   {leaves} leaves   "
                  f"{path.stat().st_size // 1024:>6} KB   {target}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(import_file, files[".docx"])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)


if __name__ == "__main__":
    main()
