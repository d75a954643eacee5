"""Tests for desktop/formats/pdf."""
