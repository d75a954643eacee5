"""Tests for desktop/gui/outline."""
