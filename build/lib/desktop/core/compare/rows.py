"""A plan flattened into comparable rows: one per task, in document order."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.compare.textdiff import normalize
from desktop.core.model import ATTRIBUTE_LABELS, Plan, Task


@dataclass
class Row:
    """One task of a plan as the comparison sees it."""

    task_id: int
    index: int  # position in document (pre-)order
    parent: int | None  # index of the parent row, None at the top level
    depth: int
    text: str
    key: str  # the text without whitespace: equal keys are equal texts
    is_leaf: bool
    attrs: dict[str, str] = field(default_factory=dict)  # effective values shown on a requirement row
    sibling: int = 0  # position among the parent's children


def plan_rows(plan: Plan) -> list[Row]:
    """Every task of the plan as a :class:`Row`; a requirement row carries its effective attributes."""
    rows: list[Row] = []
    positions: dict[int, int] = {}

    def visit(task: Task, parent: int | None, depth: int) -> None:
        for sibling, child in enumerate(task.children):
            attrs: dict[str, str] = {}
            if not child.children:
                attrs = {key: child.effective(key) for key in ATTRIBUTE_LABELS}
                attrs.update({key: child.effective(key) for key in child.attrs if key not in attrs})
            row = Row(child.id, len(rows), parent, depth, child.text, normalize(child.text),
                      not child.children, attrs, sibling)
            positions[child.id] = row.index
            rows.append(row)
            visit(child, row.index, depth + 1)

    visit(plan.root, None, 1)
    return rows
