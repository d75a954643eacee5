"""Tests for desktop/gui/plans."""
