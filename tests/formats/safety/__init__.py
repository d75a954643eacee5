"""Tests for desktop/formats/safety."""
