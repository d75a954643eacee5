"""The task tree: its Qt model, view, delegate, drag and drop, filter, and the edit controller."""
