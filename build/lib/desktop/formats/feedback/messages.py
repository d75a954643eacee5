"""The sentences refusing a returned file, apart so the window can use them without loading readers."""

from __future__ import annotations

from desktop.core.feedback import NOT_FEEDBACK

DAMAGED = "文件已损坏或不是 Word/Excel 文件，无法读取。"  # safe_zip.DAMAGED_MESSAGE, checked by a test
ENCRYPTED = "文件设置了打开密码，无法读取；请让填报单位取消密码后再交回。"
NOT_A_WORKBOOK = "文件不是 Excel、WPS 或 LibreOffice 表格（.xlsx/.xls/.et/.ods），无法作为反馈表导入。"
WORD_FILE = "这是 Word 文档，不是反馈表；请交回 Fenjie 导出的 .xlsx 反馈表。"
DAMAGED_LEGACY = ("这个 .xls/.et 文件已损坏或不是表格文件，无法读取；"
                  "请在 Excel 或 WPS 中打开后另存为 .xlsx 再交回。")
DAMAGED_ODS = "这个 .ods 文件已损坏，无法读取；请在 LibreOffice 或 WPS 中打开后另存为 .xlsx 再交回。"
NO_IDENTITY = ("这个表格没有 Fenjie 反馈表的标识信息（可能是另行新建的表格，或复制粘贴到了新文件），"
               "无法确定属于哪个计划和单位；请让填报单位在导出的原表上填写后再交回。")
# Refusals meaning "not a returned workbook at all": the app offers such a file to the annex import.
NOT_FEEDBACK_REASONS = frozenset({NOT_FEEDBACK, NO_IDENTITY, WORD_FILE, NOT_A_WORKBOOK, DAMAGED})
