"""Tests for desktop/gui/table."""
