"""Comparison cases written out: merges, splits, moves among siblings, identity, categories."""

from __future__ import annotations

from desktop.core.compare import accept_batch, compare_plans
from desktop.core.compare.accept import clone_plan, content_signature
from desktop.core.compare.textdiff import inline_diff, similarity
from desktop.core.model import Plan
from desktop.core.operations import DeleteTask, InsertTask, MoveTask, SetText

ROWS = ("全面推进政府信息主动公开，及时发布重大决策部署。",
        "加强政策解读工作，做好政策文件与解读材料同步起草。",
        "规范依申请公开办理流程，提升答复质量和效率。",
        "推进基层政务公开标准化规范化建设，更新公开事项目录。",
        "做好政府网站和政务新媒体日常监管，确保信息安全。")


def _plan(rows: tuple[str, ...] = ROWS) -> Plan:
    plan = Plan("对照测试", year=2024)
    top = plan.make_task("一类工作", {"deadline": "2024年12月底前"})
    plan.insert_subtree(0, 0, top)
    for index, text in enumerate(rows):
        plan.insert_subtree(top.id, index, plan.make_task(text, {"units": "区政府办公室"}))
    other = plan.make_task("二类工作")
    plan.insert_subtree(0, 1, other)
    plan.insert_subtree(other.id, 0, plan.make_task("加强政务公开队伍建设，组织开展业务培训。"))
    plan.take_journal()
    return plan


def _accept_all_equals(old: Plan, new: Plan, identity: bool = False) -> None:
    result = compare_plans(old, new, identity=identity)
    target = clone_plan(old)
    accept_batch(target, new, result, result.changes()).apply(target)
    assert content_signature(target) == content_signature(new)


def test_identical_plans_have_no_changes() -> None:
    plan = _plan()
    result = compare_plans(plan, clone_plan(plan))
    assert result.changes() == []
    assert result.counts()["same"] == 8


def test_merge_of_two_rows_is_recognised() -> None:
    old = _plan()
    new = clone_plan(old)
    first, second = old.root.children[0].children[:2]
    SetText(first.id, first.text + second.text).apply(new)
    DeleteTask(second.id).apply(new)
    result = compare_plans(old, new, identity=False)
    merged = [e for e in result.changes() if e.kind == "merged"]
    assert len(merged) == 1 and len(result.changes()) == 1
    assert sorted(merged[0].old_ids) == [first.id, second.id]
    assert result.counts()["merged"] == 1
    _accept_all_equals(old, new)


def test_split_into_two_rows_is_recognised_by_identity_too() -> None:
    old = _plan()
    new = clone_plan(old)
    row = old.root.children[0].children[1]
    SetText(row.id, "加强政策解读工作，").apply(new)
    InsertTask(row.parent.id, 2, {"id": new.next_id, "text": "做好政策文件与解读材料同步起草。"}).apply(new)
    for identity in (True, False):
        result = compare_plans(old, new, identity=identity)
        assert [e.kind for e in result.changes()] == ["split"]
        assert result.changes()[0].old_ids == [row.id]
        assert len(result.changes()[0].new_ids) == 2
        _accept_all_equals(old, new, identity)


def test_merge_of_three_rows_without_a_similar_part() -> None:
    old = _plan()
    new = clone_plan(old)
    rows = old.root.children[0].children[:3]
    SetText(rows[0].id, "".join(r.text for r in rows)).apply(new)
    for row in rows[1:]:
        DeleteTask(row.id).apply(new)
    new2 = clone_plan(new)
    result = compare_plans(old, new2, identity=False)
    assert [e.kind for e in result.changes()] == ["merged"]
    assert len(result.changes()[0].old_ids) == 3


def test_move_among_siblings_is_one_move() -> None:
    old = _plan()
    new = clone_plan(old)
    top = old.root.children[0]
    MoveTask(top.children[0].id, top.id, 3).apply(new)
    result = compare_plans(old, new, identity=False)
    assert [(e.kind, e.moved, e.old_ids) for e in result.changes()] == [("same", True, [top.children[0].id])]
    assert result.counts()["moved"] == 1
    _accept_all_equals(old, new)


def test_reword_and_deadline_change_by_identity() -> None:
    old = _plan()
    old.id = 5  # as loaded from a workspace: its snapshot and the plan share task ids
    new = clone_plan(old)
    row = old.root.children[0].children[2]
    SetText(row.id, "完全不同的一段文字，与原文没有任何相同之处啊").apply(new)
    new[row.id].attrs["deadline"] = "2024年6月底前"
    result = compare_plans(old, new)  # same plan id: matched by task id however much it changed
    assert new.id == old.id
    changes = result.changes()
    assert [e.kind for e in changes] == ["changed"]
    assert [(c.key, c.old, c.new) for c in changes[0].attrs] == [
        ("deadline", "2024年12月底前", "2024年6月底前")]
    assert "完成时限由“2024年12月底前”改为“2024年6月底前”" in changes[0].describe()


def test_category_renamed_keeps_its_rows() -> None:
    old = _plan()
    new = clone_plan(old)
    SetText(old.root.children[0].id, "一类重点工作").apply(new)
    result = compare_plans(old, new, identity=False)
    assert [(e.kind, e.is_leaf) for e in result.changes()] == [("changed", False)]


def test_unrelated_text_is_a_removal_and_an_addition() -> None:
    old = _plan()
    new = clone_plan(old)
    row = old.root.children[0].children[4]
    SetText(row.id, "组织召开年度工作总结会议并表彰先进集体").apply(new)
    result = compare_plans(old, new, identity=False)
    assert sorted(e.kind for e in result.changes()) == ["added", "removed"]
    _accept_all_equals(old, new)


def test_inline_diff_and_similarity() -> None:
    assert inline_diff("加强政策解读", "加强政策的解读") == [("equal", "加强政策"), ("insert", "的"),
                                                          ("equal", "解读")]
    assert similarity("加强政策解读工作", "加强政策解读工作") == 1.0
    assert similarity("", "任务") == 0.0
    assert 0.6 < similarity("加强政策解读工作", "加强政策解读工") < 1.0


def test_partial_acceptance_takes_only_the_chosen_entries() -> None:
    old = _plan()
    new = clone_plan(old)
    rows = old.root.children[0].children
    SetText(rows[0].id, rows[0].text.replace("全面", "持续")).apply(new)
    DeleteTask(rows[3].id).apply(new)
    result = compare_plans(old, new, identity=False)
    changed = [e for e in result.changes() if e.kind == "changed"]
    target = clone_plan(old)
    accept_batch(target, new, result, changed).apply(target)
    assert target[rows[0].id].text.startswith("持续")
    assert rows[3].id in target


def test_deleted_row_inside_an_unchanged_row_is_not_a_merge() -> None:
    old = _plan(("加强政策解读工作。", "加强政策解读工作，做好政策文件与解读材料同步起草。", *ROWS[2:]))
    new = clone_plan(old)
    DeleteTask(old.root.children[0].children[0].id).apply(new)
    result = compare_plans(old, new, identity=False)
    assert [e.kind for e in result.changes()] == ["removed"]
