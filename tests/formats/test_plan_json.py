"""fenjie-plan/1: lossless, deterministic, minimal documents import, bad documents are refused plainly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.numbering import compute_numbers
from desktop.core.textclean import normalise_space
from desktop.formats import plan_json
from desktop.formats.errors import FormatError
from desktop.resources import sample_plan_path


def test_bundled_sample_round_trips_byte_for_byte() -> None:
    text = sample_plan_path().read_text(encoding="utf-8")
    assert plan_json.dumps(plan_json.loads(text)) == text


def test_bundled_sample_matches_the_canonical_annex(samples_dir: Path) -> None:
    canonical = json.loads((samples_dir / "laiwu-2024.canonical.json").read_text(encoding="utf-8"))
    plan = plan_json.read_plan(sample_plan_path())
    numbers = compute_numbers(plan)
    leaves = plan.leaves()
    assert len(leaves) == len(canonical["leaves"]) == 59
    for leaf, row in zip(leaves, canonical["leaves"], strict=True):
        path = [normalise_space(numbers[a.id] + a.text) for a in leaf.ancestors()]
        assert path == [normalise_space(p) for p in row["path"]]
        assert normalise_space(leaf.text) == normalise_space(row["text"])
        for key in ("units", "deadline"):
            assert normalise_space(leaf.effective(key)) == normalise_space(row[key])


def test_minimal_document_imports_with_defaults() -> None:
    plan = plan_json.loads(json.dumps({
        "format": "fenjie-plan/1", "title": "最小计划",
        "tasks": [{"text": "类别", "units": "区财政局", "children": [{"text": "要求", "deadline": ""}]}],
    }))
    assert plan.title == "最小计划"
    assert plan.fields["attachment_label"] == "附件"
    leaf = plan.leaves()[0]
    assert leaf.effective("units") == "区财政局"
    assert "deadline" in leaf.attrs and leaf.effective("deadline") == ""
    out = json.loads(plan_json.dumps(plan))
    assert out["style"]["name"] == "laiwu2024"
    assert out["tasks"][0]["children"][0] == {"text": "要求", "deadline": ""}


@pytest.mark.parametrize("document, message", [
    ("[]", "最外层"),
    ('{"format": "other", "title": "x", "tasks": []}', "不是 Fenjie 计划文件"),
    ('{"format": "fenjie-plan/9", "title": "x", "tasks": []}', "版本"),
    ('{"format": "fenjie-plan/1", "tasks": []}', "标题"),
    ('{"format": "fenjie-plan/1", "title": "x"}', "任务列表"),
    ('{"format": "fenjie-plan/1", "title": "x", "tasks": [{"text": 5}]}', "文字"),
    ('{"format": "fenjie-plan/1", "title": "x", "tasks": [{"text": "a", "units": ["x"]}]}', "文字"),
    ('{"format": "fenjie-plan/1", "title": "x", "year": "2024", "tasks": []}', "年份"),
    ('{"format": "fenjie-plan/1", "title": "x", "numbering": ["roman"], "tasks": []}', "编号样式"),
    ('{"format": "fenjie-plan/1", "title": "x", "style": {"columns": []}, "tasks": []}', "具体要求"),
    ('{"format": "fenjie-plan/1", "title": "x", "tasks": [', "JSON 格式错误"),
    ("[" * 100000 + "]" * 100000, "嵌套过深"),
])
def test_bad_documents_give_one_plain_sentence(document: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        plan_json.loads(document)


def test_deep_task_nesting_is_refused() -> None:
    node: dict = {"text": "叶"}
    for _ in range(40):
        node = {"text": "层", "children": [node]}
    with pytest.raises(FormatError, match="层级"):
        plan_json.loads(json.dumps({"format": "fenjie-plan/1", "title": "深", "tasks": [node]}))
