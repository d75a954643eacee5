"""Benchmark: the 督办 dashboard and its filter on a generated plan, pure and in the real window.

Run from the repository root: ``python -m tests.bench.bench_dashboard [--leaves 2000]``. Measures
what happens after each plan edit while the dashboard is shown (re-sync with nothing changed,
reload of the assignments, the overview), a filter's rows, and in the offscreen window: the
dashboard refresh (models and chart) and applying a unit filter to the tree and the table.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop.core.tracking_overview import RowFilter, build_overview, filter_rows
from desktop.store.tracking_store import load_assignments, sync_plan
from desktop.store.workspace import Workspace
from tests.support.generated import generated_plan

TODAY = date(2024, 12, 20)


def timed(label: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    print(f"{label:<52} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaves", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    plan = generated_plan(args.leaves)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        with Workspace.open(path, seed_sample=False) as ws:
            ws.add_plan(plan)
            timed("first sync", lambda: sync_plan(ws.db, plan))
            timed("re-sync after an edit (nothing changed)", lambda: sync_plan(ws.db, plan))
            items = timed("load assignments", lambda: load_assignments(ws.db, plan.id))
            print(f"  ({len(items)} assignments)")  # type: ignore[arg-type]
            overview = timed("overview (units, categories, due lists)",
                             lambda: build_overview(plan, items, TODAY))  # type: ignore[arg-type]
            unit = overview.units[0].label  # type: ignore[attr-defined]
            timed("rows of one unit", lambda: filter_rows(plan, items, RowFilter("unit", unit), TODAY))  # type: ignore[arg-type]
        _window(path, unit)


def _window(path: Path, unit: str) -> None:
    from PySide6.QtCore import QSettings

    from desktop.gui.shell.app import make_application
    from desktop.gui.shell.main_window import MainWindow

    app = make_application([])
    with tempfile.TemporaryDirectory() as folder, Workspace.open(path) as ws:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = timed("open the window (sync, notice)", lambda: MainWindow(ws, settings, lambda: TODAY))
        window.resize(1500, 900)  # type: ignore[attr-defined]
        window.show()  # type: ignore[attr-defined]
        app.processEvents()
        ui = window.tracking_ui  # type: ignore[attr-defined]
        # a large plan opens its tracking after the first paint (LAZY_TRACKING_TASKS): wait for it
        start, limit = time.perf_counter(), time.perf_counter() + 120
        while ui.state.session is None and time.perf_counter() < limit:
            app.processEvents()
        print(f"{'  then its assignments (deferred for large plans)':<52} "
              f"{1000 * (time.perf_counter() - start):8.1f} ms")
        timed("show the dashboard (models, chart)", ui.show_dashboard)
        app.processEvents()
        timed("filter the tree and the table to one unit",
              lambda: ui.set_filter(RowFilter("unit", unit, label=unit)))
        timed("clear the filter", ui.scope.clear)
        timed("reload after a tracking edit (dashboard shown)", ui.state.reload)
        window.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
