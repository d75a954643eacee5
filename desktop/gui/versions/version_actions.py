"""The 计划 menu's version entries: 快照…, 与单位修改稿比较…, 以此为基础新建下一年度…"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.core.model import PlanError
from desktop.gui.common.dialogs import show_error
from desktop.gui.versions.comparison_window import ComparisonWindow
from desktop.gui.versions.snapshots_dialog import SnapshotsDialog

if TYPE_CHECKING:
    from desktop.core.next_year import NextYear
    from desktop.gui.plans.plan_session import PlanSession
    from desktop.gui.shell.workbench import Workbench

COPY_FILTER = "单位修改稿 (*.docx *.xlsx *.fenjie *.json *.txt *.html *.htm);;所有文件 (*)"


class VersionCommands:
    """What the version entries do, for the window ``owner`` showing ``bench``'s current plan."""

    def __init__(self, owner: QWidget, bench: Workbench) -> None:
        self.owner, self.bench = owner, bench
        self.windows: list[QWidget] = []

    def _session(self, action: str) -> PlanSession | None:
        if self.bench.current is None:
            show_error(self.owner, action, "请先打开一个计划。")
        return self.bench.current

    def snapshots(self) -> SnapshotsDialog | None:
        session = self._session("快照")
        if session is None:
            return None
        dialog = SnapshotsDialog(self.bench.workspace, session, self.owner)
        self.windows.append(dialog)
        dialog.show()
        return dialog

    def compare_with_file(self, path: Path | None = None) -> ComparisonWindow | None:
        """Compare the shown plan with a unit's edited copy; its changes can be taken over."""
        session = self._session("与单位修改稿比较")
        if session is None:
            return None
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self.owner, "选择单位交回的修改稿", "", COPY_FILTER)
            if not name:
                return None
            path = Path(name)
        from desktop.formats.importers import import_file

        units = self.bench.workspace.units()
        try:
            copy = import_file(path, unit_names=[u.name for u in units])
        except PlanError as error:
            show_error(self.owner, "与单位修改稿比较", str(error))
            return None
        proposer = next((u.name for u in units if u.name and u.name in path.stem), "")
        window = ComparisonWindow(session.plan, copy, old_label=session.plan.title, new_label=path.name,
                                  session=session, proposer=proposer, parent=self.owner)
        self.windows.append(window)
        window.show()
        return window

    def next_year(self) -> NextYear | None:
        """A new plan for the following year, opened; a message lists every shifted year to check."""
        session = self._session("新建下一年度计划")
        if session is None:
            return None
        from desktop.core.next_year import make_next_year

        result = make_next_year(session.plan)
        try:
            self.bench.add_plan(result.plan, action="新建下一年度计划")
        except PlanError as error:
            show_error(self.owner, "新建下一年度计划", str(error))
            return None
        box = QMessageBox(QMessageBox.Icon.Information, "新建下一年度计划",
                          f"已新建“{result.plan.title}”：调整了 {len(result.shifts)} 处年份，"
                          f"另有 {len(result.mentions)} 行正文提到年份，请核对。", parent=self.owner)
        lines = [f"{s.where}：{s.old} → {s.new}" for s in result.shifts]
        texts = {t.id: t.text for t in result.plan.tasks()}
        lines += [f"正文含年份（未改动）：{texts[i][:40]}" for i in result.mentions]
        box.setDetailedText("\n".join(lines) or "没有需要调整的年份。")
        box.setModal(False)
        self.windows.append(box)
        box.show()
        return result


@dataclass(frozen=True)
class VersionActions:
    """The version entries of the 计划 menu and the commands behind them."""

    snapshots: QAction
    compare_file: QAction
    next_year: QAction
    commands: VersionCommands

    def all(self) -> list[QAction]:
        return [self.snapshots, self.compare_file, self.next_year]


def add_version_actions(menu: QMenu, owner: QWidget, bench: Workbench) -> VersionActions:
    """Add 快照…, 与单位修改稿比较… and 以此为基础新建下一年度… to ``menu`` (the 计划 menu)."""
    commands = VersionCommands(owner, bench)
    made: list[QAction] = []
    menu.addSeparator()
    for text, slot, key in (("快照…", commands.snapshots, ""),
                            ("与单位修改稿比较…", commands.compare_with_file, ""),
                            ("以此为基础新建下一年度…", commands.next_year, "")):
        action = QAction(text, owner)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False, s=slot: s())
        menu.addAction(action)
        made.append(action)
    return VersionActions(made[0], made[1], made[2], commands)
