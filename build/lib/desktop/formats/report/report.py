"""The progress report (落实情况汇总表): the annex with 进展情况 and 完成状态, a summary by unit, a chart.

:func:`build_report` makes everything the writers render, all as layout grids:

- ``grid``: the plan in its own style plus two columns, 进展情况 and 完成状态 (texts from
  :mod:`desktop.core.progress_summary`), laid out by the normal engine on a copy of the plan whose
  leaves carry those texts as attributes ``progress`` and ``status``; the title is the plan's with
  落实情况汇总表 and the date it reports on;
- ``summary``: one row per unit (任务数 and the count of each status, 完成率) and a 合计 row;
- ``tallies``: the same counts for the completion chart (:mod:`desktop.formats.report.chart`).

:func:`write_progress_report` picks the writer from the file's extension (.docx, .xlsx, .pdf);
the table comes first, then the summary and the chart (a second sheet in the .xlsx).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from desktop.core.model import Plan
from desktop.core.progress_summary import REPORT_STATUSES, UnitTally, row_texts, total_tally, unit_tallies
from desktop.core.style import Column, TableStyle, style_of
from desktop.core.tracking import DISPLAY_LABELS, Assignment
from desktop.formats.errors import FormatError
from desktop.layout.engine import build_grid, build_header
from desktop.layout.grid import Grid, GridCell

REPORT_SUFFIXES: tuple[str, ...] = (".docx", ".xlsx", ".pdf")
PROGRESS_SHARE = 0.28  # of the base style's total width, for 进展情况
STATUS_SHARE = 0.14  # for 完成状态: "区政府各部门单位：已完成" lines
REPORT_FONT_PT = 10.5  # 五号: two more columns in the same width


@dataclass(frozen=True)
class ProgressReport:
    grid: Grid
    summary: Grid
    tallies: tuple[UnitTally, ...]
    heading: str  # over the summary table
    chart_title: str


def date_text(on: date) -> str:
    return f"{on.year}年{on.month}月{on.day}日"


def report_style(base: TableStyle) -> TableStyle:
    """The plan's style with 进展情况 and 完成状态 columns added, in 五号 at most."""
    total = sum(column.width for column in base.columns)
    columns = (*base.columns,
               Column("attr", "进展情况", round(total * PROGRESS_SHARE, 2), "left", attr="progress"),
               Column("attr", "完成状态", round(total * STATUS_SHARE, 2), "center", attr="status"))
    size = min(base.body_font_size, REPORT_FONT_PT)
    return replace(base, name=f"{base.name}-report", label=f"{base.label}（落实情况）", columns=columns,
                   body_font_size=size, header_font_size=min(base.header_font_size, size + 1))


def summary_style(base: TableStyle) -> TableStyle:
    """单位 · 任务数 · one column per status · 完成率."""
    columns = (Column("requirement", "单位", 4.0, "left"), Column("attr", "任务数", 1.2, attr="total"),
               *(Column("attr", DISPLAY_LABELS[key], 1.2, attr=key) for key in REPORT_STATUSES),
               Column("attr", "完成率", 1.3, attr="rate"))
    return TableStyle("summary", "落实情况统计", columns, merge_equal=False, restate_continued=False,
                      body_font_size=base.body_font_size, header_font_size=base.header_font_size,
                      title_font_size=base.title_font_size, orientation=base.orientation,
                      page_numbers=base.page_numbers)


def summary_grid(tallies: Sequence[UnitTally], style: TableStyle, title: str = "") -> Grid:
    """The summary table as a grid: a row per unit and the 合计 row."""
    rows = [*tallies, total_tally(tallies)]
    cells: list[GridCell] = []
    for row, tally in enumerate(rows):
        values = [tally.unit, str(tally.total), *(str(tally.counts[key]) for key in REPORT_STATUSES),
                  tally.rate_text]
        for col, text in enumerate(values):
            role = "requirement" if col == 0 else "attribute"
            cells.append(GridCell(row, col, 1, 1, text, role, attr=style.columns[col].attr))
    return Grid(style, title, "", build_header(style), cells, list(range(len(rows))))


def _with_texts(plan: Plan, texts: Mapping[int, tuple[str, str]]) -> Plan:
    """A copy of the plan (same ids, fields and tree) whose leaves carry progress and status."""
    copy = Plan()
    copy.fields.update({key: value for key, value in plan.fields.items()})
    for index, child in enumerate(plan.root.children):
        copy.insert_subtree(Plan.ROOT_ID, index, copy.subtree_from_dict(child.to_dict(with_ids=True), True))
    for leaf in copy.leaves():
        progress, status = texts.get(leaf.id, ("", ""))
        copy.set_attr(leaf.id, "progress", progress)
        copy.set_attr(leaf.id, "status", status)
    copy.take_journal()
    return copy


def build_report(plan: Plan, assignments: Sequence[Assignment], today: date, *, all_entries: bool = False,
                 style: TableStyle | None = None) -> ProgressReport:
    """Everything the report shows (see the module doc); ``today`` decides 逾期 and dates the report."""
    base = style or style_of(plan.fields)
    texts = row_texts(plan, assignments, today, all_entries)
    grid = build_grid(_with_texts(plan, texts), report_style(base))
    grid.title = f"{plan.title}落实情况汇总表\n（截至{date_text(today)}）"
    tallies = tuple(unit_tallies(plan, assignments, today))
    heading = f"各单位落实情况统计（截至{date_text(today)}）"
    return ProgressReport(grid, summary_grid(tallies, summary_style(grid.style)), tallies, heading,
                          "各单位任务完成情况")


def write_progress_report(plan: Plan, assignments: Sequence[Assignment], target: Path, today: date, *,
                          all_entries: bool = False, style: TableStyle | None = None) -> list[str]:
    """Write the report as .docx, .xlsx or .pdf (by extension); returns warnings for the user."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise FormatError(f"不支持把汇总表导出为“{suffix or target.name}”，请使用 .docx、.xlsx 或 .pdf。")
    report = build_report(plan, assignments, today, all_entries=all_entries, style=style)
    if suffix == ".docx":
        from desktop.formats.report.docx_report import write_report_docx

        return write_report_docx(report, target)
    if suffix == ".xlsx":
        from desktop.formats.report.xlsx_report import write_report_xlsx

        write_report_xlsx(report, target)
        return []
    from desktop.formats.report.pdf_report import write_report_pdf

    return write_report_pdf(report, target)
