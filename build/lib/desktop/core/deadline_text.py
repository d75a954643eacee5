"""Preparing a 完成时限 cell for the deadline scanner: one clean line per written line.

Cells come from Word, WPS and Excel with full-width digits (１２月), Chinese numerals (十二月底前,
二〇二四年), stray spaces and line breaks. :func:`deadline_lines` returns the cell's non-empty lines
with full-width forms folded (NFKC), white space removed and the Chinese numerals that count
months, days, weeks or years written as Arabic digits, so the scanner only ever sees ``12月底前``.
The deadline keeps the original text; this is only what the patterns look at.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
# A run of Chinese numerals directly before a unit it counts (月, 日, 号, 天, 周, 个…, 年).
_NUMERAL_RUN = re.compile(r"[〇零一二两三四五六七八九十]+(?=个|月|日|号|天|周|星期|工作日|年)")
_SPACE = re.compile(r"\s+")
_LINE_BREAKS = re.compile(r"[\n\r\v\u2028\u2029]+")


def chinese_number(run: str) -> int | None:
    """The value of a numeral run: 十二 → 12, 二十二 → 22, 三十 → 30, 二〇二四 → 2024; None if odd."""
    if "十" in run:
        head, _, tail = run.partition("十")
        if "十" in tail or len(head) > 1 or len(tail) > 1:
            return None
        tens = _DIGITS[head] if head else 1
        units = _DIGITS[tail] if tail else 0
        return tens * 10 + units
    if len(run) == 1:
        return _DIGITS[run]
    if len(run) == 4:  # a year written digit by digit
        return int("".join(str(_DIGITS[char]) for char in run))
    return None


def _arabic(match: re.Match[str]) -> str:
    run = match.group(0)
    value = chinese_number(run)  # 一年内 → 1年内; a year's name needs all four digits (二〇二四年)
    return run if value is None else str(value)


def normalise_line(line: str) -> str:
    """One line folded for matching: NFKC, no white space, Chinese counting numerals as digits."""
    folded = unicodedata.normalize("NFKC", line)
    folded = _SPACE.sub("", folded)
    return _NUMERAL_RUN.sub(_arabic, folded)


def deadline_lines(text: str) -> list[str]:
    """The cell's non-empty lines, each normalised with :func:`normalise_line`."""
    lines = (normalise_line(part) for part in _LINE_BREAKS.split(text or ""))
    return [line for line in lines if line]
