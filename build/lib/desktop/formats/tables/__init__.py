"""Reading annex tables of any source: raw cells to a plan (headers, segments, groups, rows)."""
