"""Citations: documents named in 《…》 and document numbers (文号) such as 国办发〔2016〕28号.

Works on normalised text (simplified, full-width ASCII folded: （ → (, ， → ,).
Every occurrence is returned, so that a clause knows its own citations; ``unique_citations``
deduplicates. Not citations: the policy's own number and title, the notice that wraps it,
and the definition of an abbreviation (以下简称《Y》); later 《Y》 mentions are recorded as
the full document they abbreviate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from .gazetteer import Gazetteer
from .header_fields import metadata_forms
from .numbers import zero_lookalikes_as_ling
from .records import Citation

_TYPES_PATH = Path(__file__).parent / "data" / "document_types.json"

_OPEN_BR = "〔[［【(（﹝〖"
_CLOSE_BR = "〕]］】)）﹞〗"
# A 文号: issuer code, year in brackets, serial number, 号 (国办发〔2016〕28号, 湘科[2016]77号).
_DOC_NUMBER_TAIL = (r"[〔\[［【(（﹝〖]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］】)）﹞〗]"
                    r"\s*第?\s*(?:[\u4e00-\u9fff]\s*)?(?P<serial>\d{1,5})\s*号")  # 〔1992〕综135号: a series mark
_CODE_MAX = 10
# a short code broken by a stray space or a site's mask (国 发〔2013〕4号, 吉*办发〔2014〕2号) after a
# bracket or a line start is one code too
DOC_NUMBER = re.compile(rf"(?P<code>(?<![\u4e00-\u9fff*＊])[\u4e00-\u9fff]{{1,2}}[ *＊][\u4e00-\u9fff]{{1,4}}"
                        rf"|[\u4e00-\u9fff]{{1,{_CODE_MAX}}})\s*{_DOC_NUMBER_TAIL}")
# The bracketed year and serial alone: rare in text, so it is looked for first and the
# code only just before it (DOC_NUMBER itself would be tried at every Chinese character).
_DOC_NUMBER_ANCHOR = re.compile(_DOC_NUMBER_TAIL)
# Words that can stand right before a bare 文号 in running text and are not part of its code.
_LEAD_WORDS = re.compile(r"(?:根据|按照|依据|依照|参照|对照|贯彻|落实|执行|结合|印发|转发|详见|关于|修改|废止|延长|见|和|及|与|或|的|以|即|通知|文件|号\s*)")
_CODE_BODY_CHARS = "政办发函委府"  # what follows a place abbreviation inside a 文号 code
# 以下简称《Y》, or the short name in quotes (简称“Y”) that a later 《Y》 names
_ABBREV = re.compile(r"以下简称\s*[“\"'‘「]?\s*《(?P<short>[^《》]{1,40})》"
                     r"|(?:以下)?简称\s*[“\"'‘「]\s*(?P<quoted>[^”\"'’」《》]{1,20}?)\s*[”\"'’」]")
_ISSUED_AFTER = re.compile(r"^\s*(?:已经|业经|已由|已|经)[^。;!?《》\n]{0,30}?(?:同意|通过|审定)")
_ISSUED_AROUND = re.compile(r"^\s*(?:现|予以|现予)?印发(?:给|至|你|各)")
# 起草了《X》(见附件) / 对《X》公开征求意见: the attachment the notice sends is the policy
_ISSUED_ATTACHED = re.compile(r"^\s*(?:[(（]\s*见附件[\d一二三四五六七八九十]*\s*[)）]|(?:公开)?征求意见)")
# the notice titled 关于对《X》公开征求意见的通知 / 关于印发《X》的通知 wraps the policy X
# …的通知 on a line of its own: the end of a notice heading wrapped over lines (关于印发“甲”⏎“乙”行动计划⏎的通知),
# whose middle lines are named documents, not the policy's title line
_HEADING_TAIL = re.compile(r"的(?:通知|决定|通告|公告|函)\s*$")
_OWN_WRAPS = re.compile(r"关于(?:对|印发|转发|发布|公布)?《(?P<inner>[^《》]+)》(?:公开)?(?:征求意见)?的?(?:通知|决定|函|公告|通告)$")
# a 文号 on a line of its own, or after a field label or an index code (YYCR-2020-05001), and
# followed by nothing or the notice's own heading: the policy's own number
_OWN_NUMBER_BEFORE = re.compile(
    r"[ \t\u3000•·●A-Za-z0-9_\-]*(?:[【\[]?(?:发文字号|发文号|文号|字号|文件编号)[】\]]?[ \t\u3000]*:?)?[ \t\u3000]*")
_OWN_NUMBER_AFTER = re.compile(r"[ \t\u3000]*(?:\n|$|[ \t\u3000]关于)")
_WRAPPED = re.compile(r"印发\s*[〈<《]?(?P<inner>.+?)[〉>》]?\s*的?(?:通知|决定|函)$")
_TITLE_MARKS = re.compile(r"[《》\n]")
# 公告 and 令 are numbered by year and serial without brackets: 国家税务总局公告2017年第40号,
# 财政部 税务总局公告2023年第7号, 国务院令第588号, 中华人民共和国主席令第三十二号.
_ORDER_NUMBER = re.compile(
    r"(?P<code>(?:[\u4e00-\u9fff]{0,16}(?:部|局|委|院|署|厅|办|会|行|政府|主席)\s*(?:[、\s]\s*)?){1,4})"
    r"(?P<kind>公告|令)\s*(?:(?:19|20)\d{2}\s*年\s*(?:度\s*)?)?第\s*[\d〇零一二三四五六七八九十百]{1,6}\s*号")
_ORDER_ANCHOR = re.compile(r"(?:公告|令)\s*(?:(?:19|20)\d{2}\s*年\s*)?第")
# an attachment heading right before a title: 附件:《…》, 附件2.《…》
_ATTACHMENT_BEFORE = re.compile(r"附\s*件\s*[0-9一二三四五六七八九十]*\s*[::.、]?\s*$")
_TITLE_GOES_ON = re.compile(r"[ \t\u3000]*[\u4e00-\u9fff]")
# what may stand between titles listed before the words that issue them: 《A》、《B》和《C》印发给你们
_LIST_SEPARATORS = " \t\u3000\n、,和及与"
_TITLE_NOISE = re.compile(r"[\s《》〈〉<>]")
_DASHES = re.compile(r"[-–—－~～]+")
_LINE_BREAK = re.compile(r"[ \t\u3000]*\n\s*")
_WRAP_MAX = 120  # a title wrapped over a line break is at most this long before the break
_TRAILING_BRACKET = re.compile(r"\s*[(（][^()（）]{1,20}[)）]\s*$")


@dataclass
class _Title:
    start: int  # position of 《
    end: int  # position after 》
    title: str
    number: str | None = None
    number_span: tuple[int, int] | None = None
    abbrev: str | None = None  # the short form defined in the bracket after the title
    abbrev_span: tuple[int, int] | None = None
    bracket_end: int | None = None
    repealed: bool = False  # the text repeals it: an earlier document, even under the own title
    notice_number: str | None = None  # the 文号 of the notice issuing it (关于印发《X》的通知(甲发〔2023〕1号))


def normalize_doc_number(number: str) -> str:
    """Brackets → 〔〕, whitespace removed, 号 at the end: 国办发[2016]28号 → 国办发〔2016〕28号."""
    number = "".join((number or "").split())
    for ch in _OPEN_BR:
        number = number.replace(ch, "〔")
    for ch in _CLOSE_BR:
        number = number.replace(ch, "〕")
    number = number.replace("〕第", "〕")
    return number if number.endswith("号") else number + "号"


def doc_numbers_in(text: str) -> list[tuple[str, int, int]]:
    """Every 文号 in ``text``: (normalised number, start, end), words before the code left out.

    Besides bracketed numbers (国办发〔2016〕28号) this finds numbered 公告 and 令
    (国家税务总局公告2017年第40号, 国务院令第588号).
    """
    m: re.Match[str] | None  # a number, then a 令 number that may not be there
    found = []
    for m in _doc_number_matches(text):
        raw = m.group("code")
        if raw[0] in "年月日" and m.start() > 0 and text[m.start() - 1].isdigit():
            raw = raw[1:]  # (1992年11月3日甲府〔1992〕5号): the date's 日 is no part of the code
        code = _strip_lead_words(raw)
        if code:
            start = m.start() + len(m.group("code")) - len(code)
            found.append((normalize_doc_number(code + m.group(0)[len(m.group("code")):]), start, m.end()))
    if "号" in text:
        found.extend(_bracketless_numbers(text, found))
    orders = 0
    for anchor in _ORDER_ANCHOR.finditer(text):
        # the issuers stand just before the anchor: look for the whole number around it only
        m = next((x for x in _ORDER_NUMBER.finditer(text, max(0, anchor.start() - 40), anchor.end() + 12)
                  if x.start() <= anchor.start() < x.end()), None)
        if m is None:
            continue
        code = _strip_lead_words(m.group("code").strip())
        if code and not any(a < m.end() and m.start() < b for _n, a, b in found):
            start = m.start() + m.group(0).index(code)
            found.append(("".join(text[start:m.end()].split()), start, m.end()))
            orders += 1
    if orders or any(n[1] < found[i - 1][1] for i, n in enumerate(found) if i):
        found.sort(key=lambda f: f[1])
    return found


_BARE_ANCHOR = re.compile(r"(?:19|20)\d{3,6} ?号")
_BARE_LOOKBACK = 14  # the bracket or 、 before a code of at most ten characters


@lru_cache(maxsize=1)
def _to_be_drafted() -> re.Pattern[str] | None:
    """What stands before a document the text says is still to be drafted (探索出台《X》;
    data/document_types.json, "to_be_drafted")."""
    conf = _document_types().get("to_be_drafted")
    return re.compile(conf["before"]) if conf else None


@lru_cache(maxsize=1)
def _filled_in_before() -> re.Pattern[str] | None:
    """What stands before a title the text asks to fill in (填写《X》和《Y》; data/document_types.json,
    "filled_in")."""
    conf = _document_types().get("filled_in")
    return re.compile(conf["before"]) if conf else None


def _filled_in(text: str, start: int) -> bool:
    """Whether the title at ``start`` is one the text asks to fill in (按要求填写《甲年度总结报告》):
    a form or a return, not a document referred to."""
    before = _filled_in_before()
    return before is not None and before.search(text, max(0, start - _FILLED_WINDOW), start) is not None


@lru_cache(maxsize=1)
def _submitted_form() -> re.Pattern[str] | None:
    """How the text asks to hand in a document (将《X》报送; data/document_types.json, "submitted")."""
    conf = _document_types().get("submitted")
    return re.compile(conf["pattern"]) if conf else None


def _submitted_keys(text: str) -> set[str]:
    """Keys of the titles (full or short names) the text asks its addressees to hand in."""
    form = _submitted_form()
    if form is None or ("报" not in text and "提交" not in text):
        return set()
    return {title_key(m.group("title") or m.group("sent")) for m in form.finditer(text)}


@lru_cache(maxsize=1)
def _drafting_done() -> re.Pattern[str]:
    """Words before the drafting cue saying the drafting is past (先后…研究制定《X》)."""
    conf = _document_types().get("to_be_drafted") or {}
    return re.compile(conf["done"]) if conf.get("done") else re.compile("(?!)")


def _still_to_be_drafted(text: str, start: int) -> bool:
    """Whether the title at ``start`` is one the text says is still to be drafted (探索出台《X》),
    not one drafted already (先后指导有关部门研究制定《X》)."""
    drafted = _to_be_drafted()
    if drafted is None:
        return False
    cue = drafted.search(text, max(0, start - _DRAFTED_WINDOW), start)
    if cue is None:
        return False
    opening = _sentence_start(text, cue.start(), 60)
    return _drafting_done().search(text, opening, cue.start()) is None


@lru_cache(maxsize=1)
def _bracketless() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The pattern of a 文号 whose brackets were dropped and of what stands before it
    (data/document_types.json, "bracketless_number")."""
    conf = _document_types().get("bracketless_number")
    return (re.compile(conf["pattern"]), re.compile(conf["before"])) if conf else None


