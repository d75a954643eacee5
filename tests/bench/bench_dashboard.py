"""Benchmark: the 督办 dashboard at 2,000, 10,000 and 20,000 assignments, pure and in the real window.

Run from the repository root: ``python -m tests.bench.bench_dashboard [--assignments 2000 10000 20000]``
(one generated plan per size, about 2.5 assignments per requirement row). For each size:

- pure: the first sync, a re-sync with nothing changed, reading the assignments, the overview
  counted from scratch (``build_overview``) and from the window's incremental index;
- in the offscreen window (the plan already synced): the time until the tracking data is
  complete after the first paint, opening the dashboard (models and chart), switching the filter
  from one unit to another and to a category, clearing it, a status change with the dashboard
  shown (stored, read back, dashboard refreshed), its undo, a plan edit that changes one row's
  units with the dashboard shown (synced and refreshed), and importing one unit's returned
  workbook through the 督办 command (the workbook is written and filled before the clock starts).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop.core.model import Plan
from desktop.core.tracking_overview import RowFilter, build_overview
from desktop.store.tracking_store import load_assignments, sync_plan
from tests.support.generated import generated_plan
from tests.support.workspaces import Workspace

TODAY = date(2024, 12, 20)
PER_ROW = 2.507  # assignments per requirement row in generated plans


def timed(label: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    print(f"  {label:<58} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assignments", type=int, nargs="+", default=[2000, 10000, 20000])
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.gui.shell.app import make_application

    app = make_application([])
    for size in args.assignments:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.sqlite3"
            _pure(path, generated_plan(max(1, round(size / PER_ROW))))
            _window(app, path, Path(folder))


def _pure(path: Path, plan: Plan) -> None:
    with Workspace.open(path, seed_sample=False) as ws:
        ws.add_plan(plan)
        units = ws.units()
        assert plan.id is not None
        timed("first sync", lambda: sync_plan(ws.db, plan, units))
        items = load_assignments(ws.db, plan.id)
        print(f"{len(items)} assignments, {len(plan.leaves())} requirement rows")
        timed("re-sync, nothing changed", lambda: sync_plan(ws.db, plan, units))
        timed("read the assignments", lambda: load_assignments(ws.db, plan.id or 0))
        timed("overview counted from scratch (build_overview)", lambda: build_overview(plan, items, TODAY))
        try:
            from desktop.core.tracking_index import TrackingIndex
        except ImportError:  # the same script measures the code before the index, for comparison
            return
        index = TrackingIndex(plan, TODAY, items)
        timed("overview from the incremental index", index.overview)


def _window(app: object, path: Path, folder: Path) -> None:
    from PySide6.QtCore import QSettings

    from desktop.core import operations as ops
    from desktop.core.feedback_check import Update
    from desktop.core.tracking import IN_PROGRESS
    from desktop.gui.shell.main_window import MainWindow

    with Workspace.open(path) as ws:
        settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
        plan_id = max(summary.id for summary in ws.list_plans())
        settings.setValue("last_plan", plan_id)
        window = MainWindow(ws, settings, lambda: TODAY)
        window.resize(1500, 900)
        window.show()
        ui = window.tracking_ui
        state = ui.state
        start = time.perf_counter()
        while not (getattr(state, "ready", True) and state.session is window.workbench.current):
            app.processEvents()  # type: ignore[attr-defined]
        print(f"  {'window: tracking data complete after the first paint':<58} "
              f"{1000 * (time.perf_counter() - start):8.1f} ms")
        timed("window: open the dashboard (models, chart)", ui.show_dashboard)
        units = [tally.label for tally in ui.dashboard.units_model.tallies]
        timed("window: filter the tree and the table to one unit",
              lambda: ui.set_filter(RowFilter("unit", units[0], label=units[0])))
        timed("window: switch the filter to another unit",
              lambda: ui.set_filter(RowFilter("unit", units[1], label=units[1])))
        category = ui.dashboard.categories_model.tallies[0]
        timed("window: switch the filter to a category",
              lambda: ui.set_filter(RowFilter("category", category.key, label=category.label)))
        timed("window: clear the filter", ui.scope.clear)
        item = next(a for a in state.assignments if a.active and a.status != IN_PROGRESS)
        timed("window: status change, dashboard shown (store, read, refresh)",
              lambda: state.apply([Update(int(item.id or 0), IN_PROGRESS, None, None)], "修改督办状态"))
        timed("window: undo it", window.workbench.stack.undo)
        session = window.session
        leaf = session.plan.leaves()[len(session.plan.leaves()) // 2]

        def edit_units() -> None:
            session.do(ops.SetAttr(leaf.id, "units", "区审计局、区统计局"))
            state.flush()

        timed("window: a row's units edited, dashboard shown (sync, refresh)", edit_units)
        reads = _returned_workbook(ws, session.plan, folder, units[2])
        timed(f"window: import one unit's return ({len(reads[0][1].rows)} rows)",  # type: ignore[union-attr]
              lambda: ui.feedback._import_read(reads))
        window.close()


def _returned_workbook(ws: Workspace, plan: object, folder: Path, unit: str) -> list:
    """One unit's feedback workbook, written and filled as the unit would (not timed)."""
    from desktop.formats.feedback.reader import read_feedback_workbook
    from desktop.formats.feedback.unit_share import export_unit_files
    from desktop.store.feedback_store import feedback_sheets
    from tests.support.feedback_fill import fill

    sheets = feedback_sheets(ws.db, plan, [unit])  # type: ignore[arg-type]
    out = folder / "sent"
    out.mkdir(exist_ok=True)
    written, _ = export_unit_files(plan, sheets, out, ("xlsx",))  # type: ignore[arg-type]
    reports = {row.task_id: ("已按要求推进。", "推进中", None) for row in sheets[0].rows[::2]}
    fill(written[0], reports)
    return [(written[0], read_feedback_workbook(written[0]), "")]


if __name__ == "__main__":
    main()
