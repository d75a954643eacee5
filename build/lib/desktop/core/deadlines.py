"""Reading a 完成时限 cell as a due date or a kind of deadline, and telling when it is overdue.

:func:`parse_deadline` turns the text of a deadline cell into a :class:`Deadline`. The text itself
is never changed; the result only says what Fenjie understood:

``date``
    one due day: 2024年12月底前, 12月底, 年底前, 年内, 6月30日前, 三季度末, 到2023年, 2020年12底前.
``period``
    a span with ``start`` and ``due`` (its last day): 上半年 (1 Jan–30 Jun), 第三季度 (1 Jul–30 Sep),
    全年, 2024年, 6月, 2023年至2025年.
``relative``
    a time after an event: 本要点印发30日内, 印发后1个月内, 30个工作日内. With the anchor "issue" the due
    day counts from the plan's issue date (working days skip Saturdays and Sundays only; public
    holidays are not known); with any other event (人代会结束60个工作日内) there is no due day.
``recurring``
    每季度 / 按季度 (quarterly), 每月 (monthly), 每年 (yearly), 每半年, 每周, 定期 (regular), 不定期
    (irregular). 每年6月底前 keeps month 6, day 30 and, with a plan year, that year's day as ``due``.
``ongoing``
    长期坚持, 持续推进, 长期, 常态化推进, 长效, 常年 … — no due day, never overdue.
``prompt``
    及时, 立即, 尽快, 随时, 第一时间 — as soon as the occasion arises; no due day.
``none``
    an empty cell.
``unknown``
    anything else (the GUI flags it), e.g. the page numbers "—8—\\n—9—" that a Laiwu row holds.

Years: a year the text omits is the year named earlier in the same line (2020年9月22日前…9月25日前),
else the plan's year, else the issue date's year. When none is known, a dated text still gets its
kind (``date`` or ``period``) — the text is understood, only the year is missing — with ``due``
None and ``month``/``day`` kept, so setting the plan year later gives the due day without asking
the clerk again. ``Deadline.resolved`` tells whether there is a due day.

Several lines (2024年12月底前 / 长期坚持): the first line that is understood decides. Within a line a
date, period or time after an event wins over ongoing or prompt words (持续推进，2024年底前完成 is due
at the end of 2024); between a recurrence and a date, the earlier in the line wins (每年6月底前 is
yearly; 2024年底前完成，此后每季度更新 is a date); of several dates in a line the latest is the due
day (6月底前启动，12月底前全面完成 is due on 31 December). A month alone before 前 (6月前) is read leniently
as the end of that month, so nothing is flagged overdue too early.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from desktop.core.deadline_scan import Span, month_end, point_date, scan_line
from desktop.core.deadline_text import deadline_lines

KINDS: tuple[str, ...] = ("date", "period", "relative", "recurring", "ongoing", "prompt", "none", "unknown")
KIND_LABELS: dict[str, str] = {
    "date": "限期完成", "period": "时段内完成", "relative": "印发后限期", "recurring": "定期",
    "ongoing": "长期", "prompt": "及时", "none": "未填写", "unknown": "无法识别",
}
PERIOD_LABELS: dict[str, str] = {
    "yearly": "每年", "half_yearly": "每半年", "quarterly": "每季度", "monthly": "每月",
    "ten_days": "每旬", "weekly": "每周", "daily": "每日", "regular": "定期", "irregular": "不定期",
}
DONE_STATUSES = frozenset({"done", "已完成"})

_ONGOING = re.compile(r"长期|持续|常态|常年|长效|坚持|经常|动态|日常")
_PROMPT = re.compile(r"及时|即时|立即|尽快|随时|马上|第一时间|实时|适时")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")


@dataclass(frozen=True)
class Deadline:
    """What a deadline cell says; ``text`` is the cell exactly as written."""

    text: str
    kind: str
    due: date | None = None  # the last day to finish (date, period, relative, a dated recurrence)
    start: date | None = None  # the first day of a period
    period: str | None = None  # recurring: a key of PERIOD_LABELS
    month: int | None = None  # the due month/day as written, also when the year is unknown
    day: int | None = None
    offset: int | None = None  # relative: how many ``offset_unit`` after the anchor
    offset_unit: str | None = None  # "days", "workdays", "weeks", "months", "years"
    anchor: str | None = None  # relative: "issue" or "event"

    @property
    def understood(self) -> bool:
        """False only for text Fenjie could not read (the GUI flags it)."""
        return self.kind != "unknown"

    @property
    def resolved(self) -> bool:
        """True when there is a due day."""
        return self.due is not None

    @property
    def label(self) -> str:
        """A short Chinese description of the kind, e.g. 每季度 or 限期完成."""
        if self.kind == "recurring" and self.period:
            return PERIOD_LABELS[self.period]
        return KIND_LABELS[self.kind]


def add_workdays(start: date, count: int) -> date:
    """The day ``count`` working days (Monday to Friday) after ``start``; holidays are not known."""
    day = start
    left = count
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def add_months(start: date, count: int) -> date:
    """The same day ``count`` months later, or that month's last day when it is shorter."""
    index = start.month - 1 + count
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _after(anchor: date, offset: int, unit: str) -> date:
    if unit == "workdays":
        return add_workdays(anchor, offset)
    if unit == "months":
        return add_months(anchor, offset)
    if unit == "years":
        return add_months(anchor, 12 * offset)
    return anchor + timedelta(days=offset * (7 if unit == "weeks" else 1))


