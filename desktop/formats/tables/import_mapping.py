"""An import the user can still correct: the plan read from a file, the columns detected, a re-read.

The GUI's import preview shows which role each column of the file's table was given (level 1,
level 2, requirement, 责任单位 …) and lets the clerk change them; :meth:`TableImport.with_roles`
reads the same tables again with the chosen roles. Files without a table (.txt/.md work-plan
texts, .json plans) come back with ``columns`` None: there is nothing to map. A work-plan text
keeps its parsed outline instead, and :meth:`TableImport.with_shape` shapes it the way the clerk
chose in the preview (rows per sentence or paragraph, heading levels, rows left out or merged).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.model import Plan
from desktop.formats.errors import FormatError
from desktop.formats.import_report import ImportReport
from desktop.formats.importers import guarded, import_source
from desktop.formats.tables.column_map import ColumnRole
from desktop.formats.tables.groups import group_tables
from desktop.formats.tables.raw_table import RawTable
from desktop.formats.tables.reader import plan_from_tables
from desktop.formats.tables.segments import split_segments
from desktop.formats.text.shape import ImportShape, OutlineSource, ShapedPlan

Columns = list[tuple[str, ColumnRole]]


@dataclass
class TableImport:
    """The plan as imported, and (for tables) the columns and what they were taken for."""

    plan: Plan
    columns: Columns | None = None
    tables: list[RawTable] = field(default_factory=list)
    title: str | None = None
    report: ImportReport = field(default_factory=ImportReport)  # the source read and the cleaning done
    outline: OutlineSource | None = None  # a work-plan text: the outline the preview can shape

    def with_shape(self, shape: ImportShape) -> ShapedPlan:
        """The work-plan text shaped as the clerk chose (FormatError in one sentence if impossible)."""
        if self.outline is None:
            raise FormatError("这个文件不是工作要点一类的文字，没有可以调整的导入方式。")
        outline = self.outline
        shaped = guarded(lambda: outline.shaped(shape))
        if not shaped.plan.title.strip():
            shaped.plan.set_field("title", self.plan.title)
        shaped.plan.take_journal()
        return shaped

    def with_roles(self, roles: Sequence[ColumnRole]) -> Plan:
        """The plan read again with the user's column roles (one per column of ``columns``)."""
        if not self.tables:
            raise FormatError("这个文件不是表格，没有可以调整的列。")
        if not any(r.kind == "requirement" for r in roles):
            raise FormatError("请指定哪一列是“具体要求”。")
        plan = guarded(lambda: plan_from_tables(self.tables, self.title, roles=roles))
        if not plan.title.strip():
            plan.set_field("title", self.plan.title)
        plan.take_journal()
        return plan


def detected_columns(tables: Sequence[RawTable]) -> Columns | None:
    """Header label and detected role of each column of the annex table (its widest segment)."""
    groups = group_tables([segment for table in tables for segment in split_segments(table)])
    if not groups:
        return None
    member = max(groups, key=lambda g: g.body_rows()).style_member()
    if member.roles is None:
        return None
    labels = member.header.labels if member.header.header_rows else [""] * member.table.n_cols
    return list(zip(labels, member.roles, strict=True))


def read_for_import(path: Path, *, title: str | None = None, unit_names: Sequence[str] = ()) -> TableImport:
    """Import ``path`` (FormatError with one sentence if impossible) and keep what a re-read needs."""
    imported = import_source(Path(path), title=title, unit_names=unit_names)
    tables = imported.tables
    columns = guarded(lambda: detected_columns(tables)) if tables else None
    return TableImport(imported.plan, columns, tables if columns else [], title, imported.report,
                       imported.outline)
