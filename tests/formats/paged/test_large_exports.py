"""Large plans: 20,000-row exports stay within 250 MB of memory and import back into Fenjie.

Each export runs in a fresh Python process so that its peak RSS is its own. The .docx and .xlsx
then pass the import guards (size, entries, compression ratio) and import back whole; the guards
still refuse real zip bombs (tests/formats/safety/test_import_safety.py). Importing the 3,300-page
PDF back takes minutes here: ``tests/bench/bench_export_memory.py`` does it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.formats.importers import import_file
from desktop.formats.safety.safe_zip import open_package
from tests.support.generated import generated_plan

ROWS = 20000
MAX_PEAK_MB = 250
ROOT = Path(__file__).resolve().parents[3]
CHILD = """
import json, sys
from tests.support.peak_memory import peak_mb
from pathlib import Path
from tests.support.generated import generated_plan
from desktop.formats.exporters import export_plan
export_plan(generated_plan(int(sys.argv[1])), Path(sys.argv[2]))
print(json.dumps(peak_mb()))
"""


def export_in_child(rows: int, target: Path) -> float:
    """Export a generated plan of ``rows`` rows to ``target`` in a fresh process; its peak RSS in MB."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(rows), str(target)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    return float(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
def test_20000_row_exports_fit_in_250_mb_and_import_back(tmp_path: Path) -> None:
    texts = [leaf.text for leaf in generated_plan(ROWS).leaves()]
    for suffix in (".docx", ".xlsx", ".pdf"):
        target = tmp_path / f"annex{suffix}"
        peak = export_in_child(ROWS, target)
        assert peak <= MAX_PEAK_MB, (suffix, peak)
        if suffix == ".pdf":
            assert target.read_bytes()[:5] == b"%PDF-"
            continue
        open_package(target)  # the size, entry and ratio guards accept it
        again = import_file(target)
        assert [leaf.text for leaf in again.leaves()] == texts, suffix
