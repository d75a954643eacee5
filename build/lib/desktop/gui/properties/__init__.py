"""The properties panel of the selected rows."""
