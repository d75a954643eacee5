"""The right half of the editor: the annex heading, the official table, the style switch and zoom.

The style chooser names each preset with the columns it prints (see ``core.style_summary``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.style import PRESETS, TableStyle
from desktop.core.style_summary import chooser_text, describe_columns, preset_title
from desktop.gui.common.widgets import tool_button
from desktop.gui.table.table_view import PlanTableView

CUSTOM = "__custom__"


class TablePanel(QWidget):
    """Shows ``table``; emits ``preset_chosen(name)`` when the clerk switches the style preset."""

    preset_chosen = Signal(str)

    def __init__(self, table: PlanTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.label = QLabel(self)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.preset = QComboBox(self)
        self.preset.setToolTip("表格样式")
        # Long preset names must not widen the panel (the tree beside it would be squeezed).
        self.preset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset.setMinimumContentsLength(8)
        for name, style in PRESETS.items():
            self.preset.addItem(chooser_text(style), name)
            self.preset.setItemData(self.preset.count() - 1, f"打印的列：{describe_columns(style)}",
                                    Qt.ItemDataRole.ToolTipRole)
        self.zoom_label = QLabel("100%", self)
        zoom_out = tool_button(self, "−", "缩小（Ctrl+-）")
        zoom_in = tool_button(self, "+", "放大（Ctrl++）")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel("样式："))
        bar.addWidget(self.preset, 1)
        bar.addStretch(0)
        bar.addWidget(zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addWidget(zoom_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.label)
        layout.addWidget(self.title)
        layout.addWidget(table, 1)
        zoom_in.clicked.connect(table.zoom_in)
        zoom_out.clicked.connect(table.zoom_out)
        table.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.preset.activated.connect(self._chosen)

    def show_heading(self, attachment_label: str, title: str, style: TableStyle) -> None:
        self.label.setText(attachment_label)
        self.label.setVisible(bool(attachment_label))
        self.title.setText(title)
        index = self.preset.findData(style.name)
        custom = self.preset.findData(CUSTOM)
        if index < 0:
            if custom < 0:
                self.preset.addItem("", CUSTOM)
                custom = self.preset.count() - 1
            self.preset.setItemText(custom, f"当前：{preset_title(style)}：{describe_columns(style)}")
            index = custom
        self.preset.setCurrentIndex(index)

    def _chosen(self, index: int) -> None:
        name = str(self.preset.itemData(index))
        if name != CUSTOM:
            self.preset_chosen.emit(name)
