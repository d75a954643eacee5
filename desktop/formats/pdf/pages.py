"""Page images of an imported PDF, so the clerk can check the rows read from it against the original.

Pages are rendered one at a time with pdfium (pypdfium2, installed with pdfplumber) to PNG bytes;
the GUI shows them beside the import preview. The file has already passed the import's checks.
"""

from __future__ import annotations

import io
from pathlib import Path

from desktop.formats.errors import FormatError
from desktop.formats.safety.safe_zip import MAX_FILE_BYTES, read_limited

MAX_SCALE = 3.0


class PdfPages:
    """An open PDF whose pages can be rendered as PNG images."""

    def __init__(self, path: Path) -> None:
        import pypdfium2

        try:
            self._document = pypdfium2.PdfDocument(read_limited(Path(path), MAX_FILE_BYTES))
        except Exception as error:  # pdfium raises PdfiumError on damaged or locked files
            raise FormatError("无法显示这个 PDF 的页面。") from error

    def __len__(self) -> int:
        return len(self._document)

    def png(self, index: int, scale: float = 1.5) -> bytes:
        """Page ``index`` (0-based) as PNG bytes, ``scale`` × 72 dpi."""
        if not 0 <= index < len(self):
            raise FormatError("没有这一页。")
        page = self._document[index]
        try:
            image = page.render(scale=max(0.5, min(scale, MAX_SCALE))).to_pil()
        finally:
            page.close()
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        return buffer.getvalue()

    def close(self) -> None:
        self._document.close()
