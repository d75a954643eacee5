"""Finding the time expressions in one normalised deadline line (see ``deadline_text``).

:func:`scan_line` walks the line left to right and returns a :class:`Span` for every expression it
recognises: a day (2024年6月30日), a month end (12月底, 12底 as typed in the Gaoxin plan), a month
(6月), a half year, a quarter, a year end (年底, 2024年内), a whole year (全年, 2024年), a range of
them (2023年至2025年, 6月至12月), a period after an event (印发后30日内) or a recurrence marker
(每季度, 按月, 定期). Each span's dates are (year, month, day) with ``year`` None when the text and
the plan give none and ``day`` None for "the last day of the month". Interpreting the spans is
``deadlines.parse_deadline``'s job.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

# (year or None, month, day or None for the month's last day)
Point = tuple[int | None, int, int | None]

_YEAR = r"(?:(?P<y>(?:19|20)\d{2}|今|本|当|明|次|下1?)年度?)"
_CONNECTORS = frozenset({"至", "到", "-", "—", "——", "–", "~", "～"})
_BY_WORDS = ("到", "至", "截至", "截止", "截止到", "于", "在")
_ISSUE_WORDS = ("印发", "下发", "发布", "公布", "出台", "实施", "施行", "签发", "起")
_PERIODS = {"年": "yearly", "年度": "yearly", "半年": "half_yearly", "季": "quarterly", "季度": "quarterly",
            "月": "monthly", "月度": "monthly", "周": "weekly", "星期": "weekly", "旬": "ten_days",
            "日": "daily", "天": "daily"}
_OFFSET_UNITS = {"个工作日": "workdays", "工作日": "workdays", "个月": "months", "日": "days",
                 "天": "days", "周": "weeks", "个星期": "weeks", "星期": "weeks", "年": "years"}
_HALF_OR_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Span:
    """One recognised expression: where it is in the line and what it says."""

    start: int
    end: int
    kind: str  # "date", "period", "relative", "recurring"; "invalid" for an impossible day (2月30日)
    first: Point | None = None  # the first day of a period
    last: Point | None = None  # the due day
    year_given: bool = False  # the text itself names the year
    period: str | None = None  # recurring: "monthly", "quarterly", ...
    offset: int | None = None  # relative: how many ``offset_unit`` after the anchor
    offset_unit: str | None = None  # relative: "days", "workdays", "weeks", "months", "years"
    anchor: str | None = None  # relative: "issue" (the plan's issue date) or "event" (anything else)


@dataclass
class _Context:
    line: str
    base_year: int | None
    year: int | None  # the year in force: the last one the line named, else the plan's


def _year_of(match: re.Match[str], ctx: _Context) -> tuple[int | None, bool]:
    """The year a match names (updating the year in force), or the year in force."""
    token = match.groupdict().get("y")
    if not token:
        return ctx.year, False
    if token.isdigit():
        ctx.year = int(token)
    elif token in ("今", "本", "当"):
        ctx.year = ctx.base_year
    else:  # 明年, 次年, 下年, 下一年
        ctx.year = None if ctx.base_year is None else ctx.base_year + 1
    return ctx.year, True


def month_end(year: int | None, month: int) -> int:
    """The month's last day; February of an unknown year counts 28 days."""
    return calendar.monthrange(year if year is not None else 2001, month)[1]


