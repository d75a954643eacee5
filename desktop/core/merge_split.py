"""Merging several rows into one (合并为一行) and splitting a row (at a position, into sentences).

Each action is one :class:`~desktop.core.operations.Batch` of primitive operations, so its inverse
is exact and it is one undo step.

Merge: the top-most selected tasks, in outline order, become the first of them. Their texts are
joined (a sentence end mark is added between two texts where the first has none); the children of
the others move under the first, after its own; the others are deleted. An attribute whose
effective values agree is left alone; where they differ (:func:`merge_conflicts`) the caller must
say which value the merged row takes (``choices``), otherwise :class:`PlanError` is raised.

Split: at a position of the text (the editor's cursor) the row keeps the text before it and a new
sibling right after it gets the rest; into sentences, the row keeps the first sentence and each
further sentence becomes a sibling. New rows carry copies of the row's own attributes; the row's
children stay with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desktop.core.model import ATTRIBUTE_LABELS, UNIT_ATTRIBUTES, Plan, PlanError, Task
from desktop.core.multi_ops import top_most
from desktop.core.operations import Batch, DeleteTask, InsertTask, MoveTask, Operation, SetAttr, SetText
from desktop.core.sentences import split_sentences

END_MARKS = "。；！？;!?：:，,、"
MERGE_LABEL = "合并为一行"


def join_texts(texts: Iterable[str]) -> str:
    """The texts one after another; "。" between two where the first ends without a mark."""
    joined = ""
    for text in (t.strip() for t in texts):
        if not text:
            continue
        if joined and joined[-1] not in END_MARKS:
            joined += "。"
        joined += text
    return joined


def merge_conflicts(plan: Plan, task_ids: Iterable[int]) -> dict[str, list[str]]:
    """Attribute key -> the different effective values of the tasks ("" for none), in order."""
    tasks = [plan[i] for i in top_most(plan, task_ids)]
    conflicts: dict[str, list[str]] = {}
    for key in ATTRIBUTE_LABELS:
        values = list(dict.fromkeys(task.effective(key) for task in tasks))
        if len(values) > 1:
            conflicts[key] = values
    return conflicts


def merge_options(key: str, values: list[str]) -> list[str]:
    """What the merged row may take for ``key``: each value, and for units all of them together."""
    options = [v for v in values if v]
    if key in UNIT_ATTRIBUTES and len(options) > 1:
        names: list[str] = []
        for value in options:
            names += [n for n in value.split("、") if n and n not in names]
        options.append("、".join(names))
    return list(dict.fromkeys(options)) + ([""] if "" in values else [])


def make_merge(plan: Plan, task_ids: Iterable[int], choices: Mapping[str, str] | None = None) -> Batch:
    """Merge the top-most of ``task_ids`` into the first of them (see the module doc)."""
    tops = top_most(plan, task_ids)
    if len(tops) < 2:
        raise PlanError("请至少选择两行再合并。")
    choices = dict(choices or {})
    missing = [ATTRIBUTE_LABELS[k] for k in merge_conflicts(plan, tops) if k not in choices]
    if missing:
        raise PlanError(f"所选各行的{'、'.join(missing)}不同，请先选定合并后的值。")
    first, others = plan[tops[0]], [plan[i] for i in tops[1:]]
    ops: list[Operation] = []
    joined = join_texts(t.text for t in [first, *others])
    if joined != first.text:
        ops.append(SetText(first.id, joined))
    for key, value in choices.items():
        if key in ATTRIBUTE_LABELS and value != first.effective(key):
            ops.append(SetAttr(first.id, key, value))
    position = len(first.children)
    for other in others:
        for child in list(other.children):
            ops.append(MoveTask(child.id, first.id, position))
            position += 1
    ops += [DeleteTask(other.id) for other in others]
    return Batch(ops, label=MERGE_LABEL)


def _sibling(plan: Plan, task: Task, text: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": plan.new_id(), "text": text}
    data.update(task.attrs)
    return data


def _insert_after(plan: Plan, task: Task, texts: list[str]) -> list[Operation]:
    if task.parent is None:
        raise PlanError("不能拆分根节点。")
    index = task.index
    inserts: list[Operation] = []
    for offset, text in enumerate(texts, start=1):
        inserts.append(InsertTask(task.parent.id, index + offset, _sibling(plan, task, text), label="拆分"))
    return inserts


def make_split_at(plan: Plan, task_id: int, position: int, text: str | None = None) -> Batch:
    """Split the row's text (or ``text``, what the editor shows) at ``position``."""
    task = plan[task_id]
    whole = task.text if text is None else text
    head, tail = whole[:position].strip(), whole[position:].strip()
    if not head or not tail:
        raise PlanError("请把光标放在文字中间再拆分：光标前后都要有文字。")
    ops: list[Operation] = [SetText(task_id, head)]
    ops += _insert_after(plan, task, [tail])
    return Batch(ops, label="拆分")


def make_split_sentences(plan: Plan, task_id: int) -> Batch:
    """One row per sentence of the row's text."""
    task = plan[task_id]
    sentences = split_sentences(task.text)
    if len(sentences) < 2:
        raise PlanError("这一行只有一句话，不能按句拆分。")
    ops: list[Operation] = [SetText(task_id, sentences[0])]
    ops += _insert_after(plan, task, sentences[1:])
    return Batch(ops, label="按句拆分")
