"""Shared test set-up: Qt runs offscreen; sample files are found beside the checkout."""

from __future__ import annotations

import os
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
