"""The progress report (落实情况汇总表) as .docx, .xlsx and PDF, with its chart."""
