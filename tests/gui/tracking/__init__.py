"""Tests for desktop/gui/tracking."""
