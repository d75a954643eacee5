"""Tests for desktop/gui/printing."""
