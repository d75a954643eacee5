"""The progress report (落实情况汇总表): the annex with 进展情况 and 完成状态, a summary by unit, a chart.

:func:`build_report` makes everything the writers render, all as layout grids:

- ``grid``: the plan in its own style plus two columns, 进展情况 and 完成状态 (texts from
  :mod:`desktop.core.progress_summary`), laid out by the normal engine on a copy of the plan whose
  leaves carry those texts as attributes ``progress`` and ``status``; the title is the plan's with
  落实情况汇总表 and the date it reports on;
- ``overview``: the leader's first page — the round, the 未报送 units (first), the units partly
  returned, totals with the 完成率 to one decimal, 逾期 by unit, 本期新完成 / 本期新增逾期 against
  the last round — followed on the same page by the chart;
- ``summary``: the per-unit ranking (完成率, then fewest 逾期): 名次, 单位, 报送情况, 任务数, each
  status (未报送 counts the 未开始 of a unit that sent nothing this round) and a 合计 row;
- ``tallies``: the same counts for the completion chart (:mod:`desktop.formats.report.chart`).

:func:`write_progress_report` picks the writer from the file's extension (.docx, .xlsx, .pdf):
first page, ranking, then the detail table (left out with ``summary_only``). 逾期 and 未报送 are
printed in colour and bold wherever they appear, and the first page names them in words
(【逾期】, 【未报送】) so they survive black-and-white printing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from desktop.core.model import Plan
from desktop.core.progress_summary import REPORT_STATUSES, UnitTally, row_texts, total_tally, unit_tallies
from desktop.core.style import Column, TableStyle, style_of
from desktop.core.tracking import (
    DISPLAY_LABELS,
    IN_PROGRESS,
    NOT_REPORTED,
    NOT_STARTED,
    ONGOING,
    OVERDUE,
    Assignment,
)
from desktop.core.tracking_rounds import NOT_SENT, PARTLY, SENT, PeriodChange, UnitReturn, not_sent_keys
from desktop.core.unit_text import normalise_name
from desktop.formats.errors import FormatError
from desktop.layout.engine import build_grid, build_header
from desktop.layout.grid import Grid, GridCell
from desktop.layout.page import geometry, mm_to_pt
from desktop.layout.text_measure import text_width_em

REPORT_SUFFIXES: tuple[str, ...] = (".docx", ".xlsx", ".pdf")
PROGRESS_SHARE = 0.28  # of the base style's total width, for 进展情况
STATUS_SHARE = 0.14  # for 完成状态: "区政府各部门单位：已完成" lines
REPORT_FONT_PT = 10.5  # 五号: two more columns in the same width


@dataclass(frozen=True)
class ProgressReport:
    grid: Grid  # the detail table
    summary: Grid  # the per-unit ranking
    tallies: tuple[UnitTally, ...]  # for the chart, in the ranking's order
    heading: str  # over the ranking
    chart_title: str
    overview: Grid | None = None  # the leader's first page: key figures (see :func:`overview_grid`)
    overview_heading: str = ""
    summary_only: bool = False  # the first page and the ranking, without the detail table


@dataclass(frozen=True)
class RoundFacts:
    """What the report says about the reporting round: its name, each unit's state, 本期/上期."""

    name: str = ""
    states: tuple[UnitReturn, ...] = ()
    change: PeriodChange | None = None


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
    """名次 · 单位 · 报送情况 · 任务数 · one column per status · 完成率."""
    columns = (Column("attr", "名次", 0.9, attr="rank"), Column("requirement", "单位", 3.6, "left"),
               Column("attr", "报送情况", 1.6, attr="returned"), Column("attr", "任务数", 1.1, attr="total"),
               *(Column("attr", DISPLAY_LABELS[key], 1.1, attr=key) for key in REPORT_STATUSES),
               Column("attr", "完成率", 1.3, attr="rate"))
    return TableStyle("summary", "落实情况统计", columns, merge_equal=False, restate_continued=False,
                      body_font_size=base.body_font_size, header_font_size=base.header_font_size,
                      title_font_size=base.title_font_size, orientation=base.orientation,
                      page_numbers=base.page_numbers)


