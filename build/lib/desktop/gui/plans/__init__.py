"""Plans: the plan list, the plan dialog, the recycle bin, the import preview and the plan session."""
