"""Reading what a unit typed in its feedback workbook: a 完成状态 label and a 完成时间 date.

Units type dates in many forms (a real date cell, an Excel serial number that lost its format,
2024年6月30日, 2024.6.30, 2024-06-30); all are accepted. Anything that cannot be stored raises
:class:`InvalidValue` whose message is the row's reason, in plain Chinese.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from desktop.core.textclean import clean_text, normalise_space
from desktop.core.tracking import STATUS_LABELS, STATUSES

EARLIEST = date(2000, 1, 1)
_STATUS_BY_LABEL = {label: key for key, label in STATUS_LABELS.items()}
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_EXCEL_EPOCH = date(1899, 12, 30)


class InvalidValue(Exception):
    """A value the unit typed that cannot be stored; the message is the row's reason."""


def parse_status(text: str) -> str | None:
    """The status key of a 完成状态 cell (its label or key); None when blank."""
    value = normalise_space(text)
    if not value:
        return None
    if value in _STATUS_BY_LABEL:
        return _STATUS_BY_LABEL[value]
    if value in STATUSES:
        return value
    labels = "、".join(STATUS_LABELS.values())
    raise InvalidValue(f"完成状态“{clean_text(text).strip()}”不是可选的值（{labels}）。")


def parse_completed(value: object, today: date) -> date | None:
    """The date of a 完成时间 cell (a date, an Excel serial number or text such as 2024年6月30日)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found: date | None = None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        found = _EXCEL_EPOCH + timedelta(days=int(value))
    elif isinstance(value, str):
        match = _DATE.fullmatch(value.strip())
        if match:
            try:
                found = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                found = None
    if found is None:
        raise InvalidValue(f"完成时间“{clean_text(str(value)).strip()}”不是有效的日期（例如 2024-06-30）。")
    if found > today:
        raise InvalidValue(f"完成时间 {found.isoformat()} 晚于今天，请核实。")
    if found < EARLIEST:
        raise InvalidValue(f"完成时间 {found.isoformat()} 不合理，请核实。")
    return found
