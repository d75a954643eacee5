"""Breaking cell text into printed lines, the way Chinese text is set (by character, with 禁则).

Chinese text may break between any two characters, except that closing punctuation (，。、）” …)
never starts a line and opening punctuation (（“《 …) never ends one: such a character travels to the
next line together with its neighbour, so nothing ever sticks out past the column edge (reportlab's
own CJK wrapping lets a 、 hang outside a narrow column, DESIGN.md §4). A run of Latin letters or
digits (2024, 12345, PDF) stays whole unless it is longer than a line. Explicit newlines start new
paragraphs. Widths come from a ``measure`` callback, so the same breaker serves any font or renderer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

NO_LINE_START = frozenset("，。、；：？！）】》〉」』”’…—·%,.;:?!)]}％〕〗～")
NO_LINE_END = frozenset("（【《〈「『“‘([{〔〖")
_TOKEN = re.compile(r"[A-Za-z0-9_@#$&+\-./:%]+|\s+|.", re.DOTALL)
_EPSILON = 1e-6


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line: its text, natural width, and whether it ends a paragraph (not justified)."""

    text: str
    width: float
    last: bool


def _units(paragraph: str) -> list[str]:
    """Unbreakable pieces of a paragraph after the punctuation rules have glued neighbours."""
    units: list[str] = []
    glue_next = False
    for token in _TOKEN.findall(paragraph):
        if units and not token.isspace() and not units[-1].isspace() and (
                glue_next or token[0] in NO_LINE_START):
            units[-1] += token
        else:
            units.append(token)
        glue_next = token[-1] in NO_LINE_END
    return units


def break_paragraph(paragraph: str, width: float, measure: Callable[[str], float]) -> list[Line]:
    """Lines of one paragraph (no newline inside) in a column ``width`` wide."""
    lines: list[Line] = []
    current = ""
    used = 0.0

    def emit(last: bool) -> None:
        nonlocal current, used
        text = current.rstrip()
        if text:  # white space alone never makes a line
            lines.append(Line(text, measure(text) if text != current else used, last))
        current, used = "", 0.0

    for unit in _units(paragraph):
        unit_width = measure(unit)
        if used + unit_width <= width + _EPSILON:
            current += unit
            used += unit_width
            continue
        if unit.isspace():  # a space at a break disappears
            if current:
                emit(False)
            continue
        if current:
            emit(False)
        if unit_width <= width + _EPSILON:
            current, used = unit, unit_width
            continue
        for ch in unit:  # a piece wider than the column breaks wherever it must
            ch_width = measure(ch)
            if current and used + ch_width > width + _EPSILON:
                emit(False)
            current += ch
            used += ch_width
    tail = current.rstrip()
    if tail or not lines:
        lines.append(Line(tail, measure(tail), True))
    else:  # only white space was left after the last break
        lines[-1] = Line(lines[-1].text, lines[-1].width, True)
    return lines


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[Line]:
    """Lines of ``text`` in a column ``width`` wide; an empty text has no lines."""
    if not text:
        return []
    lines: list[Line] = []
    for paragraph in text.split("\n"):
        lines.extend(break_paragraph(paragraph, width, measure))
    return lines
