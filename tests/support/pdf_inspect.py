"""Reading PDFs back in tests with poppler: text in drawing order, word boxes, embedded fonts.

``pdftotext`` in its default mode guesses reading order and interleaves the lines of neighbouring
table cells; ``-raw`` keeps the order in which the text was drawn, which for the Fenjie PDF is cell
by cell. A missing poppler tool makes the calling test fail, never skip.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} (poppler-utils) is not installed; it is needed to read PDFs in this test")
    return path


def raw_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """Text of ``pdf`` (pages first..last) in drawing order."""
    command = [_tool("pdftotext"), "-raw", "-enc", "UTF-8"]
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    result = subprocess.run([*command, str(pdf), "-"], capture_output=True, timeout=120, check=True)
    return result.stdout.decode("utf-8")


@dataclass(frozen=True)
class Word:
    """A word as pdftotext sees it (CJK: one printed line of a cell); points from the top left."""

    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def words(pdf: Path) -> list[Word]:
    """Every word of every page with its bounding box."""
    result = subprocess.run([_tool("pdftotext"), "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                            capture_output=True, timeout=120, check=True)
    root = etree.fromstring(result.stdout, etree.HTMLParser(encoding="utf-8"))
    out: list[Word] = []
    for number, page in enumerate(root.iter("page"), start=1):
        for word in page.iter("word"):
            out.append(Word(number, float(word.get("xmin")), float(word.get("ymin")),
                            float(word.get("xmax")), float(word.get("ymax")), word.text or ""))
    return out


def font_rows(pdf: Path) -> list[tuple[str, str, bool]]:
    """(name, type, embedded) of each font pdffonts lists."""
    result = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True, timeout=60,
                            check=True)
    rows = []
    for line in result.stdout.splitlines()[2:]:
        parts = line.split()
        rows.append((parts[0], " ".join(parts[1:-6]), parts[-5] == "yes"))
    return rows


def page_size(pdf: Path) -> tuple[float, float]:
    result = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60,
                            check=True)
    for line in result.stdout.splitlines():
        if line.startswith("Page size:"):
            parts = line.split()
            return float(parts[2]), float(parts[4])
    pytest.fail(f"pdfinfo gave no page size for {pdf}")
