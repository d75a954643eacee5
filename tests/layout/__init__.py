"""Tests for desktop/layout."""
