"""Benchmark: comparing two 2,000-row plans (a plan and a copy with 10 % of its rows edited).

Run from the repository root: ``python -m tests.bench.bench_compare [--leaves 2000]``.
Target (issue 16): ≤ 1 s, matching by content (as for a unit's returned file) and by task id.
The copy has rows reworded, moved to other categories, unit cells changed, added and deleted.
"""

from __future__ import annotations

import argparse
import random
import time

from desktop.core.compare import compare_plans
from desktop.core.model import Plan
from tests.core.compare.edits import ADDED_TEXTS, NEW_UNITS, Editor
from tests.support.generated import generated_plan


def edited_copy(base: Plan, share: float, seed: int = 3) -> Editor:
    """A copy with ``share`` of the leaves edited, in equal parts per kind of edit."""
    rng = random.Random(seed)
    editor = Editor(base)
    plan = editor.plan
    leaves = plan.leaves()
    rng.shuffle(leaves)
    picked = leaves[:int(len(leaves) * share)]
    categories = [t for t in plan.tasks() if t.children and not t.children[0].children]
    for n, leaf in enumerate(picked):
        kind = n % 5
        if kind == 0:
            editor.reword(leaf.id, rng.randrange(40))
        elif kind == 1:
            editor.move(leaf.id, rng.choice(categories).id, rng.randrange(5))
        elif kind == 2:
            editor.set_units(leaf.id, rng.choice(NEW_UNITS))
        elif kind == 3:
            text = ADDED_TEXTS[n % len(ADDED_TEXTS)] + str(n)
            editor.add(rng.choice(categories).id, rng.randrange(5), text)
        elif leaf.parent is not None and len(leaf.parent.children) > 1:
            editor.delete(leaf.id)
    return editor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leaves", type=int, default=2000)
    parser.add_argument("--share", type=float, default=0.1)
    args = parser.parse_args()
    base = generated_plan(args.leaves, seed=11)
    base.id = 1
    edited = edited_copy(base, args.share).plan
    rows = sum(1 for _ in base.tasks())
    for identity in (False, True):
        start = time.perf_counter()
        result = compare_plans(base, edited, identity=identity)
        elapsed = time.perf_counter() - start
        how = "by task id" if identity else "by content"
        print(f"compare {args.leaves} leaves ({rows} rows), {how}: {elapsed * 1000:.0f} ms"
              f" — {result.summary()}")


if __name__ == "__main__":
    main()
