"""Benchmark: 100 units return feedback workbooks of 30 rows each; import them all as one step.

Run from the repository root: ``python -m tests.bench.bench_feedback [--units 100] [--rows 30]``.
A plan of units × rows / 10 leaves, ten units per leaf, so every unit has exactly ``rows`` rows.
Measures preparing the units' sheets, writing the workbooks, reading them back, the import
(read + check + write, one transaction) — the target is ≤ 10 s for 100 × 30 — and its undo.
Filling the workbooks (what the units do, with openpyxl) is done in between and not counted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from desktop.core.model import Plan
from desktop.formats.feedback.reader import read_feedback_workbook
from desktop.formats.feedback.unit_share import export_unit_files
from desktop.store.feedback_store import FeedbackImport, feedback_sheets, import_feedback
from desktop.store.workspace import Workspace
from tests.support.feedback_fill import fill

T = TypeVar("T")
PER_LEAF = 10


def timed(label: str, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = action()
    print(f"{label:<52} {time.perf_counter() - start:8.2f} s")
    return result


def unit_name(n: int) -> str:
    return f"区测试单位{n:03d}"


def bench_plan(units: int, rows: int) -> Plan:
    """units × rows / PER_LEAF leaves in groups of 20; leaf i names units 10·i … 10·i + 9 (mod units)."""
    plan = Plan("反馈导入基准测试计划", year=2024)
    leaves = units * rows // PER_LEAF
    category = None
    for i in range(leaves):
        if i % 20 == 0:
            category = plan.make_task(f"第{i // 20 + 1}类重点任务", {"deadline": "2024年12月底前"})
            plan.insert_subtree(plan.ROOT_ID, len(plan.root.children), category)
        names = "、".join(unit_name((PER_LEAF * i + k) % units) for k in range(PER_LEAF))
        leaf = plan.make_task(f"第{i + 1}项具体要求：加强政务公开平台建设，做好政策解读和回应关切工作。",
                              {"units": names})
        assert category is not None
        plan.insert_subtree(category.id, len(category.children), leaf)
    plan.take_journal()
    return plan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--rows", type=int, default=30)
    args = parser.parse_args()
    plan = bench_plan(args.units, args.rows)
    with tempfile.TemporaryDirectory() as folder, \
            Workspace.open(Path(folder) / "bench.sqlite3", seed_sample=False, seed_units=False) as ws:
        ws.add_plan(plan)
        sheets = timed(f"prepare {args.units} units' sheets", lambda: feedback_sheets(ws.db, plan))
        assert len(sheets) == args.units and {len(s.rows) for s in sheets} == {args.rows}
        out = Path(folder) / "sent"
        out.mkdir()
        written, _ = timed(f"write {args.units} feedback workbooks",
                           lambda: export_unit_files(plan, sheets, out, ("xlsx",)))
        start = time.perf_counter()
        for n, (path, sheet) in enumerate(zip(written, sheets, strict=True)):
            reports = {}
            for k, row in enumerate(sheet.rows):
                if k % 3 == 0:
                    reports[row.task_id] = (f"第{n}单位第{k}项已完成。", "已完成", date(2024, 6, 1 + k % 28))
                elif k % 3 == 1:
                    reports[row.task_id] = (f"第{n}单位第{k}项正在推进。", "推进中", None)
            fill(path, reports)
        print(f"{'(units fill their workbooks with openpyxl, not counted)':<52} "
              f"{time.perf_counter() - start:8.2f} s")

        def run_import() -> FeedbackImport:
            workbooks = [read_feedback_workbook(path) for path in written]
            return import_feedback(ws.db, workbooks, date(2024, 7, 1))

        timed(f"read {args.units} returned workbooks (alone)",
              lambda: [read_feedback_workbook(path) for path in written])
        result = timed(f"import {args.units} × {args.rows} rows (read + check + write)", run_import)
        totals = result.counts()
        print(f"{'':<4}rows: {totals}")
        assert totals["applied"] == args.units * ((args.rows + 2) // 3 + (args.rows + 1) // 3)
        timed("undo the import", lambda: ws.revert(result.changes))


if __name__ == "__main__":
    main()
