"""Sharing with units: one unit's rows of the annex as .docx/.pdf, and the files of a whole send-out.

:func:`unit_grid` cuts the plan's grid down to the rows where the unit is an effective 牵头单位 or
责任单位 (:func:`desktop.layout.grid_subset.subset_rows`: categories, numbers and 序号 as in the
annex) and titles it "<plan title>（<unit>）"; the normal writers render it. :func:`export_unit_files`
writes, for each :class:`FeedbackSheet`, the feedback workbook and the rows in the formats asked
for, named after the unit (``区财政局-反馈表.xlsx``, ``区财政局-任务清单.docx``/``.pdf``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from desktop.core.feedback import FeedbackSheet
from desktop.core.model import Plan
from desktop.core.style import TableStyle
from desktop.formats.errors import FormatError
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid
from desktop.layout.grid_subset import subset_rows

SHARE_FORMATS: tuple[str, ...] = ("xlsx", "docx", "pdf")
_UNSAFE = str.maketrans({c: "_" for c in '\\/:*?"<>|\n\r\t'})


def unit_grid(plan: Plan, unit: str, task_ids: Collection[int], style: TableStyle | None = None,
              grid: Grid | None = None) -> Grid:
    """The annex grid with only the unit's rows (``grid``: the plan's full grid, if already built)."""
    full = grid if grid is not None else build_grid(plan, style)
    return subset_rows(full, set(task_ids), f"{plan.title}（{unit}）")


MAX_STEM_BYTES = 120  # with "-任务清单.docx" and the hidden temporary name, well under 255 bytes


def file_stem(unit: str) -> str:
    """A file name made from a unit name, safe on Windows, macOS and Linux, at most 120 bytes."""
    stem = unit.translate(_UNSAFE).strip().strip(".")
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    return stem.rstrip(" .") or "单位"


def unique_stems(units: Sequence[str]) -> list[str]:
    """One file stem per unit; units whose names differ only in characters a file name cannot hold
    (区财政局/区税务局, 区财政局:区税务局) get "（2）", "（3）" … instead of overwriting each other."""
    stems: list[str] = []
    taken: set[str] = set()
    for unit in units:
        stem = base = file_stem(unit)
        number = 1
        while stem.casefold() in taken:  # Windows and macOS file names ignore case
            number += 1
            stem = f"{base}（{number}）"
        taken.add(stem.casefold())
        stems.append(stem)
    return stems


def parse_formats(text: str) -> tuple[str, ...]:
    """``xlsx,docx,pdf`` → the formats; a FormatError names an unknown one."""
    parts = (part.strip().lower().lstrip(".") for part in text.split(","))
    chosen = tuple(dict.fromkeys(part for part in parts if part))
    unknown = [name for name in chosen if name not in SHARE_FORMATS]
    if unknown or not chosen:
        raise FormatError(f"不支持的格式“{'、'.join(unknown) or text}”，请从 xlsx、docx、pdf 中选择。")
    return chosen


def export_unit_files(plan: Plan, sheets: Sequence[FeedbackSheet], folder: Path,
                      formats: Sequence[str] = SHARE_FORMATS,
                      progress: Callable[[int, int], None] | None = None) -> tuple[list[Path], list[str]]:
    """Write every unit's files into ``folder``; returns the files written and warnings for the user.

    ``progress(done, total)`` is called before each unit's files (the GUI uses it to cancel
    between units: whatever it raises stops the export, the files already written stay).
    """
    from desktop.formats.docx.writer import write_docx_grid
    from desktop.formats.feedback.workbook import write_feedback_workbook
    from desktop.formats.pdf.writer import write_pdf_grid

    folder = Path(folder)
    if not folder.is_dir():
        raise FormatError(f"保存位置“{folder}”不存在。")
    full = build_grid(plan) if ("docx" in formats or "pdf" in formats) else None
    written: list[Path] = []
    warnings: list[str] = []
    stems = unique_stems([sheet.unit for sheet in sheets])
    for index, sheet in enumerate(sheets):
        if progress is not None:
            progress(index, len(sheets))
        stem = stems[index]
        if stem != file_stem(sheet.unit):
            warnings.append(f"单位“{sheet.unit}”的文件名与另一个单位相同，已改名为“{stem}”。")
        if "xlsx" in formats:
            target = folder / f"{stem}-反馈表.xlsx"
            write_feedback_workbook(sheet, target)
            written.append(target)
        if full is None:
            continue
        grid = unit_grid(plan, sheet.unit, [row.task_id for row in sheet.rows], grid=full)
        if "docx" in formats:
            target = folder / f"{stem}-任务清单.docx"
            write_docx_grid(grid, target)
            written.append(target)
        if "pdf" in formats:
            target = folder / f"{stem}-任务清单.pdf"
            for warning in write_pdf_grid(grid, target):
                if warning not in warnings:
                    warnings.append(warning)
            written.append(target)
    return written, warnings