def _bracketless_numbers(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """文号 printed without their brackets, in a bracket or a 、 list: (中发20158号) → 中发〔2015〕8号."""
    patterns = _bracketless()
    if patterns is None:
        return []
    pattern, before = patterns
    out = []
    for anchor in _BARE_ANCHOR.finditer(text):
        window = max(0, anchor.start() - _BARE_LOOKBACK)
        cut = max(text.rfind(ch, window, anchor.start()) for ch in "(（、")
        if cut < 0 or any(a <= anchor.start() < b for _n, a, b in found):
            continue
        start = cut + 1
        while start < anchor.start() and text[start].isspace():
            start += 1
        m = pattern.match(text, start, anchor.end() + 2)
        if m is None or m.end() != anchor.end() or not before.search(text, window, cut + 1):
            continue
        number = f"{m.group('code')}〔{m.group('year')}〕{int(m.group('serial'))}号"
        out.append((number, m.start(), m.end()))
    return out


def _doc_number_matches(text: str) -> list[re.Match[str]]:
    """What ``DOC_NUMBER.finditer(text)`` yields, found from the bracketed years outward."""
    out: list[re.Match[str]] = []
    pos = 0  # matches may not overlap: none starts before the end of the previous one
    at = 0  # where to look for the next bracketed year
    while (anchor := _DOC_NUMBER_ANCHOR.search(text, at)) is not None:
        code_end = anchor.start()
        while code_end > pos and text[code_end - 1].isspace():
            code_end -= 1
        m = DOC_NUMBER.search(text, max(pos, code_end - _CODE_MAX), anchor.end())
        if m is None:
            at = anchor.start() + 1
            continue
        out.append(m)
        pos = at = m.end()
    return out


def _strip_lead_words(raw: str) -> str:
    """根据鄂政办发 → 鄂政办发; the rightmost cut after a lead word that leaves a plausible
    code, so 根据共和政发 keeps 共和 (和 is part of the place name, not the conjunction)."""
    for cut in sorted({m.end() for m in _LEAD_WORDS.finditer(raw)}, reverse=True):
        code = raw[cut:]
        if len(code) >= 2 and code[0] not in _CODE_BODY_CHARS:
            return "" if _LEAD_WORDS.fullmatch(code) else code
    # 见通知〔2022〕26号: a page dropped the organ's code; what is left is no 文号
    return "" if _LEAD_WORDS.fullmatch(raw) else raw


def title_key(title: str) -> str:
    """A title reduced for comparison: no whitespace, no angle brackets of any kind, one dash for
    any (2019-2021年 and 2019—2021年 are one title)."""
    return _DASHES.sub("—", _TITLE_NOISE.sub("", title or ""))


@lru_cache(maxsize=1)
def _document_types() -> dict[str, Any]:
    try:
        return cast(dict[str, Any], json.loads(_TYPES_PATH.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError) as err:
        raise RuntimeError(f"cannot read {_TYPES_PATH}: {err}; restore the document type list") from err


@lru_cache(maxsize=1)
def document_suffixes() -> list[tuple[str, str]]:
    """(suffix, kind) pairs from data/document_types.json, longest suffix first."""
    data = _document_types()
    pairs = ([(s, "programme") for s in data.get("programme", [])] + [(s, "policy") for s in data.get("policy", [])]
             + [(s, "form") for s in data.get("form", [])])
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def citation_kind(title: str) -> str:
    """"programme" for catalogues, lists, plans, competitions; "form" for forms and templates
    (申请表, 承诺书, 申报书); "publication" for reports, rankings and indexes (…评价报告2021);
    "policy" for documents (the default)."""
    core = title_key(title)
    while True:
        stripped = _TRAILING_BRACKET.sub("", core)
        if stripped == core:
            break
        core = stripped
    if _is_publication(core):
        return "publication"
    for suffix, kind in document_suffixes():
        if core.endswith(suffix):
            return kind
    return "policy"


_TRAILING_YEAR = re.compile(r"\s*[(（]?(?:19|20)\d{2}(?:年度?|年版)?[)）]?$")


def _is_publication(core: str) -> bool:
    """Whether a title names a report, ranking or index (中国区域创新能力评价报告2021,
    甲指数-科研城市2021): one of its dash-separated parts ends in a ``publication`` word."""
    endings = tuple(_document_types().get("publication", []))
    return bool(endings) and any(
        _TRAILING_YEAR.sub("", part).endswith(endings) for part in re.split(r"[-—–]", core) if part)


# a PDF's closing quote read as the digit it looks like (《"甲+9 应用方案》: “甲+”应用方案): a 9 after
# the words an opening quote left open, before more words, no closing quote after it
_QUOTE_READ_AS_NINE = re.compile(r"[\"“](?P<quoted>[^\"“”\d\s]{1,20})\s*9\s*(?=[\u4e00-\u9fff])(?![^\"”]*[\"”])")


def _title_text(raw: str) -> str:
    """The title as one line: a line break inside it (a title wrapped in a PDF or a web page)
    disappears, other runs of whitespace become one space (中共甲市委 甲市人民政府关于…); a
    closing quote a PDF gave as 9 is read as the quote; a look-alike of 〇 among Chinese numerals is 〇."""
    title = zero_lookalikes_as_ling(" ".join(_LINE_BREAK.sub("", raw).split()))  # 二Ο三五年 → 二〇三五年
    return _QUOTE_READ_AS_NINE.sub(lambda m: f"“{m.group('quoted')}”", title)


_DOUBLED = re.compile(r"《(?P<title>[^《》\n]{2,200})》\s*(?:[(（][^()（）《》\n]{0,40}[)）])?\s*$")


def _scan_titles(text: str) -> list[_Title]:
    """Every outermost 《…》 with its inner brackets kept whole; a title may run over one line break
    (with blank lines in it: a flip-book page's wrapped line)."""
    titles: list[_Title] = []
    n = len(text)
    i = text.find("《")
    while i != -1:
        depth, j = 0, n
        breaks = 0
        last_break = -1
        for mark in _TITLE_MARKS.finditer(text, i):
            ch = mark.group()
            if ch == "\n":
                if breaks and not text[last_break + 1:mark.start()].strip():
                    last_break = mark.start()
                    continue  # blank lines a flip-book page puts inside the one break
                breaks += 1
                last_break = mark.start()
                if breaks == 1 and mark.start() - i <= _WRAP_MAX:
                    continue  # a title wrapped onto the next line
                j = mark.start()  # the line end that leaves the title open
                break
            if ch == "《":
                depth += 1
                continue
            depth -= 1
            if depth:
                continue
            j = mark.start()  # the closing 》
            break
        if j < n and text[j] == "》" and j - i <= 300 and (not breaks or j - i <= 2 * _WRAP_MAX):
            doubled = _DOUBLED.match(text, i + 1, j)
            if doubled:  # 《《X》(甲发〔2015〕7号)》: a quotation opened twice, the number inside it
                titles.append(_Title(i + 1, doubled.end("title") + 1,
                                     _without_file_suffix(_title_text(doubled.group("title")))))
            else:
                titles.append(_Title(i, j + 1, _without_file_suffix(_title_text(text[i + 1:j]))))
            i = text.find("《", j + 1)
        else:
            i = text.find("《", i + 1)
    return titles


def _bracket_after(text: str, pos: int) -> tuple[int, int] | None:
    """The parenthesised group opening at ``pos`` (after optional spaces), nesting respected."""
    k = pos
    while k < len(text) and text[k] in " \t\u3000":
        k += 1
    if k >= len(text) or text[k] not in "(（":
        return None
    depth = 0
    for m in range(k, min(len(text), k + 200)):
        if text[m] in "(（":
            depth += 1
        elif text[m] in ")）":
            depth -= 1
            if depth == 0:
                return k, m + 1
        elif text[m] == "\n":
            return None
    return None


_NOTICE_TAIL = re.compile(r"[ \t\u3000]*的(?:通知|决定|函|公告|通告)")


_ABBREV_WITHIN = re.compile(r"\s*[(（]\s*(?:以下)?简称\s*[“\"]?《?(?P<short>[^《》()（）“”\"]{1,40})》?[”\"]?\s*[)）]\s*$")


def _attach(text: str, titles: list[_Title]) -> None:
    """Fill in each title's 文号 (in the bracket after it or right before it) and abbreviation."""
    for t in titles:
        if (within := _ABBREV_WITHIN.search(t.title)) is not None and within.start() > 0:
            # 《甲纲要(以下简称《纲要》)》: the short name defined inside the title's own brackets
            t.title, t.abbrev = t.title[:within.start()], within.group("short").strip()
        br = _bracket_after(text, t.end)
        if br is not None:
            inner_start, inner = br[0] + 1, text[br[0] + 1:br[1] - 1]
            lead = len(inner) - len(inner.lstrip())
            m = DOC_NUMBER.match(inner.lstrip())
            if m:
                t.number = normalize_doc_number(m.group(0))
                t.number_span = (inner_start + lead, inner_start + lead + m.end())
            elif (orders := doc_numbers_in(inner)) and orders[0][1] == lead:
                t.number = orders[0][0]  # (国务院令第588号), (国家税务总局公告2017年第40号)
                t.number_span = (inner_start + orders[0][1], inner_start + orders[0][2])
            a = _ABBREV.search(inner)
            if a:
                t.abbrev = (a.group("short") or a.group("quoted")).strip()
                t.abbrev_span = (inner_start + a.start(), inner_start + a.end())
            if t.number or t.abbrev:
                t.bracket_end = br[1]
        if t.number is None and text[max(0, t.start - 2):t.start] in _ISSUING_VERBS \
                and (tail := _NOTICE_TAIL.match(text, t.end)) is not None \
                and (nb := _bracket_after(text, tail.end())) is not None \
                and (m := DOC_NUMBER.match(text, nb[0] + 1, nb[1] - 1)) is not None:
            # 甲厅关于印发《X》的通知(甲科发〔2023〕1号): the number X was issued under
            t.notice_number = normalize_doc_number(m.group(0))
        if t.number is None:
            # 鄂政办函〔2021〕38号《…》: the number written right before the title
            window = max(0, t.start - 40)
            before = text[window:t.start].rstrip()
            numbers = doc_numbers_in(before)
            if numbers and numbers[-1][2] == len(before):
                number, start, end = numbers[-1]
                t.number, t.number_span = number, (window + start, window + end)


@lru_cache(maxsize=1)
def _reported_issue() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]] | None:
    """The cue words and patterns of a measure a page reports as lately issued
    (data/document_types.json, "reported_issue"): the patterns are searched before its 《 and
    matched after its 》, on pages holding one of the cue words."""
    conf = _document_types().get("reported_issue")
    return (tuple(conf.get("cue_words", ())), re.compile(conf["before"]), re.compile(conf["after"])) if conf else None


