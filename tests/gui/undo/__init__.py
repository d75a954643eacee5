"""Tests of the one undo path."""
