"""Numbers as Chinese policies write them: rates, ranges, money, multiples, counts, years.

Input is normalised text (simplified Chinese, full-width ASCII folded), so ``8％``
arrives as ``8%`` and ``（含）`` as ``(含)``.  Every written form is parsed:

- rates: ``8%``, ``0.5%``, ``百分之八``, ``百分之二十五``, ``千分之五``, ``万分之一``, ``5‰``,
  ``三成`` (30%), ``两成``, percentage points ``1个百分点`` (0.01)
- ranges: ``70%—99%``, ``70%-99%``, ``70%~99%``, ``70%至99%``, ``70-99%``,
  ``百分之七十至百分之九十九``; money ranges ``10万—50万元``
- money: ``100万元``, ``1亿元``, ``1.5亿元``, ``3000万`` (no 元), ``五十万元``,
  ``1,000万元``, ``10000元``
- matching ratios ``1:1`` / ``1:0.5`` before 比例 or 配套 (alone or in a list ``1:2、1:1``), or
  after 按 and its basis where the text is cut off (``按省财政补助资金1:1``), read as the rate b/a (1.0, 0.5)
- multiples ``0.5倍``, ``两倍``; counts ``20户``, ``10家``, ``一批``; years ``5年内``,
  ``三年`` (calendar years such as ``2025年`` are dates and are skipped)
- Chinese numerals ``一百``, ``二十一``, ``两``, ``一千五百``, ``三千万``

``find_quantities`` also reads the words around a number into a *qualifier*:

========== ====================================================== =========
qualifier  written as                                              meaning
========== ====================================================== =========
max        最高 / 不超过 / 不得超过 / 不高于 / 最多 / 上限 / 封顶 before  a cap
           (最高额度为, 最高补助额度 too)
min        不低于 / 不少于 / 至少 / 不得低于 before                   a floor
at_least   以上 / 及以上 after (``(含)`` and short remarks allowed) threshold
at_most    以内 / 以下 / 及以下 / 内 after                            at most
exact      none of the above
========== ====================================================== =========

For rates the cap or floor word may stand before the basis: in ``按不超过合同额的30%``
the 30% is qualified ``max``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .word_patterns import scanning_pattern

__all__ = [
    "Quantity",
    "find_quantities",
    "parse_chinese_number",
    "parse_money",
    "parse_number",
    "parse_rate",
]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

# A Chinese numeral must begin with a digit word (or 十): 百/千/万 alone are too often words
# (千企进千校, 每万人口, 百人计划).
_CN = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?"
_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_NUM = rf"(?:{_AR}|{_CN})"
_MUL = r"(?:千万|百万|十万|万亿|亿|万|千)"
_DASH = r"(?:—{1,2}|–|-|~|〜|至|到)"
# after 万/亿 without 元 these make the number a count, not money; a sum in another currency
# (100万美元, 50万港元) is no amount in yuan either
_NOT_MONEY_AFTER = "人户家件项个名次台套吨亩平千瓦株头只册张篇所批场条位余多美港欧英澳"
_COUNT_UNITS = r"(?:户|家|场|项|名|个|人|件|条|次(?!性)|所|批|支|台|套|位|篇|期|类)"

_RATE_CN = rf"(?:百分之|千分之|万分之)(?:{_CN}|{_AR})"
_RATE_AR = rf"{_AR}\s*[%‰％]"
# 再增加1个百分点, 提高两个百分点: percentage points, read as the rate they add
_RATE_POINTS = rf"{_NUM}\s*个?百分点"
# 三成 = 30%: a single digit before 成, not the 成 of 成果, 成本, 成立, 成为, 一成不变 …
_RATE_TENTHS = r"(?<![\d零〇一二两三四五六七八九十百千万第])[一二两三四五六七八九1-9]成(?![果本立为员都熟长效交功绩就型套品批年人不事规份分])"
_RATE = rf"(?:{_RATE_POINTS}|{_RATE_AR}|{_RATE_CN}|{_RATE_TENTHS})"

# 按所获奖金1:0.5的比例配套: a matching ratio reads as the rate b/a (0.5); only before 比例 or
# 配套, so that times (10:30) and scores stay numbers of no kind
# (or a list of them, each read: 分别按上级奖励经费的1:2、1:1给予配套奖励)
_RATIO_PAIR = r"\d+(?:\.\d+)?\s*[:∶比]\s*\d+(?:\.\d+)?"
_RATIO = (r"(?<![\d.:∶])(?P<a>\d+(?:\.\d+)?)\s*[:∶比]\s*(?P<b>\d+(?:\.\d+)?)(?![\d.:∶%‰])"
          rf"(?=(?:\s*[、,,和及或]\s*{_RATIO_PAIR})*\s*(?:的)?\s*(?:比例|(?:给予|予以|进行)?(?:配套|匹配))|\s*$)")
# a text cut off right after a ratio (…按省财政补助资金1:1): a match when 按 and its basis precede it
_RATIO_CUT_BASIS = re.compile(r"按照?[^,,;。:!?\n]{0,24}$")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # order matters: a range is tried before its parts
    ("rate_range", re.compile(rf"(?P<a>{_RATE}|{_AR})\s*{_DASH}\s*(?P<b>{_RATE})")),
    ("money_range", re.compile(
        rf"(?P<a>{_AR}{_MUL}?)\s*(?:元)?\s*{_DASH}\s*(?P<b>{_AR}{_MUL}?元|{_AR}{_MUL}(?![{_NOT_MONEY_AFTER}]))")),
    ("ratio", re.compile(_RATIO)),
    ("rate", re.compile(_RATE)),
    ("multiple", re.compile(rf"{_NUM}\s*倍")),
    ("money", re.compile(rf"{_NUM}\s*{_MUL}?\s*元|{_NUM}{_MUL}(?![{_NOT_MONEY_AFTER}元])")),
    ("years", re.compile(rf"{_NUM}\s*(?:个)?(?:年|周年)(?!度|级|底|初)")),
    ("count", re.compile(rf"{_NUM}\s*{_COUNT_UNITS}")),
]

_PLAIN_NUMBER = re.compile(rf"({_AR.replace(',', '')}|{_CN})\s*({_MUL})?")
_NUMBER_PART = re.compile(rf"{_AR}|{_CN}")
_RATE_MARK = re.compile(r"[%‰％]|分之|成$|百分点$")
_ENDS_WITH_MUL = re.compile(_MUL + "$")
_TRAILING_MUL = re.compile(rf"({_MUL})元?$")
_FOUR_DIGITS = re.compile(r"\d{4}")

# Where a match of each pattern can begin: a digit, a Chinese numeral, or 百/千 of 百分之/千分之.
# Trying the patterns only there is much cheaper than letting each one scan every position.
_START_AR_RATE = scanning_pattern(r"[\d百千万]|[一二两三四五六七八九](?=成)|[一二两三四五六七八九十](?=[零〇一二两三四五六七八九十]*个?百分点)")
_START_AR = re.compile(r"\d")
_START_NUM = re.compile(r"[\d零〇一二两三四五六七八九十]")
_STARTS = {"rate_range": _START_AR_RATE, "money_range": _START_AR, "ratio": _START_AR, "rate": _START_AR_RATE,
           "multiple": _START_NUM, "money": _START_NUM, "years": _START_NUM, "count": _START_NUM}
_START_CLASSES = (_START_AR_RATE, _START_AR, _START_NUM)
_ANY_START = re.compile(r"[\d零〇一二两三四五六七八九十百千万]")
_SPACES = re.compile(r"\s+")
# the last item of a list may be joined by 和/及/或 (最高10万元、5万元 / 不超过500万元、300万元和100万元)
_LIST_GAP = re.compile(r"\s*(?:、|以及|和|及|或)\s*")

_MAX_BEFORE = re.compile(
    r"(?:最高|最多|不超过?|不得超过|不高于|不得高于|上限为?|封顶|原则上不超过)"
    r"(?:额度|金额|限额)?(?:分别)?(?:可以?)?(?:奖励|补贴|补助|补偿|贴息|支持|扶持|资助|给予|奖补|为|可达到|可达|达到|达|获得|获|享受)?"
    # 最高补助额度500万元, 最高奖励金额为50万元: the grant's word, then the word for its sum
    r"(?:(?<=奖励|补贴|补助|资助|奖补|支持|扶持)(?:额度|金额|资金)为?)?\s*(?:\(含\))?\s*$")
_MIN_BEFORE = re.compile(r"(?:不低于|不少于|至少|不得低于|不得少于|最低)\s*(?:\(含\))?\s*$")
# 按不超过合同额的30%: the qualifier stands before the basis of a rate
_RATE_QUAL_GAP = re.compile(r"(最高|不超过|不得超过|不高于|不低于|不少于|最低)([^,;。!?%\d]{1,30})的\s*$")
_AT_LEAST_AFTER = re.compile(r"^\s*(?:\([^()]{0,12}\))?\s*(?:及|或)?以上")
_AT_MOST_AFTER = re.compile(r"^\s*(?:\([^()]{0,12}\))?\s*(?:及以下|以下|以内|之内|内)")


@dataclass
class Quantity:
    """A number found in text.

    ``kind``: rate | rate_range | money | money_range | multiple | count | years.
    ``value`` is a fraction for rates (8% → 0.08), yuan for money, the factor for a
    multiple, the number itself for counts and years; ranges give ``min``/``max`` and
    ``value`` None.  ``unit`` is the classifier of a count (户, 家, …).
    """

    kind: str
    value: float | None
    min: float | None
    max: float | None
    start: int
    end: int
    qualifier: str = "exact"  # max | min | at_least | at_most | exact
    text: str = ""
    unit: str | None = None


def parse_chinese_number(s: str) -> float:
    """Parse a Chinese numeral: 一百 → 100, 二十一 → 21, 两 → 2, 一千五百万 → 15000000, 三点五 → 3.5."""
    s = s.strip()
    if not s:
        raise ValueError("empty Chinese numeral")
    if "点" in s:
        whole, frac = s.split("点", 1)
        digits = "".join(str(_CN_DIGITS[c]) for c in frac if c in _CN_DIGITS)
        return parse_chinese_number(whole) + float("0." + digits if digits else 0)
    total = 0.0  # completed 亿 / 万 sections
    section = 0.0  # the part below the current big unit
    digit: float | None = None
    # a plain digit string such as 二〇二五 reads digit by digit
    if all(c in _CN_DIGITS for c in s) and len(s) > 1:
        return float("".join(str(_CN_DIGITS[c]) for c in s))
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CN_SMALL_UNITS[ch]
            digit = None
        elif ch in _CN_BIG_UNITS:
            section += digit or 0
            digit = None
            unit = _CN_BIG_UNITS[ch]
            if section == 0:
                section = 1
            # 万亿: a smaller-then-bigger unit multiplies what came before
            if total and unit > 10_000 and total < unit:
                total = (total + section) * unit
            else:
                total += section * unit
            section = 0
        else:
            raise ValueError(f"not a Chinese numeral: {s!r} (unexpected {ch!r})")
    return total + section + (digit or 0)


def parse_number(s: str) -> float:
    """Parse a number with an optional multiplier: '1,000' → 1000, '1.5万' → 15000, '三千万' → 3e7."""
    s = s.strip().replace(",", "")
    m = _PLAIN_NUMBER.fullmatch(s)
    if not m:
        raise ValueError(f"not a number: {s!r}; expected digits or Chinese numerals, e.g. '100万' or '五十万'")
    head, mul = m.group(1), m.group(2) or ""
    value = float(head) if head[0].isdigit() else parse_chinese_number(head)
    for ch in mul:
        value *= _MULTIPLIERS[ch]
    return value


def parse_money(s: str) -> float:
    """Parse an amount of money to yuan: '100万元' → 1e6, '1.5亿元' → 1.5e8, '3000万' → 3e7, '五十万元' → 5e5."""
    t = s.strip()
    if t.endswith("元"):
        t = t[:-1]
    try:
        return parse_number(t)
    except ValueError:
        raise ValueError(f"not an amount of money: {s!r}; expected e.g. '100万元', '1亿元' or '五十万元'") from None


def parse_rate(s: str) -> float:
    """Parse a rate to a fraction: '8%' → 0.08, '百分之二十五' → 0.25, '千分之五' → 0.005,
    '万分之一' → 0.0001, '三成' → 0.3, '1个百分点' → 0.01, '0.5倍' → 0.5."""
    t = s.strip()
    try:
        if t.startswith("百分之"):
            return parse_number(t[3:]) / 100
        if t.startswith("千分之"):
            return parse_number(t[3:]) / 1000
        if t.startswith("万分之"):
            return parse_number(t[3:]) / 10000
        if t.endswith("成") and len(t) == 2:
            return parse_number(t[0]) / 10
        if t.endswith("百分点"):
            return parse_number(t[:-3].rstrip("个 ")) / 100
        if t.endswith(("%", "％")):
            return parse_number(t[:-1]) / 100
        if t.endswith("‰"):
            return parse_number(t[:-1]) / 1000
        if t.endswith("倍"):
            return parse_number(t[:-1])
    except ValueError:
        pass
    raise ValueError(f"not a rate: {s!r}; expected e.g. '8%', '百分之八' or '0.5倍'")


def _number_part(s: str) -> str:
    m = _NUMBER_PART.search(s)
    return m.group(0) if m else s


def _qualifier(text: str, start: int, end: int, kind: str) -> str:
    # words wrapped over a line or spaced out in a PDF (最高不超 过) read as one
    before = _SPACES.sub("", text[max(0, start - 16):start])[-12:]
    after = text[end:end + 18]
    if _MAX_BEFORE.search(before):
        return "max"
    if _MIN_BEFORE.search(before):
        return "min"
    if kind in ("rate", "rate_range", "multiple"):
        m = _RATE_QUAL_GAP.search(text[max(0, start - 40):start])
        if m:
            return "max" if m.group(1) in ("最高", "不超过", "不得超过", "不高于") else "min"
    if _AT_LEAST_AFTER.match(after):
        return "at_least"
    if _AT_MOST_AFTER.match(after):
        return "at_most"
    return "exact"


def _build(kind: str, m: re.Match[str], text: str) -> Quantity | None:
    raw = m.group(0)
    start, end = m.start(), m.end()
    value = lo = hi = None
    unit = None
    if kind == "rate_range":
        b = parse_rate(m.group("b"))
        a_raw = m.group("a")
        # 70-99%: the first number takes the unit of the second
        a = parse_rate(a_raw) if _RATE_MARK.search(a_raw) else parse_number(a_raw) / _rate_scale(m.group("b"))
        lo, hi = min(a, b), max(a, b)
    elif kind == "money_range":
        b_raw = m.group("b")
        b = parse_money(b_raw)
        a_raw = m.group("a")
        if _ENDS_WITH_MUL.search(a_raw):
            a = parse_money(a_raw)
        else:  # 10-50万元: the first number shares the second's multiplier
            mul = _TRAILING_MUL.search(b_raw)
            a = parse_number(a_raw + (mul.group(1) if mul else ""))
        lo, hi = min(a, b), max(a, b)
        kind = "money_range"
    elif kind == "rate":
        value = parse_rate(raw)
    elif kind == "ratio":
        if not text[end:].strip() and not _RATIO_CUT_BASIS.search(text, max(0, start - 26), start):
            return None
        kind, value = "rate", float(m.group("b")) / float(m.group("a"))
    elif kind == "multiple":
        value = parse_number(_number_part(raw))
    elif kind == "money":
        value = parse_money(raw.replace(" ", ""))
    elif kind == "years":
        value = parse_number(_number_part(raw))
        if value >= 1900 and _FOUR_DIGITS.match(raw):
            return None  # a calendar year, not a duration
    elif kind == "count":
        value = parse_number(_number_part(raw))
        unit = raw[-1]
    q = Quantity(kind, value, lo, hi, start, end, text=raw, unit=unit)
    q.qualifier = _qualifier(text, start, end, kind)
    return q


def _rate_scale(raw: str) -> float:
    if raw.startswith("万分之"):
        return 10000.0
    if raw.endswith("成"):
        return 10.0
    return 1000.0 if raw.startswith("千分之") or raw.endswith("‰") else 100.0


# the financial forms of the numerals (伍拾万元, 人民币壹佰万圆整), read as the plain ones; only a
# run that ends in a sum (元, 圆) is read, so 队伍 or 陆续 stay words
_FINANCIAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟圆", "一二三四五六七八九十百千元")
_FINANCIAL_SUM = re.compile(r"[壹贰叁肆伍陆柒捌玖拾][零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*\s*[元圆]")


def _plain_numerals(text: str) -> str:
    """``text`` with its sums written in financial numerals in plain ones, offsets unchanged."""
    return _FINANCIAL_SUM.sub(lambda m: m.group(0).translate(_FINANCIAL), text)


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its kind, value, position and qualifier, in order.

    Calendar years (``2025年``) and bare numbers without a unit (文号, ``1+9+N``) are
    not returned.  Overlaps are resolved by pattern order: ranges, then rates,
    multiples, money, years, counts.
    """
    if _FINANCIAL_SUM.search(text):
        text = _plain_numerals(text)
    if not _ANY_START.search(text):
        return []
    starts = {cls: [m.start() for m in cls.finditer(text)] for cls in _START_CLASSES}
    run_end = _digit_run_ends(starts[_START_AR])
    # the spans taken so far, ascending and not overlapping (their ends ascend too)
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    found: list[Quantity] = []
    for kind, pattern in _PATTERNS:
        for m in _matches(pattern, starts[_STARTS[kind]], text, run_end):
            k = bisect_left(taken_starts, m.end())  # the spans starting before this match ends
            if m.start() < m.end() and k and taken_ends[k - 1] > m.start():
                continue
            # a digit run cut in the middle (e.g. '2021' of '20210') is not a number
            if m.start() > 0 and text[m.start() - 1].isdigit():
                continue
            try:
                q = _build(kind, m, text)
            except (ValueError, KeyError, ZeroDivisionError):
                continue
            if q is None:
                continue
            if m.start() < m.end():
                k = bisect_left(taken_starts, m.start())
                taken_starts.insert(k, m.start())
                taken_ends.insert(k, m.end())
            found.append(q)
    found.sort(key=lambda q: q.start)
    # 最高10万元、5万元 / 最高100万元和200万元 / 分别不低于30%、20% / 不超过500万元、300万元和100万元:
    # a cap or floor word before a list covers every item
    for prev, q in zip(found, found[1:], strict=False):
        if q.qualifier == "exact" and prev.qualifier in ("max", "min") and prev.kind == q.kind \
                and _LIST_GAP.fullmatch(text, prev.end, q.start):
            q.qualifier = prev.qualifier
    return found


def _digit_run_ends(digits: list[int]) -> dict[int, int]:
    """For each position of ``digits`` (the ascending positions of every ``\\d`` of a text),
    the end of the run of digits holding it."""
    ends: dict[int, int] = {}
    for at in reversed(digits):
        ends[at] = ends.get(at + 1, at + 1)
    return ends


def _matches(pattern: re.Pattern[str], starts: list[int], text: str,
             run_end: dict[int, int] | None = None) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying ``pattern`` only at the positions ``starts``.

    ``starts`` (ascending) must hold every position where a match of ``pattern`` can begin.
    ``run_end`` (``_digit_run_ends``): where a match fails at a digit, none can begin at the
    digits after it in the same run, so they are not tried. This holds for every pattern of
    ``_PATTERNS``: what can begin at a digit is ``\\d+`` (``_AR``) or is kept from following a
    digit by a lookbehind, and a match from inside a run is one from an earlier digit of the
    run with a longer ``\\d+``.
    """
    out: list[re.Match[str]] = []
    match = pattern.match
    pos = 0
    for at in starts:
        if at >= pos:
            m = match(text, at)
            if m is not None:
                out.append(m)
                pos = m.end()
            elif run_end is not None:
                pos = run_end.get(at, pos)
    return out
