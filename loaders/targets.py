"""Quantified targets: 到2026年,全市技术合同成交额达到400亿元; 每年挖掘企业有效技术需求50项以上.

Works on normalised text. A target is a number with a unit (money, %, or a measure word
such as 项 家 场) that the text sets as a goal. Incentive amounts and thresholds are not
targets: a sentence stops yielding targets once it names an incentive (给予, 奖励, 补助 …),
and a quantity that qualifies something (…10万元以上的, 不低于70%的比例) is a condition.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jieba

if TYPE_CHECKING:
    import jieba.posseg

from .gazetteer import Gazetteer
from .numbers import MULTIPLIER_PATTERN, cn_to_int, multiplier
from .records import Target
from .tokenizer import LATIN_DIGIT, NoHmmSegmenter
from .word_patterns import scanning_pattern

# Grammar of target sentences (not domain vocabulary): comparators, measure words, cue words.
_CMP_AT_LEAST = ("力争达到", "达到", "突破", "超过", "不少于", "不低于", "高于", "多于", "达", "提高到", "提高至",
                 "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "稳定在", "保持在")
_CMP_AT_MOST = ("不超过", "不高于", "低于", "控制在", "降低到", "降低至", "下降到", "下降至", "少于")
_GROWTH = r"(?:年均|年|同比|平均)?(?:增长|增加|提高|提升|下降|降低)"
_COUNT_UNITS = ("人次", "家次", "项次", "平方米", "平方公里", "公顷", "个", "家", "项", "名", "人", "场", "条", "件",
                "所", "批", "座", "支", "户", "次", "篇", "台", "套", "亩", "吨", "部", "种", "款", "份", "位",
                "期", "站", "园", "所", "团队")
_SUFFIX = ("及以上", "以上", "以下", "以内", "左右")
_INCENTIVE = re.compile(r"给予|奖励|奖补|补助|补贴|资助|贴息|扶持资金|最高|最多|上限")
_CUE = re.compile(r"每年|年均|全年|力争|争取|累计|新增|确保|目标")
_YEAR = re.compile(r"(?P<y>20\d{2})\s*年(?!\s*\d{1,2}\s*月)(?:底|末|前|内)?")
_PLAN_END = scanning_pattern(r"[“\"]?十(?P<n>[一二三四五六七八九])五[”\"]?(?:末|期间|时期|期末)")
_LEADING_WORDS = ("每年", "年均", "全年", "当年", "力争", "争取", "努力", "确保", "预计", "累计", "其中", "全市",
                  "全省", "全区", "全县", "全州", "全国", "全社会", "本市", "我市", "我省", "本省", "本县", "我县",
                  "本区", "我区", "实现", "期间", "末", "底", "前", "将", "要", "共")
_TRAILING_WORDS = ("力争", "争取", "预计", "累计", "总计", "需", "要", "将", "应", "均", "可", "年均")

_NUMBER = r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?:\s*[-—~～至到]\s*(?P<num2>\d+(?:\.\d+)?))?"
_UNIT = (rf"(?P<mult>{MULTIPLIER_PATTERN})?(?P<unit>元|%|个百分点|倍|"
         + "|".join(sorted(set(_COUNT_UNITS), key=len, reverse=True)) + ")")
_CMP = "|".join(sorted((*_CMP_AT_LEAST, *_CMP_AT_MOST), key=len, reverse=True))
_QUANTITY = scanning_pattern(
    rf"(?P<cmp>{_CMP}|{_GROWTH})?\s*{_NUMBER}\s*{_UNIT}"
    r"(?P<paren>\s*[(（][^()（）]{0,20}[)）])?\s*(?P<suffix>" + "|".join(_SUFFIX) + ")?"
)
_SEGMENT_SPLIT = re.compile(r"[,，;；:：]")
_DIGIT = re.compile(r"\d")  # a quantity needs one (_NUMBER), so text without digits is skipped early
_GROWTH_FULL = re.compile(_GROWTH)
_LINE = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^。!?！？]+[。!?！？]?")
_CITED_TITLE = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")
_LEADING_YEAR = re.compile(r"^(?:到|至|截至)?\s*20\d{2}\s*年(?:底|末|前|内)?(?:前)?")
_LEADING_PAREN = re.compile(r"^\s*[(（][^()（）]{0,30}[)）]")
_LIST_OR_NUMBER_NEXT = re.compile(r"^\s*[、\d]")
_PHRASE_END = re.compile(r"[,;。:!?]")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\d+[.、]|第[一二三四五六七八九十]+[章节条])")


@dataclass
class _Segment:
    text: str
    start: int  # offset in the searched text


_tokenizer_lock = threading.Lock()
_pos_tokenizer: tuple[jieba.posseg.POSTokenizer, NoHmmSegmenter] | None = None


def _pos() -> tuple[jieba.posseg.POSTokenizer, NoHmmSegmenter]:
    """This module's own part-of-speech tokenizer (never the global jieba one) and a fast
    HMM-free segmenter over its dictionary, built once."""
    global _pos_tokenizer
    with _tokenizer_lock:
        if _pos_tokenizer is None:
            jieba.setLogLevel(logging.WARNING)
            from jieba import posseg  # its tag table (40 MB) only in processes that read targets

            pos = posseg.POSTokenizer(jieba.Tokenizer())
            _pos_tokenizer = (pos, NoHmmSegmenter(pos.tokenizer))
        return _pos_tokenizer


def pos_words(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) pairs of ``text``, exactly as this module's
    ``POSTokenizer.cut(text, HMM=False)`` gives them, without its per-word generators."""
    pos, segmenter = _pos()
    from jieba import posseg  # imported by _pos()

    pos.makesure_userdict_loaded()
    tags = pos.word_tag_tab
    skip = posseg.re_skip_internal
    num, eng = posseg.re_num, posseg.re_eng
    out: list[tuple[str, str]] = []
    # split() with a capture group alternates: text between runs at even indices, runs at odd
    for index, block in enumerate(posseg.re_han_internal.split(text)):
        if index % 2:
            ends = segmenter.run_ends(block)
            x, n, buf = 0, len(block), ""
            while x < n:
                y = ends[x]
                if y - x == 1 and block[x] in LATIN_DIGIT:
                    buf += block[x]
                else:
                    if buf:
                        out.append((buf, "eng"))
                        buf = ""
                    word = block[x:y]
                    out.append((word, tags.get(word, "x")))
                x = y
            if buf:
                out.append((buf, "eng"))
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                out.append((piece, "x"))
                continue
            for ch in piece:
                # posseg tests the whole piece, not the character, for "eng"
                out.append((ch, "m" if num.match(ch) else "eng" if eng.match(piece) else "x"))
    return out


