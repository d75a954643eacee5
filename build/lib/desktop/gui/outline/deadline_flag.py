"""Flagging a requirement whose 完成时限 Fenjie cannot read (it is never counted as overdue).

The text stays as written; the tree shows a red marker with the tooltip 无法识别的完成时限 and the
properties panel a warning under the deadline, so the clerk can correct the cell.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop.core.deadlines import task_deadline
from desktop.core.model import Plan, Task

UNREADABLE = "无法识别的完成时限"
_icon: list[QIcon] = []


def deadline_problem(plan: Plan, task: Task) -> str:
    """For a leaf whose effective deadline cannot be read, the sentence to show; else ""."""
    if task.children:
        return ""
    text = task.effective("deadline")
    if task_deadline(plan.fields, text).understood:
        return ""
    shown = " ".join(text.split())
    return f"{UNREADABLE}“{shown}”：不计算逾期，请核对。"


def flag_icon() -> QIcon:
    """A small red disc with an exclamation mark (made once, when first needed)."""
    if not _icon:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#C62828"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QRectF(1, 1, 14, 14))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(12)
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(QRectF(0, 0, 16, 16), Qt.AlignmentFlag.AlignCenter, "!")
        painter.end()
        _icon.append(QIcon(pixmap))
    return _icon[0]
