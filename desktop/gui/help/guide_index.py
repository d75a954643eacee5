"""What the help window needs to know about the guide's document: its sections and its matches.

The table of contents is read from the loaded document itself (every h2/h3 heading with an ``id``),
so the guide's HTML is the only place a section is written down. Search finds every occurrence
of a phrase (case-insensitive) in the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument

TOC_LEVELS = (2, 3)  # h2: chapters, h3: sections


@dataclass(frozen=True)
class Section:
    """One heading of the guide: its level (2 or 3), text, anchor and position in the document."""

    level: int
    title: str
    anchor: str
    position: int


def sections(document: QTextDocument) -> list[Section]:
    """The guide's h2/h3 headings that carry an anchor, in document order."""
    found: list[Section] = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level in TOC_LEVELS:
            anchors: list[str] = []
            fragments = block.begin()
            while not fragments.atEnd():
                anchors += fragments.fragment().charFormat().anchorNames()
                fragments += 1
            if anchors:
                found.append(Section(level, block.text().strip(), anchors[0], block.position()))
        block = block.next()
    return found


def section_at(found: list[Section], position: int) -> Section | None:
    """The section a document position lies in: the last heading at or before it (the first
    section for the guide's introduction above every heading; None for a guide without any)."""
    current = found[0] if found else None
    for section in found:
        if section.position > position:
            break
        current = section
    return current


def find_all(document: QTextDocument, text: str) -> list[QTextCursor]:
    """Every occurrence of ``text`` (ignoring case), as selections in document order."""
    matches: list[QTextCursor] = []
    if not text:
        return matches
    cursor = document.find(text, 0)
    while not cursor.isNull():
        matches.append(cursor)
        cursor = document.find(text, cursor)
    return matches
