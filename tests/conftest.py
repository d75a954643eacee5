"""Shared test set-up: Qt runs offscreen; sample files are found beside the checkout."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO.parent / "shared" / "samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the shared samples are missing: {SAMPLES}")
    return SAMPLES


@pytest.fixture
def laiwu_plan(samples_dir: Path):
    from desktop.formats.tables.canonical import plan_from_canonical

    return plan_from_canonical(samples_dir / "laiwu-2024.canonical.json")


@pytest.fixture
def taian_plan(samples_dir: Path):
    from desktop.formats.tables.canonical import plan_from_canonical

    return plan_from_canonical(samples_dir / "taian-2017.canonical.json")


@pytest.fixture
def crash_hooks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Put Python's exception hooks and the crash log's folder back after the test; returns a
    fresh folder for the test's crash logs."""
    from desktop import crashlog

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crashlog._Installed, "folder", crashlog._Installed.folder)
    monkeypatch.setattr(crashlog._Installed, "extra", crashlog._Installed.extra)
    return tmp_path / "logs"
