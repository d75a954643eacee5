"""A second start on the same workspace hands its files to the running window (issue 11 defect 1).

Two real app processes, offscreen: the first runs ``fenjie --db W``; the second,
``fenjie --db W open plan.fenjie`` (what double-clicking a plan runs), must end at once without a
window of its own, and the first imports the file: the plan appears in the workspace exactly once.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.model import Plan
from desktop.formats.plan_json import dumps
from desktop.gui.shell.single_instance import hand_over, is_running, server_name

REPO = Path(__file__).resolve().parents[3]


def app_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(REPO))
    env.pop("FENJIE_EXIT_AFTER_SHOW", None)
    return env


@pytest.fixture
def running(qapp, qtbot, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    db = tmp_path / "w.sqlite3"
    first = subprocess.Popen([sys.executable, "-m", "desktop", "--db", str(db)], cwd=REPO,
                             env=app_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        qtbot.waitUntil(lambda: first.poll() is not None or is_running(db), timeout=60000)
        assert first.poll() is None, first.stderr.read().decode() if first.stderr else ""
        yield first, db
    finally:
        first.terminate()
        first.wait(timeout=30)


def titles(db: Path) -> list[str]:
    with sqlite3.connect(str(db)) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM plans WHERE deleted_at IS NULL")]


def test_a_second_start_hands_its_file_to_the_running_window(qtbot, running, tmp_path: Path) -> None:
    first, db = running
    plan = Plan("双击打开的计划")
    plan.insert_subtree(plan.ROOT_ID, 0, plan.make_task("一项任务"))
    plan_file = tmp_path / "双击.fenjie"
    plan_file.write_text(dumps(plan), encoding="utf-8")

    second = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "open", str(plan_file)],
                            cwd=REPO, env=app_env(tmp_path), capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr.decode()
    qtbot.waitUntil(lambda: "双击打开的计划" in titles(db), timeout=30000)
    assert titles(db).count("双击打开的计划") == 1
    assert first.poll() is None  # the first window is still the one running


def test_nobody_listening_means_no_hand_over(qapp, tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite3"
    assert not hand_over(db, [tmp_path / "x.fenjie"])
    assert server_name(db) == server_name(tmp_path / "." / "none.sqlite3")
