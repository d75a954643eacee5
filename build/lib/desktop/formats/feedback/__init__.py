"""Unit files and feedback workbooks: writing them for units and reading their returns."""
