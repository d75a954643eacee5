"""Rendering helpers for tests: LibreOffice → PDF, poppler → text and PNG.

Each LibreOffice run uses its own throw-away profile directory so that tests (and helpers) running
in parallel do not clash over one user installation. A missing ``soffice``/``pdftotext``/
``pdftoppm`` makes the calling test fail, never skip.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE_TIMEOUT_S = 180


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; it is needed to render documents in this test")
    return path


def soffice_to_pdf(src: Path, outdir: Path) -> Path:
    """Convert ``src`` (.docx/.xlsx) to PDF in ``outdir`` with LibreOffice; returns the PDF path."""
    soffice = _tool("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fenjie-lo-profile-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(outdir), str(src)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_S,
                                check=False)
    pdf = outdir / (src.stem + ".pdf")
    if result.returncode != 0 or not pdf.is_file():
        pytest.fail(f"soffice could not convert {src.name}: rc={result.returncode}\n"
                    f"{result.stdout}\n{result.stderr}")
    return pdf


def pdf_text(pdf: Path, raw: bool = True) -> str:
    """The text of every page of ``pdf`` as pdftotext extracts it.

    ``raw`` keeps the content-stream order, in which renderers draw a table cell by cell, so a
    cell's lines stay together; pdftotext's default reading order interleaves the lines of
    neighbouring cells.
    """
    command = [_tool("pdftotext"), "-enc", "UTF-8", *(["-raw"] if raw else []), str(pdf), "-"]
    result = subprocess.run(command, capture_output=True, timeout=120, check=True)
    return result.stdout.decode("utf-8")


def pdf_page_count(pdf: Path) -> int:
    """Number of pages, from pdfinfo."""
    result = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60,
                            check=True)
    for line in result.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    pytest.fail(f"pdfinfo gave no page count for {pdf}")


def pdf_to_pngs(pdf: Path, prefix: Path, dpi: int = 60, first: int | None = None,
                last: int | None = None) -> list[Path]:
    """Render pages of ``pdf`` to ``<prefix>-N.png`` files; returns them in page order."""
    command = [_tool("pdftoppm"), "-png", "-r", str(dpi)]
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    prefix.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*command, str(pdf), str(prefix)], capture_output=True, timeout=300, check=True)
    pages = sorted(prefix.parent.glob(prefix.name + "-*.png"),
                   key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return pages


def soffice_convert(src: Path, outdir: Path, target: str) -> Path:
    """Re-save ``src`` with LibreOffice as ``target`` ("xls", "ods", "xlsx"…), as a unit's office would."""
    soffice = _tool("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    filters = {"xls": "xls:MS Excel 97", "xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods"}
    with tempfile.TemporaryDirectory(prefix="fenjie-lo-profile-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", filters.get(target, target), "--outdir", str(outdir), str(src)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_S,
                                check=False)
    out = outdir / f"{src.stem}.{target}"
    if result.returncode != 0 or not out.is_file():
        pytest.fail(f"soffice could not convert {src.name} to {target}: rc={result.returncode}\n"
                    f"{result.stdout}\n{result.stderr}")
    return out
