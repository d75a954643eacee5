"""Drafts and versions in the app: snapshots, the comparison window, taking a unit's changes over."""
