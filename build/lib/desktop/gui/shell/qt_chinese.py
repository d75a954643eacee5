"""Chinese for the few strings of Qt's own dialogs that Qt's zh_CN catalogue lacks.

``qtbase_zh_CN.qm`` (shipped with PySide6) predates some of Qt 6's source strings: the file
dialog's "&Look in:" and "Files of &type:" and the print dialog's "Page &Set:" come out in English
even with the catalogue loaded. This translator, installed after Qt's own, answers exactly those
(and nothing else, so Qt's catalogue keeps the last word wherever it has one).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QPrintDialog", "Page &Set:"): "页面集(&S)：",
    ("QPrintPropertiesWidget", "Page &Set:"): "页面集(&S)：",
}


class MissingChinese(QTranslator):
    """A translator for the strings in ``MISSING``; no answer (a null string) for everything else,
    so Qt goes on to its own catalogue."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return MISSING.get((context, source_text))