def _reported_titles(text: str, titles: list[_Title]) -> set[str]:
    """Keys of the measures the page reports as lately issued (甲省政府近日出台《X》): the page's
    own subject, no document it refers to."""
    patterns = _reported_issue()
    if patterns is None:
        return set()
    cues, before, after = patterns
    if cues and not any(w in text for w in cues):
        return set()
    return {title_key(t.title) for t in titles
            if before.search(text, max(0, t.start - 16), t.start) or after.match(text, t.end, t.end + 60)}


def _issued_titles(text: str, titles: list[_Title], own_title: str | None = None) -> set[str]:
    """Titles the text itself issues: 《X》已经市政府同意 / 现将《X》和《Y》印发给你们 /
    an attachment heading 附件2:《Y》. Of several issued together (《X》《Y》已经…同意), when
    the policy's own title is one of them (the text of X follows the notice), the others are
    documents beside it, cited, not issued by this text."""
    found: set[str] = set()
    own = _own_title_keys(own_title) if own_title else set()
    listed: list[_Title] = []  # titles chained by 、和及 up to the current one
    for k, t in enumerate(titles):
        if k and not text[titles[k - 1].end:t.start].strip(_LIST_SEPARATORS):
            listed.append(t)
        else:
            listed = [t]
        after = text[t.end:t.end + 40]
        if _ISSUED_AFTER.match(after) or _ISSUED_AROUND.match(after):
            keys = {title_key(x.title) for x in listed}
            if len(keys) > 1 and (mine := {k for k in keys if k in own or _undraft(k) in own}):
                keys = mine
            found.update(keys)
        elif _ISSUED_ATTACHED.match(after):
            found.add(title_key(t.title))
        if (_ATTACHMENT_BEFORE.search(text[max(0, t.start - 12):t.start])
                and not _TITLE_GOES_ON.match(text, t.end)):
            # 附件:《X》任务分解表 attaches a table about X: X itself is cited, not issued
            found.add(title_key(t.title))
    return found