def ranked(tallies: Sequence[UnitTally]) -> list[UnitTally]:
    """The per-unit ranking: highest 完成率 first, then fewest 逾期, then plan order."""
    return sorted(tallies, key=lambda t: (-round(t.rate, 6), t.counts[OVERDUE], 0))


def summary_grid(tallies: Sequence[UnitTally], style: TableStyle, title: str = "",
                 states: Sequence[UnitReturn] = ()) -> Grid:
    """The ranking as a grid: a row per unit (in the given order) and the 合计 row."""
    rows = [*tallies, total_tally(tallies)]
    returned = {normalise_name(item.unit): item.label for item in states}
    cells: list[GridCell] = []
    for row, tally in enumerate(rows):
        last = row == len(rows) - 1
        values = ["" if last else str(row + 1), tally.unit,
                  "" if last else returned.get(normalise_name(tally.unit), "—"), str(tally.total),
                  *(str(tally.counts[key]) for key in REPORT_STATUSES), tally.rate_text]
        for col, text in enumerate(values):
            role = "requirement" if col == 1 else "attribute"
            cells.append(GridCell(row, col, 1, 1, text, role, attr=style.columns[col].attr))
    return Grid(style, title, "", build_header(style), cells, list(range(len(rows))))


def overview_style(base: TableStyle) -> TableStyle:
    # the same shares as the .xlsx sheet's label (名次 + 单位) and text columns: one line budget for all
    columns = (Column("requirement", "项目", 3.0, "left"), Column("attr", "情况", 8.2, "left", attr="value"))
    return TableStyle("overview", "总体情况", columns, merge_equal=False, restate_continued=False,
                      body_font_size=base.body_font_size, header_font_size=base.header_font_size,
                      title_font_size=base.title_font_size, orientation=base.orientation,
                      page_numbers=base.page_numbers)


RANKING_PAGE = 2  # the ranking always starts on page 2: page 1 is the leader's page
SEE_RANKING = f"（全部见第{RANKING_PAGE}页起的排名表）"
CELL_PADDING_PT = 8.5  # left and right inside an overview cell
LINE_FILL = 0.92  # Word and LibreOffice set digits and punctuation a little wider than estimated


def overview_line_em(style: TableStyle) -> float:
    """How many ems one line of the overview's 情况 column holds on the page of ``style``."""
    columns = overview_style(style).columns
    page_width = mm_to_pt(geometry(style.orientation).type_width)
    width = page_width * columns[1].width / sum(column.width for column in columns)
    return max(10.0, (width - CELL_PADDING_PT) / style.body_font_size * LINE_FILL)


def listed(items: Sequence[str], budget_em: float, separator: str = "、", unit: str = "个") -> str:
    """``items`` joined, as many as fit ``budget_em`` ems; the rest summed up as
    "等 N 个（全部见第2页排名表）" so a long list never pushes the chart off the first page."""
    text = separator.join(items)
    if text_width_em(text) <= budget_em:
        return text
    more = f"等 {len(items)} {unit}{SEE_RANKING}"
    shown: list[str] = []
    for item in items:
        if text_width_em(separator.join([*shown, item]) + more) > budget_em:
            break
        shown.append(item)
    return separator.join(shown) + more


