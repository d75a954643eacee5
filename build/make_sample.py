"""Regenerate resources/samples/laiwu-2024.fenjie.json from shared/samples/laiwu-2024.canonical.json.

Run from the repository root: ``python build/make_sample.py``. The result is committed; the app
ships it and a new workspace starts with it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.formats import plan_json  # noqa: E402
from desktop.formats.tables.canonical import plan_from_canonical  # noqa: E402
from desktop.resources import sample_plan_path  # noqa: E402


def main() -> None:
    source = ROOT.parent / "shared" / "samples" / "laiwu-2024.canonical.json"
    plan = plan_from_canonical(source)
    plan.set_field("year", 2024)
    plan.set_field("issuing_office", "莱芜区人民政府办公室")
    plan.take_journal()
    target = sample_plan_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(plan_json.dumps(plan), encoding="utf-8")
    print(target)


if __name__ == "__main__":
    main()
