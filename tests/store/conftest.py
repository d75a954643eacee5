"""Fixtures shared by the store tests (the empty ``workspace`` comes from tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def laiwu(workspace, laiwu_plan):
    """The Laiwu sample plan, added to the empty workspace."""
    workspace.add_plan(laiwu_plan)
    return laiwu_plan
