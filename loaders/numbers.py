"""Small number helpers: Chinese numerals (二〇二五, 二十四, 三) and 万/亿 multipliers."""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)

# Multipliers written before a unit: 400亿元, 1.5万元, 3千万元.
MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6,
               "十万": 1e5, "万": 1e4, "千": 1e3, "百": 1e2}
MULTIPLIER_PATTERN = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral: 二十四 → 24, 二〇二五 → 2025, 十 → 10, 一百零五 → 105.

    A string of bare digits (二〇二五) is read digit by digit, as in written years.
    Returns None when ``text`` is not a Chinese numeral.
    """
    if not text or any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


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
