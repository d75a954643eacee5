"""Reader for the samples' canonical JSON (``*.canonical.json``): what an annex table shows, row by row.

The canonical files under ``shared/samples`` describe real annexes as rows (category path,
requirement text, attribute values, which cells were merged with the row above, where a new page
or table began). They are the truth the importers are tested against, and the source of the
bundled sample plan.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.model import Plan
from desktop.core.style import PRESETS, TableStyle
from desktop.formats.tables.rows import TableRow, plan_from_rows


def header_signature(style: TableStyle) -> list[list[Any]]:
    return [[label, span] for label, _, span in style.header_groups()]


def preset_for_header(header: list[list[Any]]) -> TableStyle | None:
    wanted = [[str(label), int(span)] for label, span in header]
    for style in PRESETS.values():
        if header_signature(style) == wanted:
            return style
    return None


def rows_from_canonical(data: dict[str, Any]) -> list[TableRow]:
    keys = list(data.get("attrs", []))
    rows: list[TableRow] = []
    for leaf in data["leaves"]:
        attrs = {key: leaf.get(key, "") for key in keys}
        merged = set(leaf.get("merged", []))
        if leaf.get("new_segment") and rows:
            # A page break restates a merged value; it continues the run above.
            merged |= {k for k in keys if attrs[k] and attrs[k] == rows[-1].attrs.get(k)}
        rows.append(TableRow(list(leaf["path"]), leaf["text"], attrs, merged))
    return rows


def plan_from_canonical(path: Path) -> Plan:
    data = json.loads(path.read_text(encoding="utf-8"))
    style = preset_for_header(data.get("header", []))
    fields: dict[str, Any] = {}
    if style is not None:
        fields["style"] = style.to_dict()
    return plan_from_rows(rows_from_canonical(data), data["title"], tuple(data.get("attrs", [])), **fields)
