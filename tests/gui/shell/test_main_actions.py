"""The window's actions are typed objects handed out explicitly (no service locator, no string keys)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from PySide6.QtGui import QAction

from desktop.gui.outline.tree_actions import TreeActions
from desktop.gui.shell.main_actions import MainActions
from desktop.gui.table.table_actions import TableActions
from desktop.gui.tracking.tracking_ui import TrackingActions

GUI = Path(__file__).resolve().parents[3] / "desktop" / "gui"
# The pieces the main window assembles: none of them may reach back into the window.
ASSEMBLED = ("shell/commands.py", "shell/menus.py", "tracking/tracking_ui.py",
             "tracking/feedback_commands.py", "plans/import_dialog.py", "versions/version_actions.py")


def test_every_menu_and_toolbar_action_is_a_field(window) -> None:
    actions = window.main_actions
    assert isinstance(actions, MainActions)
    fields = [getattr(actions, f.name) for f in dataclasses.fields(actions)]
    plain = [value for value in fields if isinstance(value, QAction)]
    assert len({id(action) for action in plain}) == len(plain)  # no action stands for two entries
    tree = next(value for value in fields if isinstance(value, TreeActions))
    table = next(value for value in fields if isinstance(value, TableActions))
    known = {id(action)
             for action in plain + tree.all() + table.all() + window.tracking_actions.menu.actions()
             + window.version_actions.all()}
    menus = [getattr(actions.menus, f.name) for f in dataclasses.fields(actions.menus)]
    in_menus = {id(action) for menu in menus for action in menu.actions() if not action.isSeparator()}
    toolbar = {id(action) for action in actions.toolbar.actions() if not action.isSeparator()}
    view_toggles = {id(menu_action) for menu_action in actions.menus.view.actions()[:2]}  # the docks' toggles
    assert in_menus - known - view_toggles == set()  # nothing in a menu that MainActions does not name
    assert toolbar <= known


def test_tracking_menu_sits_before_help_and_its_actions_work(window) -> None:
    tracking = window.tracking_actions
    assert isinstance(tracking, TrackingActions)
    bar = window.menuBar().actions()
    assert bar.index(tracking.menu.menuAction()) == bar.index(window.main_actions.menus.help.menuAction()) - 1
    assert tracking.dashboard in window.main_actions.toolbar.actions()
    assert tracking.dashboard in window.main_actions.menus.view.actions()
    tracking.dashboard.trigger()
    assert window.tracking_ui.dashboard_dock.isVisible()


def test_assembled_pieces_do_not_reach_into_the_main_window() -> None:
    offenders = []
    for name in ASSEMBLED:
        source = (GUI / name).read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "desktop.gui.shell.main_window":
                offenders.append(f"{name}: imports MainWindow")
            if isinstance(node, ast.Attribute) and node.attr in ("findChild", "findChildren"):
                offenders.append(f"{name}: {node.attr}")
    assert offenders == []
