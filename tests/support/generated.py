"""Generated plans of any size for tests and benchmarks: 4 levels, units, deadlines, long CJK text."""

from __future__ import annotations

import random

from desktop.core.model import Plan, Task
from desktop.core.style import PRESETS

_WORDS = ("政务公开", "信息发布", "政策解读", "回应关切", "平台建设", "制度规范", "依申请公开",
          "重点领域", "民生保障", "营商环境", "数据开放", "基层标准化", "监督考核", "新闻发布会")
UNITS = ("区政府办公室", "区发展改革局", "区财政局", "区教育和体育局", "区住房城乡建设局",
         "区农业农村局", "区人力资源社会保障局", "区卫生健康局", "区市场监管局", "各街道（镇）",
         "区政府各部门单位", "区商务综合服务中心", "区自然资源局", "区民政局", "区司法局")
DEADLINES = ("2024年12月底前", "2024年6月底前", "长期坚持", "持续推进", "年底前", "第三季度")


def _sentence(rng: random.Random, words: int) -> str:
    return "，".join("加强" + rng.choice(_WORDS) + "工作" for _ in range(words)) + "。"


def generated_plan(leaves: int = 2000, seed: int = 7, per_category: int = 5) -> Plan:
    """A plan of ``leaves`` requirement rows under 4 category levels, in the Zichuan (4-level) style."""
    rng = random.Random(seed)
    plan = Plan(f"生成的 {leaves} 行测试计划", year=2024, style=PRESETS["zichuan2020"].to_dict())
    made = 0

    def add(parent: Task, text: str, attrs: dict[str, str] | None = None) -> Task:
        task = plan.make_task(text, attrs)
        plan.insert_subtree(parent.id, len(parent.children), task)
        return task

    level1 = 0
    while made < leaves:
        level1 += 1
        top = add(plan.root, f"第{level1}方面重点任务" + rng.choice(_WORDS),
                  {"deadline": rng.choice(DEADLINES)})
        for _ in range(3):
            second = add(top, "推进" + rng.choice(_WORDS) + "工作")
            for _ in range(2):
                third = add(second, "完善" + rng.choice(_WORDS) + "机制",
                            {"units": "、".join(rng.sample(UNITS, 2))})
                for _ in range(2):
                    fourth = add(third, "落实" + rng.choice(_WORDS))
                    for _ in range(per_category):
                        if made >= leaves:
                            break
                        attrs = {"units": "、".join(rng.sample(UNITS, 3))} if rng.random() < 0.5 else {}
                        add(fourth, _sentence(rng, rng.randint(3, 8)), attrs)
                        made += 1
    _prune_empty(plan)
    plan.take_journal()
    return plan


def _prune_empty(plan: Plan) -> None:
    for task in reversed(list(plan.tasks())):
        if not task.children and task.depth < 5:
            plan.remove_subtree(task.id)
