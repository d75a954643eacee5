"""Reading what a unit typed in its feedback workbook: a 完成状态 and a 完成时间, forgivingly.

Units do not always pick from the drop-down list or type an ISO date. The rules, in order:

完成状态
    the four labels and their keys; obvious synonyms (:data:`STATUS_SYNONYMS`: 完成 / 已办结 →
    已完成, 进行中 / 正在推进 → 推进中, 长期推进 / 常态化推进 → 持续推进, 未启动 / 尚未开展 → 未开始);
    a percentage (``80%``, ``80％``, ``百分之八十``, or a number cell such as 0.8 formatted as a
    percentage) by the *percentage rule*: 100 % → 已完成, 0 % → 未开始, anything between → 推进中.
完成时间
    a real date cell; an Excel serial number that lost its format; text such as 2026-11-30,
    2026.11.30, 2026/11/30, 2026年11月30日, 20261130, a date followed by a time; and, with the year
    taken from the context (the reporting round's year, else the plan's, else today's), 11月30日,
    11.30, 11月底 / 11月末 (the month's last day), 11月 / 2026年11月 (the month's last day, or today
    when that month is the current one).

Anything that cannot be read raises :class:`InvalidValue` whose message names the field and the
value; the caller rejects that field only and keeps the rest of the row. Values are normalised
first (full-width digits and punctuation, spaces). Everything here is pure.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop.core.textclean import clean_text, normalise_space
from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED, ONGOING, STATUS_LABELS, STATUSES

EARLIEST = date(2000, 1, 1)
_STATUS_BY_LABEL = {label: key for key, label in STATUS_LABELS.items()}
STATUS_SYNONYMS: dict[str, str] = {
    "完成": DONE, "已完": DONE, "完成了": DONE, "已经完成": DONE, "全部完成": DONE, "已全部完成": DONE,
    "已办结": DONE, "做完了": DONE, "已做完": DONE, "已结束": DONE,
    "办结": DONE, "已落实": DONE, "落实": DONE, "完毕": DONE, "已完毕": DONE,
    "进行中": IN_PROGRESS, "正在进行": IN_PROGRESS, "推进": IN_PROGRESS, "在推进": IN_PROGRESS,
    "正在推进": IN_PROGRESS, "推进中": IN_PROGRESS, "已启动": IN_PROGRESS, "实施中": IN_PROGRESS,
    "正在实施": IN_PROGRESS, "部分完成": IN_PROGRESS,
    "持续": ONGOING, "持续推进中": ONGOING, "长期推进": ONGOING, "常态化推进": ONGOING, "常态化": ONGOING,
    "长期坚持": ONGOING,
    "未启动": NOT_STARTED, "尚未开始": NOT_STARTED, "未开展": NOT_STARTED, "尚未开展": NOT_STARTED,
    "尚未启动": NOT_STARTED, "未开始": NOT_STARTED,
}
PERCENT_RULE = "按完成比例：100% 记为“已完成”，0% 记为“未开始”，其余记为“推进中”"
_PERCENT = re.compile(r"(?:完成|进度)?\s*(\d{1,3}(?:\.\d+)?)\s*%")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+)")
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?")
_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?\s*$")
_COMPACT = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?")
_YEAR_MONTH = re.compile(r"(?:((?:19|20)\d{2})\s*[年./-]\s*)?(\d{1,2})\s*月\s*(底|末|份|)")
_EXCEL_EPOCH = date(1899, 12, 30)


class InvalidValue(Exception):
    """A value the unit typed that cannot be stored; the message is the field's reason."""


@dataclass(frozen=True)
class ReadValue:
    """A value read, with a note for the clerk when it was not taken literally (a synonym, a rule)."""

    value: object
    note: str = ""


_CN_BEFORE_UNIT = re.compile(r"([零〇一二两三四五六七八九十]{1,3})(?=[月日号])")


def _plain(text: str) -> str:
    """NFKC-normalised text with single spaces; 六月底 / 十一月三十日 in digits."""
    plain = normalise_space(unicodedata.normalize("NFKC", clean_text(text)))

    def digits(match: re.Match[str]) -> str:
        number = _chinese_number(match[1])
        return match[0] if number is None else str(number)

    return _CN_BEFORE_UNIT.sub(digits, plain)


def _chinese_number(text: str) -> int | None:
    """一百, 八十, 八十五, 五, 十 → the number; None for anything else."""
    if text == "一百" or text == "百":
        return 100
    if "十" in text:
        tens, _, ones = text.partition("十")
        high = 1 if not tens else _CN_DIGITS.get(tens)
        low = 0 if not ones else _CN_DIGITS.get(ones)
        return None if high is None or low is None else high * 10 + low
    return _CN_DIGITS.get(text) if len(text) == 1 else None


