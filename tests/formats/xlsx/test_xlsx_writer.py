"""The .xlsx writer: real workbooks written, opened again with openpyxl, and rendered by LibreOffice."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.model import Plan
from desktop.core.style import PRESETS, TableStyle
from desktop.formats.errors import FormatError
from desktop.formats.xlsx.reader import read_xlsx
from desktop.formats.xlsx.sizing import line_height
from desktop.formats.xlsx.writer import (
    FIRST_HEADER_ROW,
    TITLE_ROW,
    body_row,
    sheet_title,
    write_xlsx,
    write_xlsx_grid,
)
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid, GridCell
from desktop.layout.page import LANDSCAPE, PORTRAIT
from desktop.layout.page_plan import plan_table
from tests.support.generated import generated_plan
from tests.support.render import soffice_to_pdf

SAMPLES = ("laiwu_plan", "taian_plan")
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _export(plan: Plan, path: Path, style: TableStyle | None = None) -> tuple[Grid, Worksheet]:
    write_xlsx(plan, path, style)
    workbook = openpyxl.load_workbook(path)
    assert len(workbook.worksheets) == 1
    return build_grid(plan, style), workbook.active


def planned(grid: Grid) -> tuple[list[tuple[int, GridCell]], list[float], list[int]]:
    """The page plan as the sheet should hold it: (sheet body row, cell) pairs, row heights, page ends."""
    cells: list[tuple[int, GridCell]] = []
    heights: list[float] = []
    ends: list[int] = []
    top = 0
    for page in plan_table(grid).pages:
        cells += [(top + cell.row, cell) for cell in page.cells]
        heights += page.heights
        top += page.row_count
        ends.append(top)
    return cells, heights, ends


def planned_spans(grid: Grid) -> set[tuple[int, int, int, int]]:
    return {(row, c.col, c.rowspan, c.colspan) for row, c in planned(grid)[0]}


def sheet_spans(ws: Worksheet, grid: Grid) -> set[tuple[int, int, int, int]]:
    """The visible structure of the body as grid spans: merged ranges plus the lone cells."""
    first = body_row(grid, 0)
    last = first + len(planned(grid)[1]) - 1
    spans: set[tuple[int, int, int, int]] = set()
    covered: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        if merged.min_row < first:
            continue
        spans.add((merged.min_row - first, merged.min_col - 1,
                   merged.max_row - merged.min_row + 1, merged.max_col - merged.min_col + 1))
        covered.update((r, c) for r in range(merged.min_row, merged.max_row + 1)
                       for c in range(merged.min_col, merged.max_col + 1))
    for r in range(first, last + 1):
        for c in range(1, grid.n_cols + 1):
            if (r, c) not in covered:
                spans.add((r - first, c - 1, 1, 1))
    return spans


@pytest.mark.parametrize("fixture", SAMPLES)
def test_samples_structure_and_print_setup(fixture, request, tmp_path):
    plan = request.getfixturevalue(fixture)
    grid, ws = _export(plan, tmp_path / "annex.xlsx")
    style = grid.style
    assert ws.title == sheet_title(plan.title) == plan.title

    last_header = FIRST_HEADER_ROW + grid.header_rows - 1
    cells, heights, ends = planned(grid)
    assert ws.max_row == last_header + len(heights)
    assert ws.max_column == grid.n_cols
    assert sheet_spans(ws, grid) == planned_spans(grid)
    for row, cell in cells:
        value = ws.cell(body_row(grid, row), cell.col + 1).value
        assert str(value or "") == cell.text
    # a manual page break where each of the PDF's pages ends
    assert [brk.id for brk in ws.row_breaks.brk] == [body_row(grid, end - 1) for end in ends[:-1]]
    assert len(ends) > 1

    assert ws["A1"].value == "附件"
    assert ws.cell(TITLE_ROW, 1).value == plan.title
    title_range = f"A{TITLE_ROW}:{get_column_letter(grid.n_cols)}{TITLE_ROW}"
    assert title_range in {r.coord for r in ws.merged_cells.ranges}
    for cell in grid.header:
        assert ws.cell(FIRST_HEADER_ROW + cell.row, cell.col + 1).value == cell.text

    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == f"${FIRST_HEADER_ROW}:${last_header}"
    assert ws.freeze_panes == f"A{last_header + 1}"
    assert ws.page_margins.left == pytest.approx(LANDSCAPE.margin_left / 25.4, abs=1e-3)
    assert ws.page_margins.top == pytest.approx(LANDSCAPE.margin_top / 25.4, abs=1e-3)
    assert ws.page_margins.footer == pytest.approx(LANDSCAPE.footer_distance / 25.4, abs=1e-3)

    assert style.page_numbers == "outside"
    assert ws.HeaderFooter.differentOddEven is True
    assert ws.oddFooter.right.text.strip("\u3000") == "— &P —"
    assert ws.evenFooter.left.text.strip("\u3000") == "— &P —"
    assert ws.oddFooter.right.size == 14
    assert ws.oddFooter.right.font.startswith("宋体")


def _boxed_cells(path: Path) -> set[str]:
    """References of the cells whose own style (in the file's XML) has thin borders on all four sides.

    Read from the XML because openpyxl, when loading, rebuilds merged cells without their styles.
    """
    with zipfile.ZipFile(path) as archive:
        styles = etree.fromstring(archive.read("xl/styles.xml"))
        sheet = etree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    ns = {"m": MAIN_NS}
    boxed_borders = {
        index for index, border in enumerate(styles.xpath("m:borders/m:border", namespaces=ns))
        if all(border.xpath(f"string(m:{side}/@style)", namespaces=ns) == "thin"
               for side in ("left", "right", "top", "bottom"))
    }
    boxed_xfs = {index for index, xf in enumerate(styles.xpath("m:cellXfs/m:xf", namespaces=ns))
                 if int(xf.get("borderId", "0")) in boxed_borders}
    return {c.get("r") for c in sheet.iter(f"{{{MAIN_NS}}}c") if int(c.get("s", "0")) in boxed_xfs}


@pytest.mark.parametrize("fixture", SAMPLES)
def test_samples_fonts_alignment_and_borders(fixture, request, tmp_path):
    plan = request.getfixturevalue(fixture)
    grid, ws = _export(plan, tmp_path / "annex.xlsx")
    style = grid.style
    assert (ws["A1"].font.name, ws["A1"].font.sz) == ("黑体", 16)
    title = ws.cell(TITLE_ROW, 1)
    assert (title.font.name, title.font.sz) == ("方正小标宋简体", style.title_font_size)
    assert title.alignment.horizontal == "center"
    header = ws.cell(FIRST_HEADER_ROW, 1)
    assert (header.font.name, header.font.sz) == ("黑体", style.header_font_size)
    assert header.alignment.horizontal == "center"

    first = body_row(grid, 0)
    boxed = _boxed_cells(tmp_path / "annex.xlsx")
    assert "A1" not in boxed  # the label has no frame
    seen_roles: set[str] = set()
    for row, cell in planned(grid)[0]:
        cell = dataclasses.replace(cell, row=row)
        top = ws.cell(first + cell.row, cell.col + 1)
        assert (top.font.name, top.font.sz) == ("仿宋_GB2312", style.body_font_size)
        assert top.alignment.vertical == "center"
        assert top.alignment.wrap_text is True
        expected = "justify" if cell.role == "requirement" else "center"
        assert top.alignment.horizontal == expected, cell
        seen_roles.add(cell.role)
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert f"{get_column_letter(c + 1)}{first + r}" in boxed, (r, c)
    assert {"category", "requirement", "attribute"} <= seen_roles


@pytest.mark.parametrize("fixture", SAMPLES)
def test_samples_widths_and_row_heights(fixture, request, tmp_path):
    plan = request.getfixturevalue(fixture)
    grid, ws = _export(plan, tmp_path / "annex.xlsx")
    widths = [ws.column_dimensions[get_column_letter(c + 1)].width for c in range(grid.n_cols)]
    weights = [c.width for c in grid.style.columns]
    pixels = [w * 8 + 5 for w in widths]  # Excel: 8 px per unit of 宋体 11, plus 5 px padding
    ratios = [px / weight for px, weight in zip(pixels, weights, strict=True)]
    assert max(ratios) / min(ratios) < 1.01
    # The whole table is about the type area's width (225 mm) at 宋体 11's 8 px per unit.
    total_mm = sum(pixels) / 96 * 25.4
    assert total_mm == pytest.approx(LANDSCAPE.type_width, rel=0.01)
    with zipfile.ZipFile(tmp_path / "annex.xlsx") as archive:
        styles = etree.fromstring(archive.read("xl/styles.xml"))
    default_font = styles.find(f"{{{MAIN_NS}}}fonts/{{{MAIN_NS}}}font/{{{MAIN_NS}}}name")
    assert default_font.get("val") == "宋体"  # not Calibri, which a Chinese Windows may lack

    first = body_row(grid, 0)
    cells, planned_heights, _ends = planned(grid)
    heights = [ws.row_dimensions[first + r].height for r in range(len(planned_heights))]
    assert heights == [round(h, 2) for h in planned_heights]
    assert all(h is not None and 18 <= h <= 409 for h in heights)
    requirement = {row: c for row, c in cells if c.role == "requirement"}
    longest = max(requirement, key=lambda row: len(requirement[row].text))
    shortest = min(requirement, key=lambda row: len(requirement[row].text))
    assert len(requirement[longest].text) > 2 * len(requirement[shortest].text)
    assert heights[longest] > heights[shortest]
    table = plan_table(grid)
    assert ws.row_dimensions[TITLE_ROW].height + ws.row_dimensions[1].height == pytest.approx(
        table.title_height, abs=0.02)


def test_round_trip_of_visible_structure(tmp_path):
    plan = generated_plan(300)
    for name in ("zichuan2020", "shizhong2020", "laiwu2024", "taian2017"):
        grid, ws = _export(plan, tmp_path / f"{name}.xlsx", PRESETS[name])
        assert sheet_spans(ws, grid) == planned_spans(grid), name
        cells = [cell for _row, cell in planned(grid)[0]]
        merges = sum(1 for c in [*grid.header, *cells] if c.rowspan * c.colspan > 1) + 1  # + title
        assert len(ws.merged_cells.ranges) == merges


@pytest.mark.parametrize("fixture", SAMPLES)
def test_importer_reads_the_export_back(fixture, request, tmp_path):
    plan = request.getfixturevalue(fixture)
    write_xlsx(plan, tmp_path / "annex.xlsx")
    again = read_xlsx(tmp_path / "annex.xlsx")
    grid = build_grid(plan)
    assert again.title == plan.title
    assert [leaf.text for leaf in again.leaves()] == [leaf.text for leaf in plan.leaves()]
    assert build_grid(again, grid.style).spans() == grid.spans()


def test_merged_cell_needs_spread_over_spanned_rows(tmp_path):
    """A long category text over short rows grows those rows; short rows alone stay one line."""
    style = PRESETS["shizhong2020"]
    long_text = "加强政务公开标准化规范化建设，" * 12
    cells = [GridCell(0, 0, 3, 1, long_text, "category", level=1)]
    for row in range(3):
        cells += [GridCell(row, 1, 1, 2, "短", "requirement"),
                  GridCell(row, 3, 1, 1, "区财政局", "attribute")]
    grid = Grid(style, "测试", "附件", [GridCell(0, 0, 1, 2, "工作任务", "header"),
                                       GridCell(0, 2, 1, 1, "具体要求", "header"),
                                       GridCell(0, 3, 1, 1, "责任单位", "header")],
                sorted(cells, key=lambda c: (c.row, c.col)), [1, 2, 3])
    write_xlsx_grid(grid, tmp_path / "merged.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "merged.xlsx").active
    first = body_row(grid, 0)
    wanted = [round(h, 2) for h in planned(grid)[1]]
    heights = [ws.row_dimensions[first + r].height for r in range(len(wanted))]
    assert heights == wanted
    line = line_height(12.0)
    assert sum(heights) >= 15 * line  # 180 characters in a ~73 pt column: at least 15 lines

    grid.cells[0] = GridCell(0, 0, 3, 1, "短", "category", level=1)
    write_xlsx_grid(grid, tmp_path / "short.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "short.xlsx").active
    assert all(ws.row_dimensions[first + r].height < 2 * line for r in range(3))


def test_center_page_numbers_and_portrait(laiwu_plan, tmp_path):
    style = PRESETS["laiwu2024"].with_options(page_numbers="center", orientation="portrait")
    _, ws = _export(laiwu_plan, tmp_path / "p.xlsx", style)
    assert ws.page_setup.orientation == "portrait"
    assert ws.page_margins.top == pytest.approx(PORTRAIT.margin_top / 25.4, abs=1e-3)
    assert not ws.HeaderFooter.differentOddEven
    assert ws.oddFooter.center.text == "— &P —"
    assert not ws.oddFooter.right.text


def test_sheet_title_is_legal():
    assert sheet_title("2024年[重点]任务:分工*?/\\表") == "2024年［重点］任务：分工＊？／＼表"
    assert len(sheet_title("很长的标题" * 10)) == 31
    assert sheet_title("'引号'") == "引号"
    assert sheet_title("") == "任务分解表"
    assert sheet_title("\x01\x02") == "任务分解表"
    assert sheet_title("History") == "任务分解表"


def test_forbidden_characters_and_formula_like_text(tmp_path):
    style = PRESETS["shizhong2020"]
    texts = ["控制\x01字符\x1f", "非字符\ufffe结尾", "软回车\x0b换行", "=SUM(A1:A3)"]
    cells: list[GridCell] = []
    for row, text in enumerate(texts):
        cells += [GridCell(row, 0, 1, 2, "类别", "category", level=1),
                  GridCell(row, 2, 1, 1, text, "requirement"),
                  GridCell(row, 3, 1, 1, "+区财政局", "attribute")]
    grid = Grid(style, "标题\x00[含非法字符]", "附件\x02", [], cells, list(range(len(texts))))
    write_xlsx_grid(grid, tmp_path / "dirty.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "dirty.xlsx").active
    first = body_row(grid, 0)
    assert [ws.cell(first + r, 3).value for r in range(4)] == ["控制字符", "非字符结尾", "软回车\n换行",
                                                              "=SUM(A1:A3)"]
    assert ws.cell(first + 3, 3).data_type == "s"
    assert ws.title == "标题［含非法字符］"
    assert ws["A1"].value == "附件"


def test_unwritable_target_raises_format_error(laiwu_plan, tmp_path):
    with pytest.raises(FormatError, match="不存在"):
        write_xlsx(laiwu_plan, tmp_path / "missing" / "annex.xlsx")

    folder = tmp_path / "annex.xlsx"
    folder.mkdir()
    (folder / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FormatError):
        write_xlsx(laiwu_plan, folder)
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annex.xlsx"]  # no temporary file left


def test_existing_file_untouched_on_failure_and_replaced_on_success(laiwu_plan, tmp_path):
    # The final rename fails (a folder has the target's name): the folder stays as it was and
    # no temporary file is left behind.
    blocked = tmp_path / "annex.xlsx"
    blocked.mkdir()
    (blocked / "keep.txt").write_bytes(b"old contents")
    with pytest.raises(FormatError, match="无法写入"):
        write_xlsx(laiwu_plan, blocked)
    assert (blocked / "keep.txt").read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == [blocked.name]
    blocked.joinpath("keep.txt").unlink()
    blocked.rmdir()

    # A name of 251 bytes: the hidden temporary name is kept short, so the export works.
    long_target = tmp_path / ("附" * 82 + ".xlsx")
    write_xlsx(laiwu_plan, long_target)
    assert openpyxl.load_workbook(long_target).active.title == laiwu_plan.title
    assert sorted(p.name for p in tmp_path.iterdir()) == [long_target.name]

    target = tmp_path / "annex.xlsx"
    target.write_bytes(b"old contents")
    write_xlsx(laiwu_plan, target)
    assert openpyxl.load_workbook(target).active.title == laiwu_plan.title


def _pdf_raw_text(pdf: Path) -> str:
    """pdftotext in content-stream order: each table cell's lines stay together."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is not installed; it is needed to read the rendered PDF")
    result = subprocess.run([tool, "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                            timeout=120, check=True)
    return result.stdout.decode("utf-8")


@pytest.mark.libreoffice
@pytest.mark.parametrize("fixture", SAMPLES)
def test_libreoffice_prints_every_leaf(fixture, request, tmp_path):
    plan = request.getfixturevalue(fixture)
    source = tmp_path / f"{fixture}.xlsx"
    write_xlsx(plan, source)
    text = re.sub(r"\s+", "", _pdf_raw_text(soffice_to_pdf(source, tmp_path / "pdf")))
    missing = [leaf.text for leaf in plan.leaves() if re.sub(r"\s+", "", leaf.text) not in text]
    assert missing == []
    assert plan.title in text
    assert "—1—" in text
