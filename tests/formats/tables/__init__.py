"""Tests for desktop/formats/tables."""
