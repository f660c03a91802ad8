"""How the evaluation compares names, texts, document numbers and numbers (see docs/evaluation.md).

Both sides go through the same functions, so a prediction is never penalised for spacing,
full-width letters, the bracket style of a 文号 or a parenthetical alias after a unit name.
"""

from __future__ import annotations

import re
from typing import Any

NUMBER_FIELDS = ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan")
RELATIVE_TOLERANCE = 0.005  # 0.5%: 8% is 0.08 whether written 0.08 or 0.0800001

_SPACE = re.compile(r"\s+")
# a bracketed remark after a unit name: 市科技局(市知识产权局), 市财政局〔下同〕
_BRACKETED = re.compile(r"[（(〈<﹝【\[〔][^）)〉>﹞】\]〕]*[）)〉>﹞】\]〕]")
_UNIT_SEPARATORS = re.compile(r"[、，,·.\s]")
_DOCNUM_OPEN = "[［【(（〔﹝"
_DOCNUM_CLOSE = "]］】)）〕﹞"
_TITLE_MARKS = re.compile(r"[《》〈〉<>“”\"'‘’「」『』\s]")
# a pinyin gloss a page prints after a character: 發(fā), 創(chuàng ) (a toned syllable in brackets)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"[(（]\s?[a-zü]*[{_TONED}][a-zü]*\s?[)）]")


def fold_width(text: str) -> str:
    """Full-width ASCII (Ａ１％) as half-width, the ideographic space as a space."""
    return "".join(
        " " if c == "\u3000" else chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text
    )


def norm_text(text: str | None) -> str:
    """A text without white space and with full-width ASCII folded: clause texts, titles, dates."""
    return _SPACE.sub("", fold_width(text or ""))


# the level a region's full name ends with (甲省, 甲市, 甲回族自治区): 天津 and 天津市 name one place
_REGION_LEVEL = re.compile(r"(?:(?:[\u4e00-\u9fff]{1,3}族|维吾尔)?自治区|特别行政区|省|市)$")


# the regions a place's full name may start with (广东省深圳市南山区, 重庆市渝北区), each ending
# with its level, before a whole name of a lower level
_PARENT_REGIONS = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,}?(?:(?:[\u4e00-\u9fff]{1,3}族|维吾尔)?自治区|省|市))+"
    r"(?=[\u4e00-\u9fff]{2,}(?:新区|区|县|市|旗|州|盟)$)")


def norm_region(text: str | None) -> str:
    """A region as ``norm_text``, without the regions it is written under (重庆市渝北区 =
    渝北区) and without the level its full name ends with (省, 市, 自治区), so that a short name
    and the full one (天津 / 天津市) compare equal; a name's first two characters are always kept
    (沙市)."""
    name = _PARENT_REGIONS.sub("", norm_text(text))
    return name[:2] + _REGION_LEVEL.sub("", name[2:])


def norm_passage(text: str | None) -> str:
    """A clause text or anchor as ``norm_text``, without the pinyin glosses of a glossed copy
    (anchors are given as printed, clause texts as cleaned)."""
    return norm_text(_GLOSS.sub("", text or ""))


# a bracket that only lists further levels of a collective name: 各县(市、区)政府, 各区(县)
_LEVEL_BRACKET = re.compile(r"[（(]((?:[市区县州盟旗乡镇][、，,]?)+)[）)]")


def norm_unit(name: str | None) -> str:
    """A unit name without bracketed remarks, separators or a trailing 等; a bracket that
    lists only levels is read into the name (各县(市、区)政府 = 各县市区政府, the bodies of every
    level it names, as the seeds' gold writes 各县、市、区人民政府)."""
    name = _LEVEL_BRACKET.sub(lambda m: m.group(1), name or "")
    name = _BRACKETED.sub("", name)
    return _UNIT_SEPARATORS.sub("", name).rstrip("等")


def norm_docnum(number: str | None) -> str:
    """A 文号 with every bracket style as 〔〕 and no white space: 鄂政办发〔2024〕25号."""
    number = _SPACE.sub("", number or "")
    for c in _DOCNUM_OPEN:
        number = number.replace(c, "〔")
    for c in _DOCNUM_CLOSE:
        number = number.replace(c, "〕")
    return number


# dashes that print alike in a span of years (2022—2025, 2022―2025, 2022–2025, 2022-2025)
_DASHES = re.compile("[\u2012\u2013\u2014\u2015\u2212-]+")


def norm_title(title: str | None) -> str:
    """A cited title without book-title marks, quotes or white space, brackets as （） and any
    run of dashes as one."""
    title = _TITLE_MARKS.sub("", title or "")
    return _DASHES.sub("—", norm_text(title)).replace("(", "（").replace(")", "）")


# the issuing bodies a title may be printed with before its 关于 (测试市人民政府办公室关于…)
_ISSUERS_BEFORE_ABOUT = re.compile(
    r"^[\u4e00-\u9fff、]{2,60}?(?:人民政府|政府|办公厅|办公室|委员会|管委会|委|厅|局)(?=关于)")


def same_title(gold: str | None, predicted: str | None) -> bool:
    """Titles compared as ``norm_title`` does, with or without the issuing bodies printed before
    their 关于: the gold of some sets gives them, that of others gives them apart as the issuer."""
    g, p = norm_title(gold), norm_title(predicted)
    return g == p or _ISSUERS_BEFORE_ABOUT.sub("", g) == _ISSUERS_BEFORE_ABOUT.sub("", p)


def numbers(instrument: dict[str, Any]) -> dict[str, float]:
    """The numeric fields an instrument has (rate, rate_min, rate_max, cap_yuan, amount_yuan)."""
    out = {}
    for key in NUMBER_FIELDS:
        value = instrument.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = float(value)
    return out


def same_number(a: float, b: float) -> bool:
    """Equal within 0.5% (rates and amounts written with rounding)."""
    return abs(a - b) <= max(1e-9, abs(b) * RELATIVE_TOLERANCE)


def same_numbers(predicted: dict[str, float], gold: dict[str, float]) -> bool:
    """The same numeric fields with the same values: a wrong or an extra number is no match."""
    return predicted.keys() == gold.keys() and all(same_number(predicted[k], gold[k]) for k in gold)
