"""The properties panel: the selected task's text and attributes, and where each value comes from.

With one task selected the panel edits its text (Enter or leaving the box commits) and each
attribute (lead, responsible and cooperating units via the unit picker, deadline with quick
choices, note). With several tasks selected (rows of the tree or cells of the table), an attribute
typed or picked here is set on all of them as one undo step, and an attribute on which they differ
reads 多个值. Units the importer found in a task's text are offered under 责任单位
(采用 / 忽略). Every change is a core operation on the plan's session. A requirement whose
完成时限 cannot be read gets a red warning under the deadline.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core import operations as ops
from desktop.core.deadlines import plan_year
from desktop.core.model import ATTRIBUTE_LABELS, UNIT_ATTRIBUTES, Plan, PlanError, Task
from desktop.core.operations import Operation
from desktop.core.suggestions import make_accept_suggestions, make_dismiss_suggestions, suggestion
from desktop.core.units import UnitDirectory
from desktop.gui.common.text_editor import CellTextEdit
from desktop.gui.outline.deadline_flag import UNREADABLE, deadline_problem
from desktop.gui.plans.plan_session import PlanSession
from desktop.gui.properties.attribute_row import AttributeRow
from desktop.gui.properties.suggestion_row import SuggestionRow
from desktop.gui.units.unit_picker import UnitPickerDialog

PANEL_KEYS = ("lead", "units", "cooperating", "deadline", "note")


class PropertiesPanel(QWidget):
    """Shows ``task_ids`` of ``session``; ``message`` reports refused edits."""

    message = Signal(str)

    def __init__(self, units: Callable[[], UnitDirectory], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._units = units
        self.session: PlanSession | None = None
        self.task_ids: list[int] = []
        self.heading = QLabel(wordWrap=True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.text = CellTextEdit(self)
        self.text.setMinimumHeight(90)
        self.text.setPlaceholderText("任务内容")
        self.text.commit.connect(self._commit_text)
        self.text.installEventFilter(self)
        self.rows: dict[str, AttributeRow] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        for key in PANEL_KEYS:
            picker = (lambda current, k=key: self._pick_units(k, current)) if key in UNIT_ATTRIBUTES else None
            row = AttributeRow(key, ATTRIBUTE_LABELS[key], picker, self)
            row.edited.connect(lambda text, k=key: self._set_attr(k, text))
            row.cleared.connect(lambda k=key: self._set_attr(k, None))
            self.rows[key] = row
            layout.addWidget(row)
            if key == "units":  # units the importer found in the text, to accept or dismiss
                self.suggestion = SuggestionRow(self)
                self.suggestion.accepted.connect(
                    lambda: self._do_all(lambda plan, ids: make_accept_suggestions(plan, ids)))
                self.suggestion.dismissed.connect(
                    lambda: self._do_all(lambda plan, ids: make_dismiss_suggestions(plan, ids)))
                layout.addWidget(self.suggestion)
        layout.addStretch(1)
        self.show_tasks(None, [])

    # ----- showing -----------------------------------------------------------------------------
    def show_tasks(self, session: PlanSession | None, task_ids: list[int]) -> None:
        self.session = session
        self.task_ids = [t for t in task_ids if session is not None and t and t in session.plan]
        self.refresh()

    def refresh(self) -> None:
        tasks = self._tasks()
        self.setEnabled(bool(tasks))
        if not tasks:
            self.heading.setText("未选择任务")
            self.text.setPlainText("")
            for row in self.rows.values():
                row.show_value("", "")
            self.rows["deadline"].show_warning("")
            self.suggestion.show_suggestions([], 0)
            return
        found = [suggestion(t) for t in tasks if suggestion(t)]
        names = list(dict.fromkeys(n for value in found for n in value.split("、") if n))
        self.suggestion.show_suggestions(names, len(found))
        number = self.session.number_of if self.session else _no_number
        self.rows["deadline"].plan_year = plan_year(self.session.plan.fields) if self.session else None
        first = tasks[0]
        kind = "类别" if first.children else "具体要求"
        if len(tasks) > 1:
            self.heading.setText(f"已选 {len(tasks)} 项：属性修改将一并应用")
        else:
            self.heading.setText(f"{kind}（第 {first.depth} 级）{number(first.id)}")
        self.text.setEnabled(len(tasks) == 1)
        shown = first.text if len(tasks) == 1 else ""
        if not self.text.hasFocus() and self.text.toPlainText() != shown:  # unchanged: no relayout
            self.text.setPlainText(shown)
        for key, row in self.rows.items():
            values = {t.effective(key) for t in tasks}
            if len(values) > 1:
                row.show_mixed(len(tasks))
            else:
                row.show_value(values.pop(), _source_note(tasks, key, number))
        problems = {deadline_problem(self.session.plan, t) for t in tasks} if self.session else set()
        problems.discard("")
        if len(tasks) > 1 and problems:
            self.rows["deadline"].show_warning(f"所选任务中有{UNREADABLE}，不计算逾期。")
        else:
            self.rows["deadline"].show_warning(problems.pop() if problems else "")

    def _tasks(self) -> list[Task]:
        if self.session is None:
            return []
        return [self.session.plan[t] for t in self.task_ids if t in self.session.plan]

    # ----- editing -----------------------------------------------------------------------------
    def _do(self, op: Operation) -> None:
        if self.session is None:
            return
        try:
            self.session.do(op)
        except PlanError as error:
            self.message.emit(str(error))
            self.refresh()

    def _do_all(self, build: Callable[[Plan, list[int]], Operation]) -> None:
        if self.session is not None and self.task_ids:
            self._do(build(self.session.plan, list(self.task_ids)))

    def _commit_text(self) -> None:
        tasks = self._tasks()
        if len(tasks) == 1 and self.text.text().strip() != tasks[0].text:
            self._do(ops.SetText(tasks[0].id, self.text.text().strip()))

    def _set_attr(self, key: str, value: str | None) -> None:
        tasks = self._tasks()
        if not tasks:
            return
        if len(tasks) == 1:
            self._do(ops.SetAttr(tasks[0].id, key, value))
        elif self.session is not None:
            self._do(ops.make_set_attr_on_rows(self.session.plan, [t.id for t in tasks], key, value))

    def _pick_units(self, key: str, current: str) -> str | None:
        dialog = UnitPickerDialog(self._units(), current, f"选择{ATTRIBUTE_LABELS[key]}", self)
        return dialog.result_text() if dialog.exec() == UnitPickerDialog.DialogCode.Accepted else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.FocusOut:
            self._commit_text()
        return super().eventFilter(watched, event)


def _no_number(_task_id: int) -> str:
    return ""


def _source_note(tasks: list[Task], key: str, number: Callable[[int], str]) -> str:
    if len(tasks) > 1:
        return f"所选 {len(tasks)} 项相同"
    task = tasks[0]
    source = task.source_of(key)
    if source is None:
        return "未设置"
    if source is task:
        return "本项设置"
    label = number(source.id) + source.text
    return f"继承自“{label[:20]}{'…' if len(label) > 20 else ''}”"
