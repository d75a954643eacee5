"""Fenjie's own 20,000-row .docx and .xlsx pass its import guards and import back whole.

(The guards still refuse real zip bombs: tests/formats/safety/test_import_safety.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.formats.docx.writer import write_docx
from desktop.formats.importers import import_file
from desktop.formats.safety.safe_zip import open_package
from desktop.formats.xlsx.writer import write_xlsx
from tests.support.generated import generated_plan

ROWS = 20000


@pytest.mark.slow
def test_20000_row_exports_import_back(tmp_path: Path) -> None:
    plan = generated_plan(ROWS)
    texts = [leaf.text for leaf in plan.leaves()]
    for suffix, write in ((".docx", write_docx), (".xlsx", write_xlsx)):
        target = tmp_path / f"annex{suffix}"
        write(plan, target)
        open_package(target)  # the size, entry and ratio guards accept it
        again = import_file(target)
        assert [leaf.text for leaf in again.leaves()] == texts, suffix
