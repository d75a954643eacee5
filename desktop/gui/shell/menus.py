"""Menus, toolbar and their shortcuts (standard keys wherever Qt has one).

文件 (new, import, export, print), 编辑 (undo/redo of the app's one undo stack, clipboard, find,
the outliner actions), 计划 (properties, units directory, plan list commands, the recycle bin),
视图 (panes, zoom), 帮助 (the user guide, F1; its 快捷键一览; about). :func:`build_menus` gets every part it
wires explicitly and returns them all as one :class:`MainActions`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QToolBar, QWidget

from desktop.gui.common.keys import redo_keys
from desktop.gui.help import topics
from desktop.gui.help.open_help import open_help
from desktop.gui.outline.edit_controller import EditController
from desktop.gui.outline.tree_actions import make_tree_actions
from desktop.gui.outline.tree_view import PlanTreeView
from desktop.gui.shell.commands import Commands
from desktop.gui.shell.context_menus import ContextMenus
from desktop.gui.shell.main_actions import MainActions, MainMenus
from desktop.gui.table.table_actions import make_table_actions
from desktop.gui.table.table_view import PlanTableView

Key = QKeySequence.StandardKey | str | None
ABOUT = "Fenjie（分解）：任务分解表的起草、打印与督办。\n所有修改都会立即保存到工作区。"


@dataclass(frozen=True)
class Panes:
    """The window's panes the 视图 menu shows and hides."""

    plan_dock: QDockWidget
    properties_dock: QDockWidget
    tree_panel: QWidget
    table_panel: QWidget


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


def _toggle(menu: QMenu, owner: QWidget, text: str, widget: QWidget) -> QAction:
    toggle = QAction(text, owner, checkable=True, checked=True)
    toggle.toggled.connect(widget.setVisible)
    menu.addAction(toggle)
    return toggle


