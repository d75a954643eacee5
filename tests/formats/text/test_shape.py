"""Shaping a work-plan text in the import preview, on the real 工作要点 / 实施方案 samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.model import Plan
from desktop.core.numbering import compute_numbers, numbering_of
from desktop.core.style import PRESETS, style_of
from desktop.formats.errors import FormatError
from desktop.formats.importers import import_file
from desktop.formats.tables.import_mapping import read_for_import
from desktop.formats.text.shape import ALL_LEFT_OUT, CATEGORY, LIFT, ROW, ImportShape, OutlineSource, Span
from tests.support.canonical_compare import _text, canonical_leaf_rows, first_difference, leaf_rows

GAOXIN_TASKS = ["全面落实试点领域标准指引", "加强政务公开平台规范化建设", "优化完善政务公开制度体系",
                "编制完成其他领域标准指引", "全面建成政务公开标准体系"]


def _source(samples_dir: Path, name: str) -> OutlineSource:
    return OutlineSource.from_text((samples_dir / name).read_text(encoding="utf-8"))


def _top_spans(shaped_plan: Plan, spans: dict[int, Span]) -> list[Span]:
    return [spans[task.id] for task in shaped_plan.root.children]


def _gaoxin_annex_shape(source: OutlineSource) -> ImportShape:
    """Leave out 一、目标要求 and 三、保障措施, lift the tasks of 二、工作任务 to the top."""
    base = source.shaped(ImportShape())
    tops = _top_spans(base.plan, base.spans)
    return ImportShape().leaving_out([tops[0], tops[2]]).with_mode(0, LIFT)


@pytest.mark.parametrize("name", ["gaoxin-2020-plan.txt", "laiwu-2024-body.txt"])
@pytest.mark.parametrize("per_paragraph", [False, True])
def test_the_default_shape_is_what_the_importer_always_gave(samples_dir: Path, name: str,
                                                          per_paragraph: bool) -> None:
    shaped = _source(samples_dir, name).shaped(ImportShape(per_paragraph=per_paragraph))
    imported = import_file(samples_dir / name, per_paragraph=per_paragraph)
    assert leaf_rows(shaped.plan) == leaf_rows(imported)
    assert shaped.plan.fields["note"] == imported.fields["note"]
    assert set(shaped.spans) == {task.id for task in shaped.plan.tasks()}


def test_heading_levels_are_listed_with_their_numbering_and_count(samples_dir: Path) -> None:
    levels = _source(samples_dir, "gaoxin-2020-plan.txt").levels()
    assert [(lv.depth, lv.example, lv.count) for lv in levels] == [(0, "一、", 3), (1, "（一）", 9)]
    assert levels[1].label() == "第 2 级标题（如“（一）”，9 个）"
    laiwu = _source(samples_dir, "laiwu-2024-body.txt").levels()
    assert [(lv.example, lv.count) for lv in laiwu] == [("一、", 6), ("（一）", 16)]


def test_gaoxin_becomes_its_annex_sections_left_out_and_tasks_lifted(samples_dir: Path) -> None:
    source = _source(samples_dir, "gaoxin-2020-plan.txt")
    plan = source.shaped(_gaoxin_annex_shape(source)).plan
    assert [task.text for task in plan.root.children] == GAOXIN_TASKS
    assert all(child.is_leaf for task in plan.root.children for child in task.children)
    assert [len(task.children) for task in plan.root.children] == [3, 4, 16, 2, 1]
    assert [level.scheme for level in numbering_of(plan)] == ["chinese_paren"]
    numbers = compute_numbers(plan)
    assert [numbers[t.id] for t in plan.root.children][:2] == ["（一）", "（二）"]
    assert plan.fields["note"].startswith("为深入贯彻落实")  # the preamble stays the plan's note
    assert plan.title.startswith("淄博高新区")
    assert "目标要求" not in str(leaf_rows(plan)) and "保障措施" not in str(leaf_rows(plan))
    # One level of categories: one 工作任务 column, its width given to the others.
    style = style_of(plan.fields)
    assert [c.kind for c in style.columns] == ["seq", "level", "requirement", "attr", "attr"]
    laiwu = PRESETS["laiwu2024"]
    assert sum(c.width for c in style.columns) == pytest.approx(sum(c.width for c in laiwu.columns))
    assert style_of(source.shaped(ImportShape()).plan.fields).name == "laiwu2024"


def test_one_row_per_paragraph_keeps_each_paragraph_as_written(samples_dir: Path) -> None:
    source = _source(samples_dir, "gaoxin-2020-plan.txt")
    shape = _gaoxin_annex_shape(source)
    plan = source.shaped(ImportShape(True, shape.levels, shape.dropped)).plan
    assert [len(task.children) for task in plan.root.children] == [1, 1, 1, 1, 1]
    text = (samples_dir / "gaoxin-2020-plan.txt").read_text(encoding="utf-8")
    first = plan.root.children[0].children[0].text
    assert first.startswith("2020年9月22日前") and first.endswith("及时调整更新。") and first in text


def test_a_level_taken_as_rows_folds_each_heading_and_its_text_into_one_row(samples_dir: Path) -> None:
    source = _source(samples_dir, "laiwu-2024-body.txt")
    plan = source.shaped(ImportShape().with_mode(1, ROW)).plan
    assert len(plan.root.children) == 6 and len(plan.leaves()) == 16
    first = plan.leaves()[0].text
    assert first.startswith("以公开助推高质量发展。紧扣“黄河流域先进制造业中心") and "（一）" not in first
    assert [level.scheme for level in numbering_of(plan)] == ["chinese"]


def test_taking_the_top_level_as_rows_gives_a_flat_list(samples_dir: Path) -> None:
    plan = _source(samples_dir, "gaoxin-2020-plan.txt").shaped(ImportShape().with_mode(0, ROW)).plan
    assert len(plan.leaves()) == 3 and all(t.is_leaf for t in plan.root.children)
    assert plan.leaves()[1].text.startswith("工作任务。（一）全面落实试点领域标准指引。2020年9月22日前")


def test_merged_rows_become_one_and_survive_other_option_changes(samples_dir: Path) -> None:
    source = _source(samples_dir, "gaoxin-2020-plan.txt")
    shape = _gaoxin_annex_shape(source)
    shaped = source.shaped(shape)
    third = shaped.plan.root.children[2]
    assert third.children[1].text == "一是政府信息管理方面。"
    marks = [shaped.spans[third.children[1].id], shaped.spans[third.children[2].id]]
    merged_shape = shape.merging(marks)
    merged = source.shaped(merged_shape).plan.root.children[2]
    assert len(merged.children) == 15
    assert merged.children[1].text.startswith("一是政府信息管理方面。实行政府信息全生命周期管理")
    # Switching to paragraphs and back keeps the mark; the paragraph row already holds both.
    per_paragraph = ImportShape(True, merged_shape.levels, merged_shape.dropped, merged_shape.merges)
    assert len(source.shaped(per_paragraph).plan.root.children[2].children) == 1
    back = source.shaped(merged_shape).plan.root.children[2]
    assert [t.text for t in back.children] == [t.text for t in merged.children]
    # Merging the merged row with the next one replaces the inner mark by the wider one.
    spans = source.shaped(merged_shape).spans
    wider = merged_shape.merging([spans[back.children[1].id], spans[back.children[2].id]])
    assert len(wider.merges) == 1
    assert len(source.shaped(wider).plan.root.children[2].children) == 14
    assert wider.without_marks() == ImportShape(False, (LIFT,))


def test_merging_one_row_or_nothing_changes_nothing() -> None:
    shape = ImportShape()
    assert shape.merging([(3, 3)]) is shape and shape.merging([]) is shape


def test_level_modes_are_checked_and_trailing_categories_dropped() -> None:
    shape = ImportShape().with_mode(2, ROW)
    assert shape.levels == (CATEGORY, CATEGORY, ROW)
    assert shape.with_mode(2, CATEGORY).levels == ()
    assert shape.mode(7) == CATEGORY
    with pytest.raises(ValueError):
        shape.with_mode(0, "sideways")


def _canonical_marks(source: OutlineSource, canonical: list[dict[str, object]]) -> ImportShape:
    """The marks a clerk makes to turn the sentence rows into the annex's rows: merges and leave-outs."""
    shaped = source.shaped(ImportShape())
    rows = [(leaf, _text(leaf.text)) for leaf in shaped.plan.leaves()]
    shape = ImportShape()
    index = 0
    reworded = False
    for wanted in canonical:
        target = str(wanted["text"])
        start = next((n for n in range(index, len(rows)) if target.startswith(rows[n][1])), None)
        if start is None:
            reworded = True  # the annex splits a sentence at its commas: the clerk does that after import
            continue
        if not reworded:
            shape = shape.leaving_out([shaped.spans[leaf.id] for leaf, _ in rows[index:start]])  # omitted
        reworded = False
        end = start + 1
        joined = rows[start][1]
        while end < len(rows) and joined != target and target.startswith(joined + rows[end][1]):
            joined += rows[end][1]
            end += 1
        shape = shape.merging([shaped.spans[leaf.id] for leaf, _ in rows[start:end]])
        index = end
    return shape.leaving_out([shaped.spans[leaf.id] for leaf, _ in rows[index:]])


