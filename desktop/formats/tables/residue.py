"""Residue of earlier conversions in real annexes: cleaned where certain, flagged where it may be.

Found in real files: Word bookmark markers written out as text ("[bookmark: _GoBack]") — always
removed; page numbers ("—8—", "- 9 -") — removed when a text line is nothing else, but a table
cell holding only page numbers (an annex once showed "—8— —9—" as a deadline) is left as it is
and flagged, since only the clerk can tell what belongs there; line breaks inside a sentence where
an old page or line ended — joined when the line before is prose (long, with a comma, no closing
punctuation) and the next line goes on with a character, left alone otherwise (lists of units
and dates keep their lines). Every change and flag is recorded in the :class:`ImportReport`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from desktop.core.model import ATTRIBUTE_LABELS, Plan
from desktop.core.numbering import split_number
from desktop.formats.import_report import ImportReport
from desktop.formats.tables.raw_table import RawTable
from desktop.formats.text.outline import OutlineLine

_BOOKMARK = re.compile(r"\[\s*bookmark\s*:\s*[^\]\n]{0,80}\]", re.IGNORECASE)
_PAGE = r"[—–－\-]{1,2}\s*\d{1,4}\s*[—–－\-]{1,2}"
_PAGE_LINE = re.compile(rf"^\s*{_PAGE}(?:\s+{_PAGE})*\s*$")
_CONTINUES = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf“‘《]")
_CLOSING = "。；！？：，、;!?:,…）)】」』”’"
MIN_PROSE_LINE = 20
BOOKMARK_NOTE = "去掉了 Word 书签标记“[bookmark: …]”"
PAGE_NOTE = "去掉了单独成行的页码（如“—8—”）"
JOIN_NOTE = "接上了句子中间因旧文件换页或换行断开的文字"


def _is_prose_break(before: str, after: str) -> bool:
    before = before.rstrip()
    return (len(before) >= MIN_PROSE_LINE and ("，" in before or "," in before)
            and before[-1] not in _CLOSING and bool(_CONTINUES.match(after.lstrip()))
            and not split_number(after)[0] is not None)


def clean_text_residue(text: str, report: ImportReport) -> str:
    """``text`` without bookmark markers, page-number lines and line breaks inside a sentence."""
    if _BOOKMARK.search(text):
        count = len(_BOOKMARK.findall(text))
        text = _BOOKMARK.sub("", text)
        report.cleaned(BOOKMARK_NOTE, count)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if not _PAGE_LINE.match(line) or not line.strip()]
    if len(kept) != len(lines) and any(line.strip() for line in kept):
        report.cleaned(PAGE_NOTE, len(lines) - len(kept))
        lines = kept
    out: list[str] = []
    for line in lines:
        if out and _is_prose_break(out[-1], line):
            out[-1] = out[-1].rstrip() + line.lstrip()
            report.cleaned(JOIN_NOTE)
        else:
            out.append(line)
    return "\n".join(out)


def clean_tables(tables: Sequence[RawTable], report: ImportReport) -> None:
    """Clean every cell of ``tables`` in place; cells holding nothing but page numbers stay."""
    for table in tables:
        seen: set[int] = set()
        for row in table.grid:
            for cell in row:
                if cell is None or id(cell) in seen:
                    continue
                seen.add(id(cell))
                if not cell.text:
                    continue
                if not _PAGE_LINE.match(cell.text.replace("\n", " ")):
                    cell.text = clean_text_residue(cell.text, report)


def flag_plan(plan: Plan, report: ImportReport) -> None:
    """Flag every requirement whose text or attribute value is nothing but page numbers."""
    for number, leaf in enumerate(plan.leaves(), start=1):
        values = [("具体要求", leaf.text)] + [(ATTRIBUTE_LABELS.get(k, k), v) for k, v in leaf.attrs.items()]
        for label, value in values:
            if value and _PAGE_LINE.match(value.replace("\n", " ")):
                shown = " ".join(value.split())
                report.flag(f"第 {number} 行的“{label}”只写着“{shown}”，像是旧文件留下的页码")


def clean_lines(lines: Sequence[OutlineLine], report: ImportReport) -> list[OutlineLine]:
    """A text's lines without bookmark markers and page-number lines, broken sentences joined."""
    out: list[OutlineLine] = []
    for line in lines:
        text = line.text
        if _BOOKMARK.search(text):
            report.cleaned(BOOKMARK_NOTE, len(_BOOKMARK.findall(text)))
            text = _BOOKMARK.sub("", text)
        if "\n" in text:
            text = clean_text_residue(text, report)
        if _PAGE_LINE.match(text) and not line.label:
            report.cleaned(PAGE_NOTE)
            continue
        previous = out[-1] if out else None
        if (previous is not None and previous.level is None and line.level is None and not line.label
                and split_number(previous.text)[0] is None and _is_prose_break(previous.text, text)):
            out[-1] = OutlineLine(previous.text.rstrip() + text.lstrip())
            report.cleaned(JOIN_NOTE)
            continue
        out.append(replace(line, text=text))
    return out
