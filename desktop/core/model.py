"""The plan model: a plan's metadata and its tree of tasks, with attribute inheritance.

Plain Python objects, no Qt and no storage. Every mutation goes through a small set of primitive
methods on :class:`Plan` (``insert_subtree``, ``remove_subtree``, ``set_text``, ``set_attr``,
``set_field``); each records what it touched in ``plan.journal`` so the workspace store can persist
exactly that and views can refresh exactly that. Higher-level editing lives in ``operations``.

Attributes: a task maps attribute keys (``lead``, ``units``, ``deadline``, ``note``, ...) to text.
A key that is absent is inherited from the nearest ancestor that sets it; a key set to ``""`` is an
explicit "none" that stops inheritance.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from desktop.core.textclean import clean_text

# Attribute keys Fenjie knows, in their display order, with their official labels.
ATTRIBUTE_LABELS: dict[str, str] = {
    "lead": "牵头单位",
    "units": "责任单位",
    "cooperating": "配合单位",
    "deadline": "完成时限",
    "note": "备注",
}
UNIT_ATTRIBUTES: tuple[str, ...] = ("lead", "units", "cooperating")

# Plan metadata fields that ``Plan.set_field`` may change, with their defaults.
PLAN_FIELDS: dict[str, Any] = {
    "title": "",
    "attachment_label": "附件",
    "year": None,
    "issuing_office": "",
    "doc_number": "",
    "issue_date": "",
    "note": "",
    "numbering": None,  # list of scheme names per level, see numbering.DEFAULT_SCHEMES
    "style": None,  # a style dict, see style.TableStyle.to_dict
}


class PlanError(ValueError):
    """An edit that would break the plan; the message is one plain sentence for the user."""


@dataclass(eq=False)
class Task:
    """One node of the plan tree: a category (it has children) or a requirement (a leaf)."""

    id: int
    text: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Task] = field(default_factory=list)
    parent: Task | None = field(default=None, repr=False)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def depth(self) -> int:
        """1 for a top-level task, 0 for the invisible root."""
        depth = 0
        node = self.parent
        while node is not None:
            depth += 1
            node = node.parent
        return depth

    @property
    def index(self) -> int:
        """Position among the parent's children."""
        if self.parent is None:
            return 0
        for i, sibling in enumerate(self.parent.children):
            if sibling is self:
                return i
        raise PlanError("任务不在其上级任务之下。")

    def ancestors(self) -> list[Task]:
        """Ancestors from the top-level task down to the parent, excluding the root."""
        chain: list[Task] = []
        node = self.parent
        while node is not None and node.parent is not None:
            chain.append(node)
            node = node.parent
        chain.reverse()
        return chain

    def walk(self) -> Iterator[Task]:
        """This task and all its descendants in document (pre-)order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def leaves(self) -> Iterator[Task]:
        for node in self.walk():
            if not node.children and node.parent is not None:
                yield node

    def is_descendant_of(self, other: Task) -> bool:
        node: Task | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False

    def effective(self, key: str) -> str:
        """The attribute value this task shows: its own, else the nearest ancestor's, else ""."""
        node: Task | None = self
        while node is not None:
            value = node.attrs.get(key)
            if value is not None:
                return value
            node = node.parent
        return ""

    def source_of(self, key: str) -> Task | None:
        """The task whose value ``effective(key)`` shows, or None when nothing sets it."""
        node: Task | None = self
        while node is not None:
            if key in node.attrs:
                return node
            node = node.parent
        return None

    def to_dict(self, with_ids: bool = False) -> dict[str, Any]:
        """A JSON-ready dict of this subtree (text, attributes, children)."""
        out: dict[str, Any] = {}
        if with_ids:
            out["id"] = self.id
        out["text"] = self.text
        for key in sorted(self.attrs, key=attribute_sort_key):
            out[key] = self.attrs[key]
        if self.children:
            out["children"] = [child.to_dict(with_ids) for child in self.children]
        return out


def attribute_sort_key(key: str) -> tuple[int, str]:
    order = list(ATTRIBUTE_LABELS)
    return (order.index(key) if key in order else len(order), key)


@dataclass
class Change:
    """What one primitive mutation touched, for the store and the views."""

    kind: str  # "insert", "remove", "text", "attr", "field"
    task_ids: tuple[int, ...] = ()
    parent_id: int | None = None
    key: str | None = None


