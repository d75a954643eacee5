"""Export (.docx/.xlsx/.pdf/.json), print preview and print, off the UI thread and cancellable.

The plan is copied on the UI thread, then written on a worker to a temporary file beside the
target; only if the job was not cancelled is it moved onto the target, so a cancelled export
leaves nothing behind. Printing lays the pages out with the PDF writer's own pagination on a
worker (``PrintLayout``), then QPrintPreviewDialog paints them with ``PagePainter``: the preview
and the paper show exactly what the PDF shows.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.model import Plan
from desktop.core.style import style_of
from desktop.formats.atomic import STAGING_MARK
from desktop.formats.exporters import export_plan
from desktop.gui.common.workers import CancelToken, Job, start_job
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key
from desktop.layout.engine import build_grid

if TYPE_CHECKING:
    # reportlab (behind the print layout) loads only when the clerk prints, not at start-up.
    from desktop.gui.printing.print_layout import PrintLayout

WORD_PAGINATES_FILTER = "Word 文档，整表由 Word 自行分页（便于大量修改） (*.docx)"
EXPORT_FILTERS = ("Word 文档，按打印页分表 (*.docx)", WORD_PAGINATES_FILTER, "Excel 工作簿 (*.xlsx)",
                  "PDF 文件 (*.pdf)", "Fenjie 计划文件 (*.json)")


@dataclass(frozen=True)
class ExportChoice:
    """Where to export, and for a .docx whether Word rather than Fenjie breaks the pages."""

    target: Path
    word_paginates: bool = False


def export_work(plan: Plan, target: Path, word_paginates: bool = False) -> Callable[[CancelToken], list[str]]:
    """The job that writes ``plan`` (a private copy) to ``target``; returns the writer's warnings."""
    snapshot = copy.deepcopy(plan)
    target = Path(target)

    def write(staging: Path) -> list[str]:
        return export_plan(snapshot, staging, word_paginates=word_paginates)

    return lambda token: write_unless_cancelled(target, write, token)


def write_unless_cancelled(target: Path, write: Callable[[Path], list[str]], token: CancelToken) -> list[str]:
    """Write beside ``target`` and rename onto it only if the job was not cancelled meanwhile."""
    staging = target.with_name(f".{target.stem}{STAGING_MARK}{target.suffix}")
    try:
        warnings = write(staging)
        token.check()
        os.replace(staging, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
    return warnings


def choose_export(parent: QWidget | None, plan: Plan, folder: str = "") -> ExportChoice | None:
    """Ask where to export; the file type chosen for a .docx says who breaks the pages."""
    name = (plan.title or "任务分解表").replace("/", "-")
    path, chosen = QFileDialog.getSaveFileName(parent, "导出", str(Path(folder) / f"{name}.docx"),
                                               ";;".join(EXPORT_FILTERS))
    if not path:
        return None
    target = Path(path)
    if not target.suffix:
        target = target.with_suffix(chosen[chosen.rfind("*") + 1:-1] if "*" in chosen else ".docx")
    return ExportChoice(target, chosen == WORD_PAGINATES_FILTER and target.suffix.lower() == ".docx")


def start_export(parent: QWidget | None, plan: Plan, target: Path, word_paginates: bool = False) -> Job:
    return start_job(parent, f"正在导出“{target.name}”…", export_work(plan, target, word_paginates))


def layout_work(plan: Plan) -> Callable[[CancelToken], PrintLayout]:
    grid = build_grid(plan, style_of(plan.fields))

    def work(_token: CancelToken) -> PrintLayout:
        from desktop.gui.printing.print_layout import PrintLayout

        return PrintLayout(grid)

    return work


def make_printer(layout: PrintLayout) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    portrait = layout.grid.style.orientation == "portrait"
    orientation = QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    printer.setDocName(layout.grid.title or "任务分解表")
    return printer


def paint_pages(printer: QPrinter, layout: PrintLayout) -> None:
    """Paint every page on the printer (or the preview's printer)."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        from desktop.gui.printing.print_painter import PagePainter

        page_painter = PagePainter(layout, printer.logicalDpiX())
        for index in range(layout.page_count):
            if index:
                printer.newPage()
            page_painter.paint(painter, index)
    finally:
        painter.end()


class _PreviewDialog(QPrintPreviewDialog):
    """The preview dialog, keeping its printer alive (Qt's dialog does not own it)."""

    def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
        super().__init__(printer, parent)
        self.printer_ref = printer


def open_preview(parent: QWidget | None, layout: PrintLayout) -> QPrintPreviewDialog:
    printer = make_printer(layout)
    dialog = _PreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 — {layout.grid.title}（共 {layout.page_count} 页）")
    add_help_key(dialog, topics.PRINT_PREVIEW)  # F1: the guide's section on this
    dialog.paintRequested.connect(lambda p: paint_pages(p, layout))
    dialog.resize(1100, 800)
    return dialog
