"""催办通知 as .docx, one per unit, in the office's layout.

Each notice is an A4 page in the official faces: the title (方正小标宋, 二号, centred) "关于报送
《plan》落实情况的催办通知", the unit addressed (仿宋, 三号, "区财政局："), a paragraph saying what is
missing (本轮未报送, 逾期 N 项 since when), the overdue tasks as a numbered list (序号, text,
完成时限, days overdue), the deadline to reply, and the issuing office and date at the right.
Files are named ``<单位>-催办通知.docx`` with the same safe, collision-free stems as the units'
feedback files, and written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from desktop.core.reminders import Reminder
from desktop.formats.atomic import write_atomically
from desktop.formats.feedback.unit_share import unique_stems
from desktop.layout.typography import BODY_FACE, TITLE_FACE, Face

TITLE_PT = 22.0  # 二号
BODY_PT = 16.0  # 三号
LINE_PT = 28.0  # fixed line spacing of official documents


def _day(on: date) -> str:
    return f"{on.year}年{on.month}月{on.day}日"


def _run(paragraph: Paragraph, text: str, face: Face, size: float, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face.latin
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face.east_asian)


def _paragraph(document: docx.document.Document, text: str, *, face: Face = BODY_FACE, size: float = BODY_PT,
               align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True,
               bold: bool = False) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.line_spacing = Pt(LINE_PT)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _run(paragraph, text, face, size, bold)
    return paragraph


def build_notice(item: Reminder, plan_title: str, office: str, today: date, reply_by: date,
                 round_name: str = "") -> docx.document.Document:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _paragraph(document, f"关于报送《{plan_title}》落实情况的催办通知", face=TITLE_FACE, size=TITLE_PT,
               align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, "", indent=False)
    _paragraph(document, f"{item.unit}：", indent=False)
    period = f"（{round_name}）" if round_name else ""
    missing = []
    if item.not_sent:
        missing.append(f"截至{_day(today)}，贵单位尚未报送本轮{period}落实情况反馈表")
    if item.overdue:
        since = item.since
        start = f"，最早的自{_day(since)}起" if since is not None else ""
        missing.append(f"贵单位承担的任务中有 {len(item.overdue)} 项已超过完成时限仍未完成{start}")
    _paragraph(document, "；".join(missing) + "。具体如下：" if item.overdue else "；".join(missing) + "。")
    for number, task in enumerate(item.overdue, start=1):
        _paragraph(document, f"{number}. 序号 {task.seq}：{task.text}（完成时限 {_day(task.due)}，"
                             f"已逾期 {task.days} 天）【逾期】")
    to = office or "我办"
    _paragraph(document, f"请于{_day(reply_by)}前将落实情况（进展情况、完成状态、完成时间）报送{to}。"
                         "逾期未报送的，将在落实情况汇总表中如实反映。")
    _paragraph(document, "特此通知。")
    _paragraph(document, "", indent=False)
    if office:
        _paragraph(document, office, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, _day(today), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    document.core_properties.title = f"{item.unit}催办通知"
    document.core_properties.author = office or "Fenjie"
    return document


def write_notices(items: Sequence[Reminder], folder: Path, plan_title: str, office: str, today: date,
                  reply_by: date, round_name: str = "") -> list[Path]:
    """One ``<单位>-催办通知.docx`` per reminder in ``folder``; returns the files written."""
    written: list[Path] = []
    for item, stem in zip(items, unique_stems([item.unit for item in items]), strict=True):
        target = Path(folder) / f"{stem}-催办通知.docx"
        document = build_notice(item, plan_title, office, today, reply_by, round_name)

        def save(tmp: Path, notice: docx.document.Document = document) -> None:
            notice.save(str(tmp))

        write_atomically(target, save)
        written.append(target)
    return written
