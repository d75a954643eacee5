"""Tests for desktop/formats/feedback."""
