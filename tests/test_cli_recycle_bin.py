"""The command line and the recycle bin: `fenjie plans` lists only live plans; a deleted plan cannot be
exported until it is restored."""

from __future__ import annotations

from pathlib import Path

from desktop.resources import sample_plan_path
from tests.support.workspaces import Workspace
from tests.test_cli import fenjie, plans


def test_plans_leaves_out_deleted_plans_and_export_refuses_them(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    result = fenjie("import", str(sample_plan_path()), "--title", "第二个计划", db=db)
    assert result.returncode == 0, result.stderr
    second = result.stdout.strip()
    assert [row[0] for row in plans(db)] == ["1", second]

    with Workspace.open(db) as workspace:
        workspace.delete_plan(int(second))
    assert [row[:2] for row in plans(db)] == [["1", "2024年莱芜区政务公开重点工作任务分工"]]

    out = tmp_path / "out.json"
    for wanted in (second, "第二个计划"):
        result = fenjie("export", wanted, "-o", str(out), db=db)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert not out.exists()
    assert "回收站" in fenjie("export", second, "-o", str(out), db=db).stderr

    with Workspace.open(db) as workspace:
        workspace.restore_plan(int(second))
    assert [row[0] for row in plans(db)] == ["1", second]
    result = fenjie("export", second, "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert out.exists()

    with Workspace.open(db) as workspace:
        workspace.delete_plan(int(second))
        workspace.purge_plan(int(second))
    assert [row[0] for row in plans(db)] == ["1"]
