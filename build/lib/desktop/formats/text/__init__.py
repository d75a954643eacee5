"""Reading work-plan texts: numbered outlines, sentences, clipboard HTML and TSV."""
