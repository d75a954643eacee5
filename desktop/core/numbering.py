"""Hierarchy numbering (一、（一）1.（1）①), computed from position and never stored in task text.

A plan's numbering is one :class:`NumberingLevel` per category level: a scheme and whether the
count runs on across parents (the Laiwu annex numbers its second level （一）…（十四） through the
whole plan) or restarts under each parent (the usual case). Only categories (tasks with children)
carry a number; requirement rows are counted by the table's 序号 column instead.

Punctuation follows GB/T 9704-2012 §7.3.3: a Chinese numeral takes 、, an Arabic numeral a full
stop, bracketed and circled numbers nothing.

``split_number`` recognises numbering a user typed or a file carried, including half-width
variants such as "(一)" and "1、", so importers can strip it and keep the plan's own style.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from desktop.core.model import Plan, PlanError, Task

SCHEMES: dict[str, str] = {
    "chinese": "一、",
    "chinese_paren": "（一）",
    "arabic": "1.",
    "arabic_paren": "（1）",
    "circled": "①",
    "plain": "1",
    "none": "无编号",
}


@dataclass(frozen=True)
class NumberingLevel:
    scheme: str
    continuous: bool = False

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise PlanError(f"未知的编号样式“{self.scheme}”。")

    def to_json(self) -> str | dict[str, Any]:
        if self.continuous:
            return {"scheme": self.scheme, "continuous": True}
        return self.scheme

    @classmethod
    def from_json(cls, data: Any) -> NumberingLevel:
        if isinstance(data, str):
            return cls(data)
        if isinstance(data, dict) and isinstance(data.get("scheme"), str):
            return cls(data["scheme"], bool(data.get("continuous", False)))
        raise PlanError("编号样式的格式不正确。")


DEFAULT_NUMBERING: tuple[NumberingLevel, ...] = tuple(
    NumberingLevel(s) for s in ("chinese", "chinese_paren", "arabic", "arabic_paren", "circled")
)

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 105 → 一百零五 (up to 9999)."""
    if not 0 < n < 10000:
        return str(n)
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out = ""
    rest = n
    zero_pending = False
    for value, name in units:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                out += "零"
                zero_pending = False
            out += ("" if (value == 10 and digit == 1 and not out) else _DIGITS[digit]) + name
        elif out:
            zero_pending = True
    if rest:
        if zero_pending:
            out += "零"
        out += _DIGITS[rest]
    return out


def parse_chinese_numeral(text: str) -> int | None:
    """Inverse of :func:`chinese_numeral`; None when the text is not such a numeral."""
    if not text or any(ch not in "零〇一二两三四五六七八九十百千" for ch in text):
        return None
    total = 0
    digit = 0
    for ch in text:
        if ch in "零〇":
            digit = 0
        elif ch in "十百千":
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = 0
        else:
            digit = "一二三四五六七八九".index(ch) + 1 if ch != "两" else 2
    return total + digit or None


def label(scheme: str, n: int) -> str:
    """The number prefix for the n-th item (1-based) of a level in the given scheme."""
    if scheme == "chinese":
        return f"{chinese_numeral(n)}、"
    if scheme == "chinese_paren":
        return f"（{chinese_numeral(n)}）"
    if scheme == "arabic":
        return f"{n}."
    if scheme == "arabic_paren":
        return f"（{n}）"
    if scheme == "circled":
        return _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"（{n}）"
    if scheme == "plain":
        return f"{n} "
    if scheme == "none":
        return ""
    raise PlanError(f"未知的编号样式“{scheme}”。")


_CN = "零〇一二两三四五六七八九十百千"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chinese_paren", re.compile(rf"^\s*[（(]\s*([{_CN}]+)\s*[）)]\s*")),
    ("arabic_paren", re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[）)]\s*")),
    ("chinese", re.compile(rf"^\s*([{_CN}]+)\s*[、，,．.]\s*")),
    ("arabic", re.compile(r"^\s*(\d{1,3})\s*(?:[.．](?!\d)|、)\s*")),
    ("circled", re.compile(rf"^\s*([{_CIRCLED}])\s*")),
)


