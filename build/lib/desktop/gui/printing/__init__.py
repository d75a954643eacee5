"""Export and print: the export jobs, the print layout and the painter of Qt's printer path."""
