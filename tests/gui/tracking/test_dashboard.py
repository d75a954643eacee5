"""The 督办 dashboard on the Laiwu sample: counts equal a direct SQL count, clicks filter the views.

A real workspace file per test; statuses and completion dates are stored, some deadlines edited
in the plan (so some rows are overdue and others due soon); then the dashboard's tables are
compared with plain SQL over the ``assignments`` table (逾期: not done, due before today), and
clicking a unit, a count, a category or a list row must leave exactly the right rows in the tree
and the table.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from desktop.core import operations as ops
from desktop.core.tracking import DONE, IN_PROGRESS, ONGOING, OVERDUE, expected_assignments
from desktop.core.tracking_overview import category_of
from desktop.core.unit_text import normalise_name
from desktop.gui.outline.deadline_flag import UNREADABLE
from desktop.gui.tracking.completion_chart import STATUS_COLOURS, CompletionChart
from desktop.gui.tracking.dashboard_model import STATUS_COLUMNS, DueListModel, TallyModel
from desktop.store.tracking_store import load_assignments, save_assignments
from tests.gui.tracking_support import open_window, visible_leaves
from tests.support.images import image_target

TODAY = date(2024, 12, 20)
SHOWN_SQL = ("CASE WHEN status != 'done' AND due IS NOT NULL AND due < :today THEN 'overdue' "
             "ELSE status END")


def _prepare(window) -> None:
    """Earlier deadlines on some rows, and some statuses, as a clerk would have them."""
    session = window.session
    plan = session.plan
    leaves = plan.leaves()
    for leaf in leaves[:6]:
        session.do(ops.SetAttr(leaf.id, "deadline", "2024年6月底前"))
    session.do(ops.SetAttr(leaves[10].id, "deadline", "2024年12月25日前"))
    window.tracking_ui.state.flush()
    stored = load_assignments(window.workbench.workspace.db, plan.id, include_inactive=False)
    changed = []
    for n, item in enumerate(stored):
        if n % 4 == 0:
            changed.append(replace(item, status=DONE, completed_on=date(2024, 6, 1 + n % 28)))
        elif n % 4 == 1:
            changed.append(replace(item, status=ONGOING))
        elif n % 7 == 2:
            changed.append(replace(item, status=IN_PROGRESS))
    save_assignments(window.workbench.workspace.db, plan.id, changed)
    window.tracking_ui.state.reload()


def _sql_counts(db, plan_id: int, where: str = "", args: tuple = ()) -> dict[str, dict[str, int]]:
    rows = db.conn.execute(
        f"SELECT unit_key, {SHOWN_SQL} AS shown, COUNT(*) FROM assignments "
        f"WHERE plan_id = :plan AND active = 1 {where} GROUP BY unit_key, shown",
        {"plan": plan_id, "today": TODAY.isoformat(), **dict(args)}).fetchall()
    out: dict[str, dict[str, int]] = {}
    for key, shown, count in rows:
        out.setdefault(key, {})[shown] = count
    return out


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {key: value for key, value in counts.items() if value}


def test_dashboard_counts_equal_sql(qtbot, workspace, settings) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    _prepare(window)
    ui = window.tracking_ui
    ui.show_dashboard()
    board = ui.dashboard
    plan_id = window.session.plan_id
    expected = _sql_counts(workspace.db, plan_id)
    shown = {tally.key: _nonzero(tally.counts) for tally in board.units_model.tallies}
    assert shown == expected
    assert any(counts.get(OVERDUE) for counts in expected.values())
    assert any(counts.get(DONE) for counts in expected.values())
    for row, tally in enumerate(board.units_model.tallies):  # what the table says, cell by cell
        model = board.units_model
        assert model.data(model.index(row, 0)) == tally.label
        assert model.data(model.index(row, 1)) == sum(expected[tally.key].values())
        for col, status in STATUS_COLUMNS.items():
            assert model.data(model.index(row, col)) == expected[tally.key].get(status, 0)
        done = expected[tally.key].get(DONE, 0)
        assert model.data(model.index(row, 7)) == f"{100 * done / tally.total:.1f}%"

    plan = window.session.plan
    for tally in board.categories_model.tallies:
        leaves = [leaf.id for leaf in plan.leaves() if category_of(leaf).id == tally.task_id]
        marks = ",".join(str(i) for i in leaves)
        by_unit = _sql_counts(workspace.db, plan_id, f"AND task_id IN ({marks})")
        summed: dict[str, int] = {}
        for counts in by_unit.values():
            for key, value in counts.items():
                summed[key] = summed.get(key, 0) + value
        assert _nonzero(tally.counts) == summed

    overdue_sql = workspace.db.conn.execute(
        "SELECT task_id, unit FROM assignments WHERE plan_id = ? AND active = 1 AND status != 'done' "
        "AND due < ?", (plan_id, TODAY.isoformat())).fetchall()
    assert sorted((d.task_id, d.unit) for d in board.overdue_model.items) == sorted(overdue_sql)
    assert board.lists_tabs.tabText(0) == f"逾期（{len(overdue_sql)}）"
    for days in (14, 5):
        board.horizon.setValue(days)
        soon_sql = workspace.db.conn.execute(
            "SELECT task_id, unit FROM assignments WHERE plan_id = ? AND active = 1 AND status != 'done' "
            "AND due BETWEEN ? AND ?", (plan_id, TODAY.isoformat(),
                                        (TODAY + timedelta(days=days)).isoformat())).fetchall()
        assert sorted((d.task_id, d.unit) for d in board.soon_model.items) == sorted(soon_sql)
        assert board.lists_tabs.tabText(1) == f"{days} 天内到期（{len(soon_sql)}）"
    assert board.soon_model.items and all(d.due == date(2024, 12, 25) for d in board.soon_model.items)


def _click_row(qtbot, view, row: int, col: int = 0) -> None:
    index = view.model().index(row, col)

    def shown() -> bool:
        view.scrollTo(index)  # (the view may still be laying its rows out)
        return view.viewport().rect().contains(view.visualRect(index).center())

    qtbot.waitUntil(shown, timeout=3000)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_clicking_a_unit_filters_tree_and_table(qtbot, workspace, settings) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    _prepare(window)
    ui = window.tracking_ui
    ui.show_dashboard()
    qtbot.waitExposed(ui.dashboard.units_view)
    plan = window.session.plan
    order = [leaf.id for leaf in plan.leaves()]
    expected_all = expected_assignments(plan, workspace.units())

    for unit in ("区政府办公室", "区大数据服务中心"):
        view = ui.dashboard.units_view
        row = ui.dashboard.unit_row(unit)
        assert row >= 0
        _click_row(qtbot, view, row)
        wanted = [i for i in order if i in {e.task_id for e in expected_all
                                           if normalise_name(e.unit) == normalise_name(unit)}]
        assert len(wanted) >= 5
        assert visible_leaves(window) == wanted
        assert window.table_model.grid.row_task_ids == wanted
        assert window.table.model().rowCount() == len(wanted)
        assert window.scope_bar.isVisible() and unit in window.scope_bar.label.text()
        assert window.tree.current_task_id() == wanted[0]

    # a click on a count narrows to that status; the rows keep the annex's 序号
    office = ui.dashboard.unit_row("区政府办公室")
    tally = ui.dashboard.units_model.tallies[ui.dashboard.units_proxy.mapToSource(
        ui.dashboard.units_proxy.index(office, 0)).row()]
    done_col = next(col for col, status in STATUS_COLUMNS.items() if status == DONE)
    _click_row(qtbot, ui.dashboard.units_view, office, done_col)
    done_rows = [a.task_id for a in ui.state.assignments if a.active and a.status == DONE
                 and normalise_name(a.unit) == normalise_name("区政府办公室")]
    assert len(done_rows) == tally.counts[DONE] > 0
    assert window.table_model.grid.row_task_ids == [i for i in order if i in done_rows]
    seqs = [c.text for c in window.table_model.grid.cells if c.role == "seq"]
    assert seqs == [str(order.index(i) + 1) for i in window.table_model.grid.row_task_ids]

    # a level-1 category
    ui.dashboard.counts_tabs.setCurrentIndex(1)
    qtbot.waitExposed(ui.dashboard.categories_view)
    _click_row(qtbot, ui.dashboard.categories_view, 1)
    second = plan.root.children[1]
    assert visible_leaves(window) == [leaf.id for leaf in second.leaves()]
    assert window.table_model.grid.row_task_ids == [leaf.id for leaf in second.leaves()]

    # a row of the overdue list: the overdue rows, that task current and its progress shown
    ui.dashboard.lists_tabs.setCurrentIndex(0)
    qtbot.waitExposed(ui.dashboard.overdue_view)
    target = ui.dashboard.overdue_model.items[2].task_id
    _click_row(qtbot, ui.dashboard.overdue_view, 2)
    overdue = {a.task_id for a in ui.state.assignments if a.active and a.is_overdue(TODAY)}
    assert set(visible_leaves(window)) == overdue
    assert window.tree.current_task_id() == target
    assert ui.progress.task_id == target

    # 清除筛选 shows everything again
    qtbot.mouseClick(ui.dashboard.clear_button, Qt.MouseButton.LeftButton)
    assert visible_leaves(window) == order
    assert window.table_model.grid.row_task_ids == order
    assert not window.scope_bar.isVisible()


def test_filter_follows_edits(qtbot, workspace, settings) -> None:
    """While filtered: a row given the unit comes in, a new row stays in sight, undo goes back."""
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    ui.show_dashboard()
    _click_row(qtbot, ui.dashboard.units_view, ui.dashboard.unit_row("区大数据服务中心"))
    before = list(window.table_model.grid.row_task_ids)
    plan = window.session.plan
    order = [leaf.id for leaf in plan.leaves()]
    outsider = next(leaf for leaf in plan.leaves() if leaf.id not in before and leaf.effective("units"))
    window.session.do(ops.SetAttr(outsider.id, "units", outsider.effective("units") + "、区大数据服务中心"))
    qtbot.waitUntil(lambda: outsider.id in window.table_model.grid.row_task_ids, timeout=5000)
    assert window.table_model.grid.row_task_ids == [i for i in order if i in {*before, outsider.id}]
    assert outsider.id in visible_leaves(window)
    window.main_actions.undo.trigger()
    ui.state.flush()
    assert window.table_model.grid.row_task_ids == before

    # Enter on a shown row adds a row below it: in sight at once, in the tree and the table
    window.tree.select_task(before[0])
    assert window.editor.add_sibling()
    new = window.tree.current_task_id()
    assert new not in order
    assert new in visible_leaves(window) and new in window.table_model.grid.row_task_ids
    window.tree.closePersistentEditor(window.tree.currentIndex())
    ui.state.flush()  # judged (no unit of its own: the category's), kept while it is being edited
    assert new in visible_leaves(window)


def test_new_overdue_since_last_opened(qtbot, workspace, settings) -> None:
    first = open_window(qtbot, workspace, settings, date(2024, 12, 20))
    assert not first.tracking_ui.notice.isVisible()  # never opened before: nothing to compare with
    first.close()
    first.tracking_ui.state.session = None
    later = date(2025, 1, 3)
    second = open_window(qtbot, workspace, settings, later)
    ui = second.tracking_ui
    plan_id = second.session.plan_id
    count = workspace.db.conn.execute(
        "SELECT COUNT(*) FROM assignments WHERE plan_id = ? AND active = 1 AND status != 'done' "
        "AND due >= '2024-12-20' AND due < ?", (plan_id, later.isoformat())).fetchone()[0]
    assert count > 50
    assert ui.notice.isVisible() and f"自上次打开以来新增逾期 {count} 项" in ui.notice.text()
    assert f"新增逾期 {count} 项" in ui.dashboard.notice.text()
    ui.dashboard.notice.linkActivated.emit("#new")  # the notice is a link to those rows
    new_rows = {row[0] for row in workspace.db.conn.execute(
        "SELECT task_id FROM assignments WHERE plan_id = ? AND active = 1 AND status != 'done' "
        "AND due >= '2024-12-20' AND due < ?", (plan_id, later.isoformat()))}
    assert set(second.table_model.grid.row_task_ids) == new_rows
    second.close()
    third = open_window(qtbot, workspace, settings, later)  # the same day again: nothing new
    assert not third.tracking_ui.notice.isVisible()


def test_unreadable_deadline_is_flagged(qtbot, workspace, settings) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    plan = window.session.plan
    odd = next(leaf for leaf in plan.leaves() if "—8—" in leaf.effective("deadline"))
    plain = plan.leaves()[0]
    model = window.tree_model
    tip = model.data(model.index_of(odd.id), Qt.ItemDataRole.ToolTipRole)
    assert UNREADABLE in tip
    assert not model.data(model.index_of(odd.id), Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(model.index_of(plain.id), Qt.ItemDataRole.DecorationRole) is None
    window.tree.select_task(odd.id)
    warning = window.properties.rows["deadline"].warning
    assert warning.isVisible() and UNREADABLE in warning.text()
    assert UNREADABLE in window.tracking_ui.progress.deadline.text()
    window.tree.select_task(plain.id)
    assert not warning.isVisible()
    window.session.do(ops.SetAttr(odd.id, "deadline", "2024年12月底前"))  # corrected: flag gone
    assert model.data(model.index_of(odd.id), Qt.ItemDataRole.DecorationRole) is None


def test_models_pass_qt_model_tester(qtbot, qtmodeltester, workspace, settings) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    _prepare(window)
    window.tracking_ui.show_dashboard()
    board = window.tracking_ui.dashboard
    for model in (board.units_model, board.categories_model, board.overdue_model, board.soon_model):
        assert isinstance(model, TallyModel | DueListModel)
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_chart_paints_each_unit_by_status(qtbot, workspace, settings) -> None:
    from desktop.formats.report.chart import STATUS_COLOURS as REPORT_COLOURS

    assert STATUS_COLOURS == REPORT_COLOURS  # the same picture as the progress report's chart
    window = open_window(qtbot, workspace, settings, TODAY)
    _prepare(window)
    window.tracking_ui.show_dashboard()
    tallies = window.tracking_ui.dashboard.units_model.tallies
    chart = CompletionChart()
    qtbot.addWidget(chart)
    chart.resize(520, chart.sizeHint().height())
    chart.set_tallies(tallies)
    image = chart.grab().toImage()
    for row, tally in enumerate(tallies):
        bar = chart.bar_rect(row)
        scale = bar.width() / tally.total
        x = bar.left()
        for status in ("done", "ongoing", "in_progress", "not_started", "overdue"):
            width = tally.counts[status] * scale
            if width >= 3:
                pixel = image.pixelColor(int(x + 1), int(bar.top() + 2))
                assert pixel.name().upper() == STATUS_COLOURS[status].upper(), (tally.label, status)
            x += width
    clicked: list[str] = []
    chart.unit_clicked.connect(clicked.append)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(1).center().toPoint())
    assert clicked == [tallies[1].key]


def test_dashboard_screenshot(qtbot, workspace, settings, tmp_path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    _prepare(window)
    ui = window.tracking_ui
    ui.show_dashboard()
    window.resizeDocks([ui.dashboard_dock], [330], Qt.Orientation.Vertical)
    ui.progress_dock.raise_()
    qtbot.wait(200)
    view = ui.dashboard.units_view
    _click_row(qtbot, view, ui.dashboard.unit_row("区政府办公室"))
    qtbot.wait(300)
    image: QImage = window.grab().toImage()
    shot = image_target("dashboard.png", tmp_path)
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    assert image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(shot), "PNG", 9)
    assert shot.stat().st_size < 300 * 1024
    colours = {image.pixel(QPoint(x, y))
               for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50


def test_dashboard_by_keyboard(qtbot, workspace, settings) -> None:
    """Enter on a row filters like a click; Esc in the dashboard shows every row again."""
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    window.tracking_actions.dashboard.trigger()  # 督办 → 督办面板 (Ctrl+Shift+D)
    assert ui.dashboard_dock.isVisible()
    view = ui.dashboard.units_view
    qtbot.waitExposed(view)
    view.setFocus()
    row = ui.dashboard.unit_row("区发展改革局")
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    unit_rows = {a.task_id for a in ui.state.assignments if a.active and a.unit == "区发展改革局"}
    assert set(window.table_model.grid.row_task_ids) == unit_rows
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert len(window.table_model.grid.row_task_ids) == len(window.session.plan.leaves())
    assert not ui.dashboard.clear_button.isEnabled()


def test_switching_plans_clears_the_filter(qtbot, workspace, settings) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    ui.show_dashboard()
    sample = window.session.plan_id
    _click_row(qtbot, ui.dashboard.units_view, ui.dashboard.unit_row("区政府办公室"))
    assert window.row_scope is not None
    other = window.workbench.new_plan("另一个计划")
    assert window.session.plan_id == other
    assert window.row_scope is None and not window.scope_bar.isVisible()
    assert ui.dashboard.units_model.tallies == [] and ui.dashboard.overdue_model.items == []
    assert ui.progress.empty.isVisibleTo(ui.progress)
    window.open_plan(sample)
    assert len(ui.dashboard.units_model.tallies) > 10
    assert len(visible_leaves(window)) == len(window.session.plan.leaves())
