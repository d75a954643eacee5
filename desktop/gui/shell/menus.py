"""Menus, toolbar and their shortcuts (standard keys wherever Qt has one).

文件 (new, import, export, print), 编辑 (undo/redo from the active plan's stack, clipboard, find,
the outliner actions), 计划 (properties, units directory, plan list commands, the recycle bin, and
undo/redo of the plan list's own stack), 视图 (panes, zoom).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar, QWidget

from desktop.gui.outline.tree_actions import TreeActions, make_tree_actions
from desktop.gui.plans.recycle_bin_dialog import open_recycle_bin
from desktop.gui.undo.plan_undo import plan_history_actions

if TYPE_CHECKING:
    from desktop.gui.shell.commands import Commands
    from desktop.gui.shell.main_window import MainWindow

Key = QKeySequence.StandardKey | str | None


def _add(menu: QMenu, owner: QWidget, text: str, slot: Callable[[], object], key: Key = None,
         tip: str = "") -> QAction:
    action = QAction(text, owner)
    if isinstance(key, QKeySequence.StandardKey):
        action.setShortcuts(key)
    elif key:
        action.setShortcut(QKeySequence(key))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: MainWindow, commands: Commands) -> dict[str, QAction]:
    bar = window.menuBar()
    acts: dict[str, QAction] = {}
    file = bar.addMenu("文件(&F)")
    acts["new"] = _add(file, window, "新建计划…", commands.new_plan, QKeySequence.StandardKey.New)
    acts["import"] = _add(file, window, "导入…", commands.import_dialog, QKeySequence.StandardKey.Open,
                          "导入 .docx/.xlsx 附件表格、工作要点文本或 Fenjie 计划文件")
    acts["export"] = _add(file, window, "导出…", commands.export, QKeySequence.StandardKey.SaveAs,
                          "导出为 .docx、.xlsx、.pdf 或 .json")
    file.addSeparator()
    acts["preview"] = _add(file, window, "打印预览…", commands.print_preview, "Ctrl+Shift+P")
    acts["print"] = _add(file, window, "打印…", commands.print_now, QKeySequence.StandardKey.Print)
    file.addSeparator()
    acts["quit"] = _add(file, window, "退出", window.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("编辑(&E)")
    undo = window.workbench.undo_group.createUndoAction(window, "撤销")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = window.workbench.undo_group.createRedoAction(window, "重做")
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    edit.addActions([undo, redo])
    acts["undo"], acts["redo"] = undo, redo
    edit.addSeparator()
    acts["cut"] = _add(edit, window, "剪切任务", commands.cut, QKeySequence.StandardKey.Cut)
    acts["copy"] = _add(edit, window, "复制任务", commands.copy, QKeySequence.StandardKey.Copy)
    acts["paste"] = _add(edit, window, "粘贴", commands.paste, QKeySequence.StandardKey.Paste,
                         "粘贴任务，或从 Word/WPS/Excel 复制的表格")
    acts["find"] = _add(edit, window, "查找/筛选…", commands.find, QKeySequence.StandardKey.Find)
    edit.addSeparator()
    tree_actions: TreeActions = make_tree_actions(window.tree, window.editor)
    edit.addActions(tree_actions.all())
    window.tree_actions = tree_actions

    plan = bar.addMenu("计划(&P)")
    acts["properties"] = _add(plan, window, "计划信息…", commands.plan_properties, "Ctrl+I")
    acts["units"] = _add(plan, window, "单位名录…", commands.units_directory, "Ctrl+U")
    plan.addSeparator()
    acts["duplicate"] = _add(plan, window, "复制计划", commands.duplicate_plan)
    acts["rename"] = _add(plan, window, "重命名计划…", commands.rename_plan)
    acts["archive"] = _add(plan, window, "归档/取消归档", commands.toggle_archive)
    acts["delete"] = _add(plan, window, "删除计划…", commands.delete_plan, tip="移到回收站，可以撤销或恢复")
    acts["recycle_bin"] = _add(plan, window, "回收站…", lambda: open_recycle_bin(window.workbench, window))
    plan_history = plan_history_actions(window, window.workbench.plan_stack)
    plan.addSeparator()
    plan.addActions(plan_history)
    acts["plan_undo"], acts["plan_redo"] = plan_history

    plans = window.plan_list.list
    plans.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    plans.addActions([acts["new"], acts["duplicate"], acts["rename"], acts["archive"], acts["delete"],
                      acts["recycle_bin"], *plan_history])

    view = bar.addMenu("视图(&V)")
    view.addAction(window.plan_dock.toggleViewAction())
    view.addAction(window.properties_dock.toggleViewAction())
    for name, widget in (("大纲", window.tree_panel), ("表格", window.table_panel)):
        toggle = QAction(f"显示{name}", window, checkable=True, checked=True)
        toggle.toggled.connect(widget.setVisible)
        view.addAction(toggle)
        acts[f"show_{name}"] = toggle
    view.addSeparator()
    acts["zoom_in"] = _add(view, window, "放大表格", window.table.zoom_in, QKeySequence.StandardKey.ZoomIn)
    acts["zoom_out"] = _add(view, window, "缩小表格", window.table.zoom_out, QKeySequence.StandardKey.ZoomOut)
    acts["zoom_reset"] = _add(view, window, "实际大小", lambda: window.table.set_zoom(1.0), "Ctrl+0")
    acts["zoom_fit"] = _add(view, window, "适应宽度", window.table.fit_to_width, "Ctrl+9")

    help_menu = bar.addMenu("帮助(&H)")
    acts["view_menu"], acts["help_menu"] = view.menuAction(), help_menu.menuAction()
    about = "Fenjie（分解）：任务分解表的起草、打印与督办。\n所有修改都会立即保存到工作区。"
    _add(help_menu, window, "关于 Fenjie", lambda: QMessageBox.about(window, "关于 Fenjie", about))

    toolbar = QToolBar("工具栏", window)
    toolbar.setObjectName("toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addActions([acts["new"], acts["import"], acts["export"], acts["print"]])
    toolbar.addSeparator()
    toolbar.addActions([undo, redo])
    toolbar.addSeparator()
    toolbar.addActions([tree_actions.add_sibling, tree_actions.add_child, tree_actions.indent,
                        tree_actions.outdent, tree_actions.move_up, tree_actions.move_down])
    toolbar.addSeparator()
    toolbar.addActions([acts["find"], acts["properties"], acts["units"]])
    window.addToolBar(toolbar)
    return acts
