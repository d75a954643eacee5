"""The plan properties dialog: title, 附件 label, year, office, 文号, numbering, style and sizes.

``changes()`` returns the core operations for what was changed (one ``SetField`` per field, the
caller applies them as one undo step); nothing is applied by the dialog itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import ATTRIBUTE_LABELS, Plan
from desktop.core.numbering import SCHEMES, NumberingLevel, numbering_of
from desktop.core.operations import Operation, SetField
from desktop.core.style import PRESETS, TableStyle, style_of
from desktop.core.style_edit import attribute_keys, has_seq, with_columns
from desktop.gui.common.dialogs import ok_cancel
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key

LEVELS = 5
KEEP = "__current__"


def _size_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox(minimum=7.0, maximum=36.0, singleStep=0.5, decimals=1, suffix=" 磅")
    box.setValue(value)
    return box


class PlanDialog(QDialog):
    def __init__(self, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("计划信息")
        add_help_key(self, topics.PRINT_STYLE)  # F1: the guide's section on this
        self.plan = plan
        fields = plan.fields
        style = style_of(fields)
        self.title = QLineEdit(plan.title)
        self.label = QLineEdit(str(fields.get("attachment_label") or ""))
        self.year = QSpinBox()
        self.year.setRange(1999, 2100)
        self.year.setSpecialValueText("未填写")
        self.year.setValue(int(fields["year"]) if fields.get("year") else 1999)
        self.office = QLineEdit(str(fields.get("issuing_office") or ""))
        self.doc_number = QLineEdit(str(fields.get("doc_number") or ""))
        self.doc_number.setPlaceholderText("如 莱芜政办发〔2024〕2号")
        general = QFormLayout()
        for text, widget in (("标题", self.title), ("附件标注", self.label), ("年度", self.year),
                             ("发文机关", self.office), ("文号", self.doc_number)):
            general.addRow(text, widget)

        numbering_box = QGroupBox("各级编号")
        grid = QGridLayout(numbering_box)
        self.schemes: list[tuple[QComboBox, QCheckBox]] = []
        current = numbering_of(plan)
        for level in range(LEVELS):
            combo = QComboBox()
            for key, sample in SCHEMES.items():
                combo.addItem(sample, key)
            scheme = current[level] if level < len(current) else NumberingLevel("none")
            combo.setCurrentIndex(max(0, combo.findData(scheme.scheme)))
            running = QCheckBox("全文连续编号")
            running.setChecked(scheme.continuous)
            grid.addWidget(QLabel(f"第 {level + 1} 级"), level, 0)
            grid.addWidget(combo, level, 1)
            grid.addWidget(running, level, 2)
            self.schemes.append((combo, running))

        style_box = QGroupBox("表格样式")
        style_form = QFormLayout(style_box)
        self.preset = QComboBox()
        self.preset.addItem(f"当前样式（{style.label}）", KEEP)
        for name, preset in PRESETS.items():
            self.preset.addItem(preset.label, name)
        self.seq = QCheckBox("序号")
        self.seq.setChecked(has_seq(style))
        columns = QHBoxLayout()
        columns.addWidget(self.seq)
        self.attr_boxes: dict[str, QCheckBox] = {}
        for key, label in ATTRIBUTE_LABELS.items():
            box = QCheckBox(label)
            box.setChecked(key in attribute_keys(style))
            self.attr_boxes[key] = box
            columns.addWidget(box)
        self.body_size = _size_box(style.body_font_size)
        self.header_size = _size_box(style.header_font_size)
        self.title_size = _size_box(style.title_font_size)
        self.orientation = QComboBox()
        self.orientation.addItem("横向", "landscape")
        self.orientation.addItem("纵向", "portrait")
        self.orientation.setCurrentIndex(0 if style.orientation == "landscape" else 1)
        style_form.addRow("版式", self.preset)
        style_form.addRow("列", columns)
        style_form.addRow("正文字号", self.body_size)
        style_form.addRow("表头字号", self.header_size)
        style_form.addRow("标题字号", self.title_size)
        style_form.addRow("页面方向", self.orientation)
        self.preset.currentIndexChanged.connect(self._preset_chosen)

        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(numbering_box)
        layout.addWidget(style_box)
        layout.addWidget(buttons)

    def _preset_chosen(self) -> None:
        name = self.preset.currentData()
        style = style_of(self.plan.fields) if name == KEEP else PRESETS[str(name)]
        self.seq.setChecked(has_seq(style))
        for key, box in self.attr_boxes.items():
            box.setChecked(key in attribute_keys(style))
        self.body_size.setValue(style.body_font_size)
        self.header_size.setValue(style.header_font_size)
        self.title_size.setValue(style.title_font_size)

    def chosen_style(self) -> TableStyle:
        name = self.preset.currentData()
        base = style_of(self.plan.fields) if name == KEEP else PRESETS[str(name)]
        attrs = [key for key, box in self.attr_boxes.items() if box.isChecked()]
        styled = with_columns(base, self.seq.isChecked(), attrs)
        return styled.with_options(body_font_size=self.body_size.value(),
                                   header_font_size=self.header_size.value(),
                                   title_font_size=self.title_size.value(),
                                   orientation=str(self.orientation.currentData()))

    def values(self) -> dict[str, Any]:
        numbering = _trimmed([NumberingLevel(str(combo.currentData()), running.isChecked()).to_json()
                              for combo, running in self.schemes])
        return {
            "title": self.title.text().strip(),
            "attachment_label": self.label.text().strip(),
            "year": None if self.year.value() == self.year.minimum() else self.year.value(),
            "issuing_office": self.office.text().strip(),
            "doc_number": self.doc_number.text().strip(),
            "numbering": numbering,
            "style": self.chosen_style().to_dict(),
        }

    def changes(self) -> list[Operation]:
        """One SetField per changed value (the numbering and style compared by meaning)."""
        ops: list[Operation] = []
        for name, value in self.values().items():
            if name == "numbering":
                same = value == _trimmed([n.to_json() for n in numbering_of(self.plan)])
            elif name == "style":
                same = TableStyle.from_dict(value) == style_of(self.plan.fields)
            else:
                same = value == self.plan.fields.get(name) or (not value and not self.plan.fields.get(name))
            if not same:
                ops.append(SetField(name, value))
        return ops


def _trimmed(levels: list[Any]) -> list[Any]:
    """Numbering levels without the trailing unnumbered ones."""
    out = list(levels)
    while out and out[-1] == "none":
        out.pop()
    return out
