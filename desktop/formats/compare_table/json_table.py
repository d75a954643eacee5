"""A comparison as JSON (``fenjie compare -o FILE.json``): the counts and every change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.compare.result import Comparison, Entry
from desktop.formats.atomic import write_text_atomically

FORMAT = "fenjie-compare/1"


def _entry(entry: Entry) -> dict[str, Any]:
    return {
        "kind": entry.kind,
        "moved": entry.moved,
        "old_ids": entry.old_ids,
        "new_ids": entry.new_ids,
        "old_text": entry.old_text,
        "new_text": entry.new_text,
        "attrs": [{"key": a.key, "label": a.label, "old": a.old, "new": a.new} for a in entry.attrs],
        "note": entry.note or entry.describe(),
    }


def comparison_data(comparison: Comparison) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "old": comparison.old_label,
        "new": comparison.new_label,
        "proposer": comparison.proposer,
        "counts": comparison.counts(),
        "changes": [_entry(entry) for entry in comparison.changes()],
    }


def write_comparison_json(comparison: Comparison, target: Path) -> None:
    text = json.dumps(comparison_data(comparison), ensure_ascii=False, indent=2) + "\n"
    write_text_atomically(target, text)
