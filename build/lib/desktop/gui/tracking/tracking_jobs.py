"""The background work of the 督办 menu: reading returned workbooks, writing units' files and the report.

Each function takes what it needs on the UI thread (a private copy of the plan, the sheets or
assignments already read from the workspace) and returns the job for ``start_job``; the jobs
touch no database (the SQLite connection belongs to the UI thread) and import the file libraries
only when they run, so the window starts without them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from desktop.core.feedback import FeedbackSheet
from desktop.core.feedback_check import ReturnedWorkbook
from desktop.core.model import Plan, PlanError
from desktop.core.tracking import Assignment
from desktop.gui.common.workers import CancelToken
from desktop.gui.printing.export_print import write_unless_cancelled

Read = tuple[Path, ReturnedWorkbook | None, str]  # file, workbook (or None), why it could not be read


def read_work(paths: Sequence[Path]) -> Callable[[CancelToken], list[Read]]:
    """The job that reads returned workbooks (off the UI thread; touches no database)."""
    files = [Path(p) for p in paths]

    def work(token: CancelToken) -> list[Read]:
        from desktop.formats.feedback.reader import read_feedback_workbook

        out: list[Read] = []
        for path in files:
            token.check()
            try:
                out.append((path, read_feedback_workbook(path), ""))
            except PlanError as error:
                out.append((path, None, str(error)))
        return out

    return work


def units_work(plan: Plan, sheets: Sequence[FeedbackSheet], folder: Path,
               formats: Sequence[str]) -> Callable[[CancelToken], tuple[list[Path], list[str]]]:
    """The job that writes the units' files; cancelling stops before the next unit."""
    snapshot = copy.deepcopy(plan)

    def work(token: CancelToken) -> tuple[list[Path], list[str]]:
        from desktop.formats.feedback.unit_share import export_unit_files

        return export_unit_files(snapshot, sheets, folder, formats, lambda _done, _total: token.check())

    return work


def report_work(plan: Plan, assignments: list[Assignment], target: Path,
                today: date) -> Callable[[CancelToken], list[str]]:
    """The job that writes the progress report beside ``target`` and renames it unless cancelled."""
    snapshot = copy.deepcopy(plan)

    def work(token: CancelToken) -> list[str]:
        from desktop.formats.report.report import write_progress_report

        return write_unless_cancelled(
            target, lambda staging: write_progress_report(snapshot, assignments, staging, today), token)

    return work
