"""The ``fenjie-plan/1`` JSON interchange format: lossless export and import of one plan.

See docs/plan-json.md for the format. Export is deterministic (keys in a fixed order, UTF-8,
two-space indent) so that exporting an imported document reproduces it. Import validates
everything and raises :class:`FormatError` with one plain sentence for anything wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.model import PLAN_FIELDS, Plan, PlanError
from desktop.core.numbering import NumberingLevel, numbering_of
from desktop.core.style import TableStyle, style_of
from desktop.formats.errors import FormatError

FORMAT = "fenjie-plan/1"
MAX_DEPTH = 32
MAX_BYTES = 64 * 1024 * 1024
_META = ("title", "attachment_label", "year", "issuing_office", "doc_number", "issue_date", "note")


def plan_to_json_data(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT}
    for name in _META:
        data[name] = plan.fields.get(name, PLAN_FIELDS[name])
    data["style"] = style_of(plan.fields).to_dict()
    data["numbering"] = [level.to_json() for level in numbering_of(plan)]
    data["tasks"] = [task.to_dict() for task in plan.root.children]
    return data


def dumps(plan: Plan) -> str:
    return json.dumps(plan_to_json_data(plan), ensure_ascii=False, indent=2) + "\n"


def plan_from_json_data(data: Any) -> Plan:
    if not isinstance(data, dict):
        raise FormatError("这不是 Fenjie 计划文件：最外层应是一个对象。")
    if data.get("format") != FORMAT:
        found = data.get("format")
        if isinstance(found, str) and found.startswith("fenjie-plan/"):
            raise FormatError(f"这个计划文件的版本（{found}）比本程序新，请升级 Fenjie 后再导入。")
        raise FormatError(f"这不是 Fenjie 计划文件：format 应为 {FORMAT}。")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise FormatError("计划文件缺少标题（title）。")
    tasks = data.get("tasks")
    if not isinstance(tasks, list):
        raise FormatError("计划文件缺少任务列表（tasks）。")
    fields: dict[str, Any] = {}
    for name in _META[1:]:
        if name not in data:
            continue
        value = data[name]
        if name == "year":
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise FormatError("年份（year）必须是整数。")
        elif not isinstance(value, str):
            raise FormatError(f"“{name}”必须是文字。")
        fields[name] = value
    try:
        if "style" in data:
            fields["style"] = TableStyle.from_dict(data["style"]).to_dict()
        if "numbering" in data:
            if not isinstance(data["numbering"], list):
                raise FormatError("编号样式（numbering）必须是列表。")
            fields["numbering"] = [NumberingLevel.from_json(v).to_json() for v in data["numbering"]]
        plan = Plan(title, **fields)
        for task_data in tasks:
            _check_task(task_data, 1)
            subtree = plan.subtree_from_dict(task_data)
            plan.insert_subtree(plan.ROOT_ID, len(plan.root.children), subtree)
    except PlanError as error:
        raise FormatError(str(error)) from None
    plan.take_journal()
    return plan


def _check_task(data: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise FormatError(f"任务层级超过 {MAX_DEPTH} 层，文件可能已损坏。")
    if not isinstance(data, dict):
        raise FormatError("每个任务都应是一个对象。")
    for child in data.get("children", []) if isinstance(data.get("children"), list) else []:
        _check_task(child, depth + 1)


def loads(text: str) -> Plan:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"JSON 格式错误（第 {error.lineno} 行第 {error.colno} 列）。") from None
    except RecursionError:
        raise FormatError("JSON 嵌套过深，文件可能已损坏。") from None
    return plan_from_json_data(data)


def read_plan(path: Path) -> Plan:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FormatError("文件太大，不像是一个计划文件。")
        raw = path.read_bytes()
    except OSError as error:
        raise FormatError(f"无法读取文件“{path}”：{error.strerror or error}。") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("文件不是 UTF-8 编码的 JSON。") from None
    return loads(text)
