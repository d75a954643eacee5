"""Tests for desktop/formats/text."""
