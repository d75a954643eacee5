"""Tests for desktop/support."""
