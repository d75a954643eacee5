"""The live official table: the Qt model over the layout grid, its view, delegate and header."""
