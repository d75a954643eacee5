"""Tests for desktop/gui/help: the help window, the guide and its screenshots."""
