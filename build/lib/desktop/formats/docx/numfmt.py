"""Word's number formats (``w:numFmt``) rendered the way Word shows them in a list label.

Covers the formats Chinese government documents use — ``chineseCounting`` (一 … 十一),
``chineseCountingThousand``, ``chineseLegalSimplified`` (壹贰叁), ``ideographTraditional``
(甲乙丙), ``ideographZodiac``, ``decimalEnclosedCircle`` (①), ``decimalEnclosedParen`` ((1)),
``decimalEnclosedFullstop`` — and the western ones (decimal, letters, roman numerals).
An unknown format falls back to decimal; ``bullet`` and ``none`` have no number.
"""

from __future__ import annotations

from desktop.core.numbering import chinese_numeral

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_DIGITS = "〇一二三四五六七八九"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
NO_NUMBER = ("bullet", "none")


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letters(n: int) -> str:
    """a … z, then aa … zz as Word does (the letter repeated)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _legal(n: int) -> str:
    plain = chinese_numeral(n)
    table = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
    if n >= 10 and plain.startswith("十"):
        plain = "一" + plain
    return plain.translate(table) if 0 < n < 10000 else str(n)


def _cycle(chars: str, n: int) -> str:
    return chars[(n - 1) % len(chars)] if n > 0 else str(n)


def _enclosed(chars: str, n: int, fallback: str) -> str:
    return chars[n - 1] if 0 < n <= len(chars) else fallback.format(n)


def format_number(fmt: str, n: int) -> str:
    """The text of number ``n`` in Word number format ``fmt``."""
    if fmt in NO_NUMBER:
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return chinese_numeral(n)
    if fmt == "chineseLegalSimplified":
        return _legal(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _cycle(_TRADITIONAL, n)
    if fmt == "ideographZodiac":
        return _cycle(_ZODIAC, n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _enclosed(_CIRCLED, n, "{}")
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(_FULLSTOP, n, "{}.")
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)