@lru_cache(maxsize=1)
def _untitled_pattern() -> re.Pattern[str] | None:
    """The pattern of a document named without 《》 (data/document_types.json, "untitled")."""
    conf = _document_types().get("untitled")
    if not conf:
        return None
    alt = "|".join(re.escape(w) for w in sorted(conf["cues"], key=len, reverse=True))
    issuers = "|".join(re.escape(w) for w in sorted(conf.get("issuers", []), key=len, reverse=True))
    suffixes = "|".join(re.escape(w) for w in sorted(conf["suffixes"], key=len, reverse=True))
    followers = "|".join(re.escape(w) for w in sorted(conf["followers"], key=len, reverse=True))
    not_first = "|".join(re.escape(w) for w in conf.get("not_first", []))
    shortest = max(int(conf.get("min_name", 6)) - 2, 1)
    return re.compile(
        rf"(?:{alt})(?:{issuers})?" + (rf"(?!{not_first})" if not_first else "")
        + rf"(?P<name>(?:[\u4e00-\u9fff]|(?:19|20)\d{{2}}年){{{shortest},40}}?(?:{suffixes}))(?=\s*(?:{followers}))")


def _untitled(text: str, own_keys: set[str]) -> list[tuple[str, int, int]]:
    """Documents named without 《》 after a cue word: (name, start, end)."""
    pattern = _untitled_pattern()
    if pattern is None:
        return []
    least = int(_document_types()["untitled"].get("min_name", 6))
    out = []
    for m in pattern.finditer(text):
        name = m.group("name")
        if len(name) >= least and "的" not in name and title_key(name) not in own_keys:
            out.append((name, m.start("name"), m.end("name")))
    return out


