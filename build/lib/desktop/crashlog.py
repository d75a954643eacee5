"""Crash reports: an unhandled exception becomes a report written to the user's data folder.

Nothing is ever sent anywhere. The report says what Fenjie was doing (version, Python, system,
the command line) and ends with the traceback; it is written to ``<data folder>/Fenjie/logs/``
(e.g. %LOCALAPPDATA%\\Fenjie\\logs on Windows, ~/.local/share/Fenjie/logs on Linux), beside the
workspace, keeping the newest :data:`KEEP` reports. The command line installs :func:`install`
to print one plain sentence and the log file's path; the GUI adds a dialog on top
(``desktop.gui.shell.crash_report``). An unexpected error that the program catches and turns
into a sentence of its own (a failed background job) is written with :func:`record`, to the same
folder, so every failure reaches the log. No Qt here.
"""

from __future__ import annotations

import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType

from platformdirs import user_data_dir

from desktop.store.paths import APP_NAME
from desktop.version import app_version

KEEP = 20
PREFIX = "crash-"
SUFFIX = ".log"

# Told about each crash: the exception, the report and the log file (None when it could not be written).
Reporter = Callable[[BaseException, str, Path | None], None]
Facts = Callable[[], Mapping[str, str]]


class _Installed:
    """Where :func:`install` sends reports, so that :func:`record` writes to the same place."""

    folder: Path | None = None
    extra: Facts | None = None


def log_dir() -> Path:
    """``<user data folder>/Fenjie/logs``: beside the workspace, never next to the executable."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "logs"


def format_report(kind: type[BaseException], error: BaseException, trace: TracebackType | None, *,
                  extra: Mapping[str, str] | None = None, when: datetime | None = None) -> str:
    """The text of a crash report: facts about the program, then the traceback."""
    moment = (when or datetime.now()).astimezone()
    lines = [
        "Fenjie 错误报告",
        f"时间：{moment.isoformat(timespec='seconds')}",
        f"版本：fenjie {app_version()}（{'安装包' if getattr(sys, 'frozen', False) else '源代码'}）",
        f"Python：{platform.python_version()} ({platform.python_implementation()})",
        f"系统：{platform.platform()}",
        f"命令行：{' '.join(sys.argv)}",
    ]
    lines += [f"{key}：{value}" for key, value in (extra or {}).items()]
    lines.append("")
    lines += traceback.format_exception(kind, error, trace)
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_report(report: str, folder: Path | None = None, *, keep: int = KEEP) -> Path | None:
    """Write the report to a new file in ``folder`` (default :func:`log_dir`), dropping the oldest.

    Never raises: a crash handler must not crash. Returns None when nothing could be written.
    """
    target_dir = log_dir() if folder is None else folder
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{PREFIX}{stamp}-{os.getpid()}{SUFFIX}"
        target.write_text(report, encoding="utf-8")
    except OSError:
        return None
    _prune(target_dir, keep)
    return target


def _prune(folder: Path, keep: int) -> None:
    try:
        reports = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))
        for old in reports[:-keep] if keep > 0 else reports:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _facts(extra: Facts | None) -> Mapping[str, str] | None:
    """The extra report lines, or none when gathering them fails (a report must still be written)."""
    if extra is None:
        return None
    try:
        return extra()
    except Exception as error:
        return {"附加信息": f"无法取得（{type(error).__name__}: {error}）"}


def record(error: BaseException) -> Path | None:
    """Write a report for ``error``, caught by the program but not expected (never raises).

    It goes where :func:`install` sends crash reports (default :func:`log_dir`); returns the log
    file, or None when nothing could be written. Safe to call from any thread.
    """
    try:
        report = format_report(type(error), error, error.__traceback__, extra=_facts(_Installed.extra))
    except Exception:  # formatting failed: keep at least the error's own words
        report = f"Fenjie 错误报告\n\n{type(error).__name__}: {error}\n"
    return write_report(report, _Installed.folder)


def failure_sentence(error: BaseException) -> str:
    """Record ``error`` (see :func:`record`) and return one sentence naming the log file."""
    log = record(error)
    if log is None:
        return "程序遇到了意外的错误，错误报告未能写入磁盘。"
    return f"程序遇到了意外的错误，错误报告已保存到 {log}。"


def plain_message(error: BaseException, log: Path | None) -> str:
    """One sentence for the user about the crash and where its report is."""
    what = f"{type(error).__name__}: {error}".strip().rstrip(":")
    if log is None:
        return f"Fenjie 出现了意外错误（{what}），错误报告未能写入磁盘。"
    return f"Fenjie 出现了意外错误（{what}），错误报告已保存到 {log}。"


def _print_to_stderr(error: BaseException, report: str, log: Path | None) -> None:
    del report  # the full report is in the log file
    if sys.stderr is not None:  # a windowed Windows program has no standard error
        sys.stderr.write(f"fenjie: {plain_message(error, log)}\n")


def install(reporter: Reporter | None = None, *, folder: Path | None = None,
            extra: Callable[[], Mapping[str, str]] | None = None) -> None:
    """Route unhandled exceptions (main thread and other threads) to a logged crash report.

    ``reporter`` is told about each report after it is written (default: one sentence on standard
    error); ``extra`` adds lines to the report (e.g. the Qt version). Ctrl+C keeps Python's handling.
    """
    tell = reporter or _print_to_stderr
    _Installed.folder, _Installed.extra = folder, extra

    def handle(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        report = format_report(kind, error, trace, extra=_facts(extra))
        log = write_report(report, folder)
        try:
            tell(error, report, log)
        except Exception as failure:  # the reporter itself failed: log that too, then the plain sentence
            record(failure)
            _print_to_stderr(error, report, log)

    def handle_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            handle(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = handle
    threading.excepthook = handle_thread
