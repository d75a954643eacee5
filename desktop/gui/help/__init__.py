"""The user guide in the app: the help window (F1), its table of contents and search, topics per dialog."""
