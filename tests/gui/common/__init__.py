"""Tests for desktop/gui/shell."""
