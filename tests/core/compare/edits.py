"""Known edits applied to a copy of a plan, remembering the truth a comparison must recover."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.compare.accept import clone_plan
from desktop.core.model import Plan
from desktop.core.operations import DeleteTask, InsertTask, MoveTask, SetAttr, SetText

# Texts unlike any annex row, so that an added row is never taken for a reworded one.
ADDED_TEXTS = tuple(f"新增第{n}项：{name}专项行动方案编制与验收" for n, name in
                    enumerate("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", start=1))
NEW_UNITS = ("区审计局", "区统计局", "区档案馆", "区信访局", "区医保局")


@dataclass
class Truth:
    """What was done to the copy (task ids are shared by the original and the copy)."""

    moved: set[int] = field(default_factory=set)
    reworded: set[int] = field(default_factory=set)
    units: set[int] = field(default_factory=set)
    added: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)
    merged: dict[int, set[int]] = field(default_factory=dict)  # kept row -> all rows merged into it
    split: set[int] = field(default_factory=set)  # rows split in two

    def touched(self) -> set[int]:
        merged = {i for rows in self.merged.values() for i in rows}
        return self.moved | self.reworded | self.units | self.added | self.deleted | merged | self.split


class Editor:
    """Applies edits to a copy of ``base``; each row is edited in at most one way."""

    def __init__(self, base: Plan) -> None:
        self.plan = clone_plan(base)
        self.truth = Truth()

    def reword(self, task_id: int, at: int, width: int = 2) -> None:
        text = self.plan[task_id].text
        at = at % max(1, len(text) - width)
        SetText(task_id, text[:at] + "务必" [:width] + text[at + width:]).apply(self.plan)
        self.truth.reworded.add(task_id)

    def set_units(self, task_id: int, unit: str) -> None:
        SetAttr(task_id, "units", unit).apply(self.plan)
        self.truth.units.add(task_id)

    def move(self, task_id: int, parent_id: int, index: int) -> None:
        """Move a requirement row to another category, keeping what it shows."""
        task = self.plan[task_id]
        shown = {key: task.effective(key) for key in ("lead", "units", "deadline")}
        parent = self.plan[parent_id]
        MoveTask(task_id, parent_id, index % (len(parent.children) + 1)).apply(self.plan)
        for key, value in shown.items():
            if self.plan[task_id].effective(key) != value:
                SetAttr(task_id, key, value).apply(self.plan)
        self.truth.moved.add(task_id)

    def add(self, parent_id: int, index: int, text: str) -> int:
        parent = self.plan[parent_id]
        task_id = self.plan.next_id
        position = index % (len(parent.children) + 1)
        InsertTask(parent_id, position, {"id": task_id, "text": text}).apply(self.plan)
        self.truth.added.add(task_id)
        return task_id

    def delete(self, task_id: int) -> None:
        DeleteTask(task_id).apply(self.plan)
        self.truth.deleted.add(task_id)

    def merge(self, first: int, second: int) -> None:
        """Join the second row's text onto the first and drop the second."""
        SetText(first, self.plan[first].text + self.plan[second].text).apply(self.plan)
        DeleteTask(second).apply(self.plan)
        self.truth.merged[first] = {first, second}

    def split(self, task_id: int) -> int:
        """Cut a row's text in two at its middle comma; the second half becomes the next row."""
        task = self.plan[task_id]
        text = task.text
        commas = [i for i, ch in enumerate(text) if ch == "，"]
        cut = min(commas, key=lambda i: abs(i - len(text) // 2)) + 1
        SetText(task_id, text[:cut]).apply(self.plan)
        assert task.parent is not None
        new_id = self.plan.next_id
        InsertTask(task.parent.id, task.index + 1, {"id": new_id, "text": text[cut:]}).apply(self.plan)
        self.truth.split.add(task_id)
        return new_id