_SENTENCE_END = re.compile(r"[。;；!?！？\n]")


def _sentence_start(text: str, at: int, window: int) -> int:
    """Where the sentence holding ``at`` starts, looking back at most ``window`` characters."""
    lo = max(0, at - window)
    return max((m.end() for m in _SENTENCE_END.finditer(text, lo, at)), default=lo)


_SPIRIT = re.compile(r"\s*(?:文件精神|精神|有关规定|相关规定|的规定|规定|文件)?\s*(?:和|及|以及|与|、)\s*")


@lru_cache(maxsize=1)
def _listed_name_pattern() -> re.Pattern[str] | None:
    """The pattern of a name listed without 《》 after a cited title (…文件精神和甲市综合评价办法,):
    the untitled name's suffixes, then a clause's end or one of its followers."""
    conf = _document_types().get("untitled")
    if not conf:
        return None
    suffixes = "|".join(re.escape(w) for w in sorted(conf["suffixes"], key=len, reverse=True))
    followers = "|".join(re.escape(w) for w in sorted(conf["followers"], key=len, reverse=True))
    return re.compile(rf"(?P<name>(?:[\u4e00-\u9fff“”]|(?<=[\u4e00-\u9fff])、(?=[\u4e00-\u9fff])){{4,40}}?"
                      rf"(?:{suffixes}))(?=\s*(?:[,，。;；]|{followers}))")


def _listed_after_titles(text: str, titles: list[_Title], own_keys: set[str]) -> list[tuple[str, int, int]]:
    """Documents named without 《》 in a list after a cited title, the sentence opening with a cue
    word (根据《甲意见》(甲发〔2021〕7号)文件精神和甲市企业综合评价办法,…): (name, start, end)."""
    pattern = _listed_name_pattern()
    if pattern is None:
        return []
    conf = _document_types()["untitled"]
    cues = tuple(conf["cues"])
    not_first = tuple(conf.get("not_first", []))
    least = int(conf.get("min_name", 6))
    out = []
    for t in titles:
        opening = _sentence_start(text, t.start, 80)
        if not any(cue in text[opening:t.start] for cue in cues):
            continue
        end = t.bracket_end or t.end
        if t.bracket_end is None and (br := _bracket_after(text, t.end)) is not None:
            end = br[1]
        joined = _SPIRIT.match(text, end)
        if joined is None or text.startswith("《", joined.end()):
            continue
        m = pattern.match(text, joined.end(), joined.end() + 60)
        if m is None:
            continue
        name = m.group("name")
        if len(name) < least or "的" in name or name.startswith(not_first) or title_key(name) in own_keys:
            continue
        out.append((name, m.start("name"), m.end("name")))
    return out


@lru_cache(maxsize=1)
def _plain_law_pattern() -> re.Pattern[str] | None:
    """The pattern of a law named without 《》 (data/document_types.json, "plain_law")."""
    conf = _document_types().get("plain_law")
    return re.compile(conf["pattern"]) if conf else None


def _plain_laws(text: str, own_keys: set[str]) -> list[tuple[str, int, int]]:
    """Laws named without 《》 (依据中华人民共和国促进科技成果转化法…): (name, start, end)."""
    pattern = _plain_law_pattern()
    if pattern is None or "中华人民共和国" not in text:
        return []
    return [(m.group("name"), m.start("name"), m.end("name")) for m in pattern.finditer(text)
            if "的" not in m.group("name") and title_key(m.group("name")) not in own_keys]


@lru_cache(maxsize=1)
def _labelled_basis_pattern() -> re.Pattern[str] | None:
    """The pattern of a basis line naming a measure without 《》 (data/document_types.json,
    "labelled_basis")."""
    conf = _document_types().get("labelled_basis")
    return re.compile(conf["pattern"], re.M) if conf else None


def _labelled_bases(text: str, own_keys: set[str]) -> list[tuple[str, int, int]]:
    """Measures a line labels as the basis of what it lists, named without 《》 and with nothing
    after them (依据:甲示范区促进企业创新扶持办法): (name, start, end)."""
    pattern = _labelled_basis_pattern()
    if pattern is None:
        return []
    return [(m.group("name"), m.start("name"), m.end("name")) for m in pattern.finditer(text)
            if _ends_like_a_document(m.group("name")) and title_key(m.group("name")) not in own_keys]


@lru_cache(maxsize=1)
def _plain_plan_pattern() -> re.Pattern[str] | None:
    """The pattern of a plan named without 《》 (data/document_types.json, "plain_plan")."""
    conf = _document_types().get("plain_plan")
    return re.compile(conf["pattern"], re.M) if conf else None


_QUOTES = re.compile(r"[“”\"]")


@lru_cache(maxsize=1)
def _approved_plan_pattern() -> re.Pattern[str] | None:
    """The pattern of a plan named without 《》 that the text says was approved
    (data/document_types.json, "approved_plan")."""
    conf = _document_types().get("approved_plan")
    return re.compile(conf["pattern"], re.M) if conf else None


def _approved_plans(text: str, own_keys: set[str]) -> list[tuple[str, int, int]]:
    """Plans named without 《》 and said to be approved (甲试验区实施方案获省政府同意): (name, start, end)."""
    pattern = _approved_plan_pattern()
    if pattern is None or ("同意" not in text and "批" not in text):
        return []
    return [(_QUOTES.sub("", m.group("name")), m.start("name"), m.end("name")) for m in pattern.finditer(text)
            if "的" not in m.group("name") and title_key(m.group("name")) not in own_keys]


@lru_cache(maxsize=1)
def _contents_patterns() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The heading and entry patterns of a compilation's table of contents (document_types.json)."""
    conf = _document_types().get("contents_entries")
    return (re.compile(conf["heading"]), re.compile(conf["entry"])) if conf else None


