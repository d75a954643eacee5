"""Tests for desktop/gui."""
