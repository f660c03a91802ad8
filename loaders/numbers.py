"""Small number helpers: Chinese numerals (二〇二五, 二十四, 三) and 万/亿 multipliers."""

from __future__ import annotations

import re

from .quantities import parse_chinese_number

# Written years use several look-alikes of 〇 (二○二五, 二O二五); they read as 〇.
_ZERO_LOOKALIKES = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇"})
CN_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万亿"
# the letters a page may print for 〇 in a year written in Chinese numerals: the Greek and
# Cyrillic capital O (二Ο三五, 二О三五), a Latin or full-width O; the circle ○ is a zero as
# printed and stays
_ZERO_SHAPES = "Ο\u041eOＯ"
_NUMERAL_RUN = re.compile(f"[〇一二三四五六七八九{_ZERO_SHAPES}]{{2,}}")


def zero_lookalikes_as_ling(text: str) -> str:
    """``text`` with every letter standing for 〇 in a run of Chinese numerals written as 〇
    (二Ο三五年 → 二〇三五年); a run without a Chinese digit (OO) stays as it is, and so does ○."""
    def fix(m: re.Match[str]) -> str:
        run = m.group()
        if not any(ch in "一二三四五六七八九" for ch in run):
            return run
        return "".join("〇" if ch in _ZERO_SHAPES else ch for ch in run)
    return _NUMERAL_RUN.sub(fix, text) if any(ch in _ZERO_SHAPES for ch in text) else text

# Multipliers written before a unit: 400亿元, 1.5万元, 3千万元.
MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6,
               "十万": 1e5, "万": 1e4, "千": 1e3, "百": 1e2}
MULTIPLIER_PATTERN = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral: 二十四 → 24, 二〇二五 → 2025, 十 → 10, 一百零五 → 105.

    A string of bare digits (二〇二五) is read digit by digit, as in written years.
    Returns None when ``text`` is not a Chinese numeral.
    """
    text = (text or "").translate(_ZERO_LOOKALIKES)
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    return int(parse_chinese_number(text))


def to_number(text: str) -> float | None:
    """An Arabic (1,000 / 3.5) or Chinese (二十) number as a float, None when it is neither."""
    text = text.strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    value = cn_to_int(text)
    return float(value) if value is not None else None


def multiplier(prefix: str) -> float:
    """The factor of a unit prefix such as 亿 or 万 (1 when there is none)."""
    return MULTIPLIERS.get(prefix, 1.0) if prefix else 1.0
