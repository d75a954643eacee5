"""Import → export (.docx and .xlsx, in the plan's own style) → import again gives the same plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.formats.docx.writer import write_docx
from desktop.formats.importers import import_file
from desktop.formats.plan_json import dumps
from desktop.formats.xlsx.writer import write_xlsx
from tests.support.ooxml_build import cell, para, row, table
from tests.support.ooxml_build import write_docx as write_raw_docx

WRITERS = {".docx": write_docx, ".xlsx": write_xlsx}


def _round_trip(source: Path, tmp_path: Path, suffix: str) -> tuple[str, str]:
    plan = import_file(source)
    exported = tmp_path / f"exported{suffix}"
    WRITERS[suffix](plan, exported)
    return dumps(plan), dumps(import_file(exported))


SAMPLES = ["laiwu-2024.docx", "laiwu-2024.xlsx", "taian-2017.docx", "taian-2017.xlsx"]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_samples_round_trip(samples_dir: Path, tmp_path: Path, sample: str, suffix: str) -> None:
    first, second = _round_trip(samples_dir / sample, tmp_path, suffix)
    assert second == first


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_imported_custom_style_round_trips(tmp_path: Path, suffix: str) -> None:
    labels = ["序号", "重点任务", "工作要求", "牵头单位", "配合单位", "时限要求"]
    body = para("附件") + para("自定义样式的分工表") + table(
        [520, 1490, 4970, 1530, 1470, 1020],
        row(*(cell(label) for label in labels)),
        row(cell("1"), cell("一、甲", vmerge="restart"), cell("要求一。"), cell("区财政局", vmerge="restart"),
            cell("区税务局"), cell("6月底前", vmerge="restart")),
        row(cell("2"), cell(vmerge="continue"), cell("要求二。"), cell(vmerge="continue"), cell(""),
            cell(vmerge="continue")),
        row(cell("3"), cell("二、乙"), cell("要求三。"), cell("区民政局"), cell("区财政局"),
            cell("长期坚持")),
    )
    source = write_raw_docx(tmp_path / "custom.docx", body)
    first, second = _round_trip(source, tmp_path, suffix)
    assert '"name": "imported"' in first
    assert second == first