def overview_rows(tallies: Sequence[UnitTally], facts: RoundFacts, task_count: int,
                  line_em: float = 48.0) -> list[tuple[str, str]]:
    """The key figures of the first page, 未报送 first: (项目, 情况) pairs. Each list of units is
    kept to one or two lines of ``line_em`` ems (the rest: "等 N 个（全部见第2页排名表）")."""
    total = total_tally(tallies)
    rows: list[tuple[str, str]] = []
    not_sent = [item.unit for item in facts.states if item.state == NOT_SENT]
    partly = [item for item in facts.states if item.state == PARTLY]
    if facts.name:
        previous = f"（上期：{facts.change.previous}）" if facts.change else ""
        sent = sum(1 for item in facts.states if item.state == SENT)
        rows.append(("报送轮次", f"{facts.name}{previous}；已报送 {sent} 个单位，部分退回 {len(partly)} 个"))
        head = f"{len(not_sent)} 个"
        named = "：" + listed(not_sent, 2 * line_em - text_width_em(head) - 1) if not_sent else ""
        rows.append(("【未报送】单位", head + named))
        if partly:
            head = f"{len(partly)} 个："
            rows.append(("部分退回单位", head + listed([f"{item.unit}（{len(item.rejected)} 处未导入）"
                                                      for item in partly],
                                                     line_em - text_width_em(head) - 1, "；")))
    rows.append(("任务分工", f"共 {total.total} 项（{task_count} 项任务，{len(tallies)} 个单位）"))
    others = "，".join(f"{DISPLAY_LABELS[key]} {total.counts[key]} 项"
                      for key in (ONGOING, IN_PROGRESS, NOT_STARTED, NOT_REPORTED) if total.counts[key])
    rows.append(("完成情况", f"已完成 {total.done} 项，完成率 {total.rate_text}；{others}"))
    overdue = [t for t in sorted(tallies, key=lambda t: -t.counts[OVERDUE]) if t.counts[OVERDUE]]
    head = f"{total.counts[OVERDUE]} 项，按单位："
    named = listed([f"{t.unit} {t.counts[OVERDUE]} 项" for t in overdue],
                   2 * line_em - text_width_em(head) - 1, unit="个单位")
    rows.append(("【逾期】", head + named if overdue else f"{total.counts[OVERDUE]} 项"))
    if facts.change is not None:
        rows.append(("本期新完成", f"{len(facts.change.newly_done)} 项"))
        rows.append(("本期新增逾期", f"{len(facts.change.newly_overdue)} 项"))
    return rows


def overview_grid(rows: Sequence[tuple[str, str]], style: TableStyle) -> Grid:
    cells = [GridCell(row, col, 1, 1, text, "requirement" if col == 0 else "attribute",
                      attr=style.columns[col].attr)
             for row, pair in enumerate(rows) for col, text in enumerate(pair)]
    return Grid(style, "", "", [], cells, list(range(len(rows))))  # no 项目/情况 header: one line less


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
                 style: TableStyle | None = None, facts: RoundFacts | None = None,
                 summary_only: bool = False) -> ProgressReport:
    """Everything the report shows (see the module doc); ``today`` decides 逾期 and dates the report."""
    base = style or style_of(plan.fields)
    facts = facts or RoundFacts()
    not_sent = not_sent_keys(facts.states)
    before = facts.change.before if facts.change is not None else None  # 上期, per assignment
    texts = row_texts(plan, assignments, today, all_entries, not_sent, before)
    grid = build_grid(_with_texts(plan, texts), report_style(base))
    grid.title = f"{plan.title}落实情况汇总表\n（截至{date_text(today)}）"
    tallies = tuple(ranked(unit_tallies(plan, assignments, today, not_sent)))
    heading = f"各单位落实情况排名（截至{date_text(today)}）"
    first = f"{plan.title}落实情况总体情况（截至{date_text(today)}）"
    tasks = len({item.task_id for item in assignments if item.active})
    rows = overview_rows(tallies, facts, tasks, overview_line_em(grid.style))
    overview = overview_grid(rows, overview_style(grid.style))
    ranking = summary_grid(tallies, summary_style(grid.style), states=facts.states)
    return ProgressReport(grid, ranking, tallies, heading, "各单位任务完成情况", overview, first,
                          summary_only)


def write_progress_report(plan: Plan, assignments: Sequence[Assignment], target: Path, today: date, *,
                          all_entries: bool = False, style: TableStyle | None = None,
                          facts: RoundFacts | None = None, summary_only: bool = False) -> list[str]:
    """Write the report as .docx, .xlsx or .pdf (by extension); returns warnings for the user."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise FormatError(f"不支持把汇总表导出为“{suffix or target.name}”，请使用 .docx、.xlsx 或 .pdf。")
    report = build_report(plan, assignments, today, all_entries=all_entries, style=style, facts=facts,
                          summary_only=summary_only)
    if suffix == ".docx":
        from desktop.formats.report.docx_report import write_report_docx

        return write_report_docx(report, target)
    if suffix == ".xlsx":
        from desktop.formats.report.xlsx_report import write_report_xlsx

        write_report_xlsx(report, target)
        return []
    from desktop.formats.report.pdf_report import write_report_pdf

    return write_report_pdf(report, target)
