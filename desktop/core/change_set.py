"""The primitive changes of one applied edit, as the views read them: :class:`ChangeSet`.

Plain data: the plan's journal entries of one edit (or of its undo) in order, with the questions
the tree, the table and the tracking views ask of them (did rows come or go, which plan fields
changed, was it only text, which tasks were touched).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import Change


@dataclass(frozen=True)
class ChangeSet:
    """The primitive changes of one applied operation, in the order they happened.

    Empty means "cells changed that the journal did not list" (a directory-wide unit rename or
    merge): views rebuild what shows the plan.
    """

    changes: tuple[Change, ...]

    @property
    def structural(self) -> bool:
        return any(c.kind in ("insert", "remove") for c in self.changes)

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(c.key for c in self.changes if c.kind == "field" and c.key)

    @property
    def text_only(self) -> bool:
        return bool(self.changes) and all(c.kind == "text" for c in self.changes)

    def touched_tasks(self) -> set[int]:
        return {task_id for c in self.changes if c.kind in ("text", "attr") for task_id in c.task_ids}
