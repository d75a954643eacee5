"""Raw SpreadsheetML reading for the .xlsx importer: each sheet's merged ranges and column widths.

openpyxl reads cell values in its fast read-only mode, which does not report merged ranges (and
its full mode spends seconds re-styling merged cells). This module finds each worksheet's part
through the workbook relationships and reads ``<mergeCells>`` and ``<cols>`` with the safe parser.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from lxml import etree
from openpyxl.utils.cell import range_boundaries

from desktop.formats.safety.safe_xml import parse_xml
from desktop.formats.safety.safe_zip import Package

WORKBOOK = "xl/workbook.xml"


@dataclass
class SheetLayout:
    # (min_col, min_row, max_col, max_row), 1-based
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)  # 1-based column → Excel width
    formulas_without_values: int = 0  # formula cells saved without their result (read as empty)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _attr(element: etree._Element, local: str) -> str | None:
    for name, value in element.attrib.items():
        if etree.QName(name).localname == local:
            return str(value)
    return None


def sheet_parts(package: Package) -> dict[str, str]:
    """Sheet name → worksheet part name, in workbook order."""
    rels_name = "xl/_rels/workbook.xml.rels"
    if not package.has(rels_name):
        return {}
    targets: dict[str, str] = {}
    for rel in parse_xml(package.read(rels_name)):
        target = rel.get("Target") or ""
        if target.startswith("/"):
            targets[rel.get("Id") or ""] = posixpath.normpath(target.lstrip("/"))
        else:
            targets[rel.get("Id") or ""] = posixpath.normpath(posixpath.join("xl", target))
    parts: dict[str, str] = {}
    for element in parse_xml(package.read(WORKBOOK)).iter():
        if _local(element) == "sheet":
            part = targets.get(_attr(element, "id") or "")
            if part and package.has(part):
                parts[element.get("name") or ""] = part
    return parts


def _formulas_without_values(sheet_data: etree._Element) -> int:
    """Cells holding a formula (``<f>``) but no saved result (no or an empty ``<v>``): read as empty."""
    count = 0
    for row in sheet_data:
        for cell in row:
            parts = {_local(part): part for part in cell}
            value = parts.get("v")
            if "f" in parts and (value is None or not (value.text or "").strip()) and "is" not in parts:
                count += 1
    return count


def sheet_layout(package: Package, part: str) -> SheetLayout:
    layout = SheetLayout()
    root = parse_xml(package.read(part))
    for child in root:
        name = _local(child)
        if name == "mergeCells":
            for merge in child:
                ref = merge.get("ref") or ""
                try:
                    bounds = range_boundaries(ref)
                except (ValueError, TypeError):
                    continue
                left, top, right, bottom = bounds
                if left is not None and top is not None and right is not None and bottom is not None:
                    layout.merges.append((left, top, right, bottom))
        elif name == "sheetData":
            layout.formulas_without_values = _formulas_without_values(child)
        elif name == "cols":
            for col in child:
                try:
                    first, last = int(col.get("min", "0")), int(col.get("max", "0"))
                    width = float(col.get("width", "0"))
                except ValueError:
                    continue
                for index in range(max(first, 1), min(last, 64) + 1):
                    layout.widths[index] = width
    return layout
