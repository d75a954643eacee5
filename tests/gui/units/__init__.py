"""Tests for desktop/gui/units."""
