"""Crash reports: written to the data folder's logs/, never sent; one plain sentence on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import TracebackType

from desktop import crashlog
from desktop.version import app_version

REPO = Path(__file__).resolve().parent.parent


def raised() -> tuple[type[BaseException], BaseException, TracebackType | None]:
    try:
        {}["缺少的键"]
    except KeyError as error:
        return type(error), error, error.__traceback__
    raise AssertionError("unreachable")


def test_the_report_has_the_facts_and_the_traceback() -> None:
    kind, error, trace = raised()
    report = crashlog.format_report(kind, error, trace, extra={"Qt": "6.x"},
                                    when=datetime(2024, 5, 6, 7, 8, 9))
    assert report.startswith("Fenjie 错误报告\n时间：2024-05-06T07:08:09")
    assert f"版本：fenjie {app_version()}（源代码）" in report
    assert "Qt：6.x" in report
    assert "Traceback (most recent call last):" in report
    assert "KeyError: '缺少的键'" in report
    assert "raised" in report  # the function where it happened


def test_reports_go_to_the_data_folder_and_only_the_newest_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    written = [crashlog.write_report(f"报告 {i}\n", folder, keep=3) for i in range(5)]
    assert all(path is not None and path.parent == folder for path in written)
    left = sorted(folder.iterdir())
    assert [p.read_text(encoding="utf-8") for p in left] == ["报告 2\n", "报告 3\n", "报告 4\n"]
    assert all(p.name.startswith("crash-") and p.suffix == ".log" for p in left)


def test_an_unwritable_folder_gives_none_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert crashlog.write_report("报告", blocker / "logs") is None


def test_the_default_folder_is_beside_the_workspace(tmp_path: Path) -> None:
    probe = "from desktop.crashlog import log_dir; from desktop.store.paths import default_db_path\n" \
            "print(log_dir()); print(default_db_path().parent)"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=60)
    logs, data = result.stdout.split()
    assert Path(logs) == Path(data) / "logs" == tmp_path / "Fenjie" / "logs"


def test_an_unhandled_error_on_the_command_line_is_logged_and_told_in_one_sentence(tmp_path: Path) -> None:
    probe = ("from desktop import crashlog\ncrashlog.install()\n"
             "def export():\n    raise ValueError('出错的示例')\nexport()\n")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    [log] = (tmp_path / "Fenjie" / "logs").iterdir()
    expected = f"fenjie: Fenjie 出现了意外错误（ValueError: 出错的示例），错误报告已保存到 {log}。"
    assert result.stderr.strip() == expected
    report = log.read_text(encoding="utf-8")
    assert "ValueError: 出错的示例" in report and "in export" in report


def test_errors_in_other_threads_are_logged_too(tmp_path: Path) -> None:
    probe = ("import threading\nfrom desktop import crashlog\ncrashlog.install()\n"
             "def work():\n    raise RuntimeError('线程里的错误')\n"
             "t = threading.Thread(target=work); t.start(); t.join(); print('主线程继续')\n")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "主线程继续"
    [log] = (tmp_path / "Fenjie" / "logs").iterdir()
    assert "RuntimeError: 线程里的错误" in log.read_text(encoding="utf-8")
    assert "线程里的错误" in result.stderr


def test_ctrl_c_is_left_to_python(tmp_path: Path) -> None:
    probe = "from desktop import crashlog\ncrashlog.install()\nraise KeyboardInterrupt\n"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0 and "KeyboardInterrupt" in result.stderr
    assert not (tmp_path / "Fenjie" / "logs").exists()
