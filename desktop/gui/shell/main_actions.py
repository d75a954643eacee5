"""The main window's actions, menus and toolbar as typed objects handed to whoever needs them.

``build_menus`` (in ``menus``) makes one :class:`MainActions`; the window keeps it as
``main_actions`` and passes it (or the parts a piece needs) explicitly: the tracking UI inserts
its 督办 menu before ``menus.help`` and adds its toggles to ``menus.view`` and ``toolbar``; tests
trigger ``main_actions.undo``. Nothing looks actions up by a string key or finds a toolbar by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from desktop.gui.outline.tree_actions import TreeActions
from desktop.gui.shell.context_menus import ContextMenus
from desktop.gui.table.table_actions import TableActions


@dataclass(frozen=True)
class MainMenus:
    """The menu bar's menus, left to right (the tracking UI adds 督办 before 帮助)."""

    file: QMenu
    edit: QMenu
    plan: QMenu
    view: QMenu
    help: QMenu


@dataclass(frozen=True)
class MainActions:
    """Every action of the menus and the toolbar."""

    # 文件
    new: QAction
    import_: QAction
    export: QAction
    preview: QAction
    print: QAction
    quit: QAction
    # 编辑: undo/redo of the app's one undo stack, wherever the last step was done
    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    find: QAction
    replace: QAction  # 查找替换 (Ctrl+H)
    accept_suggestions: QAction  # 采用全部建议单位 (units found in imported text)
    tree: TreeActions
    table: TableActions  # 向下填充, 应用到所选行
    context: ContextMenus  # the right-click menus of the tree and the table
    # 计划
    properties: QAction
    units: QAction
    duplicate: QAction
    rename: QAction
    archive: QAction
    delete: QAction
    recycle_bin: QAction
    # 视图
    show_outline: QAction
    show_table: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    zoom_fit: QAction
    # 帮助
    guide: QAction  # 用户指南 (F1)
    keys_help: QAction  # 快捷键一览: the guide at its table of keys
    about: QAction
    menus: MainMenus
    toolbar: QToolBar

    def plan_list_actions(self) -> list[QAction]:
        """The plan list's context menu: the plan commands, undo and redo."""
        return [self.new, self.duplicate, self.rename, self.archive, self.delete, self.recycle_bin,
                self.undo, self.redo]
