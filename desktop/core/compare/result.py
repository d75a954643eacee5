"""What a comparison found: entries in reading order, each with its kind, texts and changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.compare.textdiff import Segment
from desktop.core.model import ATTRIBUTE_LABELS

KIND_LABELS: dict[str, str] = {
    "same": "未变",
    "changed": "修改",
    "added": "新增",
    "removed": "删除",
    "merged": "合并",
    "split": "拆分",
}
# What the counts report, in the order the app shows them.
COUNT_LABELS: dict[str, str] = {
    "added": "新增",
    "removed": "删除",
    "changed": "修改",
    "moved": "移动",
    "attrs": "属性变化",
    "merged": "合并",
    "split": "拆分",
    "same": "未变",
}


@dataclass(frozen=True)
class AttrChange:
    """One attribute of a row that differs between the versions (effective values)."""

    key: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return ATTRIBUTE_LABELS.get(self.key, self.key)


@dataclass
class Entry:
    """One row (or, for merges and splits, one group of rows) of the comparison."""

    kind: str  # a key of KIND_LABELS
    old_ids: list[int]  # task ids in the old plan (several for a merge)
    new_ids: list[int]  # task ids in the new plan (several for a split)
    old_text: str
    new_text: str
    is_leaf: bool
    depth: int
    segments: list[Segment] = field(default_factory=list)  # in-text differences, old against new
    moved: bool = False
    attrs: list[AttrChange] = field(default_factory=list)
    note: str = ""  # the clerk's 修改说明 for this change
    old_place: str = ""  # for a moved row: the category it stood under, and the one it stands under now
    new_place: str = ""

    @property
    def is_change(self) -> bool:
        """Anything to report: not an unchanged row in its place with its attributes."""
        return self.kind != "same" or self.moved or bool(self.attrs)

    @property
    def categories(self) -> list[str]:
        """The count keys this entry adds to (a row can be changed and moved at once)."""
        found: list[str] = []
        if self.kind != "same":
            found.append(self.kind)
        if self.moved:
            found.append("moved")
        if self.attrs:
            found.append("attrs")
        return found or ["same"]

    def describe(self) -> str:
        """What changed, in words (the default 修改说明 and the text of the CLI's listing)."""
        parts: list[str] = []
        if self.kind == "added":
            parts.append("新增")
        elif self.kind == "removed":
            parts.append("删除")
        elif self.kind == "merged":
            parts.append(f"合并{len(self.old_ids)}项")
        elif self.kind == "split":
            parts.append(f"拆分为{len(self.new_ids)}项")
        elif self.kind == "changed":
            parts.append("修改表述")
        if self.moved and self.old_place != self.new_place:
            parts.append(f"由“{_short(self.old_place)}”下调整到“{_short(self.new_place)}”下")
        elif self.moved:
            parts.append("调整顺序")
        for change in self.attrs:
            old = change.old or "（空）"
            new = change.new or "（空）"
            parts.append(f"{change.label}由“{old}”改为“{new}”")
        return "；".join(parts)


def _short(text: str, limit: int = 16) -> str:
    text = " ".join(text.split()) or "第一级"
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass
class Comparison:
    """Two versions compared; ``entries`` in the new version's order, removed rows where they were."""

    old_label: str
    new_label: str
    entries: list[Entry]
    proposer: str = ""  # who proposed the new version (a unit returning its edited copy), if known

    def changes(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.is_change]

    def counts(self) -> dict[str, int]:
        """How many entries fall into each of COUNT_LABELS (a moved and changed row counts twice)."""
        totals = dict.fromkeys(COUNT_LABELS, 0)
        for entry in self.entries:
            for key in entry.categories:
                totals[key] += 1
        return totals

    def summary(self) -> str:
        """The counts in one line, e.g. 新增 2 · 删除 1 · 修改 3 …, leaving out zeros except 未变."""
        counts = self.counts()
        shown = [f"{COUNT_LABELS[key]} {value}" for key, value in counts.items()
                 if value or key == "same"]
        return " · ".join(shown)
