"""Which rows' assignments an edit can change: the :class:`SyncScope` of a :class:`ChangeSet`.

An assignment follows its leaf's effective 牵头单位, 责任单位 and 完成时限 and the plan's year, so
after an edit only these need a sync:

- rows inserted or removed (a move is both), with their whole subtrees as the journal lists
  them, and the parent they went into or left (it may have become a leaf, or stopped being one);
- a row whose lead, units or deadline cell changed, with every row under it (they inherit it);
- everything, when the plan's year, issue date or title changed (every due day may move) or when
  the change set is empty (a directory-wide unit rename: cells changed that the journal did not
  list).

A text edit, the most frequent one, needs nothing. :func:`scope_ids` turns a scope into the task
ids to sync against the plan as it is now; ``store.tracking_sync.sync_tasks`` syncs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.change_set import ChangeSet
from desktop.core.model import Plan

SYNC_ATTRS = frozenset({"lead", "units", "deadline"})  # what assignments and due days depend on
SYNC_FIELDS = frozenset({"year", "issue_date", "title"})  # the plan's year comes from these


@dataclass(frozen=True)
class SyncScope:
    """The rows an edit's sync covers: all of them, or ``tasks`` and ``subtrees`` (with what is under)."""

    full: bool = False
    tasks: frozenset[int] = frozenset()
    subtrees: frozenset[int] = frozenset()

    @property
    def empty(self) -> bool:
        return not (self.full or self.tasks or self.subtrees)

    def __or__(self, other: SyncScope) -> SyncScope:
        if self.full or other.full:
            return SyncScope(full=True)
        return SyncScope(False, self.tasks | other.tasks, self.subtrees | other.subtrees)


def sync_scope(change_set: ChangeSet) -> SyncScope:
    """What ``change_set`` can have changed in the plan's assignments (see the module doc)."""
    if not change_set.changes or change_set.fields & SYNC_FIELDS:
        return SyncScope(full=True)
    tasks: set[int] = set()
    subtrees: set[int] = set()
    for change in change_set.changes:
        if change.kind in ("insert", "remove"):
            tasks.update(change.task_ids)
            if change.parent_id is not None:
                tasks.add(change.parent_id)
        elif change.kind == "attr" and change.key in SYNC_ATTRS:
            subtrees.update(change.task_ids)
    return SyncScope(False, frozenset(tasks), frozenset(subtrees))


def scope_ids(plan: Plan, scope: SyncScope) -> list[int]:
    """The task ids a (not full) scope covers in ``plan`` as it is now; rows gone from the plan stay
    listed (their assignments become inactive)."""
    out: dict[int, None] = dict.fromkeys(sorted(scope.tasks))
    for task_id in sorted(scope.subtrees):
        if task_id in plan:
            out.update(dict.fromkeys(task.id for task in plan[task_id].walk()))
        else:
            out[task_id] = None
    out.pop(Plan.ROOT_ID, None)
    return list(out)
