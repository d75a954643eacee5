"""Work-plan texts: numbered headings become categories, sentences (or paragraphs) become leaves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.core.numbering import numbering_of
from desktop.formats.errors import FormatError
from desktop.formats.importers import import_file, import_text
from desktop.formats.text.outline import SUGGESTED_UNITS
from desktop.formats.text.sentences import find_units, split_sentences
from tests.support.canonical_compare import canonical_leaf_rows, leaf_rows

_END = "。；！？;!?"


def _body_under_headings(text: str) -> dict[str, str]:
    """Level-2 heading → the text after its first sentence, straight from the sample file."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(r"^（[一二三四五六七八九十]+）([^。]+)。(.*)$", line.strip())
        if match:
            out[match.group(1)] = match.group(2)
    return out


def test_laiwu_body_gives_the_annex_headings_and_one_leaf_per_sentence(samples_dir: Path) -> None:
    source = (samples_dir / "laiwu-2024-body.txt").read_text(encoding="utf-8")
    plan = import_file(samples_dir / "laiwu-2024-body.txt")
    assert plan.title == "2024年莱芜区政务公开工作要点"
    assert plan.fields["note"].startswith("2024年，莱芜区政务公开工作的总体要求是")
    rows = leaf_rows(plan)
    pairs = list(dict.fromkeys(tuple(r["path"]) for r in rows))
    annex_pairs = list(dict.fromkeys(tuple(r["path"]) for r in
                                     canonical_leaf_rows(samples_dir / "laiwu-2024.canonical.json")))
    assert pairs == annex_pairs and len(pairs) == 16
    assert [level.scheme for level in numbering_of(plan)] == ["chinese", "chinese_paren"]
    bodies = _body_under_headings(source)
    for pair in pairs:
        leaves = [r["text"] for r in rows if tuple(r["path"]) == pair]
        assert "".join(leaves) == re.sub(r"\s+", "", bodies[pair[1]])
        for leaf in leaves:
            assert leaf[-1] in _END
            assert not any(mark in leaf[:-1] for mark in "。；") or "“" in leaf or "（" in leaf
    assert len(rows) == sum(len(split_sentences(b)) for b in bodies.values())


def test_gaoxin_plan_yields_its_structure(samples_dir: Path) -> None:
    plan = import_file(samples_dir / "gaoxin-2020-plan.txt")
    assert plan.title == "淄博高新区全面推进基层政务公开标准化规范化工作实施方案"
    assert plan.fields["note"].startswith("为深入贯彻落实")
    assert [t.text for t in plan.root.children] == ["目标要求", "工作任务", "保障措施"]
    assert [t.text for t in plan.root.children[1].children] == [
        "全面落实试点领域标准指引", "加强政务公开平台规范化建设", "优化完善政务公开制度体系",
        "编制完成其他领域标准指引", "全面建成政务公开标准体系"]
    assert [t.text for t in plan.root.children[2].children] == [
        "加强组织领导", "加强队伍建设", "坚持示范带动", "加强监督评价"]
    assert all(not child.children for child in plan.root.children[0].children)  # sentences of 一、目标要求


def test_heading_variants_and_levels() -> None:
    text = "\n".join([
        "# 一、总体要求",
        "(一)half width brackets。正文一。正文二；正文三。",
        "1、推进公开",
        "具体做法。",
        "（1）细项。细项正文。",
        "2. 第二项",
        "## 二、保障措施",
        "**（一）加强领导**",
        "各单位要加强领导。",
    ])
    plan = import_text(text, title="测试")
    assert [level.scheme for level in numbering_of(plan)] == [
        "chinese", "chinese_paren", "arabic", "arabic_paren"]
    first = plan.root.children[0]
    assert first.text == "总体要求"
    section = first.children[0]
    assert section.text == "half width brackets"
    assert [c.text for c in section.children[:3]] == ["正文一。", "正文二；", "正文三。"]
    item = section.children[3]
    assert item.text == "推进公开"
    assert [c.text for c in item.children] == ["具体做法。", "细项"]
    assert [c.text for c in item.children[1].children] == ["细项正文。"]
    assert section.children[4].text == "2.第二项" and section.children[4].is_leaf
    assert plan.root.children[1].children[0].text == "加强领导"


def test_sentences_keep_quotes_and_brackets_whole() -> None:
    paragraph = "落实“办前登记；办中督导。”机制。做好（含乡镇；街道）工作；推进公开!完成"
    assert split_sentences(paragraph) == [
        "落实“办前登记；办中督导。”机制。", "做好（含乡镇；街道）工作；", "推进公开!", "完成"]
    assert split_sentences("未闭合（括号。第二句。") == ["未闭合（括号。", "第二句。"]


def test_one_leaf_per_paragraph_option() -> None:
    plan = import_text("一、甲\n第一句。第二句。\n第三句。", title="t", per_paragraph=True)
    assert [leaf.text for leaf in plan.leaves()] == ["第一句。第二句。", "第三句。"]


def test_unit_names_are_suggested_not_assigned() -> None:
    units = ["区政府办公室", "区政府", "区财政局", "各街道（镇）"]
    plan = import_text("一、甲\n区财政局、各街道（镇）和区政府办公室要加强协作。无单位的句子。", title="t",
                       unit_names=units)
    first, second = plan.leaves()
    assert first.attrs[SUGGESTED_UNITS] == "区财政局、各街道（镇）、区政府办公室"
    assert "units" not in first.attrs and first.effective("units") == ""
    assert SUGGESTED_UNITS not in second.attrs
    assert find_units("区政府办公室牵头", units) == ["区政府办公室"]  # the longer name wins


def test_text_without_headings_becomes_flat_leaves_and_empty_text_is_refused() -> None:
    plan = import_text("第一句话。第二句话。", title="无标题")
    assert [leaf.text for leaf in plan.leaves()] == ["第一句话。", "第二句话。"]
    with pytest.raises(FormatError, match=r"^文字里没有找到可以导入的内容。$"):
        import_text(" \n\n  ")


def test_text_files_in_gb18030_and_utf16_are_read(tmp_path: Path) -> None:
    text = "2024年要点\n一、甲\n（一）乙。做好工作。"
    for codec, name in (("gb18030", "gbk.txt"), ("utf-16", "u16.txt"), ("utf-8-sig", "bom.md")):
        path = tmp_path / name
        path.write_bytes(text.encode(codec))
        plan = import_file(path)
        assert plan.title == "2024年要点"
        assert [leaf.text for leaf in plan.leaves()] == ["做好工作。"]
