"""What a table style prints, in words, and which of a plan's values it would leave off the page.

``describe_columns`` turns a style's columns into the line a clerk reads in the preset chooser
(序号·工作任务（2 级）·具体要求·责任单位·完成时限), so two presets that differ only in their
columns never read alike. ``unprinted_values`` counts the tasks whose own values sit in attribute
columns the style does not print (deadlines set but no 完成时限 column), and the categories deeper
than the style's level columns, which the style folds into the requirement text.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import ATTRIBUTE_LABELS, Plan
from desktop.core.style import TableStyle


def describe_columns(style: TableStyle) -> str:
    """The printed header cells in order, with how many outline levels each one holds."""
    parts: list[str] = []
    for label, first, span in style.header_groups():
        columns = style.columns[first:first + span]
        levels = sum(1 for c in columns if c.kind == "level")
        has_requirement = any(c.kind == "requirement" for c in columns)
        if levels and has_requirement:
            parts.append(f"{label}（{levels} 级类别＋要求）")
        elif levels:
            parts.append(f"{label}（{levels} 级）" if levels > 1 else label)
        else:
            parts.append(label)
    return "·".join(parts)


def preset_title(style: TableStyle) -> str:
    """The preset's own name without its column list: 莱芜 2024."""
    return style.label.split("（", 1)[0].strip()


def chooser_text(style: TableStyle) -> str:
    """One line for the preset chooser: name, then what it prints."""
    return f"{preset_title(style)}：{describe_columns(style)}"


@dataclass(frozen=True)
class Unprinted:
    """Values of a plan a style would not print: attribute label -> tasks, deeper levels."""

    attributes: dict[str, int]
    deeper_levels: int  # how many outline levels below the style's level columns hold categories

    def __bool__(self) -> bool:
        return bool(self.attributes)

    def sentence(self, style: TableStyle) -> str:
        """"计划中 12 项设置了完成时限，“市中 2020”不打印完成时限列。" ("" when nothing is lost)."""
        if not self.attributes:
            return ""
        listed = "、".join(f"{count} 项设置了{label}" for label, count in self.attributes.items())
        columns = "、".join(self.attributes)
        return f"计划中 {listed}，“{preset_title(style)}”不打印{columns}列。"


def unprinted_values(plan: Plan, style: TableStyle) -> Unprinted:
    printed = set(style.attr_keys)
    counts: dict[str, int] = {}
    deepest_category = 0
    for task in plan.tasks():
        for key, value in task.attrs.items():
            if key not in printed and key in ATTRIBUTE_LABELS and value:
                label = ATTRIBUTE_LABELS[key]
                counts[label] = counts.get(label, 0) + 1
        if task.children:
            deepest_category = max(deepest_category, task.depth)
    ordered = {label: counts[label] for label in ATTRIBUTE_LABELS.values() if label in counts}
    return Unprinted(ordered, max(0, deepest_category - style.level_count))