def valid_day(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= month_end(year if year is not None else 2000, month)


def _span(match: re.Match[str], kind: str, first: Point | None, last: Point, given: bool) -> Span:
    return Span(match.start(), match.end(), kind, first, last, given)


def _full_years(m: re.Match[str], ctx: _Context) -> Span | None:
    if int(m["y1"]) > int(m["y2"]):
        return None
    ctx.year = int(m["y2"])
    return _span(m, "period", (int(m["y1"]), 1, 1), (ctx.year, 12, 31), True)


def _numeric_date(m: re.Match[str], ctx: _Context) -> Span | None:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not valid_day(year, month, day):
        return Span(m.start(), m.end(), "invalid")
    ctx.year = year
    return _span(m, "date", None, (year, month, day), True)


def _day(m: re.Match[str], ctx: _Context) -> Span | None:
    year, given = _year_of(m, ctx)
    month, day = int(m["m"]), int(m["d"])
    if not valid_day(year, month, day):
        return Span(m.start(), m.end(), "invalid")
    return _span(m, "date", None, (year, month, day), given)


_PART_OF_MONTH = {"底": None, "末": None, "下旬": None, "上旬": 10, "初": 10, "中旬": 20}


def _month(m: re.Match[str], ctx: _Context) -> Span | None:
    month = int(m["m"])
    if not 1 <= month <= 12:
        return None
    year, given = _year_of(m, ctx)
    part = m.groupdict().get("s")
    if part:
        return _span(m, "date", None, (year, month, _PART_OF_MONTH[part]), given)
    follows = ctx.line[m.end():m.end() + 1]
    kind = "date" if follows == "前" else "period"
    return _span(m, kind, None if kind == "date" else (year, month, 1), (year, month, None), given)


def _half(m: re.Match[str], ctx: _Context) -> Span:
    year, given = _year_of(m, ctx)
    first, last = ((year, 1, 1), (year, 6, 30)) if m["h"] == "上" else ((year, 7, 1), (year, 12, 31))
    if m["s"]:
        return _span(m, "date", None, last, given)
    return _span(m, "period", first, last, given)


def _quarter(m: re.Match[str], ctx: _Context) -> Span:
    year, given = _year_of(m, ctx)
    quarter = _HALF_OR_QUARTER_NUMBERS[m["q"]]
    last: Point = (year, quarter * 3, None)
    if m["s"]:
        return _span(m, "date", None, last, given)
    return _span(m, "period", (year, quarter * 3 - 2, 1), last, given)


def _year_part(m: re.Match[str], ctx: _Context) -> Span:
    year, given = _year_of(m, ctx)
    last: Point = (year, 6, 30) if m["e"] == "中" else (year, 12, 31)
    return _span(m, "date", None, last, given)


def _whole_year(m: re.Match[str], ctx: _Context) -> Span:
    year, given = _year_of(m, ctx)
    before = ctx.line[:m.start()]
    after = ctx.line[m.end():m.end() + 1]
    if given and (before.endswith(_BY_WORDS) or after == "前"):
        return _span(m, "date", None, (year, 12, 31), given)
    return _span(m, "period", (year, 1, 1), (year, 12, 31), given)


def _relative(m: re.Match[str], ctx: _Context) -> Span:
    before = ctx.line[:m.start()]
    lead = before.rstrip("后之日起")
    by_issue = not lead or lead in ("于", "在") or any(word in before for word in _ISSUE_WORDS)
    anchor = "issue" if by_issue else "event"
    return Span(m.start(), m.end(), "relative", offset=int(m["n"]), offset_unit=_OFFSET_UNITS[m["u"]],
                anchor=anchor)


def _recurring(m: re.Match[str], ctx: _Context) -> Span:
    period = _PERIODS[m["p"]] if m.groupdict().get("p") else ("irregular" if m["irr"] else "regular")
    return Span(m.start(), m.end(), "recurring", period=period)


_Builder = Callable[[re.Match[str], _Context], Span | None]
_PATTERNS: tuple[tuple[re.Pattern[str], _Builder], ...] = tuple(
    (re.compile(pattern), builder) for pattern, builder in (
        (r"(?P<y1>(?:19|20)\d{2})年?(?:至|到|-|—{1,2}|–|~)(?P<y2>(?:19|20)\d{2})年度?", _full_years),
        (r"(?P<y>(?:19|20)\d{2})[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})(?!\d)", _numeric_date),
        (_YEAR + r"?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]", _day),
        (_YEAR + r"?(?P<m>\d{1,2})月份?(?P<s>底|末|上旬|中旬|下旬|初)?", _month),
        (_YEAR + r"?(?P<m>\d{1,2})(?P<s>底|末)", _month),
        (_YEAR + r"?(?P<h>上|下)半年(?P<s>末|底)?", _half),
        (_YEAR + r"?第?(?P<q>[一二三四1-4])季度?(?P<s>末|底)?", _quarter),
        (_YEAR + r"年?(?P<e>底|末|终|内|中)", _year_part),
        (r"年度?(?P<e>底|末|终|内|中)", _year_part),
        (r"全年|" + _YEAR, _whole_year),
        (r"(?P<n>\d{1,3})(?P<u>个工作日|工作日|个月|日|天|周|个星期|星期|年)(?:内|以内|之内)", _relative),
        (r"(?:每|按|逐)(?P<p>半年|年度|年|季度|季|月度|月|周|星期|旬|日|天)|(?P<irr>不)?定期", _recurring),
    )
)


def _ordered(first: Point, last: Point) -> bool:
    if first[0] is not None and last[0] is not None and first[0] != last[0]:
        return first[0] < last[0]
    return (first[1], first[2] or 31) <= (last[1], last[2] or 31)


def _merge_ranges(line: str, spans: list[Span]) -> list[Span]:
    """Join ``A至B`` (two dated spans with only a connector between them, A first) into one period."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        first = None if prev is None else prev.first or prev.last
        if (prev is not None and first is not None and span.last is not None
                and prev.kind in ("date", "period") and span.kind in ("date", "period")
                and line[prev.end:span.start] in _CONNECTORS and _ordered(first, span.last)):
            out[-1] = replace(span, start=prev.start, kind="period", first=first,
                              year_given=prev.year_given or span.year_given)
        else:
            out.append(span)
    return out


def scan_line(line: str, base_year: int | None) -> list[Span]:
    """Every time expression of a normalised line, in order; ranges already joined."""
    ctx = _Context(line, base_year, base_year)
    spans: list[Span] = []
    pos = 0
    while pos < len(line):
        if pos and line[pos].isdigit() and line[pos - 1].isdigit():
            pos += 1
            continue
        for pattern, builder in _PATTERNS:
            match = pattern.match(line, pos)
            span = builder(match, ctx) if match else None
            if span is not None:
                spans.append(span)
                pos = span.end
                break
        else:
            pos += 1
    return _merge_ranges(line, spans)


def point_date(point: Point) -> date | None:
    """The date of a point, or None when its year is unknown."""
    year, month, day = point
    if year is None:
        return None
    return date(year, month, day if day is not None else month_end(year, month))
