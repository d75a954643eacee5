"""Right-click menus on the task tree and the table, holding the commands that apply there.

The menus are built from the window's own actions (so shortcuts and enabled states agree with the
menu bar); ``None`` in a list is a separator. ``tree_menu()`` / ``table_menu()`` build the menu
without showing it, for tests and screenshots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

Items = Sequence[QAction | None]


def _menu(parent: QWidget, items: Items) -> QMenu:
    menu = QMenu(parent)
    for item in items:
        if item is None:
            menu.addSeparator()
        else:
            menu.addAction(item)
    return menu


class ContextMenus(QObject):
    def __init__(self, tree: QAbstractItemView, table: QAbstractItemView, tree_items: Items,
                 table_items: Items) -> None:
        super().__init__(tree)
        self.tree, self.table = tree, table
        self._tree_items, self._table_items = list(tree_items), list(table_items)
        for view, build in ((tree, self.tree_menu), (table, self.table_menu)):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda point, v=view, b=build: self._show(v, point, b))

    def tree_menu(self) -> QMenu:
        return _menu(self.tree, self._tree_items)

    def table_menu(self) -> QMenu:
        return _menu(self.table, self._table_items)

    def _show(self, view: QAbstractItemView, point: QPoint, build: Callable[[], QMenu]) -> None:
        index = view.indexAt(point)
        if index.isValid() and not view.selectionModel().isSelected(index):
            view.setCurrentIndex(index)  # a right-click outside the selection acts on that row
        view.setFocus()
        menu = build()
        menu.exec(view.viewport().mapToGlobal(point))
        menu.deleteLater()