def status_for_percent(percent: float) -> str:
    """The percentage rule (see :data:`PERCENT_RULE`)."""
    if percent >= 100:
        return DONE
    return NOT_STARTED if percent <= 0 else IN_PROGRESS


def _percent(value: str) -> float | None:
    match = _PERCENT.fullmatch(value)
    if match:
        return float(match[1])
    match = _CN_PERCENT.fullmatch(value.removeprefix("完成").removeprefix("进度"))
    if match:
        number = _chinese_number(match[1])
        return None if number is None else float(number)
    return None


def read_status(value: object) -> ReadValue | None:
    """The status key of a 完成状态 cell (label, key, synonym or percentage); None when blank."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        percent = value * 100 if 0 <= value <= 1 else float(value)
        if not 0 <= percent <= 100:
            raise InvalidValue(f"完成状态“{value}”不是可选的值（{'、'.join(STATUS_LABELS.values())}）。")
        key = status_for_percent(percent)
        return ReadValue(key, f"完成状态“{percent:g}%”{PERCENT_RULE}，记为“{STATUS_LABELS[key]}”。")
    text = str(value)
    plain = _plain(text).replace(" ", "")
    if not plain:
        return None
    if plain in _STATUS_BY_LABEL:
        return ReadValue(_STATUS_BY_LABEL[plain])
    if plain in STATUSES:
        return ReadValue(plain)
    synonym = STATUS_SYNONYMS.get(plain.rstrip("。.!！"))
    if synonym is not None:
        return ReadValue(synonym, f"完成状态“{plain}”按“{STATUS_LABELS[synonym]}”导入。")
    written = _percent(plain)
    if written is not None and 0 <= written <= 100:
        key = status_for_percent(written)
        return ReadValue(key, f"完成状态“{plain}”{PERCENT_RULE}，记为“{STATUS_LABELS[key]}”。")
    labels = "、".join(STATUS_LABELS.values())
    raise InvalidValue(f"完成状态“{clean_text(text).strip()}”不是可选的值（{labels}）。")


def parse_status(text: str) -> str | None:
    """The status key of a 完成状态 cell; None when blank (see :func:`read_status`)."""
    found = read_status(text)
    return None if found is None else str(found.value)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _from_text(text: str, year: int) -> tuple[date | None, str]:
    """(date, note) read from a 完成时间 text; (None, "") when it is not a date."""
    plain = _plain(_TIME.sub("", unicodedata.normalize("NFKC", text))).replace(" ", "")
    try:
        match = _FULL_DATE.fullmatch(plain)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3])), ""
        match = _COMPACT.fullmatch(plain)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3])), ""
        match = _MONTH_DAY.fullmatch(plain)
        if match:
            found = date(year, int(match[1]), int(match[2]))
            return found, f"完成时间“{plain}”没有写年份，按 {year} 年记录。"
        match = _YEAR_MONTH.fullmatch(plain)
        if match:
            given = int(match[1]) if match[1] else year
            found = _month_end(given, int(match[2]))
            what = "月底" if match[3] in ("底", "末") else "当月最后一天"
            year_note = "" if match[1] else f"没有写年份，按 {year} 年、"
            return found, f"完成时间“{plain}”{year_note or '按'}{what}记录为 {found.isoformat()}。"
    except ValueError:
        return None, ""
    return None, ""


def read_completed(value: object, today: date, year: int | None = None) -> ReadValue | None:
    """The date of a 完成时间 cell (see the module doc); None when blank.

    ``year`` is the year for dates typed without one (the round's or the plan's; today's when None).
    A month given without a day that is the current month gives today, not a day still to come.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found: date | None = None
    note = ""
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < value < 80000:
            found = _EXCEL_EPOCH + timedelta(days=int(value))
        elif 19000101 <= value <= 21001231 and float(value).is_integer():
            found, note = _from_text(str(int(value)), year or today.year)
    elif isinstance(value, str):
        found, note = _from_text(value, year or today.year)
        if found is not None and found > today and (found.year, found.month) == (today.year, today.month) \
                and "月" in value and not _MONTH_DAY.fullmatch(_plain(value).replace(" ", "")):
            found, note = today, f"完成时间“{_plain(value)}”是本月，按今天 {today.isoformat()} 记录。"
    if found is None:
        raise InvalidValue(f"完成时间“{clean_text(str(value)).strip()}”不是能识别的日期（例如 2026-11-30）。")
    if found > today:
        raise InvalidValue(f"完成时间 {found.isoformat()} 晚于今天，请核实。")
    if found < EARLIEST:
        raise InvalidValue(f"完成时间 {found.isoformat()} 不合理，请核实。")
    return ReadValue(found, note)


def parse_completed(value: object, today: date, year: int | None = None) -> date | None:
    """The date of a 完成时间 cell; None when blank (see :func:`read_completed`)."""
    found = read_completed(value, today, year)
    return None if found is None else found.value  # type: ignore[return-value]
