"""Plan files handed to the running window by a second start (double-clicking a ``.fenjie`` file).

Each file is imported as ``fenjie open FILE`` imports it on a first start — directly, without the
import preview — as a new plan, an undo step of the plan list, and shown; the window then comes to
the front. A file that cannot be imported is explained in one sentence and the others still open.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.model import PlanError
from desktop.gui.common.dialogs import show_error

if TYPE_CHECKING:
    from desktop.gui.shell.main_window import MainWindow


def open_plan_files(window: MainWindow, paths: Sequence[Path]) -> list[int]:
    """Import ``paths`` into the window's workspace and show the last one; returns the new plan ids."""
    from desktop.formats.importers import import_file

    bench = window.workbench
    added: list[int] = []
    for path in paths:
        try:
            plan = import_file(path, unit_names=bench.workspace.units().names())
            added.append(bench.add_plan(plan, action="打开计划文件"))
        except PlanError as error:
            show_error(window, "无法打开计划文件", f"“{path.name}”：{error}")
    if added:
        window.statusBar().showMessage(f"已打开 {len(added)} 个计划文件。", 8000)
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    return added
