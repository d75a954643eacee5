"""Regenerate resources/units/default-units.json, the units directory a new workspace starts with.

The units are those named in the bundled Laiwu sample plan (resources/samples/laiwu-2024.fenjie.json),
cut with ``desktop.core.units.split_units``; a phrase such as 区财政局等有关部门单位 contributes the
unit it starts with. They are listed in the order a district government lists its offices
(区政府办公室 first, then the departments, then the groups). Run from the repository root:
``python build/make_units.py``. The result is committed; the app ships it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.core.model import UNIT_ATTRIBUTES  # noqa: E402
from desktop.core.units import guess_kind, split_units  # noqa: E402
from desktop.formats.plan_json import read_plan  # noqa: E402
from desktop.resources import default_units_path, sample_plan_path  # noqa: E402

FORMAT = "fenjie-units/1"
FREE_TEXT_TAIL = "等有关部门单位"
# The usual order of a district government's offices; groups come last.
ORDER = (
    "区政府办公室", "区发展改革局", "区教育和体育局", "区民政局", "区财政局", "区人力资源社会保障局",
    "市生态环境局莱芜分局", "区住房城乡建设局", "区水务局", "区农业农村局", "区商务综合服务中心",
    "区文化和旅游局", "区卫生健康局", "区城管局", "区行政审批服务局", "区大数据服务中心",
    "各街道（镇）", "区政府各部门单位", "区政府有关部门单位",
)


def names_in_sample() -> set[str]:
    plan = read_plan(sample_plan_path())
    found: set[str] = set()
    for task in plan.tasks():
        for key in UNIT_ATTRIBUTES:
            for token in split_units(task.attrs.get(key) or ""):
                found.add(token.removesuffix(FREE_TEXT_TAIL))
    return found


def main() -> None:
    found = names_in_sample()
    if found != set(ORDER):
        raise SystemExit(f"ORDER does not match the sample: missing {sorted(found - set(ORDER))}, "
                         f"extra {sorted(set(ORDER) - found)}")
    units = [{"name": name, "short_name": "", "aliases": [], "kind": guess_kind(name)} for name in ORDER]
    data = {"format": FORMAT, "source": read_plan(sample_plan_path()).title, "units": units}
    target = default_units_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(target)


if __name__ == "__main__":
    main()
