"""The value axis of the completion charts (report and dashboard): tick steps a reader counts easily."""

from __future__ import annotations


def nice_step(maximum: int, most_ticks: int = 8) -> int:
    """A tick step of 1, 2 or 5 × 10ⁿ giving at most ``most_ticks`` ticks up to ``maximum``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if maximum / (step * factor) <= most_ticks:
                return step * factor
        step *= 10
