"""Undo for the units directory: add, rename, merge, reorder and delete as steps on the undo stack.

A directory edit is done first (so a refused edit never reaches the stack), then pushed as a
:class:`DirectoryCommand` whose ``undo`` runs the opposite edit (rename back, delete the added
unit, put the old order back, add the deleted unit again where it was, take a merge back with the
record the merge returned). The command goes on the undo stack of the plan being shown (the
plan-list stack when none is), so Ctrl+Z after renaming or merging a unit puts every plan back.
A step that can no longer be replayed (the store refused it) drops out of the stack and the
error is reported.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.units import Unit
from desktop.store.workspace import UnitMerge, Workspace

Edit = Callable[[], object]
OnError = Callable[[Exception], None]


class DirectoryCommand(QUndoCommand):
    """An edit already done outside any plan (the unit directory, the plan list) as an undo step.

    ``redo``/``undo`` run the given edits; ``after`` refreshes what shows the result. A step that
    cannot be replayed is made obsolete (QUndoStack drops it) and reported through ``on_error``.
    """

    def __init__(self, text: str, redo: Edit, undo: Edit, after: Callable[[object], None],
                 on_error: OnError | None = None) -> None:
        super().__init__(text)
        self._redo, self._undo, self._after, self._on_error = redo, undo, after, on_error
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, edit: Edit) -> None:
        try:
            result = edit()
        except Exception as error:
            self.setObsolete(True)  # QUndoStack drops it
            if self._on_error is None:
                raise
            self._on_error(error)
            result = None
        self._after(result)


class DirectoryEdits:
    """Directory edits on ``workspace`` that are pushed on ``stack()`` (when a plan is shown)."""

    def __init__(self, workspace: Workspace, stack: Callable[[], QUndoStack | None],
                 after: Callable[[object], None], on_error: OnError | None = None) -> None:
        self.workspace = workspace
        self._stack = stack
        self._after = after
        self._on_error = on_error

    def _push(self, text: str, redo: Edit, undo: Edit) -> object:
        result = redo()
        self._after(result)
        stack = self._stack()
        if stack is not None:
            stack.push(DirectoryCommand(text, redo, undo, self._after, self._on_error))
        return result

    def add(self, name: str) -> object:
        return self._push(f"添加单位“{name}”", lambda: self.workspace.add_unit(name),
                          lambda: self.workspace.delete_unit(name))

    def rename(self, old: str, new: str) -> object:
        return self._push(f"将单位“{old}”改名为“{new}”", lambda: self.workspace.rename_unit(old, new),
                          lambda: self.workspace.rename_unit(new, old))

    def merge(self, keep: str, drop: str) -> object:
        """Merge ``drop`` into ``keep`` everywhere; undo takes it back exactly (see ``unit_merge``)."""
        done: list[UnitMerge] = []

        def merge() -> list[int]:
            done[:] = [self.workspace.merge_units(keep, drop)]
            return done[0].plan_ids

        return self._push(f"将单位“{drop}”合并到“{keep}”", merge,
                          lambda: self.workspace.unmerge_units(done[0]))

    def reorder(self, names: list[str]) -> object:
        before = self.workspace.units().names()
        return self._push("调整单位顺序", lambda: self.workspace.reorder_units(names),
                          lambda: self.workspace.reorder_units(before))

    def delete(self, name: str) -> object:
        unit = self.workspace.units().get(name)
        order = self.workspace.units().names()
        return self._push(f"删除单位“{name}”", lambda: self.workspace.delete_unit(name),
                          lambda: self._restore(unit, order))

    def _restore(self, unit: Unit, order: list[str]) -> None:
        self.workspace.add_unit(unit.name, short_name=unit.short_name, aliases=unit.aliases, kind=unit.kind)
        self.workspace.reorder_units([n for n in order if self.workspace.units().find(n) is not None])
