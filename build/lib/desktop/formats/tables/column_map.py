"""What each column of an imported table means, and which table style fits it.

Header labels map to roles: 序号 (dropped, it is computed), attribute columns (牵头单位 → lead,
责任单位/责任科室 → units, 配合单位 → cooperating, 完成时限/时限要求 → deadline, 备注 → note) and text
columns (工作任务, 工作任务及要求, 具体要求, 工作要求 …). Text columns are read by position: the last
one holds the requirement, the ones before it hold hierarchy levels 1, 2, 3 … (a header label may
span several of them, as 工作任务 spans levels 1–2). A table without a recognisable header is mapped
by position and content instead. :func:`choose_style` returns the preset whose columns and labels
match, else a style built from the header with the file's relative column widths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop.core.model import ATTRIBUTE_LABELS
from desktop.core.style import PRESETS, Column, TableStyle

_SEQ_LABELS = {"序号", "编号", "序", "顺序号", "no", "no.", "#"}
# (attribute key, substrings of the label), tried in order
_ATTR_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lead", ("牵头",)),
    ("cooperating", ("配合", "协办", "协同", "参与单位", "协助")),
    ("units", ("责任单位", "责任部门", "责任科室", "责任处室", "责任主体", "责任分工", "承办单位",
               "落实单位", "主办单位", "实施单位", "负责单位", "责任领导", "责任人", "责任单位（部门）")),
    ("deadline", ("时限", "完成时间", "时间节点", "期限", "进度安排", "时间安排", "完成日期")),
    ("note", ("备注",)),
)
_TEXT_HINTS = ("任务", "要求", "措施", "内容", "事项", "工作", "类别", "项目", "领域", "目标", "一级",
               "二级", "三级", "四级")
_DEADLINE_VALUE = re.compile(
    r"(\d{4}\s*年|\d{1,2}\s*月|底前|年底|长期|持续|季度|之前|常态|定期|适时|每年|及时)")
_RESERVED_KEYS = {"id", "text", "children"}
MAX_LABEL_CHARS = 20


@dataclass(frozen=True)
class ColumnRole:
    """The meaning of one grid column: seq, level, requirement, attr or ignore."""

    kind: str
    header: str = ""
    level: int | None = None
    attr: str | None = None


def normalise_label(text: str) -> str:
    return re.sub(r"\s+", "", text).strip("：:")


def classify_label(label: str) -> tuple[str, str | None] | None:
    """("seq", None), ("attr", key) or ("text", None) for a known header label, else None."""
    text = normalise_label(label)
    if not text or len(text) > MAX_LABEL_CHARS:
        return None
    if text.lower() in _SEQ_LABELS:
        return ("seq", None)
    for key, needles in _ATTR_RULES:
        if any(needle in text for needle in needles):
            return ("attr", key)
    if any(hint in text for hint in _TEXT_HINTS):
        return ("text", None)
    return None


def _custom_key(label: str, index: int) -> str:
    key = normalise_label(label) or f"col_{index + 1}"
    return f"col_{key}" if key in _RESERVED_KEYS else key


def roles_from_labels(labels: Sequence[str], empty_columns: Sequence[bool] = ()) -> list[ColumnRole] | None:
    """Roles of the columns of a table whose header labels are known; None if there is no text column."""
    kinds: list[tuple[str, str | None] | None] = [classify_label(label) for label in labels]
    first_attr = next((i for i, k in enumerate(kinds) if k and k[0] == "attr"), len(labels))
    text_cols: list[int] = []
    roles: list[ColumnRole | None] = [None] * len(labels)
    seen_keys: set[str] = set()
    for index, (label, kind) in enumerate(zip(labels, kinds, strict=True)):
        header = normalise_label(label)
        empty = index < len(empty_columns) and empty_columns[index]
        if kind is None and empty and not header:
            roles[index] = ColumnRole("ignore")
        elif kind is not None and kind[0] == "seq":
            roles[index] = ColumnRole("seq", header)
        elif kind is not None and kind[0] == "attr" and kind[1] not in seen_keys:
            roles[index] = ColumnRole("attr", header, attr=kind[1])
            seen_keys.add(str(kind[1]))
        elif (kind is not None and kind[0] == "text") or (kind is None and index < first_attr):
            text_cols.append(index)
        else:
            key = _custom_key(label, index)
            if key in seen_keys:
                key = f"{key}_{index + 1}"
            seen_keys.add(key)
            roles[index] = ColumnRole("attr", header, attr=key)
    if not text_cols:
        return None
    for level, index in enumerate(text_cols[:-1], start=1):
        roles[index] = ColumnRole("level", normalise_label(labels[index]), level=level)
    roles[text_cols[-1]] = ColumnRole("requirement", normalise_label(labels[text_cols[-1]]))
    return [role or ColumnRole("ignore") for role in roles]


def roles_by_position(columns: Sequence[Sequence[str]]) -> list[ColumnRole] | None:
    """Roles guessed from the body when there is no header: 序号 digits, the longest texts, deadlines."""
    n = len(columns)
    if n == 0:
        return None
    filled = [[v for v in col if v.strip()] for col in columns]
    roles: list[ColumnRole | None] = [None] * n
    for index, values in enumerate(filled):
        if not values:
            roles[index] = ColumnRole("ignore")
        elif index == 0 and all(v.strip().isdigit() and len(v.strip()) <= 5 for v in values):
            roles[index] = ColumnRole("seq", "序号")
    candidates = [i for i in range(n) if roles[i] is None]
    if not candidates:
        return None
    req = max(candidates, key=lambda i: sum(len(v) for v in filled[i]) / max(len(filled[i]), 1))
    levels = [i for i in candidates if i < req]
    for level, index in enumerate(levels, start=1):
        roles[index] = ColumnRole("level", "工作任务", level=level)
    roles[req] = ColumnRole("requirement", "具体要求")
    unit_keys = iter(("units", "cooperating", "note"))
    after = [i for i in candidates if i > req]
    if sum(1 for i in after if not _looks_like_deadline(filled[i])) >= 2:
        unit_keys = iter(("lead", "units", "cooperating", "note"))
    used: set[str] = set()
    for index in after:
        key = "deadline" if _looks_like_deadline(filled[index]) and "deadline" not in used else None
        if key is None:
            key = next(unit_keys, f"col_{index + 1}")
        used.add(key)
        roles[index] = ColumnRole("attr", ATTRIBUTE_LABELS.get(key, key), attr=key)
    return [role or ColumnRole("ignore") for role in roles]


def _looks_like_deadline(values: Sequence[str]) -> bool:
    if not values:
        return False
    hits = sum(1 for v in values if len(v) <= 30 and _DEADLINE_VALUE.search(v))
    return hits * 2 > len(values)


def _default_header(role: ColumnRole) -> str:
    if role.header:
        return role.header
    if role.kind == "seq":
        return "序号"
    if role.kind == "level":
        return "工作任务"
    if role.kind == "requirement":
        return "具体要求"
    return ATTRIBUTE_LABELS.get(role.attr or "", role.attr or "")


def _signature(columns: Sequence[Column]) -> list[tuple[str, int | None, str | None, str]]:
    return [(c.kind, c.level, c.attr, c.header) for c in columns]


def _shape(columns: Sequence[Column]) -> list[tuple[str, int | None, str | None]]:
    return [(c.kind, c.level, c.attr) for c in columns]


def _relative_widths(widths: Sequence[float], count: int) -> list[float]:
    """Widths scaled so the widest column is 6.0, rounded to 0.1: a fixed point of export → import."""
    if len(widths) != count or not widths or min(widths) <= 0:
        return []
    top = max(widths)
    return [max(0.3, round(6.0 * w / top, 1)) for w in widths]


def choose_style(roles: Sequence[ColumnRole], widths: Sequence[float] = ()) -> TableStyle:
    """The preset whose columns and header labels match, else a style built from the header."""
    kept = [(i, r) for i, r in enumerate(roles) if r.kind != "ignore"]
    columns = [
        Column(r.kind, _default_header(r), 1.0, "justify" if r.kind == "requirement" else "center",
               level=r.level, attr=r.attr)
        for _, r in kept
    ]
    for style in PRESETS.values():
        if _signature(style.columns) == _signature(columns):
            return style
    base = max(PRESETS.values(),
               key=lambda s: sum(a == b for a, b in zip(_shape(s.columns), _shape(columns), strict=False)))
    scaled = _relative_widths([widths[i] for i, _ in kept] if len(widths) == len(roles) else [], len(kept))
    preset_widths = {(c.kind, c.level, c.attr): c.width for c in base.columns}
    columns = [
        replace(col, width=scaled[n] if scaled else preset_widths.get((col.kind, col.level, col.attr), 1.5))
        for n, col in enumerate(columns)
    ]
    return replace(base, name="imported", label="从文件导入的表格样式", columns=tuple(columns))
