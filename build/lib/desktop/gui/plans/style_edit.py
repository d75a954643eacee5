"""Changing a table style the way the plan dialog offers: preset, which columns, sizes, orientation.

Pure functions over ``TableStyle`` (no widgets), so the dialog stays small and the rules are
easy to test: the level and requirement columns come from the base style; 序号 and the attribute
columns are switched on or off, keeping the base style's widths and order for the ones it has and
appending the others with their usual widths.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core.model import ATTRIBUTE_LABELS
from desktop.core.style import Column, TableStyle

DEFAULT_WIDTHS = {"lead": 2.0, "units": 2.4, "cooperating": 2.0, "deadline": 1.25, "note": 1.5}
SEQ_WIDTH = 0.6


def with_columns(style: TableStyle, seq: bool, attrs: list[str]) -> TableStyle:
    """The style with a 序号 column or not, and exactly the attribute columns ``attrs``."""
    columns: list[Column] = []
    existing_seq = next((c for c in style.columns if c.kind == "seq"), None)
    if seq:
        columns.append(existing_seq or Column("seq", "序号", SEQ_WIDTH))
    columns.extend(c for c in style.columns if c.kind in ("level", "requirement"))
    kept = {c.attr: c for c in style.columns if c.kind == "attr" and c.attr}
    ordered = [a for a in kept if a in attrs] + [a for a in attrs if a not in kept]
    for key in ordered:
        columns.append(kept.get(key) or Column("attr", ATTRIBUTE_LABELS.get(key, key),
                                               DEFAULT_WIDTHS.get(key, 1.5), attr=key))
    if tuple(columns) == style.columns:
        return style
    name = style.name if style.name.startswith("custom") else f"{style.name}-custom"
    return replace(style, name=name, columns=tuple(columns))


def attribute_keys(style: TableStyle) -> list[str]:
    return [c.attr for c in style.columns if c.kind == "attr" and c.attr]


def has_seq(style: TableStyle) -> bool:
    return any(c.kind == "seq" for c in style.columns)
