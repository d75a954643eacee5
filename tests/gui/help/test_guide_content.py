"""The shipped guide holds together: its pictures exist and are the ones the suite makes, every link
lands on a section, every dialog's F1 section exists, and its table of keys is the window's own.

The keys are checked against the real main window: every key the table lists must be bound to the
action the row names, and every action of the window with a key must be listed with it.
"""

from __future__ import annotations

from html.parser import HTMLParser

from PySide6.QtGui import QAction, QKeySequence

from desktop.gui.help import topics
from desktop.resources import help_guide_path, resources_dir
from tests.gui.help.test_help_screenshots import GUIDE_IMAGES

GUIDE = help_guide_path()
# How the guide writes a key → how Qt names it (the main Enter key is Return; the keypad's is Enter).
KEY_NAMES = {"↑": "Up", "↓": "Down", "Delete": "Del", "Enter": "Return"}
KEYPAD_ALIASES = {"Enter": "Return"}  # a shortcut on both keys is listed once, as Enter


class GuideParser(HTMLParser):
    """Ids, links, images, and the rows of the keys table (key texts, command) of the guide."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.images: list[str] = []
        self.key_rows: list[tuple[list[str], str]] = []
        self.headings: list[tuple[str, str]] = []  # (tag, text) of h1–h3
        self._in_keys = False
        self._cell = -1
        self._row: tuple[list[str], list[str]] | None = None
        self._in_kbd = False
        self._heading: str | None = None
        self._heading_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag == "img":
            self.images.append(str(values.get("src")))
        if tag == "table" and values.get("class") == "keys":
            self._in_keys = True
        if self._in_keys and tag == "tr":
            self._row, self._cell = ([], []), -1
        if self._in_keys and tag in ("td", "th"):
            self._cell += 1
        if tag == "kbd":
            self._in_kbd = True
        if tag in ("h1", "h2", "h3"):
            self._heading, self._heading_text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_keys = False
        if tag == "tr" and self._row is not None and self._row[0]:
            self.key_rows.append((self._row[0], "".join(self._row[1]).strip()))
            self._row = None
        if tag == "kbd":
            self._in_kbd = False
        if tag == self._heading:
            self.headings.append((tag, self._heading_text.strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._heading_text += data
        if self._in_keys and self._row is not None:
            if self._cell == 0 and self._in_kbd:
                self._row[0].append(data.strip())
            elif self._cell == 1:
                self._row[1].append(data)


def parsed() -> GuideParser:
    parser = GuideParser()
    parser.feed(GUIDE.read_text(encoding="utf-8"))
    return parser


def test_every_picture_exists_is_made_by_the_suite_and_small() -> None:
    guide = parsed()
    folder = resources_dir() / "help"
    assert sorted(set(guide.images)) == sorted(f"images/{name}" for name in GUIDE_IMAGES)
    on_disk = sorted(p.name for p in (folder / "images").iterdir())
    assert on_disk == sorted(GUIDE_IMAGES)  # nothing shipped that the guide does not show
    total = 0
    for name in GUIDE_IMAGES:
        data = (folder / "images" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        total += len(data)
    assert total < 400 * 1024


def test_every_link_lands_on_a_section_and_every_dialog_topic_exists() -> None:
    guide = parsed()
    assert len(guide.ids) == len(set(guide.ids)), "an id is used twice"
    assert guide.links, "the guide has no links between its sections"
    for link in guide.links:
        assert link.startswith("#"), f"{link}: the guide links only within itself (it works offline)"
        assert link[1:] in guide.ids, f"{link} goes nowhere"
    for topic in topics.ALL:
        assert topic in guide.ids, f"F1 topic {topic} is not a section of the guide"


def test_the_guide_covers_what_a_clerk_does() -> None:
    chapters = [text for tag, text in parsed().headings if tag == "h2"]
    assert chapters == ["主窗口一览", "新建与导入", "编辑任务树", "单位与完成时限", "正式版式与打印", "导出",
                        "落实情况跟踪", "版本与对照", "快捷键一览", "常见问题"]
    text = GUIDE.read_text(encoding="utf-8")
    for phrase in ("Word", "WPS", ".doc", "PDF", "粘贴", "缩进", "升级", "移动", "合并为一行", "按句拆分",
                   "查找替换", "向下填充", "撤销", "责任单位", "完成时限", "样式预设", "分页后重复类别",
                   "打印预览", ".docx", ".xlsx", ".pdf", "报送轮次", "导出各单位反馈表", "导入反馈表",
                   "未报送", "部分退回", "催办", "落实情况汇总表", "快照", "修改对照表", "打开所在文件夹"):
        assert phrase in text, phrase


def _key(text: str) -> QKeySequence:
    for shown, name in KEY_NAMES.items():
        text = text.replace(shown, name)
    sequence = QKeySequence(text)
    assert not sequence.isEmpty() and sequence.toString() != "", f"the guide's key {text!r} is not a key"
    return sequence


def _command(action: QAction) -> str:
    return action.text().replace("&", "").removesuffix("…")


def _listed(sequence: QKeySequence) -> str:
    """A shortcut as the table lists it (keypad Enter folded into Enter)."""
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    return text.replace("Enter", "Return")


def _platform_extras() -> set[str]:
    """The second and later keys Qt adds for a standard key on this platform (Shift+Del for 剪切 …)."""
    extras: set[str] = set()
    for key in QKeySequence.StandardKey:
        extras |= {_listed(k) for k in QKeySequence.keyBindings(key)[1:]}
    return extras


def test_the_keys_table_is_the_windows_own_keys(window) -> None:
    rows = parsed().key_rows
    assert len(rows) >= 30
    actions = [a for a in window.findChildren(QAction) if a.shortcuts()]
    by_command: dict[str, list[QAction]] = {}
    for action in actions:
        by_command.setdefault(_command(action), []).append(action)

    listed: dict[str, set[str]] = {}
    for keys, command in rows:
        assert command in by_command, f"the guide lists {command}, which the window does not have"
        bound = {_listed(k) for a in by_command[command] for k in a.shortcuts()}
        for text in keys:
            key = _listed(_key(text))
            assert key in bound, f"{text} is not bound to {command} (it is bound to {sorted(bound)})"
            listed.setdefault(command, set()).add(key)

    extras = _platform_extras()
    for command, owners in by_command.items():
        keys = {_listed(k) for a in owners for k in a.shortcuts()}
        own = keys - extras  # what the app binds (the platform's extra keys need not be listed)
        assert own <= listed.get(command, set()), f"{command}: {sorted(own - listed.get(command, set()))} " \
                                                  "is not in the guide's 快捷键一览"
