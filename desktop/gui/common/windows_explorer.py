"""Windows only: open Explorer on a file's folder with the file selected.

``explorer /select, <path>`` is how Windows programs "show in folder" (Qt Creator does the same);
the path goes as its own argument so QProcess quotes it when it holds spaces, and it must use
backslashes. Called only on Windows (``open_location.show_in_folder``).
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

from PySide6.QtCore import QProcess


def explorer_arguments(path: Path) -> list[str]:
    """The arguments that make explorer.exe open ``path``'s folder with ``path`` selected."""
    return ["/select,", str(PureWindowsPath(str(path)))]


def select_in_explorer(path: Path) -> bool:
    """Start Explorer with ``path`` selected; False when it could not be started."""
    started, _pid = QProcess.startDetached("explorer.exe", explorer_arguments(path.resolve()))
    return bool(started)
