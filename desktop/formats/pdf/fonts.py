"""Finding and registering the fonts of the PDF annex with reportlab (once per process).

The official faces are embedded when the machine has them (Windows: simfang.ttf 仿宋, simhei.ttf
黑体, simsun.ttc 宋体, and 方正小标宋简体 when installed). Otherwise an installed CJK TrueType font
is embedded in their place (found in the usual font folders or through fontconfig's ``fc-list``;
CFF-based fonts such as Noto/Source Han CJK are refused by reportlab and skipped). Only when no
CJK TrueType font exists at all does the PDF fall back to reportlab's built-in STSong-Light, which
is not embedded; the caller is told so in plain Chinese (DESIGN.md §2, §4).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

BUILTIN_FONT = "STSong-Light"

# (label, file names, fontconfig family names) of each official face, best first.
_FANGSONG = [("仿宋", ("simfang.ttf", "fangsong_gb2312.ttf", "仿宋_gb2312.ttf", "仿宋.ttf"),
              ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312")),
             ("华文仿宋", ("stfangso.ttf",), ("STFangsong", "华文仿宋"))]
_HEITI = [("黑体", ("simhei.ttf", "黑体.ttf"), ("SimHei", "黑体"))]
_XIAOBIAOSONG = [("方正小标宋简体", ("fzxbsjw.ttf", "方正小标宋简体.ttf", "fzxbsjw--gb1-0.ttf"),
                  ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05")),
                 ("华文中宋", ("stzhongs.ttf",), ("STZhongsong", "华文中宋"))]
_SONGTI = [("宋体", ("simsun.ttc", "simsun.ttf"), ("SimSun", "宋体"))]
# Free CJK TrueType fonts, best substitutes first; any other CJK font fontconfig knows comes after.
_SUBSTITUTES = [("AR PL UMing", ("uming.ttc",), ("AR PL UMing CN", "AR PL UMing")),
                ("楷体", ("simkai.ttf",), ("KaiTi", "楷体")),
                ("文泉驿正黑", ("wqy-zenhei.ttc",), ("WenQuanYi Zen Hei", "文泉驿正黑")),
                ("文泉驿微米黑", ("wqy-microhei.ttc",), ("WenQuanYi Micro Hei",)),
                ("微软雅黑", ("msyh.ttc", "msyh.ttf"), ("Microsoft YaHei", "微软雅黑")),
                ("Droid Sans Fallback", ("droidsansfallbackfull.ttf", "droidsansfallback.ttf"),
                 ("Droid Sans Fallback",))]


@dataclass(frozen=True, slots=True)
class PdfFont:
    """A font registered with reportlab: its name there, the face it shows to the user, its file."""

    name: str
    label: str
    official: bool
    embedded: bool = True
    path: Path | None = None
    index: int = 0


@dataclass(frozen=True)
class PdfFonts:
    """The annex faces: body (仿宋), heading (黑体: label, header row), title (小标宋), page number (宋体)."""

    body: PdfFont
    heading: PdfFont
    title: PdfFont
    number: PdfFont
    warnings: tuple[str, ...] = ()


def default_font_dirs() -> tuple[Path, ...]:
    """The usual font folders of Windows, macOS and Linux that exist on this machine."""
    home = Path.home()
    candidates = [Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
                  Path(os.environ.get("LOCALAPPDATA", home / "AppData/Local")) / "Microsoft/Windows/Fonts",
                  Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts",
                  Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
                  home / ".local/share/fonts"]
    return tuple(p for p in candidates if p.is_dir())


def _files_in(dirs: Iterable[Path]) -> dict[str, Path]:
    """Font files by lower-case file name (the first found wins)."""
    found: dict[str, Path] = {}
    for top in dirs:
        for folder, _, names in os.walk(top):
            for name in names:
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name.lower(), Path(folder) / name)
    return found


def _fontconfig_families() -> dict[str, tuple[Path, int, str]]:
    """Font files (and TTC index) of each family fontconfig knows, by lower-case family name."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return {}
    try:
        out = subprocess.run([fc_list, ":lang=zh", "file", "family", "index"], capture_output=True,
                             text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    families: dict[str, tuple[Path, int, str]] = {}
    for line in sorted(out.splitlines()):
        path, _, rest = line.partition(": ")
        if not path.lower().endswith((".ttf", ".ttc")):
            continue
        names, _, index = rest.rpartition(":index=")
        for family in names.split(","):
            families.setdefault(family.strip().lower(), (Path(path), int(index or 0), family.strip()))
    return families


class _Registry:
    """Registers each (file, index) with reportlab at most once; remembers what failed."""

    def __init__(self, files: dict[str, Path], families: dict[str, tuple[Path, int, str]]) -> None:
        self.files = files
        self.families = families
        self.done: dict[tuple[Path, int], str | None] = {}

    def register(self, path: Path, index: int) -> str | None:
        key = (path, index)
        if key not in self.done:
            name = f"Fenjie-{path.stem}-{index}-{zlib.crc32(str(path).encode()):08x}"
            try:
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
                self.done[key] = name
            except Exception:  # CFF outlines, broken or unreadable files: try the next candidate
                self.done[key] = None
        return self.done[key]

    def first(self, candidates: Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]],
              official: bool) -> PdfFont | None:
        for label, file_names, family_names in candidates:
            places = [(self.files[f], 0) for f in file_names if f in self.files]
            places += [self.families[f.lower()][:2] for f in family_names if f.lower() in self.families]
            for path, index in places:
                name = self.register(path, index)
                if name is not None:
                    return PdfFont(name, label, official, path=path, index=index)
        return None

    def any_cjk(self) -> PdfFont | None:
        found = self.first(_SUBSTITUTES, official=False)
        if found is not None:
            return found
        for _, (path, index, family) in sorted(self.families.items()):
            name = self.register(path, index)
            if name is not None:
                return PdfFont(name, family, official=False, path=path, index=index)
        return None


@functools.lru_cache(maxsize=8)
def load_fonts(dirs: tuple[Path, ...] | None = None, use_fontconfig: bool = True) -> PdfFonts:
    """Find and register the annex fonts; cached, so registration happens once per process."""
    registry = _Registry(_files_in(default_font_dirs() if dirs is None else dirs),
                         _fontconfig_families() if use_fontconfig else {})
    fangsong = registry.first(_FANGSONG, True)
    heiti = registry.first(_HEITI, True)
    substitute = registry.any_cjk() if fangsong is None or heiti is None else None
    body = fangsong or substitute or heiti
    heading = heiti or substitute or fangsong
    if body is None or heading is None:
        pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN_FONT))
        builtin = PdfFont(BUILTIN_FONT, BUILTIN_FONT, official=False, embedded=False)
        warning = ("本机找不到可以嵌入的中文字体，PDF 只能使用未嵌入的 STSong-Light 字体，"
                   "在没有该中文字库的电脑上可能显示不出文字；请安装仿宋、黑体等中文字体后重新导出。")
        return PdfFonts(builtin, builtin, builtin, builtin, (warning,))
    title = registry.first(_XIAOBIAOSONG, True) or heading
    number = registry.first(_SONGTI, True) or body
    replaced = [(label, used) for found, label, used in ((fangsong, "仿宋", body), (heiti, "黑体", heading))
                if found is None]
    warnings: tuple[str, ...] = ()
    if replaced:
        missing = "、".join(label for label, _ in replaced)
        used = "、".join(dict.fromkeys(font.label for _, font in replaced))
        warnings = (f"本机没有安装{missing}字体，PDF 中已改用“{used}”（已嵌入），字形与正式公文略有不同。",)
    return PdfFonts(body, heading, title, number, warnings)
