"""Tests for desktop/formats."""
