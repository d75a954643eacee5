"""Next year's plan from this year's: years in deadlines and the title moved on by one.

"以此为基础新建下一年度": the copy has ``year + 1``, the title's year shifted (2024年… → 2025年…),
every deadline's explicit years shifted ("2024年12月底前" → "2025年12月底前",
"2024-2025年" → "2025-2026年", "2024-06-30" → "2025-06-30"), while phrases without a year
("长期坚持", "年底前") are kept — they follow the plan's year. The document number and issue date
are cleared (next year's are not known yet); tracking belongs to the old plan and is not copied.
The result lists every shift, and the rows whose text still names the old year, for the clerk to
check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.compare.accept import clone_plan
from desktop.core.model import Plan

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})"  # a year, followed by 年, a date's month or a range
                   r"(?=\s*(?:年|[-./]\d{1,2}(?!\d)|[-—–~～至到]\s*(?:19|20)\d{2}\s*年))")
_MENTION = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
DEADLINE = "deadline"


@dataclass(frozen=True)
class Shift:
    """One text that was changed: where (a task id, or None for the title), what it was, what it is."""

    task_id: int | None
    where: str  # "标题" or "完成时限"
    old: str
    new: str


@dataclass
class NextYear:
    """The new plan and what changed on the way."""

    plan: Plan
    shifts: list[Shift] = field(default_factory=list)
    kept: list[tuple[int, str]] = field(default_factory=list)  # (task id, deadline) without a year
    mentions: list[int] = field(default_factory=list)  # rows whose text names a year: check them


def shift_years(text: str, delta: int = 1) -> str:
    """``text`` with each year that dates something (a year before 年, a date, a year range) + delta."""
    return _YEAR.sub(lambda match: str(int(match.group(1)) + delta), text)


def make_next_year(plan: Plan, delta: int = 1) -> NextYear:
    """A detached copy of ``plan`` for the following year (store it with ``Workspace.add_plan``)."""
    copy = clone_plan(plan)
    copy.id = None
    result = NextYear(copy)
    year = plan.fields.get("year")
    if isinstance(year, int):
        copy.set_field("year", year + delta)
    title = shift_years(plan.title, delta)
    if title == plan.title and isinstance(year, int):
        title = plan.title.replace(str(year), str(year + delta), 1)
    if title != plan.title:
        copy.set_field("title", title)
        result.shifts.append(Shift(None, "标题", plan.title, title))
    for name in ("doc_number", "issue_date"):
        copy.set_field(name, "")
    for task in copy.tasks():
        value = task.attrs.get(DEADLINE)
        if value:
            shifted = shift_years(value, delta)
            if shifted != value:
                copy.set_attr(task.id, DEADLINE, shifted)
                result.shifts.append(Shift(task.id, "完成时限", value, shifted))
            elif not _MENTION.search(value):
                result.kept.append((task.id, value))
        if _MENTION.search(task.text):
            result.mentions.append(task.id)
    copy.take_journal()
    return result
