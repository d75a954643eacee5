"""OpenDocument spreadsheets (.ods): the samples as LibreOffice saves them, and odfpy-written quirks."""

from __future__ import annotations

from pathlib import Path

import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from desktop.formats.importers import import_source
from tests.support.canonical_compare import canonical_leaf_rows, first_difference, leaf_rows
from tests.support.soffice_convert import soffice_convert


@pytest.mark.libreoffice
@pytest.mark.parametrize("sample", ["laiwu-2024", "taian-2017"])
def test_sample_saved_as_ods_matches_its_canonical_json(samples_dir: Path, tmp_path: Path,
                                                        sample: str) -> None:
    ods = soffice_convert(samples_dir / f"{sample}.xlsx", tmp_path, "ods")
    imported = import_source(ods)
    assert imported.report.source == "ods"
    expected = canonical_leaf_rows(samples_dir / f"{sample}.canonical.json")
    assert first_difference(leaf_rows(imported.plan), expected) == ""


def _cell(text: str = "", rows: int = 1, cols: int = 1, repeat: int = 1) -> TableCell:
    attrs: dict[str, int] = {}
    if rows > 1:
        attrs["numberrowsspanned"] = rows
    if cols > 1:
        attrs["numbercolumnsspanned"] = cols
    if repeat > 1:
        attrs["numbercolumnsrepeated"] = repeat
    cell = TableCell(**attrs)
    for line in text.split("\n") if text else []:
        cell.addElement(P(text=line))
    return cell


def _row(*cells: TableCell | CoveredTableCell, repeat: int = 1) -> TableRow:
    row = TableRow(numberrowsrepeated=repeat) if repeat > 1 else TableRow()
    for cell in cells:
        row.addElement(cell)
    return row


def test_spans_covered_cells_and_repeats_are_read(tmp_path: Path) -> None:
    document = OpenDocumentSpreadsheet()
    sheet = Table(name="附件")
    for row in (
        _row(_cell("2024年某区重点工作任务分工", cols=4), CoveredTableCell(numbercolumnsrepeated=3)),
        _row(_cell("工作任务", cols=2), CoveredTableCell(), _cell("具体要求"), _cell("责任单位")),
        _row(_cell("一、公开平台", rows=2), _cell("（一）网站"), _cell("要求一\n第二行"),
             _cell("区政府办公室", rows=2)),
        _row(CoveredTableCell(), _cell("（二）新媒体"), _cell("要求二"), CoveredTableCell()),
        _row(_cell(repeat=4), repeat=5),  # blank rows in between are kept only when content follows
        _row(_cell("二、基础"), _cell("（一）培训"), _cell("要求三"), _cell("区司法局"), _cell(repeat=1000)),
        _row(_cell(repeat=1024), repeat=1_000_000),  # LibreOffice's empty rest of the sheet
    ):
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    path = tmp_path / "quirks.ods"
    document.save(str(path))
    plan = import_source(path).plan
    assert plan.title == "2024年某区重点工作任务分工"
    assert [(leaf.text, leaf.effective("units")) for leaf in plan.leaves()] == [
        ("要求一\n第二行", "区政府办公室"), ("要求二", "区政府办公室"), ("要求三", "区司法局")]
    assert [a.text for a in plan.leaves()[1].ancestors()] == ["公开平台", "新媒体"]  # numbers are computed
