"""The help window: the user guide shipped in resources/help, a table of contents, search, back/forward.

A QTextBrowser shows ``guide.html`` from disk (no network, no web engine; the screenshots are PNG
files beside it). The contents on the left list the guide's chapters and sections (read from the
document's headings) and follow the scrolling; links between sections, back and forward work as in
a browser. 查找 highlights every match in the guide, says how many there are, and Enter / F3 and
Shift+Enter / Shift+F3 step through them (wrapping at the end). A missing guide file (a broken
installation) is said in one sentence in the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.help.guide_index import Section, find_all, section_at, sections
from desktop.resources import help_guide_path

TITLE = "用户指南"
MISSING = "找不到用户指南文件（{path}），安装可能不完整，请重新安装 Fenjie。"
HIGHLIGHT = QColor("#FFF176")
ANCHOR_ROLE = Qt.ItemDataRole.UserRole


class _SearchBox(QLineEdit):
    """The 查找 box: Enter finds the next match, Shift+Enter the previous one, Esc clears it."""

    def __init__(self, window: HelpWindow) -> None:
        super().__init__(window)
        self._window = window

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._window.find_next(backward=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class HelpWindow(QWidget):
    """The guide in its own window; ``show_topic(anchor)`` scrolls to a section."""

    def __init__(self, parent: QWidget | None = None, guide: Path | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("help_window")
        self.setWindowTitle(TITLE)
        self.guide = guide or help_guide_path()
        self.sections: list[Section] = []
        self.matches: list[QTextCursor] = []
        self._syncing = False
        self._target = ""  # the section last gone to (contents, link, back): current while in sight
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # the guide has no web links; nothing goes online
        self.browser.setAccessibleName("用户指南正文")
        self.toc = QTreeWidget(self)
        self.toc.setHeaderHidden(True)
        self.toc.setAccessibleName("目录")
        self.toc.setMinimumWidth(180)
        self.toc.currentItemChanged.connect(lambda item, _old: self._toc_chosen(item))
        self.back_button = self._tool("后退", "回到上一个看过的位置（Alt+←）", self.browser.backward)
        self.forward_button = self._tool("前进", "（Alt+→）", self.browser.forward)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.search = _SearchBox(self)
        self.search.setPlaceholderText("在指南中查找")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("查找")
        self.search.textChanged.connect(self._search_changed)
        self.previous_button = self._tool("上一处", "查找上一处（Shift+F3）",
                                          lambda: self.find_next(backward=True))
        self.next_button = self._tool("下一处", "查找下一处（F3）", self.find_next)
        self.matches_label = QLabel(self)
        self.matches_label.setMinimumWidth(90)
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(self.back_button)
        top.addWidget(self.forward_button)
        top.addStretch(1)
        top.addWidget(QLabel("查找：", self))
        top.addWidget(self.search, 2)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addWidget(self.matches_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.toc)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 780])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        for key, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                          (QKeySequence.StandardKey.FindNext, self.find_next),
                          (QKeySequence.StandardKey.FindPrevious, lambda: self.find_next(backward=True))):
            QShortcut(QKeySequence(key), self, slot)
        self.browser.verticalScrollBar().valueChanged.connect(lambda _v: self._follow_scroll())
        self.browser.sourceChanged.connect(self._source_changed)
        self.resize(1100, 760)
        self._load()

    def _tool(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ----- the guide ---------------------------------------------------------------------------
    def _load(self) -> None:
        if not self.guide.is_file():
            self.browser.setPlainText(MISSING.format(path=self.guide))
            return
        self.browser.setSearchPaths([str(self.guide.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(self.guide)))
        self.sections = sections(self.browser.document())
        chapter: QTreeWidgetItem | None = None
        for section in self.sections:
            item = QTreeWidgetItem([section.title])
            item.setToolTip(0, section.title)
            item.setData(0, ANCHOR_ROLE, section.anchor)
            if section.level == 2 or chapter is None:
                self.toc.addTopLevelItem(item)
                chapter = item
            else:
                chapter.addChild(item)
        self.toc.expandAll()

    def url_of(self, anchor: str = "") -> QUrl:
        url = QUrl.fromLocalFile(str(self.guide))
        if anchor:
            url.setFragment(anchor)
        return url

    def show_topic(self, anchor: str = "") -> None:
        """Scroll to the section ``anchor`` (the start of the guide when empty)."""
        if not self.sections:
            return
        self._target = anchor
        self.browser.setSource(self.url_of(anchor))
        if not anchor:
            self.browser.verticalScrollBar().setValue(0)
        self._follow_scroll()

    def _source_changed(self, url: QUrl) -> None:
        self._target = url.fragment()
        self._follow_scroll()

    def current_section(self) -> Section | None:
        """The section gone to last while its heading is in sight (the last sections of the guide
        cannot scroll to the top), else the section at the top of the visible part."""
        target = next((s for s in self.sections if s.anchor == self._target), None)
        if target is not None and self._in_sight(target):
            return target
        top = self.browser.cursorForPosition(QPoint(4, 4)).position()
        return section_at(self.sections, top)

    def _in_sight(self, section: Section) -> bool:
        document = self.browser.document()
        block = document.findBlock(section.position)
        top = document.documentLayout().blockBoundingRect(block).top()
        y = top - self.browser.verticalScrollBar().value()
        return 0 <= y < self.browser.viewport().height()

    def _toc_chosen(self, item: QTreeWidgetItem | None) -> None:
        if self._syncing or item is None:
            return
        self._target = str(item.data(0, ANCHOR_ROLE))
        self.browser.setSource(self.url_of(self._target))

    def _follow_scroll(self) -> None:
        """Select the contents entry of the section now at the top (without jumping to it)."""
        section = self.current_section()
        if section is None:
            return
        item = self.item_of(section.anchor)
        if item is not None and item is not self.toc.currentItem():
            self._syncing = True
            try:
                self.toc.setCurrentItem(item)
                self.toc.scrollToItem(item)
            finally:
                self._syncing = False

    def item_of(self, anchor: str) -> QTreeWidgetItem | None:
        """The contents entry of a section."""
        entries = QTreeWidgetItemIterator(self.toc)
        while entries.value() is not None:
            item = entries.value()
            if item.data(0, ANCHOR_ROLE) == anchor:
                return item
            entries += 1
        return None

    # ----- 查找 ---------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.matches = find_all(self.browser.document(), text.strip())
        highlight = QTextCharFormat()
        highlight.setBackground(HIGHLIGHT)
        selections = []
        for match in self.matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            selection.format = highlight
            selections.append(selection)
        self.browser.setExtraSelections(selections)
        if not text.strip():
            self.matches_label.setText("")
        elif not self.matches:
            self.matches_label.setText("没有找到")
        else:
            self.matches_label.setText(f"共 {len(self.matches)} 处")
            cursor = self.browser.textCursor()
            cursor.clearSelection()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            self.find_next()

    def find_next(self, backward: bool = False) -> bool:
        """Select the next (or previous) match after the cursor, wrapping round the guide's ends."""
        text = self.search.text().strip()
        if not text or not self.matches:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        document = self.browser.document()
        found = document.find(text, self.browser.textCursor(), flags)
        if found.isNull():  # past the end: go round
            start = QTextCursor(document)
            start.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            found = document.find(text, start, flags)
        if found.isNull():
            return False
        self.browser.setTextCursor(found)
        self.browser.ensureCursorVisible()
        at = found.selectionStart()
        number = next((i for i, m in enumerate(self.matches, 1) if m.selectionStart() == at), 0)
        self.matches_label.setText(f"第 {number} / {len(self.matches)} 处")
        return True