def test_marks_turn_the_laiwu_text_into_its_canonical_annex(samples_dir: Path) -> None:
    source = _source(samples_dir, "laiwu-2024-body.txt")
    canonical = canonical_leaf_rows(samples_dir / "laiwu-2024.canonical.json")
    shape = _canonical_marks(source, canonical)
    assert len(shape.merges) == 18 and not shape.dropped  # the annex keeps every sentence
    split_later = "健全依申请公开闭环机制"  # one sentence in the text, three rows in the annex
    rows = [{"path": r["path"], "text": r["text"]} for r in leaf_rows(source.shaped(shape).plan)]
    expected = [{"path": r["path"], "text": r["text"]} for r in canonical]
    assert [r["text"] for r in rows if split_later in r["path"]] == [
        "".join(r["text"] for r in expected if split_later in r["path"]).replace("。", "，")[:-1] + "。"]
    rows = [r for r in rows if split_later not in r["path"]]
    expected = [r for r in expected if split_later not in r["path"]]
    assert len(rows) == len(expected) == 56
    assert not first_difference(rows, expected), first_difference(rows, expected)


def test_leaving_everything_out_is_refused_in_one_sentence(samples_dir: Path) -> None:
    source = _source(samples_dir, "gaoxin-2020-plan.txt")
    base = source.shaped(ImportShape())
    with pytest.raises(FormatError, match=ALL_LEFT_OUT):
        source.shaped(ImportShape().leaving_out(_top_spans(base.plan, base.spans)))


def test_the_import_preview_reshapes_the_file_it_read(samples_dir: Path) -> None:
    found = read_for_import(samples_dir / "gaoxin-2020-plan.txt", unit_names=["管委会办公室"])
    assert found.outline is not None
    shaped = found.with_shape(_gaoxin_annex_shape(found.outline))
    assert [t.text for t in shaped.plan.root.children] == GAOXIN_TASKS
    assert shaped.plan.title == found.plan.title
    assert any(leaf.attrs.get("suggested_units") == "管委会办公室" for leaf in shaped.plan.leaves())
    table = read_for_import(samples_dir / "laiwu-2024.xlsx")
    assert table.outline is None
    with pytest.raises(FormatError):
        table.with_shape(ImportShape())


def test_a_text_without_title_takes_the_file_name_when_reshaped(tmp_path: Path) -> None:
    path = tmp_path / "要点.txt"
    path.write_text("一、第一部分\n做好第一件事。做好第二件事。\n", encoding="utf-8")
    found = read_for_import(path)
    assert found.outline is not None
    shaped = found.with_shape(ImportShape(per_paragraph=True))
    assert shaped.plan.title == "要点"
    assert [t.text for t in shaped.plan.leaves()] == ["做好第一件事。做好第二件事。"]
