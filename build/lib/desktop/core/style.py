"""Table styles: which columns an annex table has, their header labels, widths and alignment.

A style lists columns in order: an optional 序号 column (running number of requirement rows), one
column per hierarchy level shown, the requirement column and attribute columns. Adjacent columns
with the same header label share one header cell (工作任务 over levels 1–2). The four presets are
the layouts seen in real annexes (see DESIGN.md §2); a plan may also carry its own style.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from desktop.core.model import ATTRIBUTE_LABELS, PlanError

COLUMN_KINDS = ("seq", "level", "requirement", "attr")
ALIGNMENTS = ("center", "justify", "left")


@dataclass(frozen=True)
class Column:
    kind: str
    header: str
    width: float = 1.0
    align: str = "center"
    level: int | None = None  # for kind "level": 1 for the top level
    attr: str | None = None  # for kind "attr": the attribute key

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise PlanError(f"未知的列类型“{self.kind}”。")
        if self.align not in ALIGNMENTS:
            raise PlanError(f"未知的对齐方式“{self.align}”。")
        if self.kind == "level" and (not isinstance(self.level, int) or self.level < 1):
            raise PlanError("层级列必须给出从 1 开始的层级。")
        if self.kind == "attr" and not self.attr:
            raise PlanError("属性列必须给出属性名。")
        if not self.width > 0:
            raise PlanError("列宽必须大于零。")

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class TableStyle:
    name: str
    label: str
    columns: tuple[Column, ...]
    merge_equal: bool = True  # merge equal adjacent values in attribute columns
    restate_continued: bool = True  # restate a merged cell's text at the top of a new page
    continued_marker: bool = False  # append "（续）" to restated text
    body_font_size: float = 12.0
    header_font_size: float = 12.0
    title_font_size: float = 22.0
    orientation: str = "landscape"
    page_numbers: str = "outside"  # "outside" (odd right, even left) or "center"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        kinds = [c.kind for c in self.columns]
        if kinds.count("requirement") != 1:
            raise PlanError("表格样式必须有且只有一个“具体要求”列。")
        if kinds.count("seq") > 1:
            raise PlanError("表格样式最多只能有一个序号列。")
        levels = [c.level for c in self.columns if c.kind == "level"]
        if levels != list(range(1, len(levels) + 1)):
            raise PlanError("层级列必须按 1、2、3… 的顺序排列。")
        if self.orientation not in ("landscape", "portrait"):
            raise PlanError("页面方向只能是横向或纵向。")
        if self.page_numbers not in ("outside", "center"):
            raise PlanError("页码位置只能是外侧或居中。")

    @property
    def level_count(self) -> int:
        return sum(1 for c in self.columns if c.kind == "level")

    @property
    def attr_keys(self) -> tuple[str, ...]:
        return tuple(c.attr for c in self.columns if c.kind == "attr" and c.attr)

    def header_groups(self) -> list[tuple[str, int, int]]:
        """(label, first column, span) for each header cell: equal adjacent labels merge."""
        groups: list[tuple[str, int, int]] = []
        for index, column in enumerate(self.columns):
            if groups and groups[-1][0] == column.header:
                label, first, span = groups[-1]
                groups[-1] = (label, first, span + 1)
            else:
                groups.append((column.header, index, 1))
        return groups

    def with_options(self, **options: Any) -> TableStyle:
        return replace(self, **options)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k not in ("columns", "extra")}
        out["columns"] = [c.to_dict() for c in self.columns]
        if self.extra:
            out["extra"] = dict(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TableStyle:
        if not isinstance(data, dict):
            raise PlanError("表格样式的格式不正确。")
        if "columns" not in data and isinstance(data.get("preset"), str):
            base = preset(data["preset"])
            options = {k: v for k, v in data.items() if k != "preset"}
            return replace(base, **options) if options else base
        try:
            columns = tuple(Column(**c) for c in data["columns"])
            options = {"name": "custom", "label": "自定义样式"}
            options.update({k: v for k, v in data.items() if k != "columns"})
            return cls(columns=columns, **options)
        except (KeyError, TypeError, AttributeError):
            raise PlanError("表格样式的格式不正确。") from None


def _attr(key: str, width: float) -> Column:
    return Column("attr", ATTRIBUTE_LABELS[key], width, "center", attr=key)


PRESETS: dict[str, TableStyle] = {
    style.name: style
    for style in (
        TableStyle(
            "laiwu2024", "莱芜 2024（序号·工作任务·具体要求·责任单位·完成时限）",
            (
                Column("seq", "序号", 0.75),
                Column("level", "工作任务", 1.5, level=1),
                Column("level", "工作任务", 1.7, level=2),
                Column("requirement", "具体要求", 5.6, "justify"),
                _attr("units", 2.4),
                _attr("deadline", 1.25),
            ),
        ),
        TableStyle(
            "taian2017", "泰安 2017（工作任务及要求·牵头单位·责任单位）",
            (
                Column("level", "工作任务及要求", 1.3, level=1),
                Column("level", "工作任务及要求", 1.5, level=2),
                Column("level", "工作任务及要求", 1.6, level=3),
                Column("requirement", "工作任务及要求", 5.0, "justify"),
                _attr("lead", 2.3),
                _attr("units", 1.6),
            ),
        ),
        TableStyle(
            "zichuan2020", "淄川 2020（工作任务·具体要求·责任单位）",
            (
                Column("level", "工作任务", 1.3, level=1),
                Column("level", "工作任务", 1.5, level=2),
                Column("level", "具体要求", 1.5, level=3),
                Column("level", "具体要求", 1.5, level=4),
                Column("requirement", "具体要求", 4.4, "justify"),
                _attr("units", 2.0),
            ),
        ),
        TableStyle(
            "shizhong2020", "市中 2020（工作任务·具体要求·责任单位）",
            (
                Column("level", "工作任务", 1.4, level=1),
                Column("level", "工作任务", 1.7, level=2),
                Column("requirement", "具体要求", 6.0, "justify"),
                _attr("units", 2.4),
            ),
        ),
    )
}
DEFAULT_PRESET = "laiwu2024"


def preset(name: str) -> TableStyle:
    try:
        return PRESETS[name]
    except KeyError:
        names = "、".join(PRESETS)
        raise PlanError(f"没有名为“{name}”的表格样式（可用：{names}）。") from None


def style_of(plan_fields: dict[str, Any]) -> TableStyle:
    """The style a plan uses: its own style dict, else the default preset."""
    data = plan_fields.get("style")
    if not data:
        return PRESETS[DEFAULT_PRESET]
    return TableStyle.from_dict(data)
