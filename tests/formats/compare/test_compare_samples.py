"""Each sample annex against a copy edited in known ways, saved as .docx/.xlsx (one via LibreOffice).

The copy gets a row moved to another category, a row reworded, one unit cell changed, two rows
merged, one row split, a row added and one deleted; the comparison must report exactly those.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

from desktop.core.compare import Comparison, accept_batch, compare_plans
from desktop.core.compare.accept import clone_plan, content_signature
from desktop.core.model import Plan
from desktop.formats.exporters import export_plan
from desktop.formats.importers import import_file
from tests.conftest import SAMPLES
from tests.core.compare.edits import Editor, Truth


def _edit(base: Plan) -> Editor:
    editor = Editor(base)
    plan = editor.plan
    leaves = [t for t in plan.leaves() if len(t.text) > 30 and "，" in t.text]
    groups = [t for t in plan.tasks() if t.children and all(not c.children for c in t.children)
              and len(t.children) >= 3]
    mover, target = groups[0].children[1], groups[-1]
    editor.move(mover.id, target.id, 1)
    editor.reword(leaves[3].id, 6)
    editor.set_units(leaves[5].id, "区审计局")
    first = groups[1].children[0]
    editor.merge(first.id, groups[1].children[1].id)
    editor.split(leaves[-2].id)
    editor.add(groups[2].id, 1, "新增第一项：建立政务公开工作季度通报制度，定期通报各单位工作情况。")
    editor.delete(leaves[-5].id)
    return editor


def _found(result: Comparison) -> dict[str, object]:
    changes = result.changes()
    return {
        "moved": {e.old_ids[0] for e in changes if e.moved},
        "reworded": {e.old_ids[0] for e in changes if e.kind == "changed"},
        "units": {e.old_ids[0] for e in changes if [a.key for a in e.attrs] == ["units"]},
        "attrs": {a.key for e in changes for a in e.attrs},
        "merged": {e.old_ids[0]: set(e.old_ids) for e in changes if e.kind == "merged"},
        "split": {e.old_ids[0] for e in changes if e.kind == "split"},
        "added": [e.new_text for e in changes if e.kind == "added"],
        "deleted": {e.old_ids[0] for e in changes if e.kind == "removed"},
    }


def _expected(truth: Truth, edited: Plan) -> dict[str, object]:
    return {
        "moved": truth.moved, "reworded": truth.reworded, "units": truth.units, "attrs": {"units"},
        "merged": truth.merged, "split": truth.split,
        "added": [edited[i].text for i in truth.added], "deleted": truth.deleted,
    }


def _libreoffice_copy(source: Path, outdir: Path) -> Path:
    """The .docx as LibreOffice writes it after opening ``source`` (what a unit's WPS/LO save gives)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice is needed to make the LibreOffice-edited copy")
    outdir.mkdir()
    with tempfile.TemporaryDirectory(prefix="fenjie-lo-compare-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source)],
                       capture_output=True, timeout=180, check=True)
    result = outdir / source.name
    with zipfile.ZipFile(result) as package:
        assert b"LibreOffice" in package.read("docProps/app.xml")
    return result


@pytest.mark.parametrize("sample", ["laiwu-2024.docx", "taian-2017.docx", "laiwu-2024.xlsx",
                                    "taian-2017.xlsx"])
def test_sample_against_edited_copy(sample: str, tmp_path: Path) -> None:
    base = import_file(SAMPLES / sample)
    editor = _edit(base)
    saved = tmp_path / f"edited{Path(sample).suffix}"
    export_plan(editor.plan, saved)
    returned = import_file(saved)
    result = compare_plans(base, returned, identity=False)
    assert _found(result) == _expected(editor.truth, editor.plan)
    counts = result.counts()
    assert (counts["moved"], counts["changed"], counts["merged"], counts["split"], counts["added"],
            counts["removed"], counts["attrs"]) == (1, 1, 1, 1, 1, 1, 1)

    target = clone_plan(base)
    accept_batch(target, returned, result, result.changes()).apply(target)
    assert content_signature(target) == content_signature(returned)


def test_edited_docx_saved_by_libreoffice(tmp_path: Path) -> None:
    base = import_file(SAMPLES / "laiwu-2024.docx")
    editor = _edit(base)
    fenjie_copy = tmp_path / "edited.docx"
    export_plan(editor.plan, fenjie_copy)
    returned = import_file(_libreoffice_copy(fenjie_copy, tmp_path / "lo"))
    result = compare_plans(base, returned, identity=False)
    assert _found(result) == _expected(editor.truth, editor.plan)
