"""Shared test set-up: Qt runs offscreen; sample files are found beside the checkout.

Fixtures used in more than one test folder live here, each folder's own shared fixtures in its
conftest.py: ``workspace`` is an empty workspace file here (the GUI's conftest overrides it with
one that starts with the sample plan, as the app does); modules that need particular units build
theirs with ``open_workspace``.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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
def open_workspace(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``open_workspace(name="ws.sqlite3", **options)``: a workspace file in tmp_path, closed afterwards."""
    from desktop.store.workspace import Workspace

    opened: list[Workspace] = []

    def open_(name: str = "ws.sqlite3", **options: Any) -> Workspace:
        workspace = Workspace.open(tmp_path / name, **options)
        opened.append(workspace)
        return workspace

    yield open_
    for workspace in reversed(opened):
        workspace.close()


@pytest.fixture
def workspace(open_workspace: Callable[..., Any]) -> Any:
    """An empty workspace (no sample plan) in a fresh file."""
    return open_workspace(seed_sample=False)


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
