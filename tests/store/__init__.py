"""Tests for desktop/store."""
