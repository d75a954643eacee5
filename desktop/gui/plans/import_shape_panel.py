"""The import preview's options for a work-plan text: rows per sentence or paragraph, heading levels.

A group box with two radio buttons (每句一行 / 每段一行) and, for every heading level the text
has (一、 / （一） / 1. …), a choice of what its headings become: categories, one row with all
under them, or nothing (the heading dropped, its children lifted into its place). The options
chosen last are kept in QSettings and offered for the next text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QWidget,
)

from desktop.formats.text.shape import CATEGORY, LEVEL_MODES, MODE_LABELS, HeadingLevel, ImportShape

PER_PARAGRAPH_KEY = "import_shape/per_paragraph"
LEVELS_KEY = "import_shape/levels"


def remembered_shape(settings: QSettings | None, depth_count: int) -> ImportShape:
    """The options chosen for the last text (levels beyond this text's depth are not used)."""
    if settings is None:
        return ImportShape()
    per_paragraph = str(settings.value(PER_PARAGRAPH_KEY, "false")).lower() == "true"
    levels = [m for m in str(settings.value(LEVELS_KEY, "")).split(",") if m in LEVEL_MODES]
    shape = ImportShape(per_paragraph)
    for depth, mode in enumerate(levels[:depth_count]):
        shape = shape.with_mode(depth, mode)
    return shape


def remember_shape(settings: QSettings | None, shape: ImportShape) -> None:
    if settings is None:
        return
    settings.setValue(PER_PARAGRAPH_KEY, "true" if shape.per_paragraph else "false")
    settings.setValue(LEVELS_KEY, ",".join(shape.levels))


class ShapePanel(QGroupBox):
    """导入方式: the options that reshape the preview; ``changed`` fires on every change."""

    changed = Signal()

    def __init__(self, levels: Sequence[HeadingLevel], shape: ImportShape,
                 parent: QWidget | None = None) -> None:
        super().__init__("导入方式", parent)
        self.per_sentence = QRadioButton("每句一行")
        self.per_paragraph = QRadioButton("每段一行")
        (self.per_paragraph if shape.per_paragraph else self.per_sentence).setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.per_sentence)
        group.addButton(self.per_paragraph)
        rows = QHBoxLayout()
        rows.addWidget(self.per_sentence)
        rows.addWidget(self.per_paragraph)
        rows.addStretch(1)
        form = QFormLayout(self)
        form.addRow("具体要求", rows)
        self.level_combos: list[QComboBox] = []
        for level in levels:
            combo = QComboBox()
            for mode in LEVEL_MODES:
                combo.addItem(MODE_LABELS[mode], mode)
            combo.setCurrentIndex(LEVEL_MODES.index(shape.mode(level.depth)))
            combo.setToolTip("作为类别：标题成为任务分解表的一级类别；连同下文并为一行：标题和下面的文字合成一行要求；"
                             "去掉标题，下级上移：标题不导入，它下面的标题和文字顶替它的位置。")
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
            form.addRow(level.label(), combo)
            self.level_combos.append(combo)
        self.per_paragraph.toggled.connect(lambda _on: self.changed.emit())

    def options(self, marks: ImportShape) -> ImportShape:
        """The options shown here with the row marks of ``marks``."""
        shape = ImportShape(self.per_paragraph.isChecked(), (), marks.dropped, marks.merges)
        for depth, combo in enumerate(self.level_combos):
            mode = str(combo.currentData() or CATEGORY)
            shape = shape.with_mode(depth, mode)
        return shape