def _contents_entries(text: str, own_keys: set[str]) -> list[tuple[str, int, int]]:
    """The documents a compilation lists in its table of contents (目录⏎1.甲市招商引资优惠政策⏎
    2.乙县…): each entry whose name opens with a place or ends with a document type word, up to
    the first other line or the first entry printed again: (name, start, end)."""
    patterns = _contents_patterns()
    if patterns is None or "目" not in text:
        return []
    heading, entry = patterns
    out: list[tuple[str, int, int]] = []
    at, lines = 0, text.split("\n")
    opened, seen = False, set()
    for line in lines:
        start, at = at, at + len(line) + 1
        if not opened:
            opened = heading.match(line) is not None
            continue
        if not line.strip():
            continue
        m = entry.match(line)
        if m is None:
            break
        name = m.group("title")
        key = title_key(name)
        if key in seen:
            break  # the entry printed again: the compilation's body starts
        seen.add(key)
        if key in own_keys or not (_ends_like_a_document(name) or Gazetteer.load().find_in(name) is not None):
            continue
        out.append((name, start + m.start("title"), start + m.end("title")))
    return out if len(seen) >= _CONTENTS_MIN else []


_CONTENTS_MIN = 2  # the fewest entries of a table of contents


def _plain_plans(text: str, own_keys: set[str]) -> list[tuple[str, int, int]]:
    """Plans and outlines named without 《》 (实施国家知识产权战略纲要): (name, start, end)."""
    pattern = _plain_plan_pattern()
    if pattern is None or ("纲要" not in text and "规划" not in text):
        return []
    # its own title, “十四五” quoted or not, and without the period its heading prints after it (a
    # plan named plainly is the heading's line; one named in 《》 without the period may be the
    # plan of the period before)
    own = {_QUOTES.sub("", k) for key in own_keys for k in (key, _PERIOD_CLOSING.sub("", key))}
    out = []
    found = list(pattern.finditer(text))
    # a name standing as a line of its own is the policy's title line: itself, wherever named
    own |= {title_key(_QUOTES.sub("", m.group("name"))) for m in found
            if _whole_line(text, m.start("name"), m.end("name"))}
    for m in found:
        name = _QUOTES.sub("", m.group("name"))
        key = title_key(name)
        if "的" in name or key in own or _JOINT_PLACES.match(name):
            continue  # 甲市及乙区国民经济…规划: the plans of two places, no one document
        if any(k.startswith(key) and _ends_like_a_document(k[len(key):]) for k in own):
            continue  # 甲市规划纲要 opening the own title 甲市规划纲要实施方案: no plan of its own
        out.append((name, m.start("name"), m.end("name")))
    return out


_JOINT_PLACES = re.compile(r"[\u4e00-\u9fff]{1,6}?[省市区县州](?:及|和|与|、)[\u4e00-\u9fff]{1,6}?[省市区县州]")


def _whole_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole line, blanks around it aside."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end:line_end if line_end >= 0 else len(text)].strip()


@lru_cache(maxsize=1)
def _file_name_pattern() -> re.Pattern[str] | None:
    """The file suffix of a title that is a shared file's name (data/document_types.json, "file_name")."""
    conf = _document_types().get("file_name")
    return re.compile(conf["pattern"]) if conf else None


def _without_file_suffix(title: str) -> str:
    """《X.docx(7页珍藏版)》 → X: a file's name is the title of the document it holds."""
    pattern = _file_name_pattern()
    if pattern is None or "." not in title:
        return title
    return pattern.sub("", title) or title


def _undraft(key: str) -> str:
    """A title key without a trailing draft mark: 甲办法(征求意见稿) → 甲办法."""
    m = _TRAILING_BRACKET.search(key)
    if m and m.group(0).strip(" \t\u3000()（）") in _document_types().get("drafts", []):
        return key[:m.start()]
    return key


_CLOSING_BRACKET = re.compile(r"(?:[(（][^()（）]{1,20}[)）])+$")


_PERIOD_CLOSING = re.compile(r"[(（](?:19|20)\d{2}\s*[—–-]\s*(?:19|20)\d{2}\s*年?[)）]$")  # (2021—2025年)


def _unbracketed(key: str) -> str:
    """A title's key without the brackets closing it (甲行动方案(2024—2026年) → 甲行动方案): what
    its kind is read from."""
    return _CLOSING_BRACKET.sub("", key)


def _own_title_keys(own_title: str) -> set[str]:
    """The keys the own title is known by: itself, without a draft mark, and the document its
    notice wraps (关于对《X》公开征求意见的通知 is the notice of X)."""
    keys = {title_key(own_title)}
    m = _OWN_WRAPS.search(" ".join(own_title.split()))
    if m:
        keys.add(title_key(m.group("inner")))
    return keys | {_undraft(k) for k in keys}


def _next_line(lines: list[str], i: int) -> str:
    """The first line after ``lines[i]`` that holds any text, stripped."""
    return next((x.strip() for x in lines[i + 1:] if x.strip()), "")


def _title_lines(text: str, titles: list[_Title]) -> set[str]:
    """Keys of the cited titles that also stand as a line of their own: the policy's title line."""
    wanted = {title_key(t.title) for t in titles}
    found = set()
    above = ""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line) <= _WRAP_MAX and (key := title_key(line)) in wanted \
                and not (line.lstrip().startswith("《") and _DOUBLED.search(above)
                         and (above.startswith("《") or "印发" in above)) \
                and not ("印发" in above and _HEADING_TAIL.match(_next_line(lines, i))):
            found.add(key)
        # a 《》 line right under another is a later title of a heading issuing several
        # (关于印发《甲办法》⏎《乙办法》⏎…的通知), or of a list of the documents a page rests on,
        # the one above with its 文号 ((甲发〔2021〕6号)): a document beside the policy, not its title
        above = line.strip() or above
    return found


@lru_cache(maxsize=1)
def _reference_label() -> re.Pattern[str]:
    """A page's label before a document it rests on (data/document_types.json, "reference_label")."""
    conf = _document_types().get("reference_label")
    return re.compile(conf["pattern"]) if conf else re.compile("(?!)")


def _notice_headings(text: str, titles: list[_Title]) -> set[str]:
    """Keys of the titles a line of the text wraps as a notice heading: …关于印发《X》的通知,
    unless a label points to it as another document (官方原文:关于印发《X》的通知)."""
    found = set()
    for t in titles:
        line_end = text.find("\n", t.end)
        line = " ".join(text[text.rfind("\n", 0, t.start) + 1:line_end if line_end != -1 else len(text)].split())
        line = line.rstrip(" |｜")  # | 标题:关于印发《X》的通知 | ||: a header table's row, its empty cells after
        m = _OWN_WRAPS.search(line)
        if m and title_key(m.group("inner")) == title_key(t.title) and not _reference_label().search(line, 0, m.start()):
            found.add(title_key(t.title))
    return found


