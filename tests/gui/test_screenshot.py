"""The real app on a new workspace opens on the Laiwu sample; its screenshot is kept for the README."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.gui.shell.app import create_window
from tests.support.images import image_target

MAX_BYTES = 400 * 1024


def ink_statistics(image: QImage) -> tuple[int, float]:
    """(distinct colours, share of pixels that are not near-white) sampled on a grid."""
    colours: set[int] = set()
    dark = total = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            total += 1
            r, g, b = rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF
            dark += (r + g + b) < 600
    return len(colours), dark / total


def test_main_window_screenshot(qtbot, tmp_path: Path, settings) -> None:
    window = create_window(tmp_path / "new-workspace.sqlite3", settings)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    table = window.table
    qtbot.waitUntil(lambda: not table.measuring and abs(
        sum(table.columnWidth(c) for c in range(table.model().columnCount()))
        - (table.viewport().width() - 2)) <= 6)  # the table fits its width and has measured its rows
    plan = window.workbench.current.plan
    assert plan.title == "2024年莱芜区政务公开重点工作任务分工"
    assert window.table.model().rowCount() == 59
    assert window.tree_model.rowCount() == len(plan.root.children)
    leaf = plan.leaves()[2].id
    window.tree.select_task(leaf)  # a requirement: the panel shows inherited values
    qtbot.waitUntil(lambda: window.properties.task_ids == [leaf] and not table.measuring)

    image = window.grab().toImage()
    colours, ink = ink_statistics(image)
    assert colours > 200, "the window looks blank or flat"
    assert 0.03 < ink < 0.6
    shot = image_target("main-window.png", tmp_path)
    # a 256-colour palette keeps every pixel sharp and the file small
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    assert image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(shot), "PNG", 9)
    assert shot.stat().st_size < MAX_BYTES
    window.workbench.workspace.close()
