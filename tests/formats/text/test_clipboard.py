"""Pasting tables: clipboard HTML from Word, WPS and LibreOffice, and Excel's tab-separated text."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from desktop.core.style import PRESETS, style_of
from desktop.formats.errors import FormatError
from desktop.formats.importers import import_clipboard, import_file
from desktop.formats.text.clipboard import plan_from_html, plan_from_tsv
from tests.support.canonical_compare import canonical_leaf_rows, first_difference, leaf_rows

WORD_HEADER = """Version:0.9
StartHTML:0000000105
EndHTML:0000009999
StartFragment:0000000999
EndFragment:0000009000
<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<style><!-- p.MsoNormal {margin:0cm; font-family:宋体;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head><body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->
"""


def _word_cell(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    spans = (f" rowspan={rowspan}" if rowspan > 1 else "") + (f" colspan={colspan}" if colspan > 1 else "")
    runs = "".join(f"<span lang=EN-US style='font-family:仿宋'>{part}</span>" for part in text.split("|"))
    return (f"<td width=60{spans} valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'>"
            f"<p class=MsoNormal>{runs}<span lang=EN-US><o:p></o:p></span></p></td>")


def test_word_clipboard_html_with_rowspan_and_colspan() -> None:
    rows = [
        [_word_cell("序号"), _word_cell("工作任务", colspan=2), _word_cell("具体要求"),
         _word_cell("责任单位"), _word_cell("完成时限")],
        [_word_cell("1"), _word_cell("一、加强|公开", rowspan=3), _word_cell("（一）推进发布", rowspan=2),
         _word_cell("加强政策&nbsp;发布。"), _word_cell("区财政局", rowspan=2), _word_cell("2024年12月底前")],
        [_word_cell("2"), _word_cell("做好解读<br>及时发布。"), _word_cell("长期坚持")],
        [_word_cell("3"), _word_cell("（二）回应关切"), _word_cell("回应社会关切。"),
         _word_cell("区政府办公室"), _word_cell("长期坚持")],
    ]
    html = (WORD_HEADER + "<p class=MsoNormal>附件</p><p class=MsoNormal align=center>2024年分工表</p>"
            "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>"
            + "".join(f"<tr style='mso-yfti-irow:{i}'>{''.join(r)}</tr>" for i, r in enumerate(rows))
            + "</table><!--EndFragment--></body></html>")
    plan = import_clipboard(html, "序号\t工作任务…")
    assert plan.title == "2024年分工表"
    assert style_of(plan.fields) == PRESETS["laiwu2024"]
    assert [(r["path"], r["text"], r["units"], r["deadline"]) for r in leaf_rows(plan)] == [
        (["加强公开", "推进发布"], "加强政策发布。", "区财政局", "2024年12月底前"),
        (["加强公开", "推进发布"], "做好解读及时发布。", "区财政局", "长期坚持"),
        (["加强公开", "回应关切"], "回应社会关切。", "区政府办公室", "长期坚持"),
    ]
    assert plan.leaves()[1].text == "做好解读\n及时发布。"
    assert plan.root.children[0].children[0].attrs == {"units": "区财政局"}


def test_wps_style_html_with_thead_and_nested_markup() -> None:
    html = """<html><body><table border="1" cellspacing="0">
    <thead><tr><th colspan="3">工作任务及要求</th><th>牵头单位</th></tr></thead>
    <tbody>
    <tr><td rowspan="2" valign="center"><div>以公开助力稳增长</div></td>
        <td rowspan="2">（一）加强预期引导</td><td><p>围绕经济形势，</p><p>及时解读。</p></td>
        <td rowspan="2">市发展改革委牵头落实</td></tr>
    <tr><td><font face="仿宋">加强舆情研判。</font></td></tr>
    <tr><td>以公开助力促改革</td><td colspan="2">推进“放管服”改革信息公开。</td><td>市编办</td></tr>
    </tbody></table></body></html>"""
    plan = plan_from_html(html, title="泰安样式")
    assert [(r["path"], r["text"], r["lead"]) for r in leaf_rows(plan)] == [
        (["以公开助力稳增长", "加强预期引导"], "围绕经济形势，及时解读。", "市发展改革委牵头落实"),
        (["以公开助力稳增长", "加强预期引导"], "加强舆情研判。", "市发展改革委牵头落实"),
        (["以公开助力促改革"], "推进“放管服”改革信息公开。", "市编办"),
    ]
    assert plan.root.children[0].children[0].attrs == {"lead": "市发展改革委牵头落实"}


def test_excel_tsv_with_quoted_cells_and_blank_merged_cells() -> None:
    text = ("序号\t工作任务\t\t具体要求\t责任单位\t完成时限\r\n"
            '1\t一、甲\t（一）乙\t"要求一，\n含换行。"\t区财政局\t2024年底前\r\n'
            "2\t\t\t要求二。\t\t\r\n"
            "3\t\t（二）丙\t要求三。\t区民政局\t长期坚持\r\n")
    plan = import_clipboard(None, text)
    assert [(r["path"], r["text"], r["units"], r["deadline"]) for r in leaf_rows(plan)] == [
        (["甲", "乙"], "要求一，含换行。", "区财政局", "2024年底前"),
        (["甲", "乙"], "要求二。", "区财政局", "2024年底前"),
        (["甲", "丙"], "要求三。", "区民政局", "长期坚持"),
    ]
    assert plan.root.children[0].children[0].attrs == {"units": "区财政局", "deadline": "2024年底前"}


def test_clipboard_falls_back_to_text_and_refuses_nothing() -> None:
    plan = import_clipboard("<p>没有表格</p>", "一、甲\n（一）乙。做好工作。")
    assert [leaf.text for leaf in plan.leaves()] == ["做好工作。"]
    with pytest.raises(FormatError, match=r"^剪贴板里没有可以导入的表格或文字。$"):
        import_clipboard(None, "  ")
    with pytest.raises(FormatError, match=r"^这个文件里没有找到表格。$"):
        plan_from_tsv("只有一列\n没有表格")


def _soffice_html(source: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice is not installed; it is needed to make LibreOffice's HTML")
    with tempfile.TemporaryDirectory(prefix="fenjie-lo-profile-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "html", "--outdir", str(outdir), str(source)],
                       capture_output=True, timeout=180, check=False)
    html = outdir / (source.stem + ".html")
    if not html.is_file():
        pytest.fail(f"soffice did not convert {source.name} to HTML")
    return html


@pytest.mark.libreoffice
@pytest.mark.parametrize("source", ["laiwu-2024.docx", "taian-2017.xlsx"])
def test_libreoffice_html_of_a_sample_matches_its_canonical_json(samples_dir: Path, tmp_path: Path,
                                                                 source: str) -> None:
    html = _soffice_html(samples_dir / source, tmp_path)
    plan = import_file(html)
    expected = canonical_leaf_rows(samples_dir / (source.split(".")[0] + ".canonical.json"))
    assert first_difference(leaf_rows(plan), expected) == ""
    assert plan.title == import_file(samples_dir / source).title