def _own_number_lines(text: str, numbers: list[tuple[str, int, int]]) -> set[str]:
    """文号 written where a policy writes its own: alone on a line, after a field label
    (【字号】, 发文字号:) or an index code, or right before the notice's heading (关于…)."""
    out = set()
    for number, start, end in numbers:
        line_start = text.rfind("\n", 0, start) + 1
        if _OWN_NUMBER_BEFORE.fullmatch(text, line_start, start) and _OWN_NUMBER_AFTER.match(text, end):
            out.add(number)
    return out


_DEMONSTRATIVE = re.compile(r"(?:该|此|上述|前述|这一?)\s*$")  # what points back to a document named before


def _bare_type_word(key: str) -> bool:
    """《方案》, 《本办法》: a document type alone names the document spoken of before."""
    key = key[1:] if key.startswith("本") else key
    return any(key == suffix for suffix, _kind in document_suffixes())


@lru_cache(maxsize=1)
def _repeal_patterns() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The patterns of a repealed title (data/document_types.json, "repealed"): matched
    right after its 》 (and its bracket) and right before its 《."""
    conf = _document_types().get("repealed")
    if not conf:
        return None
    return re.compile(conf["after"]), re.compile(conf["before"])


def _mark_repealed(text: str, titles: list[_Title]) -> None:
    """Flag the titles the text says it repeals (2000年通过的《X》同时废止): a former document,
    which may bear the policy's own title (a regulation revised under the same name)."""
    patterns = _repeal_patterns()
    if patterns is None or "废止" not in text and "失效" not in text:
        return
    after, before = patterns
    for t in titles:
        end = t.bracket_end or t.end
        t.repealed = bool(after.match(text, end, end + 40)
                          or before.search(text, max(0, t.start - 60), t.start))


def _is_own(t: _Title, own_keys: set[str], own_number: str | None) -> bool:
    if own_number and t.number == own_number:
        return True
    if t.repealed:
        return False  # the document this one replaces, whatever its title
    key = title_key(t.title)
    if key in own_keys or _undraft(key) in own_keys:
        return True
    m = _WRAPPED.search(t.title)
    return bool(m and title_key(m.group("inner")) in own_keys)


def find_citations(text: str, offset: int = 0, own_doc_number: str | None = None,
                   own_title: str | None = None) -> list[Citation]:
    """Every citation in ``text``, in order; ``start``/``end`` = ``offset`` + span of the 《…》.

    ``own_doc_number`` and ``own_title`` name the policy itself: they, the notice that wraps it
    (关于印发《own》的通知) and any title the text says it issues (《X》已经…同意) are left out.
    A 文号 without a title is returned with the number as its title.
    """
    own_number = normalize_doc_number(own_doc_number) if own_doc_number else None
    titles = _scan_titles(text)
    _attach(text, titles)
    _mark_repealed(text, titles)
    own_keys = _issued_titles(text, titles, own_title) | _title_lines(text, titles) | _notice_headings(text, titles)
    own_keys |= _reported_titles(text, titles)
    if own_title:
        own_keys |= _own_title_keys(own_title)
    # a title that carries the own number is the policy (or its notice) wherever it appears
    own_keys |= {title_key(t.title) for t in titles if own_number and t.number == own_number}

    # the number written with the policy's own title (or its notice) is the policy's own number
    numbers = doc_numbers_in(text)
    own_numbers = {own_number} if own_number else set()
    own_numbers |= {t.number for t in titles if t.number and _is_own(t, own_keys, own_number)}
    own_numbers |= _own_number_lines(text, numbers)

    abbrevs: dict[str, _Title] = {}
    skip_spans: list[tuple[int, int]] = []
    for t in titles:
        if t.abbrev:
            abbrevs[title_key(t.abbrev)] = t
        if t.bracket_end is not None:
            skip_spans.append((t.end, t.bracket_end))
        if t.number_span:
            skip_spans.append(t.number_span)

    numbered = {title_key(t.title): t.number for t in titles if t.number}
    carried = {t.number for t in titles if t.number}
    submitted = _submitted_keys(text) if titles else set()
    out: list[Citation] = []
    for k, t in enumerate(titles):
        if any(a <= t.start < b for a, b in skip_spans):
            continue  # the 《Y》 of 以下简称《Y》
        full = t
        key = title_key(t.title)
        if t.number is None and key not in numbered and key in abbrevs and abbrevs[key] is not t:
            full = abbrevs[key]
        elif t.number is None and _bare_type_word(_undraft(key)):
            # 《方案》提出, 《细则(征求意见稿)》提出: the last document of that type named before, when there is one
            type_word = _undraft(key).removeprefix("本")
            full = next((x for x in reversed(titles[:k]) if _unbracketed(_undraft(title_key(x.title))).endswith(type_word)
                         and not _bare_type_word(_undraft(title_key(x.title)))), t)
            if full is t:
                continue  # a document's kind alone, with none of that kind named before: it names nothing
        elif t.number is None and _DEMONSTRATIVE.search(text, max(0, t.start - 3), t.start):
            # 该《政策意见》: a short name the text points back to, the end of a title named before
            full = next((x for x in reversed(titles[:k]) if len(title_key(x.title)) > len(key)
                         and title_key(x.title).endswith(key)), t)
        if _is_own(full, own_keys, own_number):
            continue
        if full.number is None and full.notice_number in carried:
            continue  # issued by a notice whose number a title cited before carries: that document again
        number = full.number or numbered.get(title_key(full.title))
        kind = citation_kind(full.title)
        if kind in ("form", "publication") and not number:
            continue  # 《…申请表》, 《…评价报告2021》: a form or a report, not a document referred to
        if not number and _ITEMS_COUNTED.match(text, t.end) and not _ends_like_a_document(full.title):
            continue  # 《甲装备研发与产业化》等37项…立项: the first of the projects a list counts
        if not number and _still_to_be_drafted(text, t.start):
            continue  # 探索出台《甲办法》: a rule still to be drafted, no document referred to
        if not number and _filled_in(text, t.start):
            continue  # 填写《甲年度总结报告》: a return to fill in, no document referred to
        if not number and submitted and (title_key(full.title) in submitted
                                         or (full.abbrev is not None and title_key(full.abbrev) in submitted)):
            continue  # 完善《甲建设方案》(以下简称《方案》)…将《方案》报送: a paper to hand in
        out.append(Citation(title=full.title, doc_number=number,
                            kind="policy" if kind in ("form", "publication") else kind,
                            start=offset + t.start, end=offset + t.end))

    out.extend(_named_inside(titles, offset, own_keys, {(c.start, c.title) for c in out}, own_number))

    for name, start, end in _untitled(text, own_keys):
        if any(t.start < start < t.end for t in titles):
            continue  # named inside a 《title》
        kind = citation_kind(name)
        if kind == "publication":
            continue
        out.append(Citation(title=name, doc_number=None, kind=kind,
                            start=offset + start, end=offset + end))

    for name, start, end in [*_listed_after_titles(text, titles, own_keys), *_plain_laws(text, own_keys),
                             *_contents_entries(text, own_keys),
                             *_plain_plans(text, own_keys),
                             *_approved_plans(text, own_keys), *_labelled_bases(text, own_keys)]:
        if any(t.start < start < t.end for t in titles) or any(c.start <= offset + start < c.end for c in out):
            continue  # named inside a 《title》 or a name found above
        out.append(Citation(title=name, doc_number=None, kind="policy", start=offset + start, end=offset + end))

    # a bracket after a title may hold a second 文号 (甲科发〔2006〕1号、甲财企〔2006〕2号): only the
    # title's own number and the titles themselves are no separate citations
    taken = [(t.start, t.end) for t in titles] + [t.number_span for t in titles if t.number_span]
    taken += [t.abbrev_span for t in titles if t.abbrev_span]
    for number, start, end in numbers:
        if number in own_numbers or any(a <= start < b or a < end <= b for a, b in taken) \
                or _after_letterhead(text, start):
            continue
        out.append(Citation(title=number, doc_number=number, kind="policy", start=offset + start, end=offset + end))
    out.sort(key=lambda c: c.start)
    return _without_issuer_prefixed(out)


