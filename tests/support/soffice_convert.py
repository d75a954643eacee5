"""Converting sample files with LibreOffice for tests (.xlsx → .ods/.xls), each run in its own profile."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT_S = 180


def soffice_convert(src: Path, outdir: Path, target: str) -> Path:
    """``src`` converted to ``target`` (a LibreOffice filter name or extension) in ``outdir``."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice is not installed; it is needed to make the files of this test")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fenjie-lo-profile-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", target, "--outdir", str(outdir), str(src)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    out = outdir / f"{src.stem}.{target.split(':')[0]}"
    if result.returncode != 0 or not out.is_file():
        pytest.fail(f"soffice could not convert {src.name}: rc={result.returncode}\n{result.stderr}")
    return out
