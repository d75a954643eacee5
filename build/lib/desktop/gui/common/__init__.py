"""Small widgets and helpers shared by every room of the GUI: dialogs, background jobs, editors."""