def split_number(text: str) -> tuple[str | None, int | None, str]:
    """(scheme, number, rest) for text that starts with a numbering prefix, else (None, None, text)."""
    for scheme, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        token = match.group(1)
        if scheme.startswith("chinese"):
            number = parse_chinese_numeral(token)
            if number is None:
                continue
        elif scheme == "circled":
            number = _CIRCLED.index(token) + 1
        else:
            number = int(token)
        return scheme, number, text[match.end():]
    return None, None, text


def strip_number(text: str) -> str:
    return split_number(text)[2]


def numbering_of(plan: Plan) -> tuple[NumberingLevel, ...]:
    raw = plan.fields.get("numbering")
    if not raw:
        return DEFAULT_NUMBERING
    return tuple(NumberingLevel.from_json(level) for level in raw)


def level_for(numbering: tuple[NumberingLevel, ...], depth: int) -> NumberingLevel:
    if depth <= len(numbering):
        return numbering[depth - 1]
    return NumberingLevel("none")


def compute_numbers(plan: Plan) -> dict[int, str]:
    """Number prefix of every category task, by task id (leaves and unnumbered levels get "")."""
    numbering = numbering_of(plan)
    running: Counter[int] = Counter()
    prefixes: dict[int, str] = {}

    def visit(parent: Task, depth: int) -> None:
        level = level_for(numbering, depth)
        count = running[depth] if level.continuous else 0
        for child in parent.children:
            if child.children:
                count += 1
                prefixes[child.id] = label(level.scheme, count)
                visit(child, depth + 1)
            else:
                prefixes[child.id] = ""
        if level.continuous:
            running[depth] = count

    visit(plan.root, 1)
    return prefixes


def number_of(plan: Plan, task: Task, numbering: tuple[NumberingLevel, ...] | None = None) -> str:
    """The number prefix of one task, counting only its siblings ("" for leaves).

    Equal to ``compute_numbers(plan)[task.id]``; a level whose count runs on across parents needs
    the whole plan, so only for such a level is the whole numbering computed.
    """
    if not task.children or task.parent is None:
        return ""
    numbering = numbering if numbering is not None else numbering_of(plan)
    level = level_for(numbering, task.depth)
    if level.continuous:
        return compute_numbers(plan).get(task.id, "")
    count = 0
    for sibling in task.parent.children:
        if sibling.children:
            count += 1
        if sibling is task:
            break
    return label(level.scheme, count)


def numbered_text(plan: Plan, task: Task, numbers: dict[int, str] | None = None) -> str:
    prefixes = numbers if numbers is not None else compute_numbers(plan)
    return prefixes.get(task.id, "") + task.text


def detect_and_strip(plan: Plan) -> tuple[NumberingLevel, ...]:
    """Strip numbering prefixes from every category text and return the scheme each level used.

    The plan is modified through its primitive mutations (journaled). A level whose categories
    carry no recognisable prefix gets the scheme "none"; a level whose count runs on across
    parents is marked continuous.
    """
    by_depth: dict[int, list[tuple[Task, str | None, int | None]]] = {}
    for task in plan.tasks():
        if task.children:
            scheme, number, _ = split_number(task.text)
            by_depth.setdefault(task.depth, []).append((task, scheme, number))
    levels: list[NumberingLevel] = []
    for depth in range(1, max(by_depth, default=0) + 1):
        entries = by_depth.get(depth, [])
        counts = Counter(scheme for _, scheme, _ in entries if scheme)
        if not counts or counts.most_common(1)[0][1] * 2 < len(entries):
            levels.append(NumberingLevel("none"))
            continue
        scheme = counts.most_common(1)[0][0]
        continuous = _runs_on(entries, scheme)
        levels.append(NumberingLevel(scheme, continuous))
        for task, found, _ in entries:
            if found == scheme:
                plan.set_text(task.id, strip_number(task.text).strip())
    return tuple(levels)


def _runs_on(entries: list[tuple[Task, str | None, int | None]], scheme: str) -> bool:
    """True when numbers do not restart at 1 under a second parent but continue the count."""
    parents_seen: set[int] = set()
    for task, found, number in entries:
        parent_id = task.parent.id if task.parent else -1
        if found != scheme or number is None:
            continue
        if parent_id not in parents_seen:
            if parents_seen and number > 1:
                return True
            parents_seen.add(parent_id)
    return False
