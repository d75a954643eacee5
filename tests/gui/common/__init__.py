"""Tests for desktop/gui/common."""
