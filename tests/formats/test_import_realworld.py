"""Every real-world fixture in ../shared/samples/rw imports exactly (its README says what each imitates)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.model import Plan
from desktop.formats.errors import FormatError
from desktop.formats.importers import import_file, import_source
from desktop.formats.legacy.soffice import find_soffice
from tests.support.canonical_compare import _text, canonical_leaf_rows, first_difference, leaf_rows
from tests.support.soffice_convert import soffice_convert


def heading_pairs(plan: Plan) -> list[list[str]]:
    """(level-1, level-2) category pairs, numbering and white space removed."""
    return [[_text(top.text), _text(child.text)] for top in plan.root.children for child in top.children
            if child.children]


def assert_matches_canonical(plan: Plan, canonical: Path) -> None:
    expected = canonical_leaf_rows(canonical)
    actual = leaf_rows(plan)
    assert first_difference(actual, expected) == ""
    plan.check_invariants()


@pytest.mark.parametrize("name", ["laiwu-2024-body.autonum", "gaoxin-2020-plan.autonum"])
def test_auto_numbered_work_plan_gives_every_heading_pair(samples_dir: Path, name: str) -> None:
    plan = import_file(samples_dir / "rw" / f"{name}.docx", as_text=True)
    expected = json.loads((samples_dir / "rw" / f"{name}.headings.json").read_text(encoding="utf-8"))["pairs"]
    assert heading_pairs(plan) == expected
    plan.check_invariants()


def test_tracked_changes_are_accepted(samples_dir: Path) -> None:
    plan = import_file(samples_dir / "rw" / "laiwu-2024.tracked.docx")
    assert_matches_canonical(plan, samples_dir / "laiwu-2024.canonical.json")


@pytest.mark.parametrize("sample", ["laiwu-2024", "taian-2017"])
def test_legacy_xls_matches_its_canonical_json(samples_dir: Path, sample: str) -> None:
    imported = import_source(samples_dir / "rw" / f"{sample}.xls")
    assert imported.report.source == "xls"
    assert_matches_canonical(imported.plan, samples_dir / f"{sample}.canonical.json")


@pytest.mark.libreoffice
@pytest.mark.parametrize("sample", ["laiwu-2024", "taian-2017"])
def test_legacy_doc_is_converted_and_matches_its_canonical_json(samples_dir: Path, sample: str) -> None:
    assert find_soffice() is not None, "LibreOffice (soffice) is needed for this test"
    imported = import_source(samples_dir / "rw" / f"{sample}.doc")
    assert imported.report.source == "doc_converted"
    assert_matches_canonical(imported.plan, samples_dir / f"{sample}.canonical.json")


def test_doc_without_libreoffice_gives_the_one_sentence(samples_dir: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FENJIE_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice to be found (and no Windows/macOS folders here)
    assert find_soffice() is None
    with pytest.raises(FormatError) as error:
        import_file(samples_dir / "rw" / "laiwu-2024.doc")
    assert str(error.value) == "请用 Word 或 WPS 另存为 .docx 后再导入。"


@pytest.mark.parametrize("sample", ["laiwu-2024", "taian-2017"])
def test_pdf_annex_matches_its_canonical_json_and_asks_for_a_check(samples_dir: Path, sample: str) -> None:
    imported = import_source(samples_dir / "rw" / f"{sample}.pdf")
    assert imported.report.source == "pdf" and imported.report.check_all
    assert imported.report.detail == f"共 {22 if sample == 'laiwu-2024' else 32} 页"
    assert_matches_canonical(imported.plan, samples_dir / f"{sample}.canonical.json")
    assert "请对照原文件逐行核对" in "".join(imported.report.lines())


def test_auto_numbered_text_is_reported_as_such(samples_dir: Path) -> None:
    imported = import_source(samples_dir / "rw" / "laiwu-2024-body.autonum.docx", as_text=True)
    assert imported.report.source == "docx_numbered_text"
    assert imported.report.lines()[0].startswith("来源：Word 文档（.docx）的正文，编号由 Word 自动编号生成")


def test_page_numbers_left_in_a_cell_are_flagged_not_changed(samples_dir: Path) -> None:
    imported = import_source(samples_dir / "laiwu-2024.docx")
    assert imported.report.flags == ["第 59 行的“完成时限”只写着“—8— —9—”，像是旧文件留下的页码"]
    assert imported.plan.leaves()[-1].effective("deadline").split() == ["—8—", "—9—"]


@pytest.mark.libreoffice
def test_wps_and_et_names_are_read_like_doc_and_xls(samples_dir: Path, tmp_path: Path) -> None:
    wps = tmp_path / "附件.wps"  # WPS writes its .wps in the Word 97-2003 format
    wps.write_bytes((samples_dir / "rw" / "laiwu-2024.doc").read_bytes())
    et = tmp_path / "附件.et"
    et.write_bytes((samples_dir / "rw" / "taian-2017.xls").read_bytes())
    assert import_source(wps).report.source == "doc_converted"
    assert_matches_canonical(import_source(wps).plan, samples_dir / "laiwu-2024.canonical.json")
    assert import_source(et).report.source == "xls"
    assert_matches_canonical(import_source(et).plan, samples_dir / "taian-2017.canonical.json")


def test_files_named_for_an_old_format_are_read_as_what_they_are(samples_dir: Path, tmp_path: Path) -> None:
    docx_as_doc = tmp_path / "新格式.doc"
    docx_as_doc.write_bytes((samples_dir / "laiwu-2024.docx").read_bytes())
    imported = import_source(docx_as_doc)
    assert imported.report.source == "docx_table"
    assert_matches_canonical(imported.plan, samples_dir / "laiwu-2024.canonical.json")
    html_as_xls = tmp_path / "系统导出.xls"  # what many web systems call an Excel export
    html_as_xls.write_text("<html><body><table><tr><th>工作任务</th><th>具体要求</th><th>责任单位</th></tr>"
                           "<tr><td>一、公开</td><td>做好公开。</td><td>区政府办公室</td></tr></table></body></html>",
                           encoding="utf-8")
    imported = import_source(html_as_xls)
    assert imported.report.source == "html"
    leaves = imported.plan.leaves()
    assert [(leaf.text, leaf.effective("units")) for leaf in leaves] == [("做好公开。", "区政府办公室")]


@pytest.mark.libreoffice
def test_auto_numbered_work_plan_saved_as_doc_keeps_its_levels(samples_dir: Path, tmp_path: Path) -> None:
    # LibreOffice's round trip through .doc splits the continued （一）… list into copies of the list
    # (other abstract numbers, same look): a copy's level-1 heading is still a sibling, not a child.
    doc = soffice_convert(samples_dir / "rw" / "laiwu-2024-body.autonum.docx", tmp_path, "doc")
    imported = import_source(doc, as_text=True)
    assert imported.report.source == "doc_converted_text"
    expected = json.loads((samples_dir / "rw" / "laiwu-2024-body.autonum.headings.json").read_text("utf-8"))
    assert heading_pairs(imported.plan) == expected["pairs"]