class Plan:
    """A work plan's annex: metadata plus a tree of tasks under an invisible root (id 0)."""

    ROOT_ID = 0

    def __init__(self, title: str = "", **fields: Any) -> None:
        unknown = set(fields) - set(PLAN_FIELDS)
        if unknown:
            raise TypeError(f"unknown plan fields: {sorted(unknown)}")
        self.id: int | None = None  # the workspace's id once stored
        self.revision = 0  # the stored plan's revision this copy was read at (the store checks it)
        self.fields: dict[str, Any] = {k: copy.deepcopy(v) for k, v in PLAN_FIELDS.items()}
        self.fields.update({k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()})
        self.fields["title"] = clean_text(title)
        self.root = Task(id=self.ROOT_ID)
        self._by_id: dict[int, Task] = {self.ROOT_ID: self.root}
        self._next_id = 1
        self.journal: list[Change] = []

    # ----- reading -------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return str(self.fields["title"])

    def __getitem__(self, task_id: int) -> Task:
        try:
            return self._by_id[task_id]
        except KeyError:
            raise PlanError(f"计划中没有编号为 {task_id} 的任务。") from None

    def __contains__(self, task_id: int) -> bool:
        return task_id in self._by_id

    def tasks(self) -> Iterator[Task]:
        """Every task except the root, in document order."""
        it = self.root.walk()
        next(it)
        return it

    def leaves(self) -> list[Task]:
        return list(self.root.leaves())

    def task_count(self) -> int:
        """How many tasks the plan has (the root not counted), without walking the tree."""
        return len(self._by_id) - 1

    def new_id(self) -> int:
        task_id = self._next_id
        self._next_id += 1
        return task_id

    @property
    def next_id(self) -> int:
        return self._next_id

    def reserve_ids(self, next_id: int) -> None:
        """Never hand out an id below ``next_id`` (ids of deleted tasks are not reused)."""
        self._next_id = max(self._next_id, next_id)

    def to_dict(self, with_ids: bool = False) -> dict[str, Any]:
        """Metadata and the whole tree as plain data; equal dicts mean equal plans."""
        return {
            "fields": copy.deepcopy(self.fields),
            "tasks": [child.to_dict(with_ids) for child in self.root.children],
        }

    # ----- building ------------------------------------------------------------------------
    def make_task(self, text: str = "", attrs: dict[str, str] | None = None,
                  children: list[Task] | None = None, task_id: int | None = None) -> Task:
        """A detached task with a fresh id (or the given one); insert it with ``insert_subtree``."""
        if task_id is None:
            task_id = self.new_id()
        else:
            self._next_id = max(self._next_id, task_id + 1)
        task = Task(id=task_id, text=clean_text(text),
                    attrs={clean_text(k): clean_text(v) for k, v in (attrs or {}).items() if clean_text(k)})
        for child in children or []:
            child.parent = task
            task.children.append(child)
        return task

    def subtree_from_dict(self, data: dict[str, Any], keep_ids: bool = False) -> Task:
        """A detached subtree built from ``Task.to_dict`` output, with fresh ids unless kept."""
        attrs = {k: v for k, v in data.items() if k not in ("id", "text", "children")}
        for key, value in attrs.items():
            if not isinstance(value, str):
                raise PlanError(f"任务属性“{key}”必须是文字。")
        text = data.get("text", "")
        if not isinstance(text, str):
            raise PlanError("任务内容必须是文字。")
        children_data = data.get("children", [])
        if not isinstance(children_data, list):
            raise PlanError("任务的 children 必须是列表。")
        task_id = data.get("id") if keep_ids else None
        if task_id is not None and (task_id in self._by_id):
            raise PlanError(f"任务编号 {task_id} 已被使用。")
        children = [self.subtree_from_dict(c, keep_ids) for c in children_data]
        return self.make_task(text, attrs, children, task_id)

    # ----- primitive mutations (each journals a Change) ------------------------------------
    def insert_subtree(self, parent_id: int, index: int, subtree: Task) -> None:
        parent = self[parent_id]
        if subtree.parent is not None:
            raise PlanError("要插入的任务仍挂在其他位置。")
        if not 0 <= index <= len(parent.children):
            raise PlanError("插入位置超出范围。")
        ids = [t.id for t in subtree.walk()]
        clash = [i for i in ids if i in self._by_id]
        if clash:
            raise PlanError(f"任务编号 {clash[0]} 已被使用。")
        parent.children.insert(index, subtree)
        subtree.parent = parent
        for node in subtree.walk():
            self._by_id[node.id] = node
            self._next_id = max(self._next_id, node.id + 1)
        self.journal.append(Change("insert", tuple(ids), parent_id))

    def remove_subtree(self, task_id: int) -> tuple[int, int, Task]:
        """Detach a subtree; returns (parent id, index, subtree) so it can be put back."""
        task = self[task_id]
        if task.parent is None:
            raise PlanError("不能删除根节点。")
        parent = task.parent
        index = task.index
        del parent.children[index]
        task.parent = None
        ids = []
        for node in task.walk():
            del self._by_id[node.id]
            ids.append(node.id)
        self.journal.append(Change("remove", tuple(ids), parent.id))
        return parent.id, index, task

    def set_text(self, task_id: int, text: str) -> str:
        task = self[task_id]
        if task.parent is None:
            raise PlanError("根节点没有内容。")
        old = task.text
        task.text = clean_text(text)
        self.journal.append(Change("text", (task_id,)))
        return old

    def set_attr(self, task_id: int, key: str, value: str | None) -> str | None:
        """Set (or with None, clear so it inherits) one attribute; returns the old raw value."""
        if not key or not isinstance(key, str):
            raise PlanError("属性名不能为空。")
        task = self[task_id]
        old = task.attrs.get(key)
        if value is None:
            task.attrs.pop(key, None)
        else:
            task.attrs[key] = clean_text(value)
        self.journal.append(Change("attr", (task_id,), key=key))
        return old

    def set_field(self, name: str, value: Any) -> Any:
        if name not in PLAN_FIELDS:
            raise PlanError(f"计划没有“{name}”这一项。")
        old = copy.deepcopy(self.fields[name])
        self.fields[name] = clean_text(value) if isinstance(value, str) else copy.deepcopy(value)
        self.journal.append(Change("field", key=name))
        return old

    def take_journal(self) -> list[Change]:
        journal, self.journal = self.journal, []
        return journal

    # ----- checks --------------------------------------------------------------------------
    def check_invariants(self) -> None:
        """Raise AssertionError if the tree's links, index or ids are inconsistent."""
        seen: dict[int, Task] = {}
        for node in self.root.walk():
            assert node.id not in seen, f"duplicate id {node.id}"
            seen[node.id] = node
            for child in node.children:
                assert child.parent is node, f"task {child.id} has a wrong parent link"
            assert node.id < self._next_id or node is self.root, "next id not beyond every id"
        assert seen.keys() == self._by_id.keys(), "id index out of step with the tree"
        for task_id, node in seen.items():
            assert self._by_id[task_id] is node, "id index points at a stale task"