def _plan_year(m: re.Match[str]) -> int:
    # the Nth five-year plan (十N五) ends in 1955 + 5 * (10 + N): 十四五 → 2025
    return 1955 + 5 * (10 + (cn_to_int(m.group("n")) or 0))


def _years(line: str, masked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(position, year) of every year phrase in a line, outside cited titles."""
    found = [(m.start(), int(m.group("y"))) for m in _YEAR.finditer(line)]
    found += [(m.start(), _plan_year(m)) for m in _PLAN_END.finditer(line)]
    return sorted((p, y) for p, y in found if not any(a <= p < b for a, b in masked))


def _strip_leading(metric: str) -> str:
    gazetteer = Gazetteer.load()
    while True:
        before = metric
        metric = metric.lstrip(" 、,“”\"'()（）·-—")
        metric = _LEADING_YEAR.sub("", metric)
        metric = _PLAN_END.sub("", metric) if _PLAN_END.match(metric) else metric
        for word in _LEADING_WORDS:
            if metric.startswith(word) and len(metric) > len(word) + 1:
                metric = metric[len(word):]
                break
        region = gazetteer.prefix(metric)
        if region and len(metric) > region[1] + 1:
            metric = metric[region[1]:]
        if metric == before:
            return metric


def _strip_trailing(metric: str) -> str:
    changed = True
    while changed:
        changed = False
        metric = metric.rstrip(" 、,“”\"'")
        for word in _TRAILING_WORDS:
            if metric.endswith(word) and len(metric) > len(word) + 1:
                metric, changed = metric[: -len(word)], True
                break
    return metric


def _strip_verbs(metric: str) -> str:
    """Drop up to two leading verbs (挖掘企业有效技术需求 → 企业有效技术需求), never the last noun."""
    for _ in range(2):
        words = pos_words(metric)
        if len(words) < 2 or words[0][1] not in ("v", "vn"):
            break
        rest = words[1:]
        if not (any(flag.startswith(("n", "b", "j")) for _w, flag in rest)
                or len(rest) >= 2 and any(flag == "vn" for _w, flag in rest)):
            break
        metric = metric[len(words[0][0]):]
    return metric


def _ends_with_verb(metric: str) -> bool:
    words = pos_words(metric)
    return bool(words) and words[-1][1] == "v"


def _after_de(metric: str) -> str:
    if "的" in metric:
        tail = metric.rsplit("的", 1)[1]
        if len(tail) >= 2:
            return tail
    return metric


def _clean_metric(metric: str, verbs: bool = True) -> str:
    metric = _strip_trailing(_strip_leading(metric))
    metric = _after_de(metric)
    if verbs:
        metric = _strip_verbs(metric)
    metric = _strip_leading(metric)
    return metric.replace("“", "").replace("”", "").replace('"', "").strip()


def _noun_after(text: str) -> str:
    """The noun phrase that follows a number (培育20个|市级示范性技术转移机构)."""
    phrase = _PHRASE_END.split(text, maxsplit=1)[0].strip()
    phrase = _after_de(phrase)
    if "等" in phrase and len(phrase.rsplit("等", 1)[1]) >= 2:
        phrase = phrase.rsplit("等", 1)[1]
    return phrase.strip("、 ")


def _is_lone_verb(metric: str) -> bool:
    words = pos_words(metric)
    return len(words) == 1 and words[0][1] in ("v", "d", "p")


def _value(m: re.Match[str]) -> tuple[float, str]:
    value = float(m.group("num"))
    unit = m.group("unit")
    if unit == "%":
        return round(value / 100, 10), "ratio"
    return value * multiplier(m.group("mult") or ""), unit


def _comparator(m: re.Match[str]) -> str:
    cmp, suffix = m.group("cmp") or "", m.group("suffix") or ""
    if m.group("num2") or suffix in ("及以上", "以上") or cmp in _CMP_AT_LEAST:
        return "at_least"
    if suffix in ("以下", "以内") or cmp in _CMP_AT_MOST:
        return "at_most"
    if cmp and _GROWTH_FULL.fullmatch(cmp):
        return "at_least"
    return "exactly"


def _segment_targets(seg: _Segment, prev_segment: str, text: str, offset: int, year: int | None,
                     has_cue: bool) -> list[Target]:
    out: list[Target] = []
    prev_end = 0
    for m in _QUANTITY.finditer(seg.text):
        after = _LEADING_PAREN.sub("", seg.text[m.end():]).lstrip()
        if after.startswith("的") or (m.group("unit") == "倍" and not m.group("cmp")):
            prev_end = m.end()
            continue
        cmp = m.group("cmp") or ""
        growth = bool(cmp) and _GROWTH_FULL.fullmatch(cmp) is not None
        raw_before = seg.text[prev_end:m.start()]
        tail = seg.text[m.end():]
        # a list of numbers (20家、30家) or money spent (安排1000万元专项资金) has no metric after it
        noun_after = ""
        if not cmp and m.group("unit") != "元" and not _LIST_OR_NUMBER_NEXT.match(tail):
            noun_after = _noun_after(tail)
        span_start, span_end = m.start(), m.end()
        if cmp or not noun_after or len(noun_after) < 2:
            # the metric is written before the number (…成交额达到400亿元, 培养技术经纪人2000人)
            if not cmp and not (has_cue or year is not None or m.group("suffix") in ("以上", "及以上")):
                prev_end = m.end()
                continue
            if not cmp and m.group("unit") == "元" and _ends_with_verb(raw_before):
                prev_end = m.end()  # 安排1000万元: the number is what is spent, not a goal
                continue
            metric = _clean_metric(raw_before)
            if _is_lone_verb(metric):
                metric = ""
            if not metric and cmp:
                metric = _noun_after(tail)
                if metric:
                    span_end = m.end() + tail.find(metric) + len(metric)
            elif metric:
                if len(metric) <= 2 and prev_segment:
                    metric = _clean_metric(prev_segment) + metric
                found = raw_before.find(metric)
                span_start = prev_end + found if found >= 0 else prev_end + len(raw_before) - len(
                    raw_before.lstrip(" 、"))
            if growth and metric:
                metric += cmp
        else:
            # the metric follows the number (培育20个市级示范性技术转移机构)
            if not (has_cue or year is not None):
                prev_end = m.end()
                continue
            metric = _clean_metric(noun_after, verbs=False)
            span_end = m.end() + tail.find(noun_after) + len(noun_after)
        prev_end = m.end()
        if len(metric) < 2 or metric.isdigit():
            continue
        value, unit = _value(m)
        start, end = offset + seg.start + span_start, offset + seg.start + span_end
        out.append(Target(metric=metric, value=value, unit=unit, year=year, comparator=_comparator(m),
                          text=text[start - offset:end - offset], start=start, end=end))
    return out


def find_targets(text: str, offset: int = 0) -> list[Target]:
    """Every quantified target in ``text``, in order; ``start``/``end`` are ``offset`` + position.

    ``year`` is the year of the closest year phrase before the target in the same paragraph
    (到2026年, 2023年底前, “十四五”末); a paragraph ending with ':' passes its year on to the
    paragraphs it introduces.
    """
    out: list[Target] = []
    inherited: int | None = None
    for line_m in _LINE.finditer(text):
        line, base = line_m.group(0), line_m.start()
        if not line.strip():
            continue
        if _HEADING.match(line):
            inherited = None
        # Every target has a digit; a line without one can still pass its year on (十四五末:)
        has_digit = _DIGIT.search(line) is not None
        introduces = line.rstrip().endswith(":")
        if not (has_digit or introduces):
            continue
        masked = [(m.start(), m.end()) for m in _CITED_TITLE.finditer(line)]
        years = _years(line, masked)
        if has_digit:
            out.extend(_line_targets(line, base, text, offset, masked, years, inherited))
        if introduces:
            inherited = years[-1][1] if years else inherited
    return out


def _line_targets(line: str, base: int, text: str, offset: int, masked: list[tuple[int, int]],
                  years: list[tuple[int, int]], inherited: int | None) -> list[Target]:
    """The targets of one paragraph (``line`` starts at ``base`` in ``text``)."""
    out: list[Target] = []
    for sent_m in _SENTENCE.finditer(line):
        sentence, s_base = sent_m.group(0), sent_m.start()
        if not _DIGIT.search(sentence):
            continue  # nothing carries over from one sentence to the next
        pos = 0
        incentive_seen = False
        prev_part = ""
        for part in _SEGMENT_SPLIT.split(sentence):
            seg_pos_in_line = s_base + pos
            seg_start = base + seg_pos_in_line
            pos += len(part) + 1
            if not part.strip():
                continue
            if _INCENTIVE.search(part):
                incentive_seen = True
            if incentive_seen or part.rstrip().rstrip(")）").endswith("的"):
                continue
            if any(a <= seg_pos_in_line < b for a, b in masked):
                continue
            if _DIGIT.search(part):
                year = next((y for p, y in reversed(years) if p < seg_pos_in_line + len(part)), inherited)
                has_cue = bool(_CUE.search(sentence[: pos]))
                out.extend(_segment_targets(_Segment(part, seg_start), prev_part, text, offset, year, has_cue))
            prev_part = part
    return out
