"""Tests for desktop/gui/properties."""
