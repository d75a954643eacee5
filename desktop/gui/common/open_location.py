"""Opening an exported file, or the folder it is in, with the desktop's own programs.

:func:`open_url` is the one call into the desktop (``QDesktopServices.openUrl``); tests replace it
with a recorder. :func:`show_in_folder` opens the folder that holds a file; on Windows Explorer
opens with the file selected (``windows_explorer``), elsewhere the folder itself is opened (the
file managers of Linux desktops have no common way to select a file).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop.gui.common import windows_explorer


def open_url(url: QUrl) -> bool:
    """Hand ``url`` to the desktop; False when no program took it."""
    return QDesktopServices.openUrl(url)


def open_file(path: Path) -> bool:
    """Open ``path`` with the program the desktop uses for its type (Word, WPS, Excel, a PDF viewer)."""
    return open_url(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Open the folder holding ``path`` (or ``path`` itself when it is a folder)."""
    if path.is_dir():
        return open_url(QUrl.fromLocalFile(str(path)))
    if sys.platform == "win32":
        return windows_explorer.select_in_explorer(path)
    return open_url(QUrl.fromLocalFile(str(path.parent)))
