"""Undo and redo over core operations, for the CLI, tests and any non-Qt caller.

The GUI keeps its own QUndoStack of the same operations; this is the plain-Python equivalent.
``apply`` is pluggable so a store can persist every step (see ``desktop.store.workspace``).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.model import Plan
from desktop.core.operations import Batch, Operation

Applier = Callable[[Plan, Operation], Operation]


def apply_in_memory(plan: Plan, op: Operation) -> Operation:
    return op.apply(plan)


class History:
    """Undo/redo stacks of (done, inverse) pairs; a group collects operations into one step."""

    def __init__(self, plan: Plan, apply: Applier = apply_in_memory) -> None:
        self.plan = plan
        self._apply = apply
        self._undo: list[tuple[Operation, Operation]] = []
        self._redo: list[tuple[Operation, Operation]] = []
        self._group: list[tuple[Operation, Operation]] | None = None
        self._group_label = ""

    def do(self, op: Operation) -> Operation:
        inverse = self._apply(self.plan, op)
        if self._group is not None:
            self._group.append((op, inverse))
        else:
            self._undo.append((op, inverse))
            self._redo.clear()
        return inverse

    def begin_group(self, label: str) -> None:
        if self._group is not None:
            raise RuntimeError("groups do not nest")
        self._group = []
        self._group_label = label

    def end_group(self) -> None:
        if self._group is None:
            raise RuntimeError("no group is open")
        steps, self._group = self._group, None
        if steps:
            forward = Batch([op for op, _ in steps], self._group_label)
            backward = Batch([inv for _, inv in reversed(steps)], self._group_label)
            self._undo.append((forward, backward))
            self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> None:
        _, inverse = self._undo.pop()
        redo = self._apply(self.plan, inverse)
        self._redo.append((inverse, redo))

    def redo(self) -> None:
        _, redo = self._redo.pop()
        inverse = self._apply(self.plan, redo)
        self._undo.append((redo, inverse))
