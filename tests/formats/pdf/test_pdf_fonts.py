"""Font discovery for the PDF: official file names first, then any CJK TrueType font, then STSong-Light."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.formats.pdf.fonts import BUILTIN_FONT, load_fonts
from desktop.formats.pdf.writer import write_pdf_grid
from desktop.layout.engine import build_grid
from tests.support.pdf_inspect import font_rows

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def cjk_truetype_file() -> Path:
    """An installed CJK TrueType font to stand in for the official ones (fonts-wqy-zenhei here)."""
    if WQY.is_file():
        return WQY
    found = load_fonts().body.path
    if found is None:
        pytest.fail("no CJK TrueType font is installed; install fonts-wqy-zenhei to run this test")
    return found


def test_official_file_names_are_preferred_and_need_no_warning(tmp_path, taian_plan):
    source = cjk_truetype_file()
    for name in ("simfang.ttf", "simhei.ttf", "simsun.ttc"):
        (tmp_path / name).symlink_to(source)
    fonts = load_fonts((tmp_path,), use_fontconfig=False)
    assert (fonts.body.label, fonts.heading.label, fonts.number.label) == ("仿宋", "黑体", "宋体")
    assert fonts.body.official and fonts.heading.official and fonts.number.official
    assert fonts.title.label == "黑体"  # no 方正小标宋 here: the title falls back to 黑体
    assert fonts.warnings == ()
    target = tmp_path / "official.pdf"
    assert write_pdf_grid(build_grid(taian_plan), target, fonts=fonts) == []
    assert all(embedded for _, _, embedded in font_rows(target))


def test_xiaobiaosong_is_used_for_the_title_when_installed(tmp_path):
    source = cjk_truetype_file()
    (tmp_path / "simhei.ttf").symlink_to(source)
    (tmp_path / "FZXBSJW.TTF").symlink_to(source)
    fonts = load_fonts((tmp_path,), use_fontconfig=False)
    assert fonts.title.label == "方正小标宋简体" and fonts.title.official


def test_missing_official_fonts_are_replaced_by_an_embedded_substitute_with_a_warning(tmp_path):
    (tmp_path / "wqy-zenhei.ttc").symlink_to(cjk_truetype_file())
    fonts = load_fonts((tmp_path,), use_fontconfig=False)
    assert fonts.body.embedded and not fonts.body.official
    assert fonts.body.label == "文泉驿正黑"
    assert len(fonts.warnings) == 1
    assert "仿宋、黑体" in fonts.warnings[0] and "文泉驿正黑" in fonts.warnings[0]


def test_one_official_face_stands_in_for_the_other_when_nothing_else_is_installed(tmp_path):
    (tmp_path / "simhei.ttf").symlink_to(cjk_truetype_file())
    fonts = load_fonts((tmp_path,), use_fontconfig=False)
    assert fonts.body.label == fonts.heading.label == "黑体"
    assert fonts.warnings == ("本机没有安装仿宋字体，PDF 中已改用“黑体”（已嵌入），字形与正式公文略有不同。",)


def test_unusable_font_files_are_skipped(tmp_path):
    (tmp_path / "simfang.ttf").write_bytes(b"OTTO" + bytes(2000))  # not a TrueType font reportlab takes
    (tmp_path / "simhei.ttf").write_bytes(b"")
    (tmp_path / "uming.ttc").symlink_to(cjk_truetype_file())
    fonts = load_fonts((tmp_path,), use_fontconfig=False)
    assert not fonts.body.official and fonts.body.embedded
    assert fonts.body.label == "AR PL UMing"


def test_without_any_cjk_truetype_font_the_builtin_font_is_used_with_a_warning(tmp_path):
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"")
    fonts = load_fonts((tmp_path,), use_fontconfig=False)
    assert fonts.body.name == BUILTIN_FONT and not fonts.body.embedded
    assert fonts.title.name == fonts.number.name == BUILTIN_FONT
    assert "STSong-Light" in fonts.warnings[0]


def test_registration_is_cached():
    assert load_fonts() is load_fonts()
