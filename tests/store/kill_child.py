"""The process the crash test kills: applies a long run of random edits, one line per committed edit.

Run as ``python -m tests.store.kill_child DB SEED``. It prints ``plan <id>`` once the starting
plan is stored, then the running count after each ``Workspace.apply`` has returned, flushed.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tests.support.op_mix import next_op, start_plan
from tests.support.workspaces import Workspace

LIMIT = 1_000_000


def main(argv: list[str]) -> int:
    db_path, seed = Path(argv[0]), int(argv[1])
    workspace = Workspace.open(db_path, seed_sample=False)
    plan = start_plan(seed)
    workspace.add_plan(plan)
    sys.stdout.write(f"plan {plan.id}\n")
    sys.stdout.flush()
    rng = random.Random(seed)
    for count in range(1, LIMIT + 1):
        workspace.apply(plan, next_op(plan, rng))
        sys.stdout.write(f"{count}\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
