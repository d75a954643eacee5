"""Background jobs: results and plain sentences come back on the UI thread; unexpected errors are logged."""

from __future__ import annotations

from pathlib import Path

from desktop.core.model import PlanError
from desktop.gui.common.workers import CancelToken, start_job
from desktop.gui.shell.crash_report import install_crash_reporter


def test_a_result_comes_back_through_done(qtbot) -> None:
    job = start_job(None, "计算中…", lambda _token: 6 * 7)
    with qtbot.waitSignal(job.done, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]


def test_a_plan_error_is_its_own_sentence_and_no_crash_log(qtbot, crash_hooks: Path) -> None:
    install_crash_reporter(crash_hooks)

    def work(_token: CancelToken) -> None:
        raise PlanError("文件里没有任务。")

    job = start_job(None, "导入中…", work)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        pass
    assert blocker.args == ["文件里没有任务。"]
    assert not crash_hooks.exists()


def test_an_unexpected_error_is_logged_and_the_sentence_names_the_log(qtbot, crash_hooks: Path) -> None:
    install_crash_reporter(crash_hooks)

    def export_rows(_token: CancelToken) -> None:
        raise KeyError("缺少的列")

    job = start_job(None, "导出中…", export_rows)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        pass
    [log] = crash_hooks.iterdir()
    [message] = blocker.args
    assert message == f"操作没有完成：程序遇到了意外的错误，错误报告已保存到 {log}。"
    report = log.read_text(encoding="utf-8")
    assert "KeyError: '缺少的列'" in report and "in export_rows" in report and "Qt：" in report
