"""Tests for desktop/core."""
