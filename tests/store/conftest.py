"""Fixtures shared by the store tests (the empty ``workspace`` comes from tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def laiwu(workspace, laiwu_plan):
    """The Laiwu sample plan, added to the empty workspace."""
    workspace.add_plan(laiwu_plan)
    return laiwu_plan


@pytest.fixture
def laiwu_2024(workspace, laiwu_plan):
    """(workspace, plan): the Laiwu sample with its year set to 2024, as the round and feedback tests
    date their returns."""
    laiwu_plan.fields["year"] = 2024
    workspace.add_plan(laiwu_plan)
    return workspace, laiwu_plan
