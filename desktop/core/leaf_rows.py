"""The 序号 of a requirement (its 1-based row among the plan's leaves) without walking the plan.

A requirement's row is one more than the leaves before it: those under the earlier siblings of
it and of each of its ancestors. The leaf count of every subtree is kept once worked out; an edit
forgets only the counts of the tasks whose subtree it changed (the parents its journal names and
their ancestors), so after an edit a row costs the depth of the tree times the siblings passed,
not the size of the plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.model import Change, Plan, Task


class LeafRows:
    """Rows of the requirements of one plan, following its edits through ``forget``."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._counts: dict[int, int] = {}

    def forget(self, changes: Iterable[Change]) -> None:
        """Drop the counts that ``changes`` (already applied) may have made wrong."""
        counts = self._counts
        for change in changes:
            if change.kind not in ("insert", "remove") or change.parent_id is None:
                continue
            for task_id in change.task_ids:  # ids come back (undo) with subtrees that may differ
                counts.pop(task_id, None)
            if change.parent_id not in self.plan:
                continue  # its parent left too: that removal is in the journal as well
            node: Task | None = self.plan[change.parent_id]
            while node is not None:
                counts.pop(node.id, None)
                node = node.parent

    def count(self, task: Task) -> int:
        """How many leaves (requirements) ``task``'s subtree holds (1 for a leaf)."""
        found = self._counts.get(task.id)
        if found is None:
            found = sum(self.count(child) for child in task.children) if task.children else 1
            self._counts[task.id] = found
        return found

    def row(self, task_id: int) -> int:
        """The 1-based row of a requirement; 0 for a category or a task not in the plan."""
        if task_id not in self.plan or task_id == Plan.ROOT_ID:
            return 0
        task = self.plan[task_id]
        if task.children:
            return 0
        before = 0
        node = task
        while node.parent is not None:
            for sibling in node.parent.children:
                if sibling is node:
                    break
                before += self.count(sibling)
            node = node.parent
        return before + 1
