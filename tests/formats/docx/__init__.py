"""Tests for desktop/formats/docx."""
