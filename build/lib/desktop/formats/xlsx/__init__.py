"""Excel .xlsx: the official-layout writer, its sizing and page setup, and the table reader."""
