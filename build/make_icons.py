"""Draw Fenjie's icon — a red seal-like square with 分 in white — as PNG and multi-size ICO.

Writes resources/icons/fenjie.png (256 px, used for the window icon and the Linux desktop entry)
and build/fenjie.ico (16–256 px, for the Windows executable, the installer and .fenjie files).
Each size is drawn on its own so the small ones stay crisp. Needs Pillow and a CJK font
(WenQuanYi Zen Hei on Debian: fonts-wqy-zenhei; pass another with --font). The results are
committed; run this only to change the design: ``python build/make_icons.py``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
PNG = ROOT / "resources" / "icons" / "fenjie.png"
ICO = ROOT / "build" / "fenjie.ico"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
SEAL_RED = (200, 22, 29, 255)  # 中国红, the colour of an official seal
WHITE = (255, 255, 255, 255)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SUPERSAMPLE = 4


def draw_icon(size: int, font_path: Path) -> Image.Image:
    """The icon at ``size`` pixels: rounded red square, thin inner frame (from 32 px), white 分."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    margin = round(big * 0.04)
    draw.rounded_rectangle((margin, margin, big - margin, big - margin), radius=round(big * 0.14),
                           fill=SEAL_RED)
    if size >= 32:  # the seal's inner border line; too fine to show on the smallest sizes
        inset = round(big * 0.12)
        draw.rounded_rectangle((inset, inset, big - inset, big - inset), radius=round(big * 0.06),
                               outline=WHITE, width=max(SUPERSAMPLE, round(big * 0.025)))
    glyph_share = 0.66 if size >= 32 else 0.86
    font = ImageFont.truetype(str(font_path), round(big * glyph_share))
    stroke = round(big * 0.012)  # a little heavier, like a carved seal
    draw.text((big / 2, big / 2), "分", font=font, fill=WHITE, anchor="mm", stroke_width=stroke,
              stroke_fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, default=FONT, help="a TrueType/TTC font with 分")
    args = parser.parse_args()
    PNG.parent.mkdir(parents=True, exist_ok=True)
    draw_icon(256, args.font).save(PNG, optimize=True)
    images = [draw_icon(size, args.font) for size in ICO_SIZES]
    images[-1].save(ICO, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    print(PNG, PNG.stat().st_size, "bytes")
    print(ICO, ICO.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
