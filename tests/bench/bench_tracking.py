"""Benchmark: deadline parsing and assignment tracking on a generated plan.

Run from the repository root: ``python -m tests.bench.bench_tracking [--leaves 2000]``. Measures
parsing a few hundred distinct deadline texts (cache cleared), computing the expected assignments
and due days of every leaf, the first sync into a fresh workspace (all rows inserted), a no-change
re-sync, and the dashboard's status counts.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop.core.deadlines import parse_deadline
from desktop.core.tracking import expected_assignments, plan_dues
from desktop.store.tracking_store import status_counts, sync_plan
from tests.support.generated import generated_plan
from tests.support.workspaces import Workspace


def timed(label: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    print(f"{label:<44} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaves", type=int, default=2000)
    args = parser.parse_args()
    texts = [f"{2000 + i % 30}年{1 + i % 12}月底前\n长期坚持" for i in range(200)]
    texts += [f"本要点印发{i}日内" for i in range(1, 101)]
    texts += [f"{1 + i % 12}月{1 + i % 28}日前" for i in range(200)]

    def parse_all() -> None:
        parse_deadline.cache_clear()
        for text in texts:
            parse_deadline(text, 2024, date(2024, 6, 26))

    timed(f"parse {len(texts)} distinct deadline texts", parse_all)
    plan = generated_plan(args.leaves)
    expected = timed(f"expected assignments ({args.leaves} leaves)", lambda: expected_assignments(plan))
    timed("due days of every leaf", lambda: plan_dues(plan))
    with tempfile.TemporaryDirectory() as folder, \
            Workspace.open(Path(folder) / "bench.sqlite3", seed_sample=False) as ws:
        ws.add_plan(plan)
        first = timed(f"first sync ({len(expected)} assignments inserted)", lambda: sync_plan(ws.db, plan))
        assert len(first.added) == len(expected)
        again = timed("re-sync, nothing changed", lambda: sync_plan(ws.db, plan))
        assert again.changed == []
        timed("dashboard status counts", lambda: status_counts(ws.db, plan.id, date(2025, 1, 10)))


if __name__ == "__main__":
    main()
