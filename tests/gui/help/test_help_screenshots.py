"""The user guide's screenshots, made from the real window on the Laiwu sample plan.

Each picture is taken the way the guide describes it (the window, the import preview of the
Laiwu annex, a right-click menu, the properties panel, the print preview, the bar after an export,
the 督办 dashboard, a comparison), checked for ink, scaled to the guide's width and saved as a
256-colour PNG. ``FENJIE_UPDATE_IMAGES=1`` writes them to resources/help/images (the files the
guide shows and the bundle ships) and the help window's own picture to docs/images; a normal run
writes them to the test's temporary folder.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from desktop.core import operations as ops
from desktop.core.tracking import DONE, IN_PROGRESS
from desktop.gui.common.workers import CancelToken
from desktop.gui.help.open_help import open_help
from desktop.gui.plans.import_dialog import ImportDialog
from desktop.gui.printing.export_print import layout_work, open_preview
from desktop.gui.versions.snapshots_dialog import SnapshotsDialog
from desktop.store.tracking_store import load_assignments, save_assignments
from tests.gui.driving import on_next_dialog
from tests.gui.outline.test_row_edits import when_menu_opens
from tests.gui.test_editing_screenshots import window_with
from tests.gui.test_screenshot import ink_statistics
from tests.gui.tracking_support import open_window, wait_job
from tests.support.images import help_image_target, image_target

GUIDE_WIDTH = 720  # the widest picture the guide shows (the help window's text is about 800 px wide)
GUIDE_IMAGES = ("main-window.png", "import-preview.png", "import-text.png", "context-menu.png",
                "properties.png", "print-preview.png", "export-notice.png", "dashboard.png", "comparison.png")
FLAGS = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
TODAY = date(2024, 12, 20)


def save_for_guide(image: QImage, name: str, tmp_path: Path) -> Path:
    assert name in GUIDE_IMAGES
    colours, ink = ink_statistics(image)
    assert colours > 20 and 0.01 < ink < 0.8, f"{name} looks blank"
    if image.width() > GUIDE_WIDTH:
        image = image.scaledToWidth(GUIDE_WIDTH, Qt.TransformationMode.SmoothTransformation)
    target = help_image_target(name, tmp_path)
    assert image.convertToFormat(QImage.Format.Format_Indexed8, FLAGS).save(str(target), "PNG", 9)
    assert target.stat().st_size < 100 * 1024, f"{name} is too big for the guide"
    return target


def crop(image: QImage, rect: QRect) -> QImage:
    return image.copy(rect.intersected(image.rect()))


def settle(qtbot, window: QWidget, width: int = 1100, height: int = 720) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=3000)
    table = getattr(window, "table", None)
    if table is not None:
        qtbot.waitUntil(lambda: not table.measuring, timeout=10000)


def test_window_import_menu_properties_preview_and_export_pictures(qtbot, window, tmp_path: Path,
                                                                   samples_dir: Path) -> None:
    settle(qtbot, window)
    plan = window.workbench.current.plan
    leaf = plan.leaves()[2]
    window.tree.select_task(leaf.id)
    qtbot.waitUntil(lambda: window.properties.task_ids == [leaf.id])
    save_for_guide(window.grab().toImage(), "main-window.png", tmp_path)

    # the properties panel of a requirement: its own 责任单位, the 完成时限 of its category
    settle(qtbot, window, 1100, 900)
    assert "deadline" not in leaf.attrs and leaf.effective("deadline")
    save_for_guide(window.properties_dock.grab().toImage(), "properties.png", tmp_path)
    settle(qtbot, window)

    # right-click on two selected rows
    first, second = plan.leaves()[0], plan.leaves()[1]
    window.tree.select_tasks([first.id, second.id])
    point = window.tree.visualRect(window.tree_model.index_of(second.id)).center()
    shots: list[QImage] = []

    def grab_menu(menu: QMenu) -> None:
        whole = window_with(window, menu, menu.pos())
        corner = window.mapFromGlobal(menu.pos())
        shots.append(crop(whole, QRect(corner - QPoint(260, 60), menu.size() + QRect(0, 0, 300, 100).size())))
        menu.close()

    seen = when_menu_opens(grab_menu)
    window.tree.customContextMenuRequested.emit(point)
    qtbot.waitUntil(lambda: bool(shots), timeout=5000)
    assert "合并为一行" in seen[0]
    save_for_guide(shots[0], "context-menu.png", tmp_path)

    # the import preview of the Laiwu annex (.docx), read as 文件 → 导入 reads it
    previews: list[QImage] = []

    def grab_preview(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        dialog.resize(1000, 640)
        QApplication.processEvents()
        previews.append(dialog.grab().toImage())
        dialog.reject()

    seen_dialogs = on_next_dialog(grab_preview, timeout_ms=30000)
    window.commands.import_files([str(samples_dir / "laiwu-2024.docx")])
    qtbot.waitUntil(lambda: bool(previews), timeout=30000)
    assert seen_dialogs == ["ImportDialog"]
    save_for_guide(previews[0], "import-preview.png", tmp_path)

    # the import preview of a work-plan text, with its 导入方式 on the left
    seen_dialogs = on_next_dialog(grab_preview, timeout_ms=30000)
    window.commands.import_files([str(samples_dir / "gaoxin-2020-plan.txt")])
    qtbot.waitUntil(lambda: len(previews) == 2, timeout=30000)
    assert seen_dialogs == ["ImportDialog"]
    save_for_guide(previews[1], "import-text.png", tmp_path)

    # the print preview, laid out as 文件 → 打印预览 lays it out
    preview = open_preview(window, layout_work(plan)(CancelToken()))
    qtbot.addWidget(preview)
    preview.resize(1000, 680)
    preview.show()
    qtbot.waitExposed(preview)
    QApplication.processEvents()
    save_for_guide(preview.grab().toImage(), "print-preview.png", tmp_path)
    preview.close()

    # the bar after an export, with the bottom of the table above it
    wait_job(qtbot, window.commands.export_to(tmp_path / "任务分解表.docx"))
    notice = window.export_notice
    assert notice.isVisible()
    top_left = notice.mapTo(window, QPoint(0, 0))
    strip = QRect(top_left - QPoint(0, 90), notice.size() + QRect(0, 0, 0, 90 + 24).size())
    save_for_guide(crop(window.grab().toImage(), strip), "export-notice.png", tmp_path)


def test_dashboard_and_comparison_pictures(qtbot, workspace, settings, tmp_path: Path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    settle(qtbot, window, 1100, 760)
    session = window.session
    plan = session.plan
    for leaf in plan.leaves()[:6]:
        session.do(ops.SetAttr(leaf.id, "deadline", "2024年6月底前"))
    ui = window.tracking_ui
    wait_job(qtbot, ui.feedback.export_units_to(tmp_path / "各单位", None, ("xlsx",)))  # opens a round
    ui.state.flush()
    stored = load_assignments(window.workbench.workspace.db, plan.id, include_inactive=False)
    changed = [replace(item, status=DONE, completed_on=date(2024, 6, 1)) if n % 3 == 0
               else replace(item, status=IN_PROGRESS) if n % 3 == 1 else item
               for n, item in enumerate(stored)]
    save_assignments(window.workbench.workspace.db, plan.id, changed)
    ui.state.reload()
    ui.show_dashboard()
    qtbot.waitExposed(ui.dashboard)
    QApplication.processEvents()
    save_for_guide(ui.dashboard_dock.grab().toImage(), "dashboard.png", tmp_path)

    snapshots = SnapshotsDialog(window.workbench.workspace, session, window)
    qtbot.addWidget(snapshots)
    snapshots.save("初稿")
    leaves = plan.leaves()
    session.do(ops.SetText(leaves[0].id, leaves[0].text.replace("政务公开", "政务公开工作", 1)))
    session.do(ops.SetAttr(leaves[3].id, "units", "区政府办公室、区大数据局"))
    snapshots.table.selectRow(0)
    comparison = snapshots.compare_with_current()
    assert comparison is not None
    comparison.resize(1000, 340)
    qtbot.waitExposed(comparison)
    QApplication.processEvents()
    save_for_guide(comparison.grab().toImage(), "comparison.png", tmp_path)
    comparison.close()


def test_help_window_picture(qtbot, window, tmp_path: Path) -> None:
    """The help window itself, for docs/gui.md (looked at when it changes)."""
    help_window = open_help(window, "edit-merge")
    help_window.resize(1100, 700)
    qtbot.waitUntil(lambda: help_window.current_section().anchor == "edit-merge")
    QApplication.processEvents()
    image = help_window.grab().toImage()
    colours, ink = ink_statistics(image)
    assert colours > 20 and 0.01 < ink < 0.8
    target = image_target("help-window.png", tmp_path)
    assert image.convertToFormat(QImage.Format.Format_Indexed8, FLAGS).save(str(target), "PNG", 9)
    assert target.stat().st_size < 300 * 1024
