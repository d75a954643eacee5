"""The rows of the 修改对照表: one per change, with marked runs for the two text columns."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.compare.result import Comparison, Entry
from desktop.core.compare.textdiff import new_side, old_side

HEADERS = ("序号", "原表述", "修改后", "修改说明")
ADDED_MARK = "（新增）"
REMOVED_MARK = "（删除）"

Run = tuple[str, str]  # (text, mark): mark is "", "deleted" or "inserted"


@dataclass(frozen=True)
class RevisionRow:
    """One row of the table: number, the old and new wording as marked runs, and the 修改说明."""

    number: int
    old: list[Run]
    new: list[Run]
    note: str

    @staticmethod
    def plain(runs: list[Run]) -> str:
        return "".join(text for text, _ in runs)


def _attr_lines(entry: Entry, new: bool) -> list[Run]:
    runs: list[Run] = []
    for change in entry.attrs:
        value = change.new if new else change.old
        runs += [("\n" + change.label + "：", ""), (value or "（空）", "inserted" if new else "deleted")]
    return runs


def _row(number: int, entry: Entry, proposer: str) -> RevisionRow:
    if entry.kind == "added":
        old: list[Run] = [(ADDED_MARK, "")]
        new: list[Run] = [("新增：", ""), (entry.new_text, "inserted")]
    elif entry.kind == "removed":
        old = [("删除：", ""), (entry.old_text, "deleted")]
        new = [(REMOVED_MARK, "")]
    elif entry.kind == "same":
        old, new = [(entry.old_text, "")], [(entry.new_text, "")]
    else:
        old = [(text, "deleted" if op == "delete" else "") for op, text in old_side(entry.segments)]
        new = [(text, "inserted" if op == "insert" else "") for op, text in new_side(entry.segments)]
    old += _attr_lines(entry, new=False)
    new += _attr_lines(entry, new=True)
    note = entry.note.strip() or entry.describe()
    if proposer and not entry.note.strip():
        note = f"根据{proposer}意见{note}"
    return RevisionRow(number, old, new, note)


def revision_rows(comparison: Comparison) -> list[RevisionRow]:
    """One row per change of the comparison, numbered from 1, in the new version's order."""
    return [_row(number, entry, comparison.proposer)
            for number, entry in enumerate(comparison.changes(), start=1)]


def table_title(comparison: Comparison) -> str:
    return f"{comparison.new_label or comparison.old_label}修改对照表"


def table_subtitle(comparison: Comparison) -> str:
    line = f"原稿：{comparison.old_label}　修改稿：{comparison.new_label}"
    if comparison.proposer:
        line += f"　提出单位：{comparison.proposer}"
    return line
