"""Tests for desktop/formats/report."""
