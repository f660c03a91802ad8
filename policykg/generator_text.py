"""Text pieces of synthetic policies: numerals, money and rates, incentive sentences, and
the final rendering of a document (punctuation width, script, pinyin debris, encoding)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_DIGITS = "零一二三四五六七八九"
_HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_FULL_TO_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 99 → 九十九 (the numbering of parts and sections)."""
    if not 0 < n < 100:
        raise ValueError(f"chinese_numeral supports 1..99, not {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def money_text(yuan: int) -> str:
    """Money as policies write it: 1000000 → 100万元, 150000000 → 1.5亿元, 5000 → 5000元."""
    if yuan >= 100_000_000 and yuan % 10_000_000 == 0:
        return f"{yuan / 100_000_000:g}亿元"
    if yuan >= 10_000 and yuan % 1_000 == 0:
        return f"{yuan / 10_000:g}万元"
    return f"{yuan}元"


def percent_text(percent: float, sign: str = "%") -> str:
    """8 → 8%, 1.5 → 1.5% (``sign`` may be the full-width ％)."""
    return f"{percent:g}{sign}"


def rate_value(percent: float) -> float:
    """A percentage as the fraction the contract uses, without float noise (1.5 → 0.015)."""
    return round(percent / 100, 6)


@dataclass
class Incentive:
    """An incentive sentence and the quantified instruments it states."""

    text: str
    instruments: list[dict[str, Any]]


def render_incentive(rng: random.Random, entry: dict[str, Any], pools: dict[str, list[Any]],
                     fill: dict[str, str], percent_sign: str) -> Incentive:
    """Fill one incentive entry of generator_data.json with drawn numbers.

    ``fill`` holds the document's words ({lvl}, {place}, {my}, {sources} …). Every number drawn
    for a slot is recorded as an instrument field, with ``evidence`` the literal text written.
    """
    parts = [entry["parts"][0]] + [p for p in entry["parts"][1:] if not p.get("optional") or rng.random() < 0.75]
    texts, instruments = [], []
    for part in parts:
        values = dict(fill)
        values["dash"] = rng.choice(["—", "-"])
        values["threshold"] = money_text(rng.choice(pools["threshold"]))
        record: dict[str, Any] = {"beneficiary": part["beneficiary"]}
        evidence = []
        for slot, pool in sorted(part["slots"].items()):
            if slot == "range":
                low, high = rng.choice(pools[pool])
                values["rate_min"], values["rate_max"] = percent_text(low, percent_sign), percent_text(high, percent_sign)
                record["rate_min"], record["rate_max"] = rate_value(low), rate_value(high)
                evidence += [values["rate_min"], values["rate_max"]]
            elif slot == "rate":
                pct = rng.choice(pools[pool])
                values["rate"] = percent_text(pct, percent_sign)
                record["rate"] = rate_value(pct)
                evidence.append(values["rate"])
            else:  # cap or amount, in yuan
                yuan = rng.choice(pools[pool])
                values[slot] = money_text(yuan)
                record[f"{slot}_yuan"] = yuan
                evidence.append(values[slot])
        texts.append(part["text"].format(**values))
        record["evidence"] = evidence
        instruments.append(record)
    after = rng.choice(entry.get("after") or [""])
    if after:
        after = after.format(threshold=money_text(rng.choice(pools["threshold"])))
    return Incentive(";".join(texts) + "。" + after, instruments)


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t.json")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_traditional(text: str) -> str:
    """Simplified → traditional Chinese (OpenCC s2t, phrase-aware)."""
    return _s2t().convert(text)


def to_simplified_chars(text: str) -> str:
    """Traditional → simplified character by character, as a reader that keeps offsets does."""
    convert = _t2s().convert
    return "".join(convert(ch) if ord(ch) > 0x2E7F else ch for ch in text)


def set_width(text: str, full: bool) -> str:
    """Write the punctuation of ``text`` full-width (，：（）) or half-width (,:())."""
    return text.translate(_HALF_TO_FULL if full else _FULL_TO_HALF)


def add_pinyin_debris(rng: random.Random, text: str, pinyin: dict[str, str], rate: float) -> str:
    """Append (pinyin) after a share of the characters ``pinyin`` knows: 發 → 發(fā), as a
    web converter leaves them."""
    out = []
    for ch in text:
        out.append(ch)
        syllable = pinyin.get(ch)
        if syllable and rng.random() < rate:
            out.append(f"({syllable})")
    return "".join(out)


def encode(text: str, encoding: str, crlf: bool) -> bytes:
    """The file bytes: utf-8, utf-8-sig (with BOM) or gb18030, with LF or CRLF line ends."""
    if crlf:
        text = text.replace("\n", "\r\n")
    return text.encode(encoding)
