"""Which table segments form one annex table, and what each segment's columns mean.

Segments (tables, or parts of a table cut at repeated headers) with the same header labels in
the same order are one table split at page breaks; so is a segment without a header of its own
that follows directly (no paragraph between). Column roles are worked out per segment, because a
segment may lack a grid column the others have (no leaf in it spans that column): the positional
rule — text columns are levels, the last one the requirement — then still reads it correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.formats.tables.column_map import ColumnRole, roles_by_position, roles_from_labels
from desktop.formats.tables.header import HeaderInfo, find_header
from desktop.formats.tables.raw_table import RawTable


@dataclass
class Member:
    table: RawTable
    header: HeaderInfo
    roles: list[ColumnRole] | None


@dataclass
class TableGroup:
    members: list[Member] = field(default_factory=list)

    def body_rows(self) -> int:
        return sum(m.table.n_rows - m.header.body_start for m in self.members)

    def style_member(self) -> Member:
        """The segment whose columns the style is built from: the widest one with a header."""
        candidates = [m for m in self.members if m.header.header_rows and m.roles] or self.members
        return max(candidates, key=lambda m: m.table.n_cols)


def label_sequence(header: HeaderInfo) -> tuple[str, ...]:
    """Header labels with adjacent repeats collapsed (a label spanning several columns counts once)."""
    out: list[str] = []
    for label in header.signature():
        if label and (not out or out[-1] != label):
            out.append(label)
    return tuple(out)


def _empty_columns(table: RawTable) -> list[bool]:
    return [all((cell := table.grid[r][c]) is None or not cell.text.strip()
                for r in range(table.n_rows)) for c in range(table.n_cols)]


def _positional_roles(table: RawTable, start: int) -> list[ColumnRole] | None:
    columns = [[cell.text if (cell := table.grid[r][c]) is not None else ""
                for r in range(start, table.n_rows)] for c in range(table.n_cols)]
    return roles_by_position(columns)


def member_roles(table: RawTable, header: HeaderInfo) -> list[ColumnRole] | None:
    roles = roles_from_labels(header.labels, _empty_columns(table)) if header.header_rows else None
    return roles if roles is not None else _positional_roles(table, header.body_start)


def group_tables(tables: Sequence[RawTable]) -> list[TableGroup]:
    """Consecutive segments with the same header, or headerless continuations, form one group."""
    groups: list[TableGroup] = []
    for table in tables:
        if table.n_rows == 0 or table.n_cols == 0:
            continue
        header = find_header(table)
        last = groups[-1].members[-1] if groups else None
        first = groups[-1].members[0] if groups else None
        same_header = first is not None and label_sequence(header) == label_sequence(first.header)
        if same_header and header.header_rows:
            groups[-1].members.append(Member(table, header, member_roles(table, header)))
        elif last is not None and not header.header_rows and not table.before:
            same_shape = table.n_cols == last.table.n_cols and last.roles is not None
            roles = last.roles if same_shape else member_roles(table, header)
            groups[-1].members.append(Member(table, header, roles))
        else:
            groups.append(TableGroup([Member(table, header, member_roles(table, header))]))
    return groups
