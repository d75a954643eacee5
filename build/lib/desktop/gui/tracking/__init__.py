"""Tracking in the app: the 督办 dashboard, the progress panel, feedback in and out."""
