"""Filling unit and deadline cells of the table: 向下填充 and 应用到所选行 (one undo step each).

Both work on the attribute column of the current cell and on every selected row of the table:
向下填充 (Ctrl+D, as in Excel) copies the top selected cell's value down to the other rows,
应用到所选行 copies the current cell's value to them. A row that already shows the value is left
alone, so inherited values stay inherited.
"""

from __future__ import annotations

from desktop.core.operations import make_set_attr_on_rows
from desktop.gui.outline.edit_controller import EditController
from desktop.gui.table.table_view import PlanTableView
from desktop.layout.grid import GridCell


def _attribute_cells(table: PlanTableView) -> tuple[GridCell | None, list[GridCell]]:
    """The current attribute cell and the selected cells of its column (top to bottom)."""
    model = table.grid_model()
    index = table.currentIndex()
    current = model.cell(index.row(), index.column()) if index.isValid() else None
    if current is None or current.role != "attribute" or not current.attr:
        return None, []
    cells: dict[tuple[int, int], GridCell] = {}
    for selected in table.selectionModel().selectedIndexes():
        cell = model.cell(selected.row(), selected.column())
        if cell is not None and cell.role == "attribute" and cell.attr == current.attr:
            cells[(cell.row, cell.col)] = cell
    cells[(current.row, current.col)] = current
    return current, sorted(cells.values(), key=lambda c: c.row)


def fill(table: PlanTableView, controller: EditController, from_top: bool) -> bool:
    """Set the top (``from_top``) or current cell's value on every selected row of its column."""
    current, cells = _attribute_cells(table)
    if current is None or controller.session is None:
        controller.message.emit("请先在“责任单位”“完成时限”等列中选中几个单元格。")
        return False
    if len(cells) < 2 and sum(c.rowspan for c in cells) < 2:
        controller.message.emit("请选中同一列的几行（Shift+单击），再填充。")
        return False
    source = cells[0] if from_top else current
    key, value = str(current.attr), source.text
    plan = controller.plan
    rows = table.grid_model().grid.row_task_ids
    targets = [task_id for cell in cells for task_id in rows[cell.row:cell.row + cell.rowspan]
               if plan[task_id].effective(key) != value]
    if not targets:
        return False

    def build():  # noqa: ANN202 - a Batch
        batch = make_set_attr_on_rows(plan, list(dict.fromkeys(targets)), key, value)
        batch.label = "向下填充" if from_top else "应用到所选行"
        return batch

    return controller.run(build)
