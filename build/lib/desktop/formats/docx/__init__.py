"""Word .docx: the element layer (ooxml), the official-layout writer and the table reader."""