_DRAFTED_WINDOW = 12  # how far before a title the words saying it is still to be drafted stand
_FILLED_WINDOW = 80  # how far before a title the word asking to fill it in (and the titles listed before it) stand
_ITEMS_COUNTED = re.compile(r"\s*等\s*\d+\s*(?:项|个项目)(?!文件|政策|制度|规定|措施)")


def _ends_like_a_document(title: str) -> bool:
    """Whether a title, its trailing brackets off, ends in a document type word (办法, 方案 …)."""
    core = title_key(title)
    while (stripped := _TRAILING_BRACKET.sub("", core)) != core:
        core = stripped
    return core.endswith(tuple(suffix for suffix, _kind in document_suffixes()))


_LETTERHEAD_WORD = "文件"
_ORG_CHARS = 30  # the longest organ name read before a letterhead's 文件


def _after_letterhead(text: str, start: int) -> bool:
    """Whether the 文号 at ``start`` follows a letterhead (甲市人民政府文件甲政〔2020〕21号, one
    run into the text where a scanned page starts): a document's own number, no reference."""
    before = text[max(0, start - _ORG_CHARS):start].rstrip()
    if not before.endswith(_LETTERHEAD_WORD):
        return False
    return bool(metadata_forms().org_end.search(before[:-len(_LETTERHEAD_WORD)].rstrip()))


_INNER_TITLE = re.compile(r"[〈<]([^〈〉<>《》\n]{4,120})[〉>]")
_ISSUING_VERBS = ("印发", "转发", "颁发", "发布", "公布")


def _named_inside(titles: list[_Title], offset: int, own_keys: set[str],
                  found: set[tuple[int, str]], own_number: str | None = None) -> list[Citation]:
    """The documents a title names in 〈〉 (《甲省实施〈中华人民共和国促进科技成果转化法〉办法》):
    each is referred to as well, the title being the policy's own or another's. The document
    a cited notice issues (《乙厅关于印发〈X〉的通知》) is referred to besides its notice; not the
    one the policy's own notice issues (the policy itself), nor forms, reports or a name that
    ends like no document."""
    out = []
    cited_keys = {title_key(title) for _start, title in found}
    for t in titles:
        for m in _INNER_TITLE.finditer(t.title):
            name = m.group(1).strip()
            issued = t.title[:m.start()].endswith(_ISSUING_VERBS)
            if issued and (_is_own(t, own_keys, own_number) or title_key(name) in cited_keys):
                continue  # the policy itself, or a measure the text cites by its own title too
            if title_key(name) in own_keys:
                continue
            kind = citation_kind(name)
            core = _TRAILING_BRACKET.sub("", name)
            if kind in ("form", "publication") or not core.endswith(tuple(s for s, _k in document_suffixes())):
                continue
            start = offset + t.start + 1 + m.start(1)
            if (start, name) not in found:
                out.append(Citation(title=name, doc_number=None, kind=kind, start=start, end=start + len(name)))
    return out


_ISSUER_CHARS = re.compile(r"[\u4e00-\u9fff]{3,24}")


def _issuer_prefix(prefix: str) -> bool:
    """Whether the words before a title's 关于 name its issuer: Chinese characters ending like
    an organisation (metadata.json's government and institution endings: 甲厅, 甲市人民政府)."""
    return bool(_ISSUER_CHARS.fullmatch(prefix)) and bool(metadata_forms().org_end.search(prefix))


def _without_issuer_prefixed(citations: list[Citation]) -> list[Citation]:
    """Of a notice cited both as 《关于X的通知》 and, with its issuer, as 《甲厅关于X的通知》
    (an attachment's line), the one without: it is one document."""
    bare = {title_key(c.title) for c in citations if c.title.startswith("关于")}
    if not bare:
        return citations
    out = []
    for c in citations:
        key = title_key(c.title)
        at = key.find("关于")
        if not c.doc_number and at > 0 and key[at:] in bare and _issuer_prefix(key[:at]):
            continue
        out.append(c)
    return out


def unique_citations(citations: list[Citation]) -> list[Citation]:
    """One citation per document, by 文号 or else title, first occurrence first.

    A title seen both with and without its 文号 counts once, with the number.
    """
    number_of = {title_key(c.title): c.doc_number for c in citations if c.doc_number}
    seen: set[str] = set()
    out: list[Citation] = []
    for c in citations:
        number = c.doc_number or number_of.get(title_key(c.title))
        key = number or title_key(c.title)
        if key in seen:
            continue
        seen.add(key)
        if number and not c.doc_number:
            c = Citation(title=c.title, doc_number=number, kind=c.kind, start=c.start, end=c.end)
        out.append(c)
    return out
