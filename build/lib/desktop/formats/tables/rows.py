"""Build a plan from the rows of an annex table, as every table importer reads them.

Importers (.docx, .xlsx, clipboard HTML, the canonical sample JSON) reduce a table to
:class:`TableRow` objects: the category path shown in the level columns (with whatever numbering
the file carried), the requirement text, the attribute values shown in that row and which attribute
cells were merged with the row above. :func:`plan_from_rows` turns them into a plan tree:

- consecutive rows with the same path text share category nodes (so categories restated after a
  page break continue the same node);
- numbering prefixes are stripped and the plan keeps the scheme the file used;
- an attribute cell merged over two or more rows becomes the attribute of the smallest category
  whose rows are exactly those rows; otherwise the value is set on each leaf;
- a category whose children are all leaves showing the same value gets that value itself, which is
  what the exporter merges again, so import → export → import is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.model import Plan, Task
from desktop.core.numbering import NumberingLevel, detect_and_strip
from desktop.core.textclean import clean_text


@dataclass
class TableRow:
    path: list[str]
    text: str
    attrs: dict[str, str] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)  # attribute cells merged with the row above


def _tidy(text: str) -> str:
    lines = [line.strip() for line in clean_text(text).split("\n")]
    return "\n".join(line for line in lines if line)


def plan_from_rows(rows: list[TableRow], title: str = "", attr_keys: tuple[str, ...] = (),
                   **fields: object) -> Plan:
    plan = Plan(title, **fields)
    keys = attr_keys or tuple(dict.fromkeys(k for row in rows for k in row.attrs))
    leaves: list[Task] = []
    open_path: list[tuple[str, Task]] = []
    for row in rows:
        path = [_tidy(p) for p in row.path]
        path = [p for p in path if p]
        depth = 0
        while (depth < len(path) and depth < len(open_path)
               and open_path[depth][0] == path[depth]):
            depth += 1
        del open_path[depth:]
        parent = open_path[-1][1] if open_path else plan.root
        for text in path[depth:]:
            node = plan.make_task(text)
            plan.insert_subtree(parent.id, len(parent.children), node)
            open_path.append((text, node))
            parent = node
        leaf = plan.make_task(_tidy(row.text))
        plan.insert_subtree(parent.id, len(parent.children), leaf)
        leaves.append(leaf)

    for key in keys:
        _place_attribute(plan, leaves, rows, key)
    _hoist_uniform_values(plan, keys)
    numbering: tuple[NumberingLevel, ...] = detect_and_strip(plan)
    if numbering:
        plan.set_field("numbering", [level.to_json() for level in numbering])
    plan.take_journal()
    return plan


def _runs(rows: list[TableRow], key: str) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    for index, row in enumerate(rows):
        value = _tidy(row.attrs.get(key, ""))
        if runs and key in row.merged:
            start, _, run_value = runs[-1]
            runs[-1] = (start, index, run_value)
        else:
            runs.append((index, index, value))
    return runs


def _place_attribute(plan: Plan, leaves: list[Task], rows: list[TableRow], key: str) -> None:
    row_of = {leaf.id: i for i, leaf in enumerate(leaves)}
    for start, end, value in _runs(rows, key):
        owner = None
        if end > start:
            node: Task | None = leaves[start].parent
            while node is not None and node.parent is not None:
                rows_of_node = [row_of[leaf.id] for leaf in node.leaves()]
                if rows_of_node[0] < start or rows_of_node[-1] > end:
                    break
                if rows_of_node[0] == start and rows_of_node[-1] == end:
                    owner = node  # the smallest category covering exactly the run
                    break
                node = node.parent
        if owner is not None:
            if owner.effective(key) != value:
                plan.set_attr(owner.id, key, value)
            for i in range(start, end + 1):
                if leaves[i].effective(key) != value:
                    plan.set_attr(leaves[i].id, key, value)
        else:
            for i in range(start, end + 1):
                if leaves[i].effective(key) != value:
                    plan.set_attr(leaves[i].id, key, value)


def _hoist_uniform_values(plan: Plan, keys: tuple[str, ...]) -> None:
    for task in list(plan.tasks()):
        children = task.children
        if len(children) < 2 or any(child.children for child in children):
            continue
        for key in keys:
            if key in task.attrs:
                continue
            values = {child.attrs.get(key) for child in children}
            if len(values) == 1 and (value := values.pop()):
                plan.set_attr(task.id, key, value)
                for child in children:
                    plan.set_attr(child.id, key, None)
