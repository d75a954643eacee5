"""Benchmark: the workspace store with a generated 2,000-leaf plan (add, load, apply, rename, open).

Run from the repository root: ``python -m tests.bench.bench_store [--leaves 2000]``.
Target (issue 2): loading 2,000 leaves well under 100 ms; every edit committed (WAL,
``synchronous=FULL``) before ``apply`` returns.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.operations import MoveTask, SetAttr, SetText, make_add_child, make_delete
from tests.support.generated import generated_plan
from tests.support.workspaces import Workspace


def timed(runs: int, action: Callable[[int], object]) -> tuple[float, float]:
    """(best, median) milliseconds over ``runs`` runs; the run index is passed to the action."""
    times = []
    for run in range(runs):
        start = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leaves", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        rows: list[tuple[str, tuple[float, float]]] = []
        rows.append(("create new workspace (with sample)", timed(1, lambda _: Workspace.open(path).close())))
        workspace = Workspace.open(path)
        plan = generated_plan(args.leaves)
        tasks = sum(1 for _ in plan.tasks())
        rows.append((f"add_plan ({args.leaves} leaves, {tasks} tasks)",
                     timed(1, lambda _: workspace.add_plan(plan))))
        plan_id = int(plan.id or 0)
        rows.append(("load_plan", timed(20, lambda _: workspace.load_plan(plan_id))))
        live = workspace.load_plan(plan_id)
        leaves = live.leaves()
        rows.append(("apply SetText", timed(200, lambda i: workspace.apply(
            live, SetText(leaves[i].id, f"改{i}")))))
        rows.append(("apply SetAttr", timed(200, lambda i: workspace.apply(
            live, SetAttr(leaves[i].id, "units", "区财政局、各街道（镇）")))))
        top = live.root.children
        rows.append(("apply insert at the top (shifts siblings)", timed(100, lambda i: workspace.apply(
            live, make_add_child(live, top[0].children[0].id, f"新{i}", index=0)))))
        rows.append(("apply move a level-1 category to the top", timed(50, lambda i: workspace.apply(
            live, MoveTask(live.root.children[-1].id, live.ROOT_ID, 0)))))
        rows.append(("apply delete a level-1 category", timed(20, lambda i: workspace.apply(
            live, make_delete(live, live.root.children[-1].id)))))
        rows.append(("list_plans", timed(20, lambda _: workspace.list_plans())))
        workspace.add_unit("各街道（镇）")
        rows.append(("rename_unit (sample + this plan)", timed(1, lambda _: workspace.rename_unit(
            "各街道（镇）", "各镇（街道）"))))
        workspace.close()
        rows.append(("open existing workspace", timed(10, lambda _: Workspace.open(path).close())))
    width = max(len(name) for name, _ in rows)
    print(f"{'operation':<{width}}  best ms  median ms")
    for name, (best, median) in rows:
        print(f"{name:<{width}}  {best:7.2f}  {median:9.2f}")


if __name__ == "__main__":
    main()