def _from_span(text: str, span: Span, following: Span | None, issue_date: date | None) -> Deadline:
    if span.kind == "relative":
        assert span.offset is not None and span.offset_unit is not None
        due = None
        if span.anchor == "issue" and issue_date is not None:
            due = _after(issue_date, span.offset, span.offset_unit)
        return Deadline(text, "relative", due, offset=span.offset, offset_unit=span.offset_unit,
                        anchor=span.anchor)
    if span.kind == "recurring":
        point = None
        if following is not None and following.start == span.end and following.kind == "date":
            point = following.last
        if point is None:
            return Deadline(text, "recurring", period=span.period)
        year, month, day = point
        return Deadline(text, "recurring", point_date(point), period=span.period, month=month,
                        day=day if day is not None else month_end(year, month))
    assert span.last is not None
    year, month, day = span.last
    start = point_date(span.first) if span.first is not None else None
    return Deadline(text, span.kind, point_date(span.last), start, month=month,
                    day=day if day is not None else month_end(year, month))


def _parse_line(text: str, line: str, year: int | None, issue_date: date | None) -> Deadline | None:
    spans = [span for span in scan_line(line, year) if span.kind != "invalid"]
    if spans:
        first = spans[0]
        if first.kind == "recurring":
            following = spans[1] if len(spans) > 1 else None
            return _from_span(text, first, following, issue_date)
        found = [_from_span(text, span, None, issue_date) for span in spans if span.kind != "recurring"]
        dated = [item for item in found if item.due is not None]
        return max(dated, key=lambda item: item.due or date.min) if dated else found[0]
    if _ONGOING.search(line):
        return Deadline(text, "ongoing")
    if _PROMPT.search(line):
        return Deadline(text, "prompt")
    return None


@lru_cache(maxsize=4096)
def parse_deadline(text: str, year: int | None, issue_date: date | None = None) -> Deadline:
    """What the deadline text says, for a plan of ``year`` issued on ``issue_date`` (see the module doc)."""
    lines = deadline_lines(text)
    if not lines:
        return Deadline(text or "", "none")
    base_year = year if year is not None else (issue_date.year if issue_date is not None else None)
    for line in lines:
        found = _parse_line(text, line, base_year, issue_date)
        if found is not None:
            return found
    return Deadline(text, "unknown")


def is_overdue(deadline: Deadline, today: date, status: str) -> bool:
    """True when the due day has passed and the work is not done (status "done" / 已完成).

    Only a due day makes a deadline overdue: ongoing, prompt, undated recurring and unknown texts
    never are. A unit that reports 持续推进 on a task with a due day is still overdue after it.
    """
    return status not in DONE_STATUSES and deadline.due is not None and today > deadline.due


def finished_late(deadline: Deadline, completed_on: date | None) -> bool:
    """True when the work was completed after its due day."""
    return completed_on is not None and deadline.due is not None and completed_on > deadline.due


def parse_date(value: object) -> date | None:
    """A date from a date, an ISO text (2024-06-26) or a Chinese one (2024年6月26日); else None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.search(value)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)")


def plan_year(fields: dict[str, object]) -> int | None:
    """The plan's year: its ``year`` field, else the issue date's year, else the first 20xx年 of the title."""
    value = fields.get("year")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    issued = parse_date(fields.get("issue_date"))
    if issued is not None:
        return issued.year
    match = _TITLE_YEAR.search(str(fields.get("title") or ""))
    return int(match.group(0)) if match else None


def task_deadline(fields: dict[str, object], text: str) -> Deadline:
    """A deadline cell's text read with the plan's year and issue date (``plan.fields``)."""
    return parse_deadline(text, plan_year(fields), parse_date(fields.get("issue_date")))
