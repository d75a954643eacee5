"""What an import read and what it changed on the way, for the clerk to see in the import preview.

Every import gives an :class:`ImportReport`: the kind of source (a table in a .docx, PDF pages, a
.doc converted by LibreOffice, a text with Word's automatic numbering, an .xls/.ods sheet …),
each cleaning done to the text (page numbers, bookmark markers and line breaks left by earlier
conversions) and each place that may still be residue and should be checked. Sentences are in
Chinese, ready to be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE_LABELS: dict[str, str] = {
    "docx_table": "Word 文档（.docx）中的表格",
    "docx_text": "Word 文档（.docx）的正文",
    "docx_numbered_text": "Word 文档（.docx）的正文，编号由 Word 自动编号生成",
    "doc_converted": "旧版 Word/WPS 文档，已由 LibreOffice 转换后读取其中的表格",
    "doc_converted_text": "旧版 Word/WPS 文档，已由 LibreOffice 转换后读取正文",
    "xlsx": "Excel 工作簿（.xlsx）",
    "xls": "旧版 Excel 工作簿（.xls）",
    "et_converted": "WPS 表格文件，已由 LibreOffice 转换后读取",
    "ods": "OpenDocument 电子表格（.ods）",
    "pdf": "PDF 文件中的表格",
    "html": "网页（HTML）中的表格",
    "text": "文字（工作要点、实施方案）",
    "plan": "分解表文件",
}


@dataclass
class ImportReport:
    """The kind of source, the cleanings done and the places to check."""

    source: str = "text"
    detail: str = ""  # e.g. "共 22 页"
    cleanings: dict[str, int] = field(default_factory=dict)  # sentence → how many times
    flags: list[str] = field(default_factory=list)
    check_all: bool = False  # the whole plan should be checked against the original (PDF)

    def cleaned(self, what: str, times: int = 1) -> None:
        """Record a cleaning ("去掉了单元格中的页码“—8—”") done ``times`` more times."""
        self.cleanings[what] = self.cleanings.get(what, 0) + times

    def flag(self, sentence: str) -> None:
        if sentence not in self.flags and len(self.flags) < 200:
            self.flags.append(sentence)

    @property
    def source_label(self) -> str:
        label = SOURCE_LABELS.get(self.source, self.source)
        return f"{label}（{self.detail}）" if self.detail else label

    def cleaning_lines(self) -> list[str]:
        return [what if times == 1 else f"{what}（{times} 处）" for what, times in self.cleanings.items()]

    def lines(self) -> list[str]:
        """Everything the preview shows, one sentence a line."""
        out = [f"来源：{self.source_label}"]
        if self.check_all:
            out.append("请对照原文件逐行核对：从 PDF 读出的表格可能有断行或错位。")
        out.extend(f"已清理：{line}" for line in self.cleaning_lines())
        out.extend(f"请核对：{line}" for line in self.flags)
        return out
