"""Tests for desktop/bench."""
