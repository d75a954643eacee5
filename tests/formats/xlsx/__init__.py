"""Tests for desktop/formats/xlsx."""
