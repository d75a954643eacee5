"""One of the two writers of the two-writer stress test; prints one line per acknowledged or refused edit.

Run as ``python -m tests.store.stress_writer DB PLAN_ID NAME SECONDS MODE``. ``MODE`` ``cli`` edits
through ``Workspace`` as the command line does (a refused write is reported and the plan read
again); ``app`` goes through the GUI's :class:`PlanSession` (a stale write is reloaded and applied
again, a busy one kept pending and retried) on a Qt core application without a window.

Edits: new tasks under a random top-level task (with a text naming the writer) and new texts for
the shared first leaves, so both writers fight over the same rows. Lines:
``ok <task id> <plan revision> <text>`` once an edit is stored, ``refused <text>\t<sentence>``
when it was refused with a message.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from desktop.core import operations as ops
from desktop.core.model import Plan, PlanError
from desktop.core.operations import Operation
from desktop.store.errors import StaleWrite
from desktop.store.workspace import Workspace

SHARED = 4  # the first leaves, edited by both writers


def _edit(plan: Plan, rng: random.Random, name: str, count: int) -> tuple[Operation, int, str]:
    text = f"{name}-{count}"
    if rng.random() < 0.5:
        leaf = plan.leaves()[rng.randrange(SHARED)].id
        return ops.SetText(leaf, text), leaf, text
    parent = plan.root.children[rng.randrange(len(plan.root.children))].id
    op = ops.make_add_child(plan, parent)
    op.subtree["text"] = text
    return op, int(op.subtree["id"]), text


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run_cli(workspace: Workspace, plan_id: int, name: str, until: float, seed: int) -> None:
    rng = random.Random(seed)
    plan = workspace.load_plan(plan_id)
    count = 0
    while time.monotonic() < until:
        count += 1
        op, task_id, text = _edit(plan, rng, name, count)
        try:
            workspace.apply(plan, op)
        except StaleWrite as error:
            _say(f"refused {text}\t{error}")
            plan = workspace.load_plan(plan_id)
            continue
        except PlanError as error:
            _say(f"refused {text}\t{error}")
            continue
        _say(f"ok {task_id} {plan.revision} {text}")


def run_app(workspace: Workspace, plan_id: int, name: str, until: float, seed: int) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from desktop.gui.plans.plan_session import PlanSession

    app = QCoreApplication([])
    rng = random.Random(seed)
    session = PlanSession(workspace.load_plan(plan_id), workspace.apply, None, workspace.load_plan)
    failures: list[str] = []
    session.failed.connect(failures.append)
    count = 0
    while time.monotonic() < until:
        count += 1
        op, _task_id, text = _edit(session.plan, rng, name, count)
        failures.clear()
        session.do(op)
        while session.pending:  # waiting for the other writer's lock: the session's timer retries
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if failures:
            _say(f"refused {text}\t{failures[-1]}")
            continue
        stored = next((t for t in session.plan.tasks() if t.text == text), None)
        if stored is None:
            _say(f"refused {text}\t(no message)")
            continue
        _say(f"ok {stored.id} {session.plan.revision} {text}")


def main(argv: list[str]) -> int:
    db_path, plan_id, name, seconds, mode = Path(argv[0]), int(argv[1]), argv[2], float(argv[3]), argv[4]
    workspace = Workspace.open(db_path, busy_timeout_ms=100 if mode == "app" else 5000)
    until = time.monotonic() + seconds
    seed = sum(map(ord, name))
    if mode == "app":
        run_app(workspace, plan_id, name, until, seed)
    else:
        run_cli(workspace, plan_id, name, until, seed)
    workspace.close()
    _say("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
