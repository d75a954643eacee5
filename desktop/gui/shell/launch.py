"""Starting the GUI: prepare the QApplication (icon, Chinese Qt dialogs, crash reports), then ``run_app``.

``fenjie`` without a command calls :func:`launch`; so does ``fenjie open FILE`` (what
double-clicking a .fenjie plan runs), after importing the file into the workspace. Before the main
window exists it sets the window icon from resources/icons, loads Qt's own Simplified Chinese
translations (the buttons of file, print and message dialogs), makes zh_CN the default locale
(month and day names of the date picker) and installs the crash dialog. With
the environment variable ``FENJIE_EXIT_AFTER_SHOW=1`` the app quits as soon as its main window has
been shown and painted, which is how tests/bench/bench_startup.py and the frozen-bundle test time
a start.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from desktop.core.model import PlanError
from desktop.gui.shell.crash_report import install_crash_reporter
from desktop.gui.shell.qt_chinese import MissingChinese
from desktop.resources import app_icon_path

EXIT_AFTER_SHOW = "FENJIE_EXIT_AFTER_SHOW"
QT_CATALOGUES = ("qtbase",)
LOCALE = "zh_CN"


def launch(db_path: Path | None = None, argv: list[str] | None = None,
           open_files: Sequence[Path] = ()) -> int:
    """Prepare the application, import ``open_files`` into the workspace, run the main window.

    When a window already runs on the same workspace, the files are handed to it instead and this
    start ends (see :mod:`desktop.gui.shell.single_instance`): one window per workspace.
    """
    prepare_application(argv)
    from desktop.gui.shell.single_instance import hand_over
    from desktop.store.paths import resolve_db_path

    if hand_over(resolve_db_path(db_path), open_files):
        return 0
    for path in open_files:
        import_into_workspace(db_path, path)
    from desktop.gui.shell.app import run_app

    return run_app(db_path, argv)


def import_into_workspace(db_path: Path | None, path: Path) -> int | None:
    """Add the plan in ``path`` to the workspace (a double-clicked .fenjie file); returns its id.

    A file that cannot be imported is explained in a message box and the app starts anyway.
    """
    from desktop.formats.importers import import_file
    from desktop.store.workspace import Workspace

    try:
        with Workspace.open(db_path) as workspace:
            plan = import_file(path, unit_names=workspace.units().names())
            return workspace.add_plan(plan).plan_id
    except PlanError as error:
        QMessageBox.warning(None, "无法打开计划文件", f"“{path.name}”：{error}")
        return None


def prepare_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (``app.make_application``) with icon, translations, crash reporter and probe."""
    from desktop.gui.shell.app import make_application

    app = make_application(argv)
    app.setWindowIcon(QIcon(str(app_icon_path())))
    install_qt_translations(app)
    use_chinese_locale()
    install_crash_reporter()
    if os.environ.get(EXIT_AFTER_SHOW, "").strip() not in ("", "0"):
        ExitAfterShow(app)
    return app


def translation_folders() -> list[str]:
    """Where Qt's .qm files may be: Qt's own answer first, then PySide6's folders (a frozen
    bundle keeps them beside the PySide6 package)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
               str(package / "Qt" / "translations"), str(package / "translations")]
    return list(dict.fromkeys(folders))


def install_qt_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's zh_CN catalogues (from the Qt installation, or the bundle's copy); returns them."""
    installed: list[QTranslator] = []
    for catalogue in QT_CATALOGUES:
        translator = QTranslator(app)
        if any(translator.load(QLocale(LOCALE), catalogue, "_", folder) for folder in translation_folders()):
            app.installTranslator(translator)
            installed.append(translator)
    if installed:  # the strings Qt's zh_CN catalogue lacks; asked first, as the last installed
        fallback = MissingChinese(app)
        app.installTranslator(fallback)
        installed.append(fallback)
    return installed


def use_chinese_locale() -> None:
    """Month and day names (the date picker, date boxes) in Chinese whatever the system's LANG."""
    QLocale.setDefault(QLocale("zh_CN"))


class ExitAfterShow(QObject):
    """Calls ``quit_app`` (default: quit the application) right after the first paint of a QMainWindow."""

    def __init__(self, app: QApplication, quit_app: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.quit_app = quit_app or app.quit
        self.fired = False
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self.fired and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and isinstance(watched.window(), QMainWindow) and watched.window().isVisible()):
            self.fired = True
            self.app.removeEventFilter(self)
            QTimer.singleShot(0, self.quit_app)  # after this paint has finished
        return False
