"""PDF: fonts, page furniture, table drawing and the writer of Fenjie's own print path."""