def build_menus(window: QMainWindow, commands: Commands, *, undo_stack: QUndoStack,
                tree: PlanTreeView, editor: EditController, table: PlanTableView, panes: Panes,
                plan_list: QWidget, open_recycle_bin: Callable[[], object]) -> MainActions:
    """Fill ``window``'s menu bar and toolbar; ``plan_list`` gets the plan commands as its context menu.

    ``undo_stack`` is the app's one undo stack: 撤销/重做 undo the last thing done, wherever it was done.
    """
    bar = window.menuBar()
    file = bar.addMenu("文件(&F)")
    new = _add(file, window, "新建计划…", commands.new_plan, QKeySequence.StandardKey.New)
    import_ = _add(file, window, "导入…", commands.import_dialog, QKeySequence.StandardKey.Open,
                   "导入附件表格（Word、Excel、WPS、.ods 或 PDF）、工作要点文本或 Fenjie 计划文件")
    # Ctrl+Shift+S and Ctrl+Q named outright: Windows has no standard key for 另存为 or 退出
    export = _add(file, window, "导出…", commands.export, "Ctrl+Shift+S",
                  "导出为 .docx、.xlsx、.pdf 或 .json")
    file.addSeparator()
    preview = _add(file, window, "打印预览…", commands.print_preview, "Ctrl+Shift+P")
    print_ = _add(file, window, "打印…", commands.print_now, QKeySequence.StandardKey.Print)
    file.addSeparator()
    quit_ = _add(file, window, "退出", window.close, "Ctrl+Q")

    edit = bar.addMenu("编辑(&E)")
    undo = undo_stack.createUndoAction(window, "撤销")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = undo_stack.createRedoAction(window, "重做")
    redo.setShortcuts(redo_keys())
    edit.addActions([undo, redo])
    edit.addSeparator()
    cut = _add(edit, window, "剪切任务", commands.cut, QKeySequence.StandardKey.Cut)
    copy = _add(edit, window, "复制任务", commands.copy, QKeySequence.StandardKey.Copy)
    paste = _add(edit, window, "粘贴", commands.paste, QKeySequence.StandardKey.Paste,
                 "粘贴任务，或从 Word/WPS/Excel 复制的表格")
    find = _add(edit, window, "查找/筛选…", commands.find, QKeySequence.StandardKey.Find)
    replace = _add(edit, window, "查找替换…", commands.find_replace, "Ctrl+H",
                   "在任务内容和单位中查找并替换（整个计划或所选任务），一步撤销")
    accept_suggestions = _add(edit, window, "采用全部建议单位", commands.accept_suggestions,
                              tip="把导入时从文字中找到的单位加入各行的责任单位")
    edit.addSeparator()
    tree_actions = make_tree_actions(tree, editor)
    edit.addActions(tree_actions.all())
    edit.addSeparator()
    table_actions = make_table_actions(table, editor)
    edit.addActions(table_actions.all())
    context = ContextMenus(
        tree, table,
        [tree_actions.add_sibling, tree_actions.add_child, None, cut, copy, paste, None,
         tree_actions.merge, tree_actions.split_sentences, None, tree_actions.indent, tree_actions.outdent,
         tree_actions.move_up, tree_actions.move_down, None, tree_actions.rename, tree_actions.delete,
         None, find, replace],
        [table_actions.fill_down, table_actions.apply_to_selection, None, tree_actions.merge,
         tree_actions.split_sentences, None, copy, paste, None, find, replace])

    plan = bar.addMenu("计划(&P)")
    properties = _add(plan, window, "计划信息…", commands.plan_properties, "Ctrl+I")
    units = _add(plan, window, "单位名录…", commands.units_directory, "Ctrl+U")
    plan.addSeparator()
    duplicate = _add(plan, window, "复制计划", commands.duplicate_plan)
    rename = _add(plan, window, "重命名计划…", commands.rename_plan)
    archive = _add(plan, window, "归档/取消归档", commands.toggle_archive)
    delete = _add(plan, window, "删除计划…", commands.delete_plan, tip="移到回收站，可以撤销或恢复")
    recycle_bin = _add(plan, window, "回收站…", open_recycle_bin)

    view = bar.addMenu("视图(&V)")
    view.addAction(panes.plan_dock.toggleViewAction())
    view.addAction(panes.properties_dock.toggleViewAction())
    show_outline = _toggle(view, window, "显示大纲", panes.tree_panel)
    show_table = _toggle(view, window, "显示表格", panes.table_panel)
    view.addSeparator()
    zoom_in = _add(view, window, "放大表格", table.zoom_in, QKeySequence.StandardKey.ZoomIn)
    zoom_out = _add(view, window, "缩小表格", table.zoom_out, QKeySequence.StandardKey.ZoomOut)
    zoom_reset = _add(view, window, "实际大小", lambda: table.set_zoom(1.0), "Ctrl+0")
    zoom_fit = _add(view, window, "适应宽度", table.fit_to_width, "Ctrl+9")

    help_menu = bar.addMenu("帮助(&H)")
    guide = _add(help_menu, window, "用户指南", lambda: open_help(window),
                 QKeySequence.StandardKey.HelpContents, "打开随程序安装的用户指南（不需要网络）")
    keys_help = _add(help_menu, window, "快捷键一览", lambda: open_help(window, topics.KEYS))
    help_menu.addSeparator()
    about = _add(help_menu, window, "关于 Fenjie", lambda: QMessageBox.about(window, "关于 Fenjie", ABOUT))

    toolbar = QToolBar("工具栏", window)
    toolbar.setObjectName("toolbar")  # the name QMainWindow.saveState keys its position by
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addActions([new, import_, export, print_])
    toolbar.addSeparator()
    toolbar.addActions([undo, redo])
    toolbar.addSeparator()
    toolbar.addActions([tree_actions.add_sibling, tree_actions.add_child, tree_actions.indent,
                        tree_actions.outdent, tree_actions.move_up, tree_actions.move_down,
                        tree_actions.merge])
    toolbar.addSeparator()
    toolbar.addActions([find, properties, units])
    window.addToolBar(toolbar)

    actions = MainActions(
        new=new, import_=import_, export=export, preview=preview, print=print_, quit=quit_,
        undo=undo, redo=redo, cut=cut, copy=copy, paste=paste, find=find, replace=replace,
        accept_suggestions=accept_suggestions,
        tree=tree_actions,
        table=table_actions, context=context,
        properties=properties, units=units, duplicate=duplicate, rename=rename, archive=archive,
        delete=delete, recycle_bin=recycle_bin,
        show_outline=show_outline, show_table=show_table, zoom_in=zoom_in, zoom_out=zoom_out,
        zoom_reset=zoom_reset, zoom_fit=zoom_fit, guide=guide, keys_help=keys_help, about=about,
        menus=MainMenus(file=file, edit=edit, plan=plan, view=view, help=help_menu), toolbar=toolbar)
    plan_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    plan_list.addActions(actions.plan_list_actions())
    return actions
