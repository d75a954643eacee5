"""Every real-world fixture in ../shared/samples/rw imports exactly (its README says what each imitates)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.model import Plan
from desktop.formats.importers import import_file
from tests.support.canonical_compare import _text, canonical_leaf_rows, first_difference, leaf_rows


def heading_pairs(plan: Plan) -> list[list[str]]:
    """(level-1, level-2) category pairs, numbering and white space removed."""
    return [[_text(top.text), _text(child.text)] for top in plan.root.children for child in top.children
            if child.children]


def assert_matches_canonical(plan: Plan, canonical: Path) -> None:
    expected = canonical_leaf_rows(canonical)
    actual = leaf_rows(plan)
    assert first_difference(actual, expected) == ""
    plan.check_invariants()


@pytest.mark.parametrize("name", ["laiwu-2024-body.autonum", "gaoxin-2020-plan.autonum"])
def test_auto_numbered_work_plan_gives_every_heading_pair(samples_dir: Path, name: str) -> None:
    plan = import_file(samples_dir / "rw" / f"{name}.docx", as_text=True)
    expected = json.loads((samples_dir / "rw" / f"{name}.headings.json").read_text(encoding="utf-8"))["pairs"]
    assert heading_pairs(plan) == expected
    plan.check_invariants()


def test_tracked_changes_are_accepted(samples_dir: Path) -> None:
    plan = import_file(samples_dir / "rw" / "laiwu-2024.tracked.docx")
    assert_matches_canonical(plan, samples_dir / "laiwu-2024.canonical.json")
