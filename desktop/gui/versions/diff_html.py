"""An entry's texts as HTML for the comparison window: deletions struck through, additions underlined.

Colour helps on screen, but the marks (strike-through, underline, and 新增 / 删除 in words) carry the
meaning on their own, as in the printed 修改对照表.
"""

from __future__ import annotations

from html import escape

from desktop.core.compare.result import Entry
from desktop.core.compare.textdiff import new_side, old_side

DELETED = '<s style="color:#a4161a; background:#fde2e4;">{}</s>'
INSERTED = '<u style="color:#1b5e20; background:#dcf1de;"><b>{}</b></u>'
MUTED = '<span style="color:#777777;">{}</span>'


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _attrs(entry: Entry, new: bool) -> str:
    lines = []
    for change in entry.attrs:
        value = _text((change.new if new else change.old) or "（空）")
        lines.append(f"<br>{escape(change.label)}：" + (INSERTED if new else DELETED).format(value))
    return "".join(lines)


def old_html(entry: Entry) -> str:
    if entry.kind == "added":
        return MUTED.format("（新增）")
    if entry.kind == "removed":
        return "删除：" + DELETED.format(_text(entry.old_text)) + _attrs(entry, False)
    if entry.kind == "same":
        body = _text(entry.old_text)
    else:
        body = "".join(DELETED.format(_text(t)) if op == "delete" else _text(t)
                       for op, t in old_side(entry.segments))
    return body + _attrs(entry, False)


def new_html(entry: Entry) -> str:
    if entry.kind == "removed":
        return MUTED.format("（删除）")
    if entry.kind == "added":
        return "新增：" + INSERTED.format(_text(entry.new_text))
    if entry.kind == "same":
        body = _text(entry.new_text)
    else:
        body = "".join(INSERTED.format(_text(t)) if op == "insert" else _text(t)
                       for op, t in new_side(entry.segments))
    return body + _attrs(entry, True)


def kind_text(entry: Entry) -> str:
    """The 类别 column: 新增 / 删除 / 修改 / 合并 / 拆分 / 未变, then 移动 and 属性 when they apply."""
    from desktop.core.compare.result import KIND_LABELS

    parts = [KIND_LABELS[entry.kind]] if entry.kind != "same" or not (entry.moved or entry.attrs) else []
    if entry.moved:
        parts.append("移动")
    if entry.attrs:
        parts.append("属性")
    return "、".join(parts)
