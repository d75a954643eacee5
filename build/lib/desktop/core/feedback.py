"""Unit feedback (落实情况反馈): what a unit is sent, and how a returned workbook proves where it came from.

A :class:`FeedbackSheet` is one unit's share of one plan: one :class:`SheetRow` per active
assignment, in plan order, with the task columns the unit must not change (序号, 工作任务 path,
具体要求, 牵头单位, 责任单位, 完成时限) and the state it had when exported. Each row carries

- ``fingerprint``: sha256 of the task's category path and text (white space ignored, numbering
  never included), so an import can tell whether the *plan* changed the task since the export;
- ``cell_hashes``: a short hash of each locked cell as written, so an import can tell whether the
  *workbook* had a locked cell edited, and which one;
- ``prior``: the status and completion date at export, so a status the unit left alone never
  overwrites a change the clerk made in the meantime;
- ``signature``: an HMAC (keyed by the workspace's secret) over the plan, the unit and the fields
  above, so a forged row id, a row copied from another unit's workbook or an edited hidden field
  is recognised. The sheet itself is signed too (plan, unit, export time).

The HMAC is tamper evidence, not secrecy: it only proves a row was written by this workspace for
this unit and plan. Everything here is pure; :mod:`desktop.core.feedback_check` validates rows.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from desktop.core.model import Plan, PlanError, Task
from desktop.core.numbering import compute_numbers
from desktop.core.textclean import normalise_space
from desktop.core.tracking import Assignment
from desktop.core.unit_text import normalise_name

FORMAT = "fenjie-feedback/1"
LOCKED_KEYS: tuple[str, ...] = ("seq", "path", "text", "lead", "units", "deadline")
LOCKED_LABELS: dict[str, str] = {
    "seq": "序号", "path": "工作任务", "text": "具体要求", "lead": "牵头单位", "units": "责任单位",
    "deadline": "完成时限",
}
HIDDEN_KEYS: tuple[str, ...] = ("task_id", "role", "fingerprint", "cells", "prior", "signature")
META_KEYS: tuple[str, ...] = ("format", "plan_id", "plan_key", "plan_title", "unit", "exported_at",
                              "rows", "signature")


class FeedbackError(PlanError):
    """A returned workbook that cannot be imported at all; one plain sentence for the user."""


def task_fingerprint(task: Task) -> str:
    """sha256 of the task's category path and text, white space ignored, numbering never included."""
    parts = [normalise_space(node.text) for node in (*task.ancestors(), task)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def cell_hashes(cells: Mapping[str, str]) -> str:
    """One 8-hex-digit hash per locked cell (white space ignored), joined with dots."""
    return ".".join(hashlib.sha256(normalise_space(cells.get(key, "")).encode("utf-8")).hexdigest()[:8]
                    for key in LOCKED_KEYS)


def changed_cells(expected: str, cells: Mapping[str, str]) -> list[str]:
    """The keys of the locked cells whose text no longer matches the hashes written at export."""
    wanted = expected.split(".")
    actual = cell_hashes(cells).split(".")
    if len(wanted) != len(actual):
        return list(LOCKED_KEYS)
    return [key for key, old, new in zip(LOCKED_KEYS, wanted, actual, strict=True) if old != new]


def sign(secret: bytes, *parts: object) -> str:
    """HMAC-SHA256 of the parts (joined with a separator no cell text contains), 32 hex digits."""
    message = "\x1e".join(str(part) for part in parts).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def prior_text(status: str, completed_on: date | None) -> str:
    return f"{status}|{completed_on.isoformat() if completed_on else ''}"


def parse_prior(text: str) -> tuple[str, date | None]:
    """(status, completion date) written at export; ("", None) when unreadable."""
    status, _, day = text.partition("|")
    try:
        return status, date.fromisoformat(day) if day else None
    except ValueError:
        return "", None


@dataclass(frozen=True)
class SheetRow:
    """One row of a unit's feedback workbook: an active assignment and its locked task cells."""

    task_id: int
    role: str
    cells: dict[str, str]  # LOCKED_KEYS → text as written
    status: str  # the assignment's status at export (the drop-down's starting value)
    completed_on: date | None
    fingerprint: str
    cell_hashes: str
    prior: str
    signature: str

    def hidden(self) -> dict[str, str]:
        return {"task_id": str(self.task_id), "role": self.role, "fingerprint": self.fingerprint,
                "cells": self.cell_hashes, "prior": self.prior, "signature": self.signature}


@dataclass(frozen=True)
class FeedbackSheet:
    """Everything one unit's feedback workbook holds."""

    plan_id: int
    plan_key: str
    plan_title: str
    unit: str
    exported_at: str  # ISO date and time
    rows: tuple[SheetRow, ...]
    signature: str

    def meta(self) -> dict[str, str]:
        return {"format": FORMAT, "plan_id": str(self.plan_id), "plan_key": self.plan_key,
                "plan_title": self.plan_title, "unit": self.unit, "exported_at": self.exported_at,
                "rows": str(len(self.rows)), "signature": self.signature}


def row_signature(secret: bytes, plan_key: str, unit: str, hidden: Mapping[str, str]) -> str:
    return sign(secret, FORMAT, plan_key, normalise_name(unit), hidden.get("task_id", ""),
                hidden.get("role", ""), hidden.get("fingerprint", ""), hidden.get("cells", ""),
                hidden.get("prior", ""))


def meta_signature(secret: bytes, meta: Mapping[str, str]) -> str:
    return sign(secret, meta.get("format", ""), meta.get("plan_id", ""), meta.get("plan_key", ""),
                normalise_name(meta.get("unit", "")), meta.get("exported_at", ""))


def task_cells(plan: Plan, task: Task, seq: int, numbers: Mapping[int, str]) -> dict[str, str]:
    """The locked cells of a leaf's row: 序号, numbered category path, text, lead, units, deadline."""
    path = "\n".join(numbers.get(node.id, "") + node.text for node in task.ancestors())
    return {"seq": str(seq), "path": path, "text": task.text, "lead": task.effective("lead"),
            "units": task.effective("units"), "deadline": task.effective("deadline")}


def build_sheet(plan: Plan, plan_key: str, secret: bytes, unit: str, assignments: Sequence[Assignment],
                exported_at: str) -> FeedbackSheet:
    """The unit's sheet: one row per active assignment of ``unit``, in the plan's row order."""
    if plan.id is None:
        raise FeedbackError("这个计划还没有保存到工作区，无法导出反馈表。")
    key = normalise_name(unit)
    mine = {item.task_id: item for item in assignments if item.active and normalise_name(item.unit) == key}
    numbers = compute_numbers(plan)
    rows: list[SheetRow] = []
    for seq, leaf in enumerate(plan.leaves(), start=1):
        item = mine.get(leaf.id)
        if item is None:
            continue
        cells = task_cells(plan, leaf, seq, numbers)
        hidden = {"task_id": str(leaf.id), "role": item.role, "fingerprint": task_fingerprint(leaf),
                  "cells": cell_hashes(cells), "prior": prior_text(item.status, item.completed_on)}
        rows.append(SheetRow(leaf.id, item.role, cells, item.status, item.completed_on,
                             hidden["fingerprint"], hidden["cells"], hidden["prior"],
                             row_signature(secret, plan_key, unit, hidden)))
    meta = {"format": FORMAT, "plan_id": str(plan.id), "plan_key": plan_key, "unit": unit,
            "exported_at": exported_at}
    return FeedbackSheet(plan.id, plan_key, plan.title, unit, exported_at, tuple(rows),
                         meta_signature(secret, meta))


@dataclass(frozen=True)
class Identity:
    """Which plan and unit a returned workbook says it belongs to (signature checked)."""

    plan_id: int
    plan_key: str
    plan_title: str
    unit: str
    exported_at: str


NOT_FEEDBACK = "这不是 Fenjie 导出的落实情况反馈表，无法导入。"
FOREIGN = "这份反馈表不是从本工作区导出的，或其中的标识信息被改动，未导入。"


def read_identity(meta: Mapping[str, str], secret: bytes | None) -> Identity:
    """The workbook's plan and unit; :class:`FeedbackError` unless the sheet's signature holds."""
    if meta.get("format") != FORMAT:
        raise FeedbackError(NOT_FEEDBACK)
    plan_id = meta.get("plan_id", "")
    unit = meta.get("unit", "").strip()
    if not plan_id.isdigit() or not unit:
        raise FeedbackError(NOT_FEEDBACK)
    if secret is None or not hmac.compare_digest(meta.get("signature", ""), meta_signature(secret, meta)):
        raise FeedbackError(FOREIGN)
    return Identity(int(plan_id), meta.get("plan_key", ""), meta.get("plan_title", ""), unit,
                    meta.get("exported_at", ""))
