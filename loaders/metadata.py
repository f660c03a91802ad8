"""Document metadata: title, 文号, issuer, dates, region and interpreter of a policy.

Works from the normalised text alone (the tree only bounds the header area when it has
numbered parts), so a bare document root is enough. When the file is a 印发 notice
wrapping a policy, the metadata describe the wrapped policy (its title), signed and
numbered by the notice; a notice issuing several documents (印发《A》和《B》) describes the
first. Labelled metadata blocks of web pages (``header_fields``) are read too: the
signature of the text comes first, then the labels (成文日期 before 发布日期). The region is
the labelled one, else the place the title, issuer or notice starts with, else the place
the 文号 prefix stands for (``data/doc_number_prefixes.json``), else the place the text
names most, else the place of the organ a page's attribution line names (摘自甲区科技局官网).

Laws and decrees: a law's adoption note (…人民代表大会常务委员会第…次会议通过 … 修订) dates it
by its last step and signs it as the congress; a decree (甲市人民政府令) or a congress's
announcement (…公告第45号) is signed by its heading; a title opening with its issuers
(中共甲市委甲市人民政府关于…的意见) names them when nothing else does. Web pages: breadcrumb
items, page tabs (``page_chrome``), Latin-only lines and tagged bullets are no titles; a
headline 《X》修订版(全文) gives X; draft and page remarks (``draft_markers``, ``page_remarks``)
leave titles; a consultation notice gives the draft it consults on; a signature run into the
text of a flattened page counts as one; a news lead (4月10日,《X》正式印发) dates X.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import cast

from .citations import doc_numbers_in, document_suffixes
from .departments import default_departments
from .gazetteer import Gazetteer, region_of_doc_number
from .header_fields import HeaderFields, draft_remark, is_page_chrome, metadata_forms, read_header_fields
from .numbers import cn_to_int, to_number
from .page_forms import page_forms
from .records import CleanText, Node, Region
from .structure import commends, load_vocab, reports_on_a_measure

METADATA_KEYS = ("title", "doc_number", "issuer", "date", "effective_from", "effective_until",
                 "region", "province", "level", "interpreter")

_CN_DIGIT = "〇零○OＯ0一二三四五六七八九"  # 二000年: an Arabic 0 among Chinese digits
_CN_NUM = _CN_DIGIT + "十"
# 2023年5月6日, 2023年05月06日, 二〇二三年五月六日, 2023-05-06, 2023/5/6, 2023.5.6
# Every form opens with a digit: the lookahead says so first, and a scan for a date then passes
# over other characters at once instead of trying each form there.
DATE = (rf"(?=[\d{_CN_DIGIT}])"
        r"(?:(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
        rf"|(?P<cy>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<cm>[{_CN_NUM}]{{1,2}})\s*月\s*(?P<cd>[{_CN_NUM}]{{1,3}})\s*日"
        r"|(?<!\d)(?P<ny>(?:19|20)\d{2})(?P<sep>[-/.])(?P<nm>\d{1,2})(?P=sep)(?P<nd>\d{1,2})(?![\d.]))")
_DATE_RE = re.compile(DATE)
# a news page's time line under its headline, run into the name of the site that printed it
# (or a company's or a centre's page: 2020-08-08 甲装修公司)
_SITED_TIME_LINE = re.compile(rf"^{DATE}\s*[^\s\d,，。;；:：!?《》]{{2,20}}(?:网|报|网站|新闻|公司|中心)$")
# a signature line: the date alone, or after the issuer(s) (联合发文: 市科技局 市财政局 2023年5月6日)
_DATE_LINE = re.compile(rf"^(?:(?P<org>(?:[^\s,。;:!?《》]{{2,40}}\s+){{1,4}}))?[(（]?\s*{DATE}\s*[)）]?\s*(?:印发|发布|签发|印)?"
                        r"\s*(?:[(（][^()（）]{0,12}[)）])?$")
# a signature a flattened page runs into the text: …请认真贯彻执行。 甲市科学技术局 2020年12月11日 甲市…办法
_INLINE_SIGNATURE = re.compile(rf"(?:^|(?<=[。!]))\s*(?P<org>(?:[^\s,。;:!?《》]{{2,40}}\s+){{1,4}}){DATE}(?=\s|$)")
# the same with no space at all, right after the sentence that issues the policy and before
# the policy's own title: …现印发给你们,请认真组织实施。甲市人民政府2023年3月23日甲市…方案
_JOINED_SIGNATURE = re.compile(rf"(?:印发|发布|转发)[^。!\n]{{0,60}}(?:实施|执行|落实|遵照|办理)[^。!\n]{{0,6}}[。!]"
                               rf"(?P<org>[^\s,。;:!?《》\d]{{2,30}}?){DATE}(?=[\u4e00-\u9fff(（]|\s*$)")
# the same after a space, when nothing else signs the text (附件:甲办法(试行) 甲大学 2017年4月18日 附件:…)
_SPACED_SIGNATURE = re.compile(rf"(?<=\s)(?P<org>(?:[^\s,。;:!?《》]{{2,40}}\s+){{1,4}}){DATE}(?=\s|$)")
# a news lead on the issue of a document, its year left to the page: 4月10日,《X》正式印发
_NEWS_ISSUED = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*[,,]?\s*《[^《》]{2,120}》\s*"
                          r"(?:已)?(?:正式)?(?:印发|发布|出台|公布|颁布)")
NEWS_LEAD_CHARS = 3000  # how far into a page its news lead may stand
_OWN_DATE_LABELS = ("成文日期", "印发日期", "发文日期", "签发日期")  # dates of the document itself, not of a page
_LABELLED_DATE = re.compile(rf"(?:{'|'.join(_OWN_DATE_LABELS)})\s*[::]\s*{DATE}")
# a date labelled 时间:/日期: stamps the page, unless it opens a period (征求意见时间:2024年8月21日至9月4日)
_STAMP = re.compile(r"(?:发布时间|发布日期|时间|日期)\s*[::]\s*(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]"
                    r"\s*(?P<d>\d{1,2})(?!\d)(?!\s*日?\s*(?:至|到|—|–|~|～|-)\s*\d)")
_BARE_DIGITS = re.compile(r"(?:19|20)\d{4,6}")  # 2024514, 20240514
_SPACED_DIGITS = re.compile(r"(?P<y>(?:19|20)\d{2})\s+(?P<m>\d{1,2})\s+(?P<d>\d{1,2})")  # 2020 1 27: 年月日 lost
_FULL_DIGITS = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")  # 20240514: one reading only
TITLE_OPENING_CHARS = 30  # how far into a title its 关于 may stand (甲市人民政府办公室关于…)
STAMP_CHARS = 600  # how far into a page its timestamp may stand
UPLOAD_MARK_CHARS = 1500  # how far into a page the mark of a user's upload may stand
_AMENDED_BEFORE = re.compile(r"(?:修改|废止|延长|调整)[^\n,。;:]{0,8}\Z")  # …修改 before an amended 文号
_LABELLED_NUMBER = re.compile(r"(?:发文字号|发文文号|文号)\s*[::]\s*")

# a law's adoption note: (2000年5月27日甲省第九届人民代表大会常务委员会第十六次会议通过 … 2019年9月28日…修订);
# every dated step (通过, 修正, 修订) is read, the last one dates the text in force
_ADOPTION_NOTE = re.compile(r"^[(（]\s*" + DATE + r"[^()（）]{0,80}?会议[^()（）]{0,60}?(?:通过|批准|修正|修订)")
_ADOPTION_STEP = re.compile(DATE + r"\s*(?P<body>[^\s()（）,。;]{2,60}?)(?:第[^\s()（）]{1,8}次)?(?:全体)?(?:常务)?会议"
                            r"(?:[^()（）\d]{0,40}?)(?P<verb>通过|批准|修正|修订)")
_TERM = re.compile(r"第[一二三四五六七八九十百\d]+届")
# a bracketed note near the top saying who issued the text and when: (甲市人民政府 2018年5月17日发布),
# (2019年3月1日甲省科学技术厅印发); the organ first or the date first
_ISSUE_VERBS = r"(?:印发|发布|公布|颁布|发)"
_ISSUE_NOTE_ORG_FIRST = re.compile(rf"^[(（]\s*(?P<org>[^\s,，。;；:：!?《》()（）\d]{{2,40}}?)\s*{DATE}\s*{_ISSUE_VERBS}\s*[)）]$")
_ISSUE_NOTE_DATE_FIRST = re.compile(rf"^[(（]\s*{DATE}\s*(?P<org>[^\s,，。;；:：!?《》()（）\d]{{2,40}}?)\s*{_ISSUE_VERBS}\s*[)）]$")
_ADOPTING_BODY = re.compile(r"(?:人民代表大会常务委员会|人民代表大会|人民政府)$")
# a decree's heading: 甲市人民政府令 (第30号 on the same or the next line)
# (or a congress's announcement: 甲省第十二届人民代表大会常务委员会公告 第45号)
_DECREE = re.compile(r"^(?P<org>[^\s,。;:《》()（）]{2,40}?(?:人民政府|委员会|部|局|厅|署|院))"
                     r"(?:令\s*(?:[(（]?第[^\s()（）]{1,8}号[)）]?)?|公告\s*[(（]?第[^\s()（）]{1,8}号[)）]?)$")
# pronunciation glosses some pages leave after characters: 大会(huì )
_GLOSS = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{1,12}[)）]")
# 关于批转市甲局乙方案的通知: a government approving and passing on a bureau's plan issues that plan
_NOTICE = re.compile(r"^(?P<issuer>[^,。;:!?]{0,60}?)(?:关于)?(?:印发|颁发|批转(?:[^\s,。;:!?《》]{1,20}?"
                     r"(?:局|委|厅|办公室|办)(?:关于)?)?)\s*(?P<inner>.+?)\s*的通知$")
_ISSUED = re.compile(r"《(?P<title>[^《》]{2,120}(?:《[^《》]*》[^《》]*)*)》\s*"
                     r"(?:(?:已经|业经|已由|已|经)[^。;!?《》\n]{0,30}?(?:同意|通过|审定)"
                     # 《甲条例》已由甲市第十六届人民代表大会常务委员会第四十二次会议于2021年10月28日通过
                     r"|(?:已由|已经|经)[^。;!?《》\n]{0,60}?会议[^。;!?《》\n]{0,20}?(?:通过|批准)"
                     # 制定了《X》,现予以印发,请遵照执行; 研究制定了《X》。现印发给你们
                     r"|[,。]?\s*(?:现|予以|现予|现予以)?(?:印发|转发)(?:给|你们|实施|执行|施行)"
                     r"|[,。]?\s*(?:现予以|现予|予以)印发(?=\s*[,。;]))")
_ANGLED = re.compile(r"<([^<>《》]{2,120})>")  # a title quoted inside a quotation with ASCII brackets
_INNER_TITLES = re.compile(r"[《〈<]([^《》〈〉<>]{2,120})[》〉>]")
# a notice issuing a revised text names it with its revision before the quotation (修订后的《甲办法》)
_REVISED_QUOTED = re.compile(r"(?:新)?(?:修订|修改|修正)(?:后的|的|版)\s*[《〈<](?P<title>[^《》〈〉<>]{2,120})[》〉>]")
_ISSUED_LIST = re.compile(r"《(?P<title>[^《》]{2,120})》(?=(?:\s*[、和及与,]?\s*《[^《》]{2,120}》)+\s*[,，。]?\s*"
                          r"(?:(?:已经|业经|已由|已|经)[^。;!?《》\n]{0,30}?(?:同意|通过|审定)"
                          r"|(?:现|予以|现予)?印发(?:给|你们)))")
FLAT_NUMBER_CHARS = 60  # how far into the first line of a flattened page its 文号 may stand
ADOPTION_LINES = 12  # how many lines from the top an adoption note may stand at
# one issuing body of a title's opening (中共甲市委, 甲市人民政府, 甲市科学技术局)
_ORG_PIECE = re.compile(r"中共中央|(?:中共)?[^\s,。;:《》关]{2,30}?(?:人民政府办公厅|管委会|人民政府办公室|人民政府|委员会|办公厅|办公室|"
                        r"市委|省委|区委|县委|党组|厅|局|委|部|院|署|中心)")
_OFFICES = ("办公厅", "办公室")  # an organ's office, which the pieces above read as an organ of its own
# a consultation notice: 关于对《X(征求意见稿)》公开征求意见的通知 describes X
# (or 关于公开征求《X(征求意见稿)》意见的公告, a letter: 关于对《X》征求意见的函)
_CONSULTATION = re.compile(r"^[^《》]{0,60}?关于(?:(?:对)?《(?P<title>[^《》]{2,120})》(?:公开)?(?:向社会)?征求[^《》]{0,10}意见"
                           r"|(?:公开)?(?:向社会)?征求《(?P<title2>[^《》]{2,120})》[^《》]{0,10}意见(?:建议)?)的(?:通知|公告|函)$")
# a headline quoting the title, with a page's decoration: 《X》2016年修订版(全文)
# (not a reading of it: 《X》解读, 《X》政策问答)
_HEADLINE = re.compile(r"^《(?P<title>[^《》]{2,120})》(?!的)(?P<rest>(?:(?!解读|问答|说明)[^《》,。;]){0,24})$")
# a news headline reporting the issue of one document: 甲省10部门联合印发《X》
_ISSUED_HEADLINE = re.compile(r"^[^《》,。;:!?\s]{2,60}?(?:联合|共同)?(?:印发|出台|发布)《(?P<title>[^《》]{2,120})》$")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_BULLETED = re.compile(r"^[-•·▪●■◆*]\s")  # a list item's bullet
BREADCRUMB_ITEM_CHARS = 10  # a breadcrumb's category items are this short; a title is longer
_BREADCRUMB = re.compile(r"\s*(?:>>|»|>|›|→)\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLOSING_BAR = re.compile(r"\s*[|｜]+\s*$")
# the file suffix of a heading that names the shared file (甲市科技奖励办法.docx)
_FILE_SUFFIX = re.compile(r"\.(?:docx?|pdf|wps|txt)$", re.I)
_CLAUSE_CUT = re.compile(r"[,;。:]")
_REMARK_LINE = re.compile(r"^[(（](?!\s*" + DATE + r"\s*[)）])[^()（）]{1,20}[)）]$")  # (试行); a date in brackets dates the text
_SALUTATION = re.compile(r"^各[^。]{0,120}[::]$")
_PART_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章条节])")
_NOT_TITLE_START = ("各", "来源", "时间", "发布", "字体", "分享", "文章", "暂无", "责任编辑", "打印", "关闭", "首页")

_FROM = [
    re.compile(rf"自\s*{DATE}\s*(?:起|开始)\s*(?:施行|实施|执行|生效)"),
    re.compile(rf"{DATE}\s*起\s*(?:施行|实施|执行|生效)"),
]
_FROM_ISSUE = re.compile(r"自\s*(?:印发|发布|公布|颁布|下发)之日起\s*(?:施行|实施|执行|生效)")
_UNTIL = [
    re.compile(rf"有效期\s*(?:至|到|截至)\s*{DATE}"),
    re.compile(rf"有效期\s*(?:自|从)[^。;]{{0,30}}?(?:至|到)\s*{DATE}\s*止?"),
    re.compile(rf"(?:执行期|实施期)限?\s*(?:至|到)\s*{DATE}"),
]
_VALID_YEARS = re.compile(r"有效期\s*(?:为|暂定为|暂定)?\s*(?P<n>\d+|[一二三四五六七八九十两]+)\s*年")
_INTERPRETER = [
    re.compile(r"具体解释工作由\s*(?P<x>[^,。;:、由]{2,40}?)\s*负责"),
    re.compile(r"由\s*(?P<x>[^,。;:、由]{2,40}?)\s*负责(?:具体)?解释"),
    re.compile(r"本(?:政策措施|措施|办法|方案|细则|规定|意见|政策|通知|条例|规则|实施方案)\s*由\s*"
               r"(?P<x>[^,。;:、由]{2,40}?)\s*(?:负责)?解释"),
]


@dataclass
class _Line:
    text: str  # stripped
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    out = []
    blanks = metadata_forms().blank_marks
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        if raw.rstrip().endswith("?"):
            raw = blanks.sub("", raw)  # 甲厅? ??: the blanks a page could not encode
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(stripped, m.start() + lead, m.start() + lead + len(stripped)))
    return out


def _compact(text: str) -> str:
    return "".join(text.split())


def parse_date(match: re.Match[str]) -> str | None:
    """ISO date from a match of ``DATE`` (Arabic or Chinese numerals), None if impossible."""
    g = match.groupdict()
    try:
        if g.get("y") and not g.get("m") and g.get("m2"):  # a page stamp's 年月日 form (2006年04月14日 02:11)
            y, m, d = int(g["y"]), int(g["m2"]), int(g["d2"])
        elif g.get("y3"):  # a page stamp printed day first (29.06.2016 13:11)
            y, m, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
        elif g.get("y"):
            y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
        elif g.get("ny"):
            y, m, d = int(g["ny"]), int(g["nm"]), int(g["nd"])
        else:
            y, m, d = (cast(int, cn_to_int(g[k].replace("0", "〇"))) for k in ("cy", "cm", "cd"))  # None: checked next
            if None in (y, m, d):
                return None
        return dt.date(y, m, d).isoformat()
    except (TypeError, ValueError):
        return None


def _head_end(lines: list[_Line], tree: Node | None, text_len: int, header: HeaderFields | None = None) -> int:
    """End of the header area: the salutation, the first numbered part or the first sentence
    (lines of a labelled metadata block do not end it)."""
    end = text_len
    if tree is not None:
        numbered = [n.start for n in tree.walk() if n.kind in ("part", "section", "item")
                    and not (header and header.holds(n.start))]
        if numbered:
            end = min(numbered)
    for line in lines:
        if line.start >= end:
            break
        if header and header.holds(line.start):
            continue
        # a line the numbered body starts inside (申报材料一、…) is read up to that label
        seen = line.text[:end - line.start]
        if _SALUTATION.match(seen) or _PART_HEADING.match(seen) or "。" in seen \
                or metadata_forms().table_header.match(seen):
            return line.start
    return end


_BRACKET_TAIL = re.compile(r"[(（]\s*(?P<inner>[^()（）]{4,30}?)\s*[)）]\s*$")


def _strip_doc_numbers(line: str) -> str:
    bracket = _BRACKET_TAIL.search(line)
    if bracket and bracket.start() > 0 and (numbers := doc_numbers_in(bracket.group("inner"))) \
            and numbers[0][1] == 0 and numbers[0][2] == len(bracket.group("inner")):
        line = line[:bracket.start()].rstrip()  # 甲省人民政府关于…的决定(甲发〔2011〕27号)
    for _number, start, end in reversed(doc_numbers_in(line)):
        if start == 0 or end == len(line):
            line = (line[:start] + line[end:]).strip()
    return line


def _stray_quote_off(line: str) -> str:
    """A heading without the closing quote a page left after it (…的若干政策”): no part of it."""
    if line.endswith("”") and line.count("”") > line.count("“"):
        return line[:-1].rstrip()
    return line


def _unwrap(title: str) -> str:
    title = page_forms().page_tag.sub("", title.strip())
    while len(title) > 2 and title[0] in "《〈<" and title[-1] in "》〉>":
        title = title[1:-1].strip()
    return title


@dataclass
class _Notice:
    title: str
    issuer: str | None
    inner: str
    line: _Line


def _first_of_several(inner: str) -> str:
    """印发《A》和《B》 (a notice issuing several documents) → A; one title is returned unwrapped."""
    titles = _INNER_TITLES.findall(inner)
    if len(titles) > 1:
        return cast(str, titles[0])
    first = _INNER_TITLES.match(inner.strip())
    if first and metadata_forms().several_issued_tail.match(inner.strip()[first.end():]):
        return cast(str, first.group(1))  # 《甲意见》等6个文件: the one the notice names
    revised = _REVISED_QUOTED.fullmatch(inner.strip())
    if revised:
        return revised.group("title")  # 印发修订后的《甲办法》: the document is 甲办法
    return _unwrap(inner)


def _header_lines(lines: list[_Line], head_end: int, header: HeaderFields | None) -> list[tuple[str, _Line]]:
    """The header's lines, each followed by itself joined to the next line when it is left
    open (a long title wrapped onto a second line: …关于印发促进科技成果 / 转化若干措施的通知)."""
    # a line that runs on into the body (a heading glued to the first item) is its part above it
    head = [line if line.end <= head_end else _Line(line.text[:head_end - line.start].rstrip(), line.start, head_end)
            for line in lines if line.start < head_end and not (header and header.holds(line.start))
            and not is_page_chrome(line.text)]
    menu = _menu_items(lines, head_end)
    head = [line for line in head if line.text not in menu]
    out: list[tuple[str, _Line]] = []
    for i, line in enumerate(head):
        out.append((line.text, line))
        # (the next line printed again below, as a page prints its headline over and under its
        # date bar, is whole: no second half of this one)
        if i + 1 < len(head) and _open_line(line.text) and _open_line(head[i + 1].text) \
                and not head[i + 1].text.startswith(_NOT_TITLE_START) \
                and (not _looks_like_title(line.text) or _wrapped_notice(line.text, head[i + 1].text)) \
                and _title_piece(line.text, head[i + 1].text) \
                and not _column_over_title(line.text, head[i + 1].text) \
                and not any(later.text == head[i + 1].text for later in head[i + 2:]) \
                and not cast(re.Match[str], page_forms().lead_mark.match(head[i + 1].text)).group() and not _NOTICE.match(head[i + 1].text):
            out.append((line.text + head[i + 1].text, line))
            if i + 2 < len(head) and _open_line(head[i + 1].text) and _NOTICE.match(head[i + 2].text) is None \
                    and (_NOTICE.match(three := line.text + head[i + 1].text + head[i + 2].text)
                         or ("关于" in line.text and not _looks_like_title(line.text + head[i + 1].text)
                             and _looks_like_title(three))):
                # a notice issuing several documents, its title over three lines
                # (关于印发《甲办法》⏎《乙办法》⏎《丙办法》的通知), or any heading opened by 关于 over
                # three lines (甲厅关于公布 ⏎ 2031年度乙和 ⏎ 丙的通知)
                out.append((three, line))
    return out


def _wrapped_notice(line: str, following: str) -> bool:
    """Whether a notice's title wraps right after the name of the document it issues (甲省人民政府
    办公厅关于印发甲省数字经济工作方案 ⏎ (2023—2025年)的通知): the first line ends like a title, yet
    only the two lines together make the notice."""
    return _NOTICE.match(line) is None and _NOTICE.match(line + following) is not None


def _column_over_title(line: str, following: str) -> bool:
    """Whether ``line`` is the name of a site's column (党建工作, 理论学习) above a title that is
    whole by itself and opens with its place (甲省“十三五”科技创新规划): no first half of it. A
    line naming a place or an organ may be the title's first half or its issuer, and stays."""
    return _looks_like_title(following) and Gazetteer.load().find_in(following) is not None \
        and Gazetteer.load().find_in(line) is None and not _orgs(line) and _COLUMN_NAME.fullmatch(_compact(line)) is not None


_COLUMN_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}")  # 党建工作: a site's column, words only and short


def _title_piece(line: str, following: str) -> bool:
    """Whether ``line`` can be the first piece of a title wrapped onto ``following``: not a
    site's furniture (RSS阅读, a banner of words joined by _), and, before a line that opens a
    关于 title itself (关于…, 甲县关于…), its issuer (a column label such as 涉企政策信息 is none)."""
    if _LATIN_WORD.search(line) or "_" in line or _BULLETED.match(line) or _BREADCRUMB.search(line):
        return False  # - 举报: an item of a page's list; 首页>政务信息>规划: a breadcrumb
    return "关于" not in following[:TITLE_OPENING_CHARS] or bool(metadata_forms().org_end.search(line))


def _open_line(text: str) -> bool:
    return 4 <= len(text) <= 80 and not any(ch in text for ch in ",。;:!?") and not _SALUTATION.match(text) \
        and not _DATE_RE.search(text) and len(_CJK.findall(text)) >= 2 and len(text.split()) < 3


def _find_notice(lines: list[_Line], head_end: int, header: HeaderFields | None = None) -> _Notice | None:
    candidates = _header_lines(lines, head_end, header)
    labelled = header.first("title") if header else None
    if labelled and lines:
        candidates.insert(0, (labelled, lines[0]))
    for text, line in candidates:
        bare = _stray_quote_off(_unwrap(_strip_doc_numbers(metadata_forms().page_headline_prefix.sub("", text))))
        m = _NOTICE.match(bare)
        if m and len(bare) <= 150:
            issuer = m.group("issuer").strip() or _issuer_above(lines, line, header)
            return _Notice(_compact(bare), issuer, _compact(_first_of_several(m.group("inner"))), line)
    return None


def _issuer_above(lines: list[_Line], line: _Line, header: HeaderFields | None) -> str | None:
    """The organ printed on the line right above a notice's 关于 heading (甲市人民政府 ⏎ 关于印发…的通知)."""
    if not line.text.startswith("关于"):
        return None
    k = next((i for i, n in enumerate(lines) if n.start == line.start), 0)
    above = lines[k - 1].text if k > 0 else ""
    if above and not (header and header.holds(lines[k - 1].start)) and _is_org_line(above):
        return _signer(above)
    return None


def _heading_as_printed(lines: list[_Line], start: int, end: int, title: str) -> str:
    """``title`` as the policy's own heading prints it below the sentence issuing it, where the
    two differ only by a 的 (《关于加快甲支持办法》现印发给你们 … 关于加快甲的支持办法): the heading
    is the document's own name, the issuing sentence only quotes it."""
    loose = title.replace("的", "")
    for line in lines:
        if start <= line.start < end:
            printed = _compact(line.text)
            if printed != title and printed.replace("的", "") == loose and _looks_like_title(printed):
                return printed
    spelt = _place_spelt_out(lines, start, end, title)
    return spelt or title


_OWN_LEVEL_OPENING = re.compile(r"^(?:自治区|自治州|省|市|县|区|州)")


def _place_spelt_out(lines: list[_Line], start: int, end: int, title: str) -> str | None:
    """The policy's heading printed below the notice issuing it with its place written out, where
    the issuing sentence opens on the level alone (《自治区甲办法》 … 宁夏回族自治区甲办法, maybe
    wrapped over two lines): the heading is the document's own name."""
    level = _OWN_LEVEL_OPENING.match(title)
    if level is None:
        return None
    rest = title[level.end():]
    body = [line for line in lines if start <= line.start < end]
    for k, line in enumerate(body):
        for printed in (_compact(line.text), _compact(line.text + (body[k + 1].text if k + 1 < len(body) else ""))):
            if not printed.endswith(rest) or printed == title:
                continue
            place = Gazetteer.load().prefix(printed)
            if place is not None and place[0].name.endswith(level.group()) and printed[place[1]:] == rest \
                    and _looks_like_title(printed):
                return printed
    return None


def _looks_like_title(line: str) -> bool:
    place, colon, rest = line.partition(":")
    if colon and _place_label(place):
        line = rest  # 新疆:2010年科技工作要点: a title headed by the place it is about
    if not 4 <= len(line) <= 100 or any(ch in line for ch in ",。;:!?") or line.startswith(_NOT_TITLE_START):
        return False
    core = re.sub(r"\s*[(（][^()（）]{1,20}[)）]\s*$", "", line)
    return any(core.endswith(suffix) for suffix, _kind in document_suffixes())


def notice_title(text: str, tree: Node | None = None) -> str | None:
    """The title of the 印发 notice wrapping the policy (…关于印发〈X〉的通知), None when there is none."""
    lines = _lines(text)
    header = read_header_fields(text)
    notice = _find_notice(lines, _head_end(lines, tree, len(text), header), header)
    return notice.title if notice else None


_DASHES = re.compile(r"[-—–~～至]")
_BARE_TITLE_MIN = 5  # 保障措施 atop an excerpt: a type word and one word before it head a part, not a document
_YEAR_OPENING = re.compile(r"(?:19|20)\d{2}\s*年度?")
# an excerpt's first line, the end of a notice's heading whose opening was cut (…实施细则(试行)》的通知)
_CUT_WRAPPER = re.compile(r"(?P<tail>[^《》\n]{4,})》的?(?:通知|决定|意见|公告|通告|批复)")


def _uncut_wrapper(text: str, first_line: str) -> str | None:
    """The title of the document a cut notice heading issues (…实施细则(试行)》的通知): the one the
    text names in 《》 whose name ends as the cut heading's part does, else None."""
    cut = _CUT_WRAPPER.fullmatch(_compact(first_line))
    if cut is None:
        return None
    tail = cut.group("tail")
    return next((_compact(m.group(1)) for m in _QUOTED_TITLE.finditer(text) if m.group(1).endswith(tail)), None)


def _title(text: str, lines: list[_Line], head_end: int, notice: _Notice | None,
           header: HeaderFields, digest: tuple[str, str | None, str] | None) -> str | None:
    """The policy's title; ``digest`` is what ``_digest`` read from the text (a digest's one measure)."""
    # the sentence issuing the policy stands in the notice, before the policy's own text
    body_start = next((n.start for n in lines if _PART_HEADING.match(n.text)
                       and not header.holds(n.start)), len(text))
    limit = min(body_start, head_end + 1000)
    issued = _ISSUED_LIST.search(text, 0, limit) or _ISSUED.search(text, 0, limit)
    if issued:
        title = _standalone(_compact(issued.group("title")))
        stray = title.removesuffix("的通知")
        if stray != title and "关于" not in stray and _looks_like_title(stray):
            title = stray  # 现将《甲规划的通知》印发给你们: the plan, a 的通知 strayed into its name
        if notice and notice.inner != title and _DASHES.sub("", notice.inner) == _DASHES.sub("", title):
            title = notice.inner  # the heading prints the dash the issuing sentence lost (2021—2025年)
        if notice and notice.inner.endswith(title) and _YEAR_OPENING.fullmatch(notice.inner[:-len(title)]):
            title = notice.inner  # 2023年《甲方案》印发给你们: the year the heading titles it with stands outside the quotation
        # a document forwarded (转发给你们) is the text's own only when the text prints it below
        if "转发" not in issued.group(0) or any(_compact(line.text) == title for line in lines):
            # the title as printed on a line of its own, where a space stands for the 、 of the
            # issuing sentence (甲行动 提升乙的意见 / 《甲行动、提升乙的意见》)
            if "、" in title:
                bare = title.replace("、", "")
                printed = next((line for line in lines if _compact(line.text) == bare and " " in line.text.strip()), None)
                if printed is not None:
                    return bare
            return _heading_as_printed(lines, issued.end(), body_start, title)
    header_lines = _header_lines(lines, head_end, header)
    if header_lines and (whole := _uncut_wrapper(text, header_lines[0][0])):
        return whole
    for line_text, _line in header_lines:
        consulted = _CONSULTATION.match(_compact(line_text))
        if consulted:  # 关于对《X(征求意见稿)》公开征求意见的通知 → X
            return _undraft(consulted.group("title") or consulted.group("title2"))
    if notice:
        # the heading printed below the notice may write out the place the notice names by its level
        return _place_spelt_out(lines, 0, body_start, notice.inner) or notice.inner
    if digest:
        return digest[0]
    reprint = page_forms().reprint.search(text, 0, NEWS_LEAD_CHARS)
    if reprint:
        return _compact(reprint.group("title"))
    lead = news_lead(lines)
    if lead:
        return lead[0]
    reported = _reported_measure(text, lines)
    lately = page_forms().lately_issued.search(text, 0, NEWS_LEAD_CHARS)
    # 《X》近日印发: the measure a news lead reports, named first; in a news item any name in 《》
    # said to be issued is a document's, whatever its last word (甲方向(2025年版))
    if lately and (_looks_like_title(_compact(lately.group("title")))
                   or (_NAMED_DOCUMENT.fullmatch(_compact(lately.group("title"))) and reports_on_a_measure(text, []))) \
            and (reported is None or lately.start("title") < _quoted_at(text, reported)):
        return _compact(lately.group("title"))
    if reported:
        return reported
    revised = _lately_revised(lines)
    if revised:
        return revised
    abridged = _abridged_in_headline(text, lines)
    if abridged:
        return abridged
    opening_report = _opening_report(lines)
    if opening_report:
        return opening_report[0]
    consulted = page_forms().consulted_lead.search(text, 0, NEWS_LEAD_CHARS)
    if consulted and reports_on_a_measure(text, []) and _looks_like_title(_undraft(_compact(consulted.group("title")))):
        return _undraft(_compact(consulted.group("title")))  # 《X(征求意见稿)》公开征求意见: a news lead on a draft
    labelled = header.first("title")
    if labelled:
        return _compact(_unwrap(labelled))
    menu = _menu_items(lines, head_end)
    speech = _speech_heading(lines[:NEWS_LEAD_LINES * 2])
    if speech:
        return speech
    for i, (line_text, line) in enumerate(header_lines):
        candidate = _candidate(line_text)
        if candidate in menu:
            continue
        issued_headline = _ISSUED_HEADLINE.match(candidate)
        if issued_headline and _looks_like_title(issued_headline.group("title")):
            return _undraft(issued_headline.group("title"))  # 甲省10部门联合印发《X》: a news headline names X
        headline = _HEADLINE.match(candidate)
        if headline and _looks_like_title(headline.group("title")):
            if _looks_like_title(headline.group("rest").strip()):
                return _compact(candidate)  # 《X》实施细则: rules implementing X, titled with it
            return _undraft(headline.group("title"))  # 《X》2016年修订版(全文) → X; 《X(征求意见稿)》发布 → X
        if commends(candidate) and _open_line(candidate) and not _looks_like_title(candidate):
            return _compact(candidate)  # 关于甲市拟兑付奖励资金的公示 (maybe over two lines): a publicity notice
        if _looks_like_title(candidate) and len(candidate) >= _BARE_TITLE_MIN:
            renewed = _printed_under_renewal(candidate, header_lines[i + 1:], menu)
            if renewed:
                return renewed
            fuller = _issued_form(candidate, header_lines[i + 1:i + 3]) or _issuers_spelt_out(candidate, header_lines[i + 1:])
            if fuller:
                return fuller
            following = next((n for n in lines if n.start > line.start and n.text not in line_text), None)
            if following is not None and _REMARK_LINE.match(following.text) and following.start < head_end \
                    and not draft_remark().search(following.text) and not doc_numbers_in(following.text):
                candidate += following.text  # 科技成果转化奖励办法 / (试行); (甲办文〔2010〕52号) is its 文号
            elif following is not None and following.start < head_end and following.text.startswith(candidate) \
                    and _REMARK_LINE.match(following.text[len(candidate):].strip()) \
                    and not draft_remark().search(following.text):
                candidate = following.text  # 第一篇:甲行动计划 / 甲行动计划(2010—2012年): the fuller line
            return _undraft(candidate)
    opening = _signed_opening(text)
    if opening:
        return opening[2]
    stamped = page_forms().stamped_heading.match(text)
    if stamped and _looks_like_title(stamped.group("title")) and len(stamped.group("title")) >= _BARE_TITLE_MIN:
        return _undraft(stamped.group("title"))  # 关于…的通知发表时间:…: a heading run into its time label
    for line_text, _line in header_lines[:NEWS_LEAD_LINES]:
        asked = _asked_about(_candidate(line_text))
        if asked:
            return asked  # a page answering a question on one document (甲方案的工作目标是什么?)
    red = page_forms().red_header.match(text)
    if red:
        return red.group("title")  # 甲市人民政府文件 甲政发〔2013〕4号 甲市人民政府 关于…的意见 各…: a flattened header
    flat = page_forms().flat_heading.match(text.lstrip())
    if flat and _looks_like_title(_undraft(flat.group("title"))):
        return _undraft(flat.group("title"))  # a flattened page: 甲意见(征求意见稿) 为贯彻…
    numbered = _numbered_flat_heading(text)
    if numbered:
        return numbered[0]  # …15:29 甲政策(试行) (甲发〔2011〕20号) 为…: a title and its number run into the body
    # no line ends like a document: a heading the page prints twice, else the first line that could
    # still be a title (a page's heading); a news item's headline (据悉, 供稿:, 记者…) reports a
    # measure and titles none
    news = reports_on_a_measure(text, [])
    doubled = None if news else _doubled_heading(lines, head_end)
    if doubled:
        return doubled
    for line_text, line in ([] if news else header_lines):
        candidate = _candidate(line_text)
        if load_vocab().banner.match(line_text.strip()):
            continue  # 甲科技开发有限公司: the banner of the site printing the page
        if _plain_heading(candidate) and candidate not in menu and not _continued(lines, line, line_text) \
                and not _run_in_heading(lines, line):
            return _compact(candidate)
        if _PROSE_LINE.search(candidate):
            break  # a page's heading stands above its text, never under a paragraph of it
    return _after_signature(lines, head_end) or _quoted_then_printed(text, lines, head_end) or _attached_title(text) \
        or _disclosed_then_printed(text) or _self_named(text)


def _doubled_heading(lines: list[_Line], head_end: int) -> str | None:
    """A heading a page prints twice in a row above its text (the page's name, then the
    article's: 甲项目贷款贴息 ⏎ 甲项目贷款贴息), when nothing above names a document: the page's
    own heading, whatever word it ends on."""
    for line, following in zip(lines, lines[1:], strict=False):
        if line.start >= head_end:
            break
        heading = line.text.strip()
        if heading == following.text.strip() and _plain_heading(_candidate(heading)) and not is_page_chrome(heading):
            return _compact(heading)
    return None


NEWS_HEADLINE_CHARS = 60  # the longest first line read as a news item's headline
NEWS_LEAD_LINES = 8  # how many lines from the top a news page's headline and lead stand in
_PARTNER = ("联合", "会同", "协同")  # words naming an organ that acts with the subject of the sentence
_SHARED_RUN = 8  # characters a shortened headline shares with the title it reports


def _shortened_title(headline: str, title: str) -> bool:
    """Whether a news headline (甲市发布科技创新券管理办法) ends on a shortened form of ``title``
    (甲市科技创新券管理办法(试行)): its last ``_SHARED_RUN`` characters end the title, a bracket
    after it aside, or end the document a notice issuing it names (关于印发甲办法的通知). A headline
    ending on a noun the title holds inside (我区新增10家技术转移服务机构, 甲区技术转移服务机构
    管理办法) reports something else."""
    if len(headline) < _SHARED_RUN:
        return False
    run = headline[-_SHARED_RUN:]
    notice = _NOTICE_OF.match(title)
    return any(re.sub(r"(?:[(（][^()（）]*[)）])+$", "", name).endswith(run)
               for name in (title, notice.group("inner") if notice else ""))


def news_lead(lines: list[_Line]) -> tuple[str, str, str | None] | None:
    """(title, issuer, ISO date or None) of a news page reporting a policy it then prints: a line
    near the top saying who issued it (甲市人民政府办公厅发布《X》。/ 科技部印发《X》/ 甲领导小组于
    2022年7月7日印发《X》), when that line is the headline itself, or when the headline
    (甲市发布X(全文)) is a shortened form of X."""
    top = [line for line in lines[:NEWS_LEAD_LINES] if not is_page_chrome(line.text)]
    if not top:
        return None
    for line in top:
        m = page_forms().published.search(line.text)
        if m is None or not _orgs(m.group("org")) or not _looks_like_title(_compact(m.group("title"))) \
                or m.group("org").startswith(_PARTNER):
            continue  # 甲行牵头…,联合乙局印发《X》: 乙局 is a partner, the sentence's subject stands before
        title = _compact(m.group("title"))
        whole = m.start("org") == 0 and not m.group("rest").strip(" 。")
        headline = page_forms().headline_tail.sub("", top[0].text)
        head = re.sub(r"[(（][^()（）]*[)）]$", "", headline)
        shared = _shortened_title(head, title)
        # a headline above the lead opening with the title (《X》2019年2月5日起施行)
        quoted = any(_compact(above.text).startswith(f"《{title}》") for above in top if above.start < line.start)
        # a reading page opening with the notice it reads: 2024年3月28日,甲县人民政府印发了
        # 《关于印发X的通知》(甲政字〔2024〕5号),现将主要内容解读如下: the page stands for X
        reading = line is top[0] and _READING_LEAD.search(line.text, m.end("title")) is not None
        if reading:
            inner = _NOTICE_OF.match(title)
            title = _unwrap(inner.group("inner")) if inner else title
        if whole or shared or quoted or reading:
            said = m.groupdict().get("date")
            dated = _DATE_RE.search(said) if said else None
            if dated is None and reading:
                dated = _DATE_RE.match(line.text[:m.start("org")].strip(" ,，"))
            joint = " ".join(m.group("org").replace("、", " ").split())  # 甲厅、乙厅联合印发: two issuers
            return title, joint, parse_date(dated) if dated else None
    return None


_READING_LEAD = re.compile(r"解读如下|解读[::]|政策解读")
_NOTICE_OF = re.compile(r"^(?:关于)?(?:印发)?(?P<inner>.{4,120}?)的通知$")


def _reported_measure(text: str, lines: list[_Line]) -> str | None:
    """The title of the measure a news item (本报讯, 记者…) reports, as its lead names it in
    《》 after 出台/印发/发布: a news item's headline is no title of a policy."""
    if not reports_on_a_measure(text, []):
        return None
    lead = _news_lead_lines(lines)
    for line in lead:
        m = page_forms().reported.search(line.text)
        if m and _looks_like_title(_compact(m.group("title"))):
            return _compact(m.group("title"))
    # 我省出台《甲方案》… 《方案》提出: the measure the item goes on to call by its kind
    for line in lead:
        for m in page_forms().reported_bare.finditer(line.text):
            title = _compact(m.group("title"))
            core = re.sub(r"[(（][^()（）]{1,20}[)）]$", "", title)
            if _looks_like_title(title) and any(core.endswith(suffix) and _called_by_kind(text, suffix, m.end())
                                                for suffix, _kind in document_suffixes()):
                return title
    return None


# a news headline telling that a place issued a measure it names in short (甲省发布十三五科技规划)
_ABRIDGED_HEADLINE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,8}?)(?:发布|印发|出台|公布)(?P<name>[^\s,，。:：;；!?！？《》]{4,30})$")
_QUOTED_NAME = re.compile(r"《([^《》\n]{4,120})》")


def _abridged_in_headline(text: str, lines: list[_Line]) -> str | None:
    """The measure a news item's headline names in short (甲省发布十三五科技规划), as the item
    quotes it in full (《甲省“十三五”科技创新规划》): a title opening with the headline's place,
    ending on the same kind of document and holding every character of the short name in order."""
    if not reports_on_a_measure(text, []):
        return None
    first = next((line for line in lines[:NEWS_LEAD_LINES] if not is_page_chrome(line.text)), None)
    m = _ABRIDGED_HEADLINE.match(_compact(first.text)) if first is not None else None
    if m is None or not _looks_like_title(m.group("name")):
        return None
    name, place = m.group("name"), m.group("place")
    for quoted in _QUOTED_NAME.finditer(text, 0, NEWS_LEAD_CHARS):
        title = _compact(quoted.group(1))
        if title.startswith(place) and title[-2:] == name[-2:] and _looks_like_title(title) and _in_order(name, title):
            return title
    return None


def _in_order(short: str, full: str) -> bool:
    """Whether every character of ``short`` stands in ``full``, in the same order."""
    chars = iter(full)
    return all(ch in chars for ch in short)


def _lately_revised(lines: list[_Line]) -> str | None:
    """The measure a page's lead says a place or body lately revised (为…,近日,甲省修改了《X》,
    增设…; ``lately_revised``): the page reports X."""
    for line in _news_lead_lines(lines):
        m = page_forms().lately_revised.search(line.text)
        if m and _looks_like_title(_compact(m.group("title"))):
            return _compact(m.group("title"))
    return None


def _news_lead_lines(lines: list[_Line]) -> list[_Line]:
    """The top lines of a news item down to its lead, the first paragraph of its story: a
    measure only a later paragraph names (甲网6月29日电 (通讯员 丙)为…。⏎ 近日,该县出台了《X》) is
    one the item tells of, not the one it reports. A page's labelled lines (嘉宾:…) are no story."""
    out: list[_Line] = []
    for line in lines[:NEWS_LEAD_LINES]:
        out.append(line)
        text = line.text.strip()
        if len(text) >= _STORY_CHARS and "。" in text and "《" not in text and not _FIELD_LABEL.match(text):
            break
    return out


_STORY_CHARS = 40  # the shortest paragraph read as a news item's story
_FIELD_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")


def _called_by_kind(text: str, kind: str, after: int) -> bool:
    """Whether a news item, after naming a measure, goes on to call it by its kind alone: 《办法》,
    该办法, 此次出台的办法, or a paragraph opening on the kind and what it says (决定提出…)."""
    if f"《{kind}》" in text:
        return True
    said = "|".join(_KIND_SAYS)
    return re.search(rf"(?:该|此次出台的|这一){re.escape(kind)}|^\s*{re.escape(kind)}(?:{said})", text[after:],
                     re.MULTILINE) is not None


_KIND_SAYS = ("提出", "明确", "规定", "指出", "要求", "强调", "涉及", "作了", "旨在")


_NAMED_DOCUMENT = re.compile(r"[^,，。;；:：!?！？]{6,100}")  # a name in 《》 that is no sentence


def _reported_issuer(lines: list[_Line], title: str) -> str | None:
    """The one organ a news item's lead says issued the measure it reports (日前,甲省政府办公厅
    印发了《X》…): none when a place issued it (甲省近日出台《X》) or several bodies did (甲省委、
    甲省人民政府…)."""
    text = "\n".join(line.text for line in lines[:NEWS_LEAD_LINES])
    if not reports_on_a_measure(text, []):
        return None
    for line in lines[:NEWS_LEAD_LINES]:
        for m in page_forms().published.finditer(line.text):
            org = m.group("org")
            if _compact(m.group("title")) == title and _orgs(org) and not org.startswith(_PARTNER) \
                    and not any(mark in org for mark in _JOINT_MARKS) and Gazetteer.load().prefix(org) != (
                        Gazetteer.load().find_in(org), len(org)):
                return org
    return None


_JOINT_MARKS = ("、", "和", "与", "及", "联合", "会同")


def _opening_report(lines: list[_Line]) -> tuple[str, str | None] | None:
    """(title, issuer or None) of a text opening, with no headline above, on a lead that tells
    on which day a body issued a measure (10月15日,甲省乙厅发布了《X》,这是…; structure's
    ``report_lead_pattern``): the text reports X; its issuer is the one organ the lead names,
    none when it names several (甲局 乙委联合印发《X》) or only a place (甲省印发《X》)."""
    first = next((line for line in lines if line.text.strip() and not is_page_chrome(line.text)), None)
    if first is None or load_vocab().report_lead.match(first.text) is None:
        return None
    m = page_forms().published.search(first.text)
    if m is None or not _looks_like_title(_compact(m.group("title"))):
        return None
    org = m.group("org").strip()
    gazetteer = Gazetteer.load()
    single = _orgs(org) and " " not in org and not org.startswith(_PARTNER) \
        and not any(mark in org for mark in _JOINT_MARKS) and gazetteer.prefix(org) != (gazetteer.find_in(org), len(org))
    return _compact(m.group("title")), org if single else None


DESCRIBED_CHARS = 600  # how far into a text an encyclopedia's line on the policy is looked for


def _described_issuer(text: str, title: str) -> str | None:
    """The organ an encyclopedia's opening line says issued ``title`` (``described_issuer``:
    《甲办法》是甲省乙厅发布的办法), when it names an organ."""
    for m in page_forms().described_issuer.finditer(text, 0, DESCRIBED_CHARS):
        if _compact(m.group("title")) == title and _orgs(m.group("org")):
            return m.group("org")
    return None


def _quoted_at(text: str, title: str) -> int:
    """Where ``text`` first quotes ``title`` in 《》 (its spaces aside), else its length."""
    return next((m.start(1) for m in _CITED.finditer(text) if _compact(m.group(1)) == title), len(text))


def _standalone(title: str) -> str:
    """A title quoted in 《》 as it reads on its own: a title it names, marked 〈〉 inside the
    quotation (《贯彻〈甲意见〉的分工》, or with ASCII angle brackets: 《贯彻<甲意见>的分工》), takes 《》 again."""
    if "《" in title:
        return title
    if "〈" in title:
        return title.replace("〈", "《").replace("〉", "》")
    return _ANGLED.sub(r"《\1》", title)


def _attached_title(text: str) -> str | None:
    """The policy a notice issues and then names as its attachment inline (…现予印发。
    附件:甲办法(试行) 甲大学 2017年4月18日), on a page that ran the notice into one line."""
    m = metadata_forms().attached_title.search(text, 0, NEWS_LEAD_CHARS)
    if m and _looks_like_title(m.group("title")):
        return _undraft(m.group("title"))
    return None


def _self_named(text: str) -> str | None:
    """The title a preamble gives the text it opens (…的任务和要求,编制了《甲规划》,明确…), or the
    document a paragraph opens with and names for short (《甲办法》(以下简称“办法”)…), or the
    one a text opens by saying a body drew up (甲厅会同乙厅研究制定了《甲办法》,…), on a page
    that prints no heading: read in the opening stretch of a text that reports no measure."""
    m = page_forms().self_named.search(text, 0, NEWS_LEAD_CHARS)
    title = (m.group("title") or m.groupdict().get("bare") or m.groupdict().get("defined")
             or m.groupdict().get("opening")) if m else None
    if title and _looks_like_title(_compact(title)) and not reports_on_a_measure(text, []):
        return _undraft(title)
    return None


def _signed_opening(text: str) -> tuple[str, str, str] | None:
    """(issuer, ISO date, title) of a flattened page that opens with its signature and runs its
    title into the first article (甲市人民政府2022年9月19日甲市扶持办法第一条为…)."""
    m = page_forms().signed_opening.match(text)
    if m is None or not _orgs(m.group("org")) or not _looks_like_title(m.group("title")):
        return None
    iso = parse_date(m)
    return (m.group("org"), iso, _undraft(m.group("title"))) if iso else None


_SIGNED_LINE = re.compile(rf"(?P<org>[^\s\d,，。;；:：!?《》()（）]{{2,40}}?)\s*{DATE}\s*")


def _signature_before_title(lines: list[_Line], title: str | None) -> tuple[str, str] | None:
    """(issuer, ISO date) of a signature a flattened page runs into the title of the text it
    signs, at the start of a line near the top (甲市人民代表大会常务委员会2021年12月10日甲市条例(…)…)."""
    if not title:
        return None
    for line in lines[:ADOPTION_LINES]:
        m = _SIGNED_LINE.match(line.text)
        if m and line.text.startswith(title, m.end()) and _orgs(m.group("org")) and (iso := parse_date(m)):
            return m.group("org"), iso
    return None


def _number_before_notice(text: str, title: str | None) -> str | None:
    """The 文号 run into the name of the notice issuing the policy, as a page links the notice's
    file (附件:1.甲府规〔2022〕2号甲市人民政府关于印发《X》的通知.doc)."""
    if not title:
        return None
    pattern = r"印发\s*《\s*" + r"\s*".join(re.escape(ch) for ch in title) + r"\s*》"
    for m in re.finditer(pattern, text):
        before = text[max(0, m.start() - FLAT_NUMBER_CHARS):m.start()]
        numbers = doc_numbers_in(before)
        if not numbers:
            continue
        number, _start, end = numbers[-1]
        org = before[end:].strip().removesuffix("关于").strip()
        if not org or (_orgs(org) and not any(ch in org for ch in ",。;:《》")):
            return number
    return None


_SPEECH_HEADING_LINES = 2  # a speech's heading: a title and a subtitle above the occasion line


def _speech_heading(top: list[_Line]) -> str | None:
    """The heading of a speech or report, its lines above the line naming the occasion
    (甲 ⏎ 乙 ⏎ ——在全省科技工作会议上的报告): those lines joined, without the occasion."""
    at = next((i for i, line in enumerate(top) if page_forms().speech_occasion.match(_compact(line.text))), None)
    if at is None:
        return None
    heading: list[str] = []
    above = top[:at]
    while above and _stamp_line(above[-1].text):
        above = above[:-1]  # 发布日期:2030-02-08 17:06 来源: between the heading and the occasion: the page's
    for line in reversed(above[max(0, len(above) - _SPEECH_HEADING_LINES):]):
        words = _compact(line.text)
        if not words or any(ch in words for ch in ",。;:!?•>»|") or len(_CJK.findall(words)) < 4 \
                or is_page_chrome(line.text):
            break
        heading.insert(0, " ".join(line.text.split()))
    return " ".join(heading) or None


def _stamp_line(line: str) -> bool:
    """Whether a line is a page's labelled stamp holding a date (发布日期:2030-02-08 17:06 来源:)."""
    return _FIELD_LABEL.match(line.strip()) is not None and _DATE_RE.search(line) is not None


def _asked_about(question: str) -> str | None:
    """The document a question heading asks about (甲方案(2023—2027年)的工作目标是什么? → 甲方案
    (2023—2027年)), None when it asks about no one document."""
    m = page_forms().asked_about.match(question.strip())
    if m and _looks_like_title(m.group("title").strip()):
        return m.group("title").strip()
    return None


def _printed_under_renewal(candidate: str, below: list[tuple[str, _Line]], menu: set[str]) -> str | None:
    """The title of a document a renewing notice prints below its own heading (关于延长甲细则
    有效期的通知 ⏎ 细则1 ⏎ 甲市乙专项实施细则, ``renewing_notice`` in data/metadata.json): the
    text is that document's, the notice only keeps it in force."""
    form = page_forms().renewing_notice
    if not form.search(candidate):
        return None
    for line_text, _line in below:
        printed = _candidate(line_text)
        if printed not in menu and _looks_like_title(printed) and not form.search(printed) \
                and not _NOTICE.match(printed) and not printed.endswith("通知"):
            return _undraft(printed)
    return None


def _candidate(line_text: str) -> str:
    """A header line as a possible title: 文号 at its ends, 《》 around it, a menu's bullet or
    a site's tag before it dropped, and the header of a table flattened after it (甲考核办法序号
    考核内容 分值…: the line is the table's caption)."""
    line_text = _FILE_SUFFIX.sub("", line_text)  # 甲办法.docx: a document-sharing page's heading
    line_text = _CLOSING_BAR.sub("", line_text)  # 甲规划 |: the bar parting the heading from the site's name
    pieces = _BREADCRUMB.split(line_text)
    if len(pieces) >= 3:  # 主页 > 报告 > 规划 > X: the page's own heading is the last item,
        # unless it is as short as the category items (… > 规划计划 > 工作计划): the page's menu
        line_text = pieces[-1] if len(_compact(pieces[-1])) > BREADCRUMB_ITEM_CHARS else ""
    elif len(pieces) == 2 and len(pieces[0].strip()) <= BREADCRUMB_ITEM_CHARS:
        # 政策库 > X: X when it is long enough to be a title, else the line is a menu
        # (专项规划 > 政府印发的专项规划): no title
        line_text = pieces[-1] if len(_compact(pieces[-1])) > BREADCRUMB_ITEM_CHARS else ""
    text = _stray_quote_off(_unwrap(_strip_doc_numbers(line_text)))
    lead = page_forms().lead_mark.match(text)
    text = text[lead.end():] if lead else text
    table = load_vocab().flat_row_header.search(text)
    if table is not None and table.start() > 0:
        text = text[:table.start()].rstrip()  # 甲考核办法序号 考核内容 分值…: a caption over its flattened table
    headed = page_forms().headed_title.match(text)
    if headed and _looks_like_title(headed.group("title")) and not _place_label(text[:headed.start("title")]):
        return headed.group("title")  # 某区奖励政策:某区关于…的意见 → the title after the colon
    placed = page_forms().place_quoted.match(text)
    if placed and (region := Gazetteer.load().prefix(placed.group("place"))) and region[1] == len(placed.group("place")):
        return placed.group("title")  # 甲省《关于…的决定》: a repost naming the place before the title
    return text


def _place_label(label: str) -> bool:
    """Whether the words before a heading's colon are a place alone (新疆:2010年科技工作要点): the
    place the heading is about, part of the title, not a label such as 政策名称:."""
    label = label.strip().rstrip(":：").strip()
    placed = Gazetteer.load().prefix(label) if label else None
    return bool(placed and placed[1] == len(label))


_TRAILING_BRACKET = re.compile(r"\s*[(（]([^()（）]{2,12})[)）]\s*$")


def _without_title_prefix(title: str) -> str:
    """A title without what a page printed before it (``title_prefix`` in data/metadata.json): an
    attachment's label (附件1、甲方案) or the place a news page files it under (甲县:关于…的意见),
    the place only when the gazetteer knows it."""
    m = metadata_forms().title_prefix.match(title)
    if m is None or m.end() >= len(title):
        return title
    place = m.groupdict().get("place")
    if place and Gazetteer.load().find_in(place) is None:
        return title
    return title[m.end():].strip()


def _without_place_remark(title: str) -> tuple[str, str | None]:
    """A title without the place a page printed after it in brackets (…若干政策(试行)(甲市)): the
    site's note of where the policy is from, no part of its name. The place comes second."""
    m = _TRAILING_BRACKET.search(title)
    if m and m.start() > 0 and _place_label(m.group(1)):
        return title[:m.start()], m.group(1)
    return title, None


def _undraft(title: str) -> str:
    """A title without a remark marking it a draft ((征求意见稿V2.2), (草案)) or a page's
    remark ((全文))."""
    return _compact(draft_remark().sub("", title))


def _menu_items(lines: list[_Line], head_end: int) -> set[str]:
    """The items of a breadcrumb (首页 >> 地方政策 >> 技术创新 >> X) but its last, the page's own
    heading: a line repeating one of them is a menu, not a title."""
    items: set[str] = set()
    for line in lines:
        if line.start >= head_end:
            break
        pieces = _BREADCRUMB.split(line.text)
        if len(pieces) >= 3:
            items.update(piece.strip() for piece in pieces[:-1])
        items.update(m.group("column") for m in page_forms().column_label.finditer(line.text))
    return items


def _issued_form(short: str, nxt: list[tuple[str, _Line]]) -> str | None:
    """The title as its issuers wrote it, when a page's short heading (贯彻落实X实施意见) is
    followed by it (中共甲市委 甲市人民政府关于贯彻落实X的实施意见)."""
    suffix = next((sfx for sfx, _kind in document_suffixes() if short.endswith(sfx)), None)
    for line_text, _line in nxt:
        candidate = _candidate(line_text)
        if suffix and candidate.endswith(suffix) and _looks_like_title(candidate) \
                and _title_issuer(_compact(candidate)) and short[:4] in candidate:
            return _compact(candidate)
    return None


def _issuers_spelt_out(short: str, below: list[tuple[str, _Line]]) -> str | None:
    """The notice's title as its issuers sign it, printed below a headline that names them
    short (三部门关于X的通知 … 甲部办公厅乙部办公厅关于X的通知): the same 关于 heading after organs."""
    at = short.find("关于")
    if at <= 0:
        return None
    for line_text, _line in below:
        candidate = _compact(_candidate(line_text))
        if candidate != short and candidate.endswith(short[at:]) and _title_issuer(candidate):
            return candidate
    return None


def _quoted_then_printed(text: str, lines: list[_Line], head_end: int) -> str | None:
    """The title of a page that introduces a document (本网讯:…《X》正式印发…) and then
    prints it: a line below the introduction that reads as a title the introduction quoted."""
    for line in lines[:ADOPTION_LINES * 2]:
        if line.start >= head_end and _looks_like_title(line.text) \
                and f"《{line.text}》" in text[head_end:line.start]:
            return _compact(line.text)
        # a call for comments that quotes its draft and then prints it, marked a draft
        # (…起草了《甲措施(征求意见稿)》…⏎甲措施(征求意见稿 )): the draft's title without the mark
        bare = _undraft(line.text)
        if line.start >= head_end and bare != _compact(line.text) and _looks_like_title(bare) \
                and any(_undraft(quoted) == bare for quoted in _QUOTED_TITLE.findall(text, head_end, line.start)):
            return bare
    return None


_QUOTED_TITLE = re.compile(r"《([^《》\n]{2,120})》")
_TITLE_MAX_CHARS = 140  # enough for any title _QUOTED_TITLE reads and the spaces before it


def _draft_called_for_comment(text: str) -> str | None:
    """The draft a text with no title of its own puts out for comment (我局起草了《X(征求意见稿)》,
    现面向全社会公开征求意见; 甲局牵头起草了《X(征求意见稿)》。现将征求意见稿予以公告): X, its mark dropped."""
    for form in (page_forms().consulted_lead, page_forms().drafted_by):
        m = form.search(text, 0, DRAFTER_CHARS)
        if m and draft_remark().search(m.group("title")) and _looks_like_title(_undraft(_compact(m.group("title")))):
            return _undraft(_compact(m.group("title")))
    return None


def _disclosed_then_printed(text: str) -> str | None:
    """The title a flattened page prints right after its signature's disclosure remark, as its
    introduction quoted it (甲厅制定《X》,甲厅2022年9月8日(此件公开发布)X根据…): the document printed."""
    for remark in metadata_forms().disclosure_remark.finditer(text, 0, NEWS_LEAD_CHARS):
        after = text[remark.end():remark.end() + _TITLE_MAX_CHARS].lstrip()
        quoted = [_compact(t) for t in _QUOTED_TITLE.findall(text, 0, remark.start())]
        found = max((t for t in quoted if after.startswith(t) and _looks_like_title(t)), key=len, default=None)
        if found:
            return found
    return None


def _after_signature(lines: list[_Line], head_end: int) -> str | None:
    """The title printed under a notice's signature date (a page that cut the notice's own
    title off): the first line after the first dated signature line that reads as a title."""
    for i, line in enumerate(lines[:ADOPTION_LINES * 2]):
        if line.start >= head_end and _DATE_LINE.match(line.text):
            for k, nxt in enumerate(lines[i + 1:i + 3], start=i + 1):
                if _looks_like_title(nxt.text):
                    title = _compact(nxt.text)
                    above = _compact(lines[k - 1].text) if k > i + 1 else ""
                    if above and metadata_forms().disclosure_remark.fullmatch(above):
                        above = ""  # 2031年1月21日 ⏎ (此件公开发布) ⏎ 甲办法: the date's remark, no half of the title
                    if above and _open_line(above) and _looks_like_title(above + title):
                        title = above + title  # 甲市知识产权试验区⏎建设方案(征求意见稿): a heading over two lines
                    below = _compact(lines[k + 1].text) if k + 1 < len(lines) else ""
                    if _YEARS_RUN_ON.match(below) and _looks_like_title(title + below):
                        title += below  # 甲纲要⏎(2016—2030年)实施方案: a title broken before its years
                    return _undraft(title)  # a comment letter's draft, without its marker
            return None
    return None


# a line that carries on a title broken before the years it spans: (2016—2030年)实施方案
_YEARS_RUN_ON = re.compile(r"^[(（]\s*(?:19|20)\d{2}\s*(?:年\s*)?[-—–~至]+\s*(?:19|20)\d{2}\s*年?\s*[)）][^()（）]{0,20}$")


def _continued(lines: list[_Line], line: _Line, line_text: str) -> bool:
    """Whether the line after ``line_text`` carries on its sentence (a wrapped line of a
    PDF: 科技成果购买 / 项目,年实际成交的…), so it is no heading."""
    following = next((n for n in lines if n.start > line.start and n.text not in line_text), None)
    if following is None or _STAMP.match(following.text) or _LABELLED_DATE.match(following.text):
        return False  # 发布时间:2020-07-06: the page's stamp under its heading, no sentence carried on
    if line_text == line.text and _FIELD_LINE.match(following.text):
        return False  # 来源: 甲省科技厅: a field of the page's card under its one-line heading
    first_clause = _CLAUSE_CUT.split(following.text, maxsplit=1)
    return len(first_clause) > 1 and len(first_clause[0].strip()) <= 4


# 来源: 甲厅, 信息来源:甲局 发布日期:…: a page's labelled fields (an article's byline, 作者:…| 来源:…, is none)
_FIELD_LINE = re.compile(r"^\s*(?!.*(?:作者|记者|编辑|通讯员)\s*[:：])[\u4e00-\u9fff]{2,6}\s*[:：]\s*\S")


def _run_in_heading(lines: list[_Line], line: _Line) -> bool:
    """Whether a plain line is one of a section's run-in headings, not the page's heading: a
    line of the same kind stands below it after a paragraph that ends a sentence (支持甲⏎对…。⏎
    支持乙⏎对…。), before any numbered heading (三、) — the text opens inside a section."""
    after = [n for n in lines if n.start > line.start]
    for above, below in zip(after, after[1:], strict=False):
        if _PART_HEADING.match(below.text) or _LIST_HEADING.match(below.text):
            return False  # a numbered heading (三、, 2、甲区): the text is no section's inside
        if above.text.endswith("。") and _plain_heading(below.text.strip()) and len(below.text.strip()) <= 30:
            return True
    return False


_LIST_HEADING = re.compile(r"^\d{1,2}\s*[、.．]\s*[^\d\s,。;:!?]{2,30}$")  # 2、甲区: a numbered heading, no sentence


# a paragraph: a long line with a sentence mark, not a labelled page note (版权说明:…)
_PROSE_LINE = re.compile(r"^(?![^\n:：]{1,6}[:：])(?=[^\n]{30,})[^\n]*[,，。]")


def _plain_heading(text: str) -> bool:
    if page_forms().site_link.match(text):
        return False  # a site's link (【全国企业信息查询】), not the page's heading
    return (6 <= len(text) <= 60 and not any(ch in text for ch in ",。;:!?") and not text.startswith(_NOT_TITLE_START)
            and not metadata_forms().letterhead.match(_compact(text))  # 甲市人民政府文件: a letterhead
            and not _LATIN_WORD.search(text)
            and len(_CJK.findall(text)) >= 6 and not _DATE_RE.search(text) and not _orgs(text)
            and not _SALUTATION.match(text))


def _doc_number(text: str, head_end: int, header: HeaderFields) -> str | None:
    for _label, value in header.all("doc_number"):
        numbers = doc_numbers_in(value)
        if numbers:
            return numbers[0][0]
    labelled = _LABELLED_NUMBER.search(text)
    if labelled:
        numbers = doc_numbers_in(text[labelled.end():labelled.end() + 30])
        if numbers and numbers[0][1] == 0:
            return numbers[0][0]
    head = text[:head_end]
    for number, start, _end in doc_numbers_in(head):
        # a number in brackets right after a 《title》 in the header belongs to that title
        before = head[:start].rstrip()
        if before.endswith(("(", "（")) and before[:-1].rstrip().endswith("》"):
            continue
        if "人民代表大会" in number:
            continue  # the standing committee's 公告 promulgating a law, not the law's 文号
        if "关于" in number or _AMENDED_BEFORE.search(head, max(0, start - 16), start):
            continue  # 关于修改甲府发〔2021〕5号文件…的通知: the number of the document amended
        return number
    red = page_forms().red_header.match(text)
    numbers = doc_numbers_in(red.group("number")) if red else []
    if numbers:
        return numbers[0][0]  # a red header flattened onto the body's line
    # a flattened page runs the 文号 into the notice's first line: 甲科字〔2020〕5号 关于印发…: 各有关单位:
    opening = text[head_end:head_end + FLAT_NUMBER_CHARS]
    opening = re.split(r"[。::\n]", opening, maxsplit=1)[0]
    for number, start, end in doc_numbers_in(opening):
        if not opening[:start].rstrip().endswith(("(", "（", "》")) \
                and opening[end:].lstrip().startswith(("关于", "印发", "各")):
            return number
    return _opening_number(text)


def _opening_number(text: str) -> str | None:
    """The 文号 a journal's abstract runs into its first line (<正>甲政发〔2022〕3号为促进…):
    the number right after the body marker, the policy's words right after it."""
    for line in text.split("\n", 8)[:8]:
        m = page_forms().abstract_opening.match(line)
        if m is None:
            continue
        numbers = doc_numbers_in(line[m.end():m.end() + FLAT_NUMBER_CHARS])
        if numbers and numbers[0][1] == 0:
            return numbers[0][0]
    return None


def _digest(text: str) -> tuple[str, str | None, str] | None:
    """(title, 文号, issuer) of the one measure a digest quotes, as its attribution lines name it
    (——摘自甲省人民政府《关于印发甲规定的通知》(甲政发〔2017〕3号) → 甲规定); None when the
    page has no such line or names several measures (a digest of several documents)."""
    found = {}
    for m in metadata_forms().digest_source.finditer(text):
        title = _compact(m.group("title"))
        notice = _NOTICE.match(title)
        title = _first_of_several(notice.group("inner")) if notice else title
        numbers = doc_numbers_in(m.group("number") or "")
        found[title] = (title, numbers[0][0] if numbers else None, _compact(m.group("org") or ""))
    if len(found) != 1:
        return None
    title, number, org = next(iter(found.values()))
    return (title, number, org) if _looks_like_title(title) else None


def _number_after_title(text: str, title: str | None) -> str | None:
    """The 文号 a page gives in brackets right after the policy's own title in 《》 (制定了《X》
    (甲科发〔2025〕38号)) or its notice's (印发了《关于印发X的通知》(甲政发〔2024〕5号)): an
    interpretation or news page naming the number of what it is about."""
    if not title:
        return None
    # or after the title of its issuing notice (《关于印发〈X〉的通知》(甲政字〔2024〕5号))
    pattern = (r"《\s*(?:关于)?(?:印发)?[<〈]?\s*" + r"\s*".join(re.escape(ch) for ch in title)
               + r"\s*(?:[>〉]?\s*的通知)?\s*》\s*[(（]")
    m = re.search(pattern, text)
    if m is None:
        return None
    numbers = doc_numbers_in(text[m.end():m.end() + 30])
    return numbers[0][0] if numbers and numbers[0][1] == 0 else None


def _number_under_title(text: str, title: str | None) -> str | None:
    """The 文号 printed on a line of its own right under the policy's own title, the title as
    printed over one or more lines (甲关于…的实施意见 ⏎ 甲党发〔2025〕1号), or under the heading of
    the notice issuing it (关于印发《X》的通知 ⏎⏎ 甲工信发〔2025〕14号, the 《》 maybe left out), blank
    lines between."""
    if not title:
        return None
    spelt = r"\s*".join(re.escape(ch) for ch in title)
    # the notice's heading names the title in 《》 or bare (关于印发2022年甲省工作要点的通知)
    heading = rf"(?:[^\n《》]{{0,40}}?关于印发\s*《?\s*{spelt}\s*》?\s*的通知|{spelt})"
    pattern = r"(?m)^\s*" + heading + r"[ \t]*\n(?:[ \t]*\n)*[ \t]*([^\n]{4,40})$"
    for m in re.finditer(pattern, text):
        line = m.group(1).strip()
        numbers = doc_numbers_in(line)
        if numbers and numbers[0][1] == 0 and numbers[0][2] == len(line):
            return numbers[0][0]
    return None


def _orgs(text: str | None) -> bool:
    """Whether every space-separated piece of ``text`` is an organisation name."""
    return bool(text) and all(metadata_forms().org_end.search(piece) for piece in (text or "").split())


def _date(text: str, lines: list[_Line], header: HeaderFields, head_end: int = 0) -> tuple[str | None, int | None]:
    """(ISO date, index of the line) of the signature date; falls back to labelled and web dates.

    Of the lines that hold only a date, a signature (under or after its issuer) below the
    header comes first: a page's label-less header block (甲市人民政府 / 2024-05-15) dates the
    page, the signature the text. A signature may print its date as bare digits (2024514)."""
    dated: list[tuple[str, int, bool]] = []  # (date, line, a signature below the header)
    for i, line in enumerate(lines):
        if header.holds(line.start):
            continue
        m = _DATE_LINE.match(line.text)
        iso, signed = None, False
        if m and (not m.group("org") or _orgs(m.group("org")) or _number_only(m.group("org"))):
            # 甲办发〔2011〕89号 二○一一年十二月二十一日: a gazette dates its notice beside the 文号
            iso = parse_date(m)
            signed = bool(m.group("org")) or _signed_above(lines, i)
        elif i and _BARE_DIGITS.fullmatch(line.text) and (_is_org_line(lines[i - 1].text)
                                                           or _CLOSING_WORDS.fullmatch(lines[i - 1].text.strip())):
            # 甲局 ⏎ 2024514 / 特此通知 ⏎ 202179: a signature's date, its 年月日 lost
            iso, signed = _bare_digits_date(line.text), True
        elif i and (spaced := _SPACED_DIGITS.fullmatch(line.text)) and _is_org_line(lines[i - 1].text):
            # 甲大学 ⏎ 2020 1 27: a signature whose 年月日 the text layer of a file lost
            iso, signed = _spaced_digits_date(spaced), True
        elif i and _FULL_DIGITS.fullmatch(line.text) and lines[i - 1].text.endswith("。"):
            iso = _bare_digits_date(line.text)  # …现印发给你们。⏎ 20141229: a notice's date without its signer
        elif i and line.start < head_end and (day := _BARE_DAY.fullmatch(line.text.strip())) \
                and _UNCLOSED_NUMBER.fullmatch(lines[i - 1].text.strip()):
            # 苏委发〔202230 ⏎ 2022821日): a gazette's date under its 文号, 年 and 月 lost
            iso, signed = _bare_digits_date(day.group("digits")), True
        if iso and i and metadata_forms().deadline_label.search(lines[i - 1].text):
            continue  # 申报截止时间: ⏎ 2021年10月15日: a deadline, no date the text was signed on
        if iso:
            dated.append((iso, i, signed and line.start >= head_end))
    if dated:
        # a signature below the header, else a date in brackets printed right under the title
        # ((2026年1月11日), a party document's date), else the first date line
        chosen = next((d for d in dated if d[2]), None) \
            or next((d for d in dated if _dated_under_title(lines, d[1])), None)
        if chosen is None and (clocked := _clocked_below(lines, dated[0][1])):
            return clocked  # 2020-07-14 ⏎ 甲新闻 ⏎ • 2018年05月02日 11时55分: the item's own time, not the page's
        iso, i, _signed = chosen or dated[0]
        return iso, i
    for i, line in enumerate(lines):
        if header.holds(line.start):
            continue
        m = _INLINE_SIGNATURE.search(line.text)
        if m and _orgs(m.group("org")) and (iso := parse_date(m)):
            return iso, i
    for i, line in enumerate(lines):
        if header.holds(line.start):
            continue
        m = _SPACED_SIGNATURE.search(line.text)
        if m and _orgs(m.group("org")) and (iso := parse_date(m)):
            return iso, i
    if lines and (iso := _run_in_signature(lines[-1].text)):
        return iso, None
    for line in lines:
        if header.holds(line.start):
            continue
        m = _JOINED_SIGNATURE.search(line.text)
        if m and _orgs(m.group("org")) and (iso := parse_date(m)):
            return iso, None  # the line goes on with the policy: no signer above it
    adopted, _body = _adoption(lines)
    if adopted:
        return adopted, None
    if noted := _issue_note(lines):
        return noted[0], None
    if numbered := _numbered_date_note(lines):
        return numbered, None
    if disclosed := _disclosed_date(text):
        return disclosed, None
    page_date = _page_date(text, header)
    if page_date:
        # a date labelled as the document's own (发文日期: …) is no page's date a news lead corrects
        own = any(label in _OWN_DATE_LABELS for label, _value in header.all("date"))
        return (None if own else _news_issue_date(text, page_date)) or page_date, None
    if len(lines) > 1 and (sited := _SITED_TIME_LINE.match(lines[1].text.strip())) and (iso := parse_date(sited)):
        return iso, None  # a headline over 2024-05-06甲市新闻网: the page's time line run into its site's name
    return None, None


_CLOCKED_DATE = re.compile(r"[•·\s]*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*"
                           r"\d{1,2}\s*[时:：]\s*\d{2}")
_CLOCKED_REACH = 3  # lines below a bare date line where a news item prints its own time


def _clocked_below(lines: list[_Line], i: int) -> tuple[str, int] | None:
    """(ISO date, line) of a date with its clock time a few lines below the bare date line ``i``
    (2020-07-14 ⏎ 甲新闻 ⏎ • 2018年05月02日 11时55分 ⏎ • 来源: 乙网): the news item's own time under
    its headline, where the line above dates the page."""
    for k in range(i + 1, min(len(lines), i + 1 + _CLOCKED_REACH)):
        m = _CLOCKED_DATE.match(lines[k].text)
        if m and (iso := parse_date(m)):
            return iso, k
    return None


def _dated_under_title(lines: list[_Line], i: int) -> bool:
    """Whether line ``i`` is a date in brackets right under a line that reads as a title (甲意见 ⏎
    (2026年1月11日)): the date the document was made, as a party document prints it."""
    line = lines[i].text
    return i > 0 and line[:1] in "(（" and line[-1:] in ")）" and _looks_like_title(lines[i - 1].text)


def _disclosed_date(text: str) -> str | None:
    """The first date followed by a disclosure remark (制定《甲办法》,2023年6月14日(此件公开发布)
    甲办法第一条…): a signature date a flattened page ran in where no line shows it."""
    remark = metadata_forms().disclosure_remark
    for m in _DATE_RE.finditer(text):
        if remark.match(text, m.end()) and (iso := parse_date(m)):
            return iso
    return None


def _signed_above(lines: list[_Line], i: int) -> bool:
    """Whether an organ signs right above line ``i`` (a seal remark, (甲局代章), may stand between)."""
    if i > 1 and metadata_forms().seal_remark.match(lines[i - 1].text):
        i -= 1
    return i > 0 and _is_org_line(lines[i - 1].text)


def _number_only(text: str) -> bool:
    """Whether ``text`` is one 文号 and nothing else."""
    found = doc_numbers_in(text.strip())
    return len(found) == 1 and found[0][1] == 0 and found[0][2] == len(text.strip())


def _spaced_digits_date(match: re.Match[str]) -> str | None:
    """The date of a signature printed as year, month and day with the characters between them lost."""
    try:
        return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d"))).isoformat()
    except ValueError:
        return None


# 苏委发〔202230: a 文号 on a line of its own whose closing bracket and 号 a page lost
_UNCLOSED_NUMBER = re.compile(r"(?P<code>[\u4e00-\u9fff]{2,8})[〔\[]\s*(?P<year>(?:19|20)\d{2})(?P<serial>\d{1,4})")
# (2022821日): the date under it, its 年 and 月 lost as well
_BARE_DAY = re.compile(r"[(（]?(?P<digits>(?:19|20)\d{4,6})日[)）]?")


def _unclosed_number(lines: list[_Line], head_end: int) -> str | None:
    """The 文号 a line of its own in the head prints without its closing bracket and 号
    (苏委发〔202230 → 苏委发〔2022〕30号), when nothing else gives one."""
    for line in lines:
        if line.start >= head_end:
            break
        m = _UNCLOSED_NUMBER.fullmatch(line.text.strip())
        if m:
            return f"{m.group('code')}〔{m.group('year')}〕{m.group('serial')}号"
    return None


def _bare_digits_date(digits: str) -> str | None:
    """The date a run of digits stands for (20240514, 2024514), when only one reading is a
    real date (2024111 may be 1 November or 11 January: None). A reading that pads the day
    with a zero but not the month is not one (2021106 is 6 October, not 6 January)."""
    year, rest = int(digits[:4]), digits[4:]
    found = set()
    for cut in (1, 2):
        if cut == 1 and len(rest) == 3 and rest[1] == "0":
            continue
        if 1 <= len(rest) - cut <= 2:
            try:
                found.add(dt.date(year, int(rest[:cut]), int(rest[cut:])).isoformat())
            except ValueError:
                continue
    return found.pop() if len(found) == 1 else None


_CLOSING_WORDS = re.compile(r"特此(?:通知|公告|通告|函告|批复)[。.]?")
_CLOSING_SENTENCE = re.compile(r"(?:印发给你们|执行|实施|特此通知|特此公告)[^。]{0,12}。$")


def _run_on_signature(lines: list[_Line]) -> str | None:
    """The organ of a signature run on after the notice's closing sentence on a flattened page
    (…现印发给你们,请认真遵照执行。甲区人民政府二〇一一年五月二十八日甲区规划 根据…)."""
    gazetteer = Gazetteer.load()
    for line in lines:
        if "。" not in line.text:
            continue
        for m in _DATE_RE.finditer(line.text):
            before = line.text[max(0, m.start() - _RUN_IN_ORG_CHARS - 40):m.start()]
            cut = before.rfind("。")
            if cut < 0 or not _CLOSING_SENTENCE.search(before[:cut + 1]):
                continue
            org = before[cut + 1:]
            placed = gazetteer.prefix(org)
            if 2 < len(org) <= _RUN_IN_ORG_CHARS and placed and placed[1] < len(org) and _orgs(org):
                return org
    return None


def _run_in_signature(line: str) -> str | None:
    """The date of a signature run into the end of a flattened text (…甲市科学技术局(代章)
    2023年6月14日(此件主动公开)): the last date of the last line, after an issuer's ending or
    a seal remark and followed by nothing but a remark."""
    last = _run_in_date(line)
    return parse_date(last) if last else None


def _run_in_date(line: str) -> re.Match[str] | None:
    forms = metadata_forms()
    last = next(iter(reversed(list(_DATE_RE.finditer(line)))), None)
    if last is None or not forms.signature_after.match(line[last.end():]) \
            or not forms.signature_before.search(line, 0, last.start()):
        return None
    return last


_RUN_IN_ORG_CHARS = 30  # the longest signing organ read before a run-in signature date
_RUN_IN_BREAKS = ("。", ",", ";", ":", ".")  # no organ's name runs over these (a sentence, a file name)


def _run_in_issuer(lines: list[_Line]) -> str | None:
    """The organ signing a signature run into the end of a flattened text (…汇总表甲市科学技术局
    2023年6月14日): the longest organ name that starts with a place and ends right before the date,
    after the last punctuation or file name (附件:甲指南.docx甲区市场监督管理局2022年10月17日)."""
    last = _run_in_date(lines[-1].text) if lines else None
    if last is None:
        return None
    line, end = lines[-1].text, last.start()
    while end > 0 and line[end - 1].isspace():
        end -= 1
    gazetteer = Gazetteer.load()
    cut = max((line.rfind(mark, 0, end) for mark in _RUN_IN_BREAKS), default=-1) + 1
    for start in range(max(cut, end - _RUN_IN_ORG_CHARS), end - 3):
        org = line[start:end]
        placed = gazetteer.prefix(org)
        if placed and placed[1] < len(org) and _orgs(org):
            return org
    return None


_LINKED_FILE = re.compile(r"(?P<name>[^.:：。\s]{6,160})\.(?:pdf|docx?|wps|ofd)", re.I)


def _linked_notice(lines: list[_Line]) -> tuple[str, str] | None:
    """(文号, title) of the notice a flattened page without a heading links as its own file
    after its run-in signature (…甲市科学技术局2022年11月22日附件:乙名单.docx
    甲科〔2022〕8号甲市科学技术局关于公布乙名单的通知.pdf): the file named by its 文号 and a
    title with 关于 is the page's own notice."""
    last = _run_in_date(lines[-1].text) if lines else None
    if last is None:
        return None
    for m in _LINKED_FILE.finditer(lines[-1].text, last.end()):
        name = m.group("name")
        numbers = doc_numbers_in(name)
        if not numbers or name[:numbers[0][1]].strip():
            continue
        title = _compact(name[numbers[0][2]:])
        if "关于" in title[:TITLE_OPENING_CHARS] and _looks_like_title(title):
            return numbers[0][0], title
    return None


def _page_date(text: str, header: HeaderFields) -> str | None:
    """The labelled date of the page (成文日期 before 发布日期), else a 发布时间 stamp, else a
    timestamp near the top of the page (a date with its clock time), else the edition a
    reprint credits (原刊于《甲日报》(2024年03月30日 第 05 版)). A page a user uploaded to a
    document-sharing site (``uploaded_page``: 上传时间:…) has none: its stamps date the upload."""
    if page_forms().uploaded_page.search(text, 0, UPLOAD_MARK_CHARS):
        return None
    for _label, value in header.all("date"):
        m = _DATE_RE.search(value)
        if m and (iso := parse_date(m)):
            return iso
    m = _LABELLED_DATE.search(text)
    if m and (iso := parse_date(m)):
        return iso
    for m in _STAMP.finditer(text):
        label = text[text.rfind("\n", 0, m.start()) + 1:m.start("y")].rstrip()
        if metadata_forms().deadline_label.search(label):
            continue  # 申报截止时间: 2021年10月15日: a deadline, not the page's date
        if iso := parse_date(m):
            return iso
        break
    for stamp in page_forms().stamps:
        m = stamp.search(text, 0, STAMP_CHARS)
        if m and (iso := parse_date(m)):
            return iso
    m = page_forms().edition_credit.search(text)  # a reprint credits its paper's edition, often at its end
    if m and (iso := parse_date(m)):
        return iso
    return None


def _news_issue_date(text: str, page_date: str) -> str | None:
    """The day a news page's lead says the document was issued (4月10日,《X》正式印发), in the
    year of the page's own date (the year before when that month is still to come)."""
    m = _NEWS_ISSUED.search(text, 0, NEWS_LEAD_CHARS)
    if not m:
        return None
    page = dt.date.fromisoformat(page_date)
    month, day = int(m.group("m")), int(m.group("d"))
    year = page.year if (month, day) <= (page.month, page.day) else page.year - 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _adoption(lines: list[_Line]) -> tuple[str | None, str | None]:
    """(date, issuer) of a law's adoption note near the top: the date of its last step (通过,
    修正, 修订) and, when a people's congress or government adopted it, that body (its term
    number dropped: 甲省第九届人民代表大会常务委员会 → 甲省人民代表大会常务委员会)."""
    top = lines[:ADOPTION_LINES]
    for k, line in enumerate(top):
        text = _GLOSS.sub("", line.text)
        if text[:1] in "(（" and not any(ch in text for ch in ")）") and k + 1 < len(top):
            text += _GLOSS.sub("", top[k + 1].text)  # a note wrapped onto a second line
        if not _ADOPTION_NOTE.match(text):
            continue
        close = next((i for i, ch in enumerate(text) if ch in ")）"), len(text))
        found = [(parse_date(m), m.group("body"), m.group("verb")) for m in _ADOPTION_STEP.finditer(text, 0, close)]
        # a local regulation passed by its own congress and approved (批准) by the province's: the
        # approval is no step of its own making, the date and body are those of the last of these
        own = [step for step in found if step[0] and step[2] != "批准"]
        steps = [(iso, body) for iso, body, _verb in (own or found) if iso]
        if steps:
            iso, body = steps[-1]
            body = _TERM.sub("", body)
            return iso, body if _ADOPTING_BODY.search(body) else None
    return None, None


def _issue_note(lines: list[_Line]) -> tuple[str, str] | None:
    """(ISO date, issuer) of a bracketed note near the top saying who issued the text and when
    ((甲市人民政府 2018年5月17日发布), (2019年3月1日甲省科学技术厅印发)), as government sites print
    under a policy's heading or at the top of its text."""
    for line in lines[:ADOPTION_LINES]:
        text = line.text.strip()
        m = _ISSUE_NOTE_ORG_FIRST.match(text) or _ISSUE_NOTE_DATE_FIRST.match(text)
        if m and _orgs(m.group("org")) and (iso := parse_date(m)):
            return iso, m.group("org")
    return None


def _numbered_date_note(lines: list[_Line]) -> str | None:
    """The date of a bracketed note near the top holding only the text's 文号 and its date, in
    either order ((甲政办发〔2018〕20号 2018年5月17日), as gazettes print under a rule's heading)."""
    for line in lines[:ADOPTION_LINES]:
        text = line.text.strip()
        if text[:1] not in "(（" or text[-1:] not in ")）":
            continue
        inner = text[1:-1]
        dates = list(_DATE_RE.finditer(inner))
        numbers = doc_numbers_in(inner)
        if len(dates) != 1 or len(numbers) != 1:
            continue
        rest = inner[:dates[0].start()] + inner[dates[0].end():]
        if "".join(rest.split()) == "".join(numbers[0][0].split()) and (iso := parse_date(dates[0])):
            return iso
    return None


def _issue_note_issuer(lines: list[_Line]) -> str | None:
    """The organ an issue note near the top names (see ``_issue_note``)."""
    noted = _issue_note(lines)
    return noted[1] if noted else None


def _decree_issuer(lines: list[_Line]) -> str | None:
    """The government or department whose decree (甲市人民政府令 第30号) the text opens with."""
    for line in lines[:3]:
        m = _DECREE.match(_compact(line.text))
        if m:
            return _TERM.sub("", m.group("org"))
    return None


_OPENING_ORGAN = re.compile(r"(?:人民政府办公厅|人民政府办公室|人民政府|管理委员会|委员会|厅|局)")
_OPENING_ORGAN_CHARS = 16  # the longest organ name read at a title's start (甲市科学技术局)


def _opening_organ(title: str) -> str | None:
    """The organ a title opens with when nothing marks where it ends (甲市科学技术局科技企业
    孵化器房租补贴实施细则): a place, then a government body's name, then the title's subject."""
    placed = Gazetteer.load().prefix(title)
    if placed is None:
        return None
    for m in _OPENING_ORGAN.finditer(title, placed[1], placed[1] + _OPENING_ORGAN_CHARS):
        if _looks_like_title(title[m.end():]) and not _OPENING_ORGAN.match(title, m.end()):
            return title[:m.end()]
    return None


def _title_issuer(title: str | None) -> str | None:
    """The issuer(s) a title opens with: 甲市人民政府关于…的意见, 中共甲市委 甲市人民政府关于…,
    甲县科学技术局2022年工作规划 (``title_issuer_end`` in data/metadata.json), 甲市科学技术局
    乙实施细则."""
    end = metadata_forms().title_issuer_end.search(title or "")
    if title and end is None:
        return _opening_organ(title)
    if not title or end is None:
        return None
    head = title[:end.start()].replace("、", "")
    pieces: list[str] = []
    for piece in _ORG_PIECE.findall(head):
        if pieces and piece in _OFFICES:
            pieces[-1] += piece  # 工业和信息化部办公厅: a ministry's office is one organ
        else:
            pieces.append(piece)
    if head and "".join(pieces) == head:
        return " ".join(pieces)
    return None


def _issuer_apart(title: str, lines: list[_Line]) -> str:
    """The title without the issuer its own heading opens with (甲市人民政府办公室关于…的实施意见
    → 关于…的实施意见), for the kinds ``issuer_apart_kinds`` of data/metadata.json names: the
    heading printed as a line of its own right above or below its 文号 or its salutation. A page's
    headline over its stamp line, and a notice, keep the issuer in the title."""
    forms = metadata_forms()
    at = title.find("关于")
    if at <= 0 or not title.endswith(forms.issuer_apart_kinds):
        return title
    head = title[:at]
    issuer = _title_issuer(title)
    if not (issuer or forms.short_government_issuer.match(head)):
        return title
    compact = [_compact(line.text) for line in lines]  # each line once, however often it is compared
    for i, text in enumerate(compact):
        if text != title:
            continue
        if issuer and " " in issuer and "、" in head:
            return title[at:]  # 中共甲县委、甲县人民政府关于…的意见 as a heading: joint issuers apart from the title
        above = next((lines[k] for k in range(i - 1, -1, -1) if compact[k] != title), None)
        below = next((lines[k] for k in range(i + 1, len(lines)) if compact[k] != title), None)
        for near in (above, below):
            if near is not None and (_number_only(near.text) or (near is below and _SALUTATION.match(near.text))):
                return title[at:]
    return title


def _signer(text: str) -> str:
    """A signature line as a name: glosses dropped, letter-spaced names closed up (科 技 部)."""
    text = _GLOSS.sub("", text)
    pieces = text.split()
    if len(pieces) > 1 and all(len(piece) == 1 for piece in pieces):
        return "".join(pieces)
    return " ".join(pieces)


def _is_org_line(text: str) -> bool:
    text = _signer(text)
    return len(text) <= 60 and not any(ch in text for ch in ",。;:!?《》") and _orgs(text)


def _issuer(lines: list[_Line], date_line: int | None, notice: _Notice | None, header: HeaderFields,
            title: str | None = None) -> str | None:
    """The signatories above (or before) the signature date — several for a joint document —
    else the labelled issuer, else the issuer named in the notice's title."""
    if date_line is not None:
        line = lines[date_line].text
        same_line = _DATE_LINE.match(line) or _INLINE_SIGNATURE.search(line) or _SPACED_SIGNATURE.search(line)
        if same_line and same_line.group("org") and _orgs(same_line.group("org")):
            return " ".join(same_line.group("org").split())
        signers: list[str] = []
        i = date_line - 1
        if i > 0 and metadata_forms().seal_remark.match(lines[i].text):
            i -= 1  # 甲办公室 ⏎ (乙局代章) ⏎ date: the seal stands in for the signer's own
        while i >= 0 and len(signers) < 4 and _is_org_line(lines[i].text):
            signers.insert(0, _signer(lines[i].text))
            i -= 1
        if signers:
            return _spelt_out_in_heading(signers, notice.issuer if notice else _title_issuer(title)) \
                or " ".join(signers)
    run_on = _run_on_signature(lines)
    if run_on:
        return run_on
    labelled = header.first("issuer")
    published = (header.all("issuer") or [("", "")])[0][0].startswith("发布")
    if published and notice and notice.issuer and _orgs(notice.issuer) and Gazetteer.load().find_in(notice.issuer):
        return notice.issuer  # the organ heading its notice with its place, not the page's publisher (发布机构)
    if labelled and _orgs(labelled.replace("、", " ").replace(",", " ")):
        return " ".join(labelled.replace("、", " ").replace(",", " ").split())
    if notice and notice.issuer and _orgs(joint := notice.issuer.replace("、", " ")):
        return " ".join(joint.split())  # 甲市科技局、甲市财政局关于印发… → two issuers
    # a law adopted by a congress, a government's decree, a 意见 its issuers name in its title
    return (_org_under_title(lines, title) or _adoption(lines)[1] or _issue_note_issuer(lines) or _decree_issuer(lines) or _letterhead(lines) or _cover_issuer(lines, title)
            or _title_issuer(title) or _run_in_issuer(lines))


def _org_under_title(lines: list[_Line], title: str | None) -> str | None:
    """The organ printed on a line of its own right under the title of a law or regulation whose
    adoption note follows (甲市科技创新促进条例 ⏎ 甲省甲市人大常委会 ⏎ (2025年…通过)): its issuer as printed."""
    if not title:
        return None
    top = lines[:ADOPTION_LINES]
    if not any(_ADOPTION_NOTE.match(_GLOSS.sub("", line.text)) for line in top):
        return None
    for above, line in zip(top, top[1:], strict=False):
        if _compact(above.text) == title and _is_org_line(line.text) and _compact(line.text) != title:
            return _compact(line.text)
    return None


def _spelt_out_in_heading(signers: list[str], heading: str | None) -> str | None:
    """The issuer a heading names with its place (甲省科学技术厅关于…的通知) when the one signer
    is that organ without its place (省科技厅), or the end of that organ's name, its start
    wrapped onto the line above (甲市推动乙(甲)科学城 ⏎ 建设工作领导小组办公室): the heading spells
    out the signature."""
    heading = (heading or "").strip()
    if len(signers) != 1 or not heading or " " in heading:
        return None
    gazetteer = Gazetteer.load()
    signer = signers[0]
    if len(heading) > len(signer) and heading.endswith(signer) and _orgs(heading):
        return heading
    place = gazetteer.find_in(heading)
    if place is None or gazetteer.find_in(signer) or not _orgs(heading):
        return None
    level = signer[:1]  # 省科技厅 → 省: the level the heading's place must have
    same_organ = signer[-1] == heading[-1]
    return heading if same_organ and level in "省市县区" and place.name.endswith(level) else None


_COVER_DATE = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")


def _cover_issuer(lines: list[_Line], title: str | None) -> str | None:
    """The organ a document's cover prints under its title, above the month it was made
    (甲市科学技术局规划 ⏎ 甲市科技局 ⏎ 2016年8月): its issuer when nothing signs it."""
    if not title:
        return None
    for i, line in enumerate(lines[:-2]):
        if _compact(line.text) == title and _is_org_line(lines[i + 1].text) \
                and _COVER_DATE.match(lines[i + 2].text.strip()):
            return _signer(lines[i + 1].text)
    return None


def _letterhead(lines: list[_Line]) -> str | None:
    """The organ whose letterhead (甲省人民政府办公厅文件) stands near the top, else one run into
    the text before its 文号 where a scanned page starts (…重甲市人民政府文件甲政〔2020〕21号大…)."""
    for line in lines[:ADOPTION_LINES]:
        m = metadata_forms().letterhead.match(_compact(line.text))
        if m and _orgs(m.group("org")):
            return m.group("org")
    gazetteer = Gazetteer.load()
    for line in lines:
        if "文件" not in line.text:
            continue
        for _number, start, _end in doc_numbers_in(line.text):
            before = line.text[max(0, start - _RUN_IN_ORG_CHARS - 2):start].rstrip()
            if not before.endswith("文件"):
                continue
            before = before[:-2]
            for at in range(max(0, len(before) - _RUN_IN_ORG_CHARS), len(before) - 3):
                org = before[at:]
                placed = gazetteer.prefix(org)
                if placed and placed[1] < len(org) and _orgs(org):
                    return org
    return None


def _add_years(iso: str, years: int) -> str:
    start = dt.date.fromisoformat(iso)
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return (end - dt.timedelta(days=1)).isoformat()


def _effective(text: str, issue_date: str | None, header: HeaderFields) -> tuple[str | None, str | None]:
    start = until = None
    for pattern in _FROM:
        m = pattern.search(text)
        if m and (start := parse_date(m)):
            break
    if start is None and _FROM_ISSUE.search(text):
        start = issue_date
    start = start or _labelled_date(header, "effective_from")
    for pattern in _UNTIL:
        m = pattern.search(text)
        if m and (until := parse_date(m)):
            break
    if until is None and start:
        m = _VALID_YEARS.search(text)
        if m:
            years = to_number(m.group("n").replace("两", "二"))
            if years and years == int(years):
                until = _add_years(start, int(years))
    return start, until or _labelled_date(header, "effective_until")


def _labelled_date(header: HeaderFields, name: str) -> str | None:
    value = header.first(name)
    m = _DATE_RE.search(value) if value else None
    return parse_date(m) if m else None


def _interpreter(text: str) -> str | None:
    for pattern in _INTERPRETER:
        m = pattern.search(text)
        if m:
            return _compact(m.group("x"))
    return None


def _region(text: str, title: str | None, issuer: str | None, notice: _Notice | None,
            doc_number: str | None, header: HeaderFields, place_remark: str | None = None) -> Region | None:
    """Where the policy applies: the labelled region, else the place its title (or the place the
    page printed after it), issuer or notice starts with, else the place its 文号 stands for, else
    the place its text names most."""
    gazetteer = Gazetteer.load()
    labelled = header.first("region")
    if labelled and (region := gazetteer.find_in(labelled) or gazetteer.lookup(labelled.split()[0])):
        return region
    for source in (title, place_remark, issuer, notice.title if notice else None, header.first("issuer")):
        if source and (region := gazetteer.find_in(source)):
            return region
    if issuer:
        for piece in issuer.split()[1:]:  # 联合发文: any signatory that names its place
            if region := gazetteer.find_in(piece):
                return region
    if doc_number and (region := region_of_doc_number(doc_number)):
        # a one-character code stands for several places (永发: 永州, 永仁 …): the one the text
        # names by its full name, starting with that code, is meant
        code = "".join(doc_number.split())[:1]
        named = None if region.name in text else gazetteer.most_named(text)
        if named is None or not named.name.startswith(code):
            return region
        return named
    if covered := _covering_region(text, gazetteer):
        return covered  # 甲省及各市区县…汇编: the place the compilation covers, whatever its items say (我区)
    for a, b in _teaser_spans(text):  # a site's blurb of another page (我县… ⏎ 了解更多 +) places nothing
        text = text[:a] + " " * (b - a) + text[b:]
    named = _partner_city(text, gazetteer) or _site_region(text, gazetteer) or _own_place(text, gazetteer) or _news_headline_region(text, gazetteer) \
        or _reporting_place(text, gazetteer) or gazetteer.most_named(text) \
        or _basis_region(text, gazetteer) or _source_region(text, gazetteer) \
        or _headline_region(text, gazetteer) or gazetteer.most_named_short(text) or _cited_region(text, gazetteer)
    return _above_own_level(named, text)


def _covering_region(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place a compilation's headline covers with the places under it (2024年甲省及各市区县
    奖励政策, ``covering_headline``), named in full."""
    first = text.lstrip().split("\n", 1)[0]
    for m in page_forms().covering_headline.finditer(first):
        place = m.group("place")
        for at in range(len(place) - 1):
            placed = gazetteer.prefix(place[at:])
            if placed and placed[1] == len(place) - at and placed[0].level in ("province", "city"):
                return placed[0]
    return None


def _partner_city(text: str, gazetteer: Gazetteer) -> Region | None:
    """The city whose government signs an agreement with a province's organ in a news item
    (省科技厅与甲市人民政府举行会商签约仪式, ``partner_city``)."""
    m = page_forms().partner_city.search(text, 0, NEWS_LEAD_CHARS)
    if m is None:
        return None
    placed = gazetteer.prefix(m.group("place"))
    return placed[0] if placed and placed[1] == len(m.group("place")) else None


# 我市, 本区: the level a text speaks for (a province, a city, a district or county)
_OWN_LEVEL = re.compile(r"(?:我|本)(省|市|州|区|县)(?![场级域委内外属])")
_OWN_RANK = {"省": (0, "province"), "市": (1, "city"), "州": (1, "city"), "区": (2, "district"), "县": (2, "county")}
_REGION_RANK = {"province": 0, "city": 1, "county": 2}


def _above_own_level(region: Region | None, text: str) -> Region | None:
    """A region the text only names (济南…全省, a partner's 甲省乙市研究院) above the level it speaks
    for (我市, 我区) and never at its own: the text's place is unnamed, so only its province is
    known, a region without a name at the level the text speaks for."""
    if region is None or region.level not in _REGION_RANK:
        return region
    names_autonomy = "自治区" in text[:NEWS_LEAD_CHARS * 2]
    own = [(0, "province") if _speaks_as_province(region, m.group(1), names_autonomy) else _OWN_RANK[m.group(1)]
           for m in _OWN_LEVEL.finditer(text, 0, NEWS_LEAD_CHARS * 2)]
    if not own or any(rank <= _REGION_RANK[region.level] for rank, _level in own):
        return region
    return Region(name="", province=region.province, level=max(own)[1], short="")


def _speaks_as_province(region: Region, level_word: str, names_autonomy: bool) -> bool:
    """Whether ``level_word`` (我区, 我市) is a province-rank region speaking of itself: a text in an
    autonomous region (广西壮族自治区) saying 我区, when it is placed in the region itself or names
    its organs by the level alone (自治区科技厅, ``names_autonomy``); a municipality (重庆市) saying 我市."""
    if level_word == "区":
        return ((names_autonomy and region.province.endswith("自治区"))
                or (region.level == "province" and region.name.endswith("自治区")))
    return level_word == "市" and region.level == "province" and region.name.endswith("市")


def _teaser_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs a page shows as teasers of other pages: each line right above a
    ``teaser_link`` (了解更多 +)."""
    lines = _lines(text[:NEWS_LEAD_CHARS * 2])
    return [(above.start, above.end) for above, line in zip(lines, lines[1:], strict=False)
            if page_forms().teaser_link.match(line.text)]


_NOTICE_WRAPPER = re.compile(r"^(?:关于)?(?:印发|转发|发布)?\s*[<〈]?")


def _basis_region(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place of the document a page says it rests on (政策依据:《关于印发〈甲区培育计划〉的
    通知》): a page that names its measures but places itself nowhere applies there."""
    for m in metadata_forms().basis_title.finditer(text):
        if region := gazetteer.find_in(_NOTICE_WRAPPER.sub("", m.group("title"))):
            return region
    return None


_CITED = re.compile(r"《([^《》\n]{4,120})》")
_CLAUSE_START = re.compile(r"[,。;:!?\n][^,。;:!?\n]*\Z")
_APPLIED = re.compile(r"根据|依据|依照|按照|遵照|参照|贯彻|落实|执行|(?:我|本)[省市县区](?:近日|日前|正式)?(?:出台|印发|制定|发布)了?\s*$")
CITED_REGION_CHARS = 6000  # how far into a text the titles it cites are read for its place


def _applied(text: str, start: int) -> bool:
    """Whether the title quoted at ``start`` is a measure the text applies: named in its
    clause after 根据/按照/落实… (…并严格按照《甲办法》和《乙办法》), one the text's own place
    issued (近日,我县出台《甲县办法》), or as the source of the provision before it, in
    brackets ((《甲办法》))."""
    if start > 0 and text[start - 1] in "(（":
        return True
    before = text[max(0, start - 120):start]
    clause = _CLAUSE_START.search(before)
    return _APPLIED.search(clause.group() if clause else before) is not None


def _cited_region(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place most of the measures a text applies open with (根据《甲县科技进步奖励办法》…),
    the first named on a tie: a page that names its own place nowhere but in the measures it
    applies (a news item, a list of measures, a transfer of funds) applies them there. A title
    merely mentioned (参阅:《…》) places nothing."""
    counts: Counter[str] = Counter()
    found: dict[str, Region] = {}
    for m in _CITED.finditer(text, 0, CITED_REGION_CHARS):
        if _applied(text, m.start()) and (region := gazetteer.find_in(_NOTICE_WRAPPER.sub("", m.group(1)))):
            counts[region.name] += 1
            found.setdefault(region.name, region)
    return found[counts.most_common(1)[0][0]] if counts else None


def _own_place(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place a text says it is fitted to (结合甲区实际,制订本方案), named in full."""
    m = page_forms().own_place.search(text, 0, NEWS_LEAD_CHARS)
    if m is None:
        return None
    placed = gazetteer.prefix(m.group("place"))
    return placed[0] if placed and placed[1] == len(m.group("place")) else None


def _site_region(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place of the government whose site prints the text: its name on a line of its own
    right above the site's breadcrumb (甲市人民政府 ⏎ >> 走进甲市 >> 投资政策)."""
    lines = _lines(text[:NEWS_LEAD_CHARS])[:ADOPTION_LINES]
    for above, line in zip(lines, lines[1:], strict=False):
        if len(_BREADCRUMB.split(line.text.strip())) >= 3 and _is_org_line(above.text) \
                and (region := gazetteer.find_in(above.text)):
            return region
    return None


def _source_issuer(text: str) -> str | None:
    """The organ a page's source line names (来源: 甲市科技局), when nothing else names the
    issuer: a government page publishing its own notice. A site or a paper is no organ."""
    for m in metadata_forms().source_line.finditer(text, 0, NEWS_LEAD_CHARS):
        org = m.group("org")
        if _orgs(org) and Gazetteer.load().prefix(org) and not metadata_forms().source_not_issuer.search(org):
            return org
    return None


def _headline_region(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place a page's headline names (甲市乙区企业奖励是什么?), when nothing else places the
    text: a question or news headline above an answer that names no place. The headline is
    the first line, or, below a page's menu lines (会员登录 |, 当前位置:…), the first short line
    naming a place before the first paragraph."""
    first = text.lstrip().split("\n", 1)[0]
    if first and (region := gazetteer.find_in(first)):
        return region
    for line in text.split("\n")[1:NEWS_LEAD_LINES * 2]:
        line = line.strip()
        if _PROSE_LINE.search(line):
            return None
        if 6 <= len(line) <= 60 and _plain_heading(line) and (region := gazetteer.find_in(line)):
            return region
    return None


def _news_headline_region(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place a news item's headline opens with (甲市新增10家孵化器 入选数目居全省首位): the
    item reports on that place, whatever higher level its lead speaks of (福建省科技厅公布…)."""
    if not reports_on_a_measure(text, []):
        return None
    masthead = metadata_forms().masthead
    # the headline is the first line below the outlet's name and the page's furniture that names
    # a place; the first paragraph of the story ends the search
    for line in (raw.strip() for raw in text[:NEWS_LEAD_CHARS].split("\n")):
        if not line or masthead.match(line) or is_page_chrome(line) or _menu_bar(line):
            continue
        if len(line) > NEWS_HEADLINE_CHARS:
            return None
        if region := gazetteer.find_in(line):
            return region
    return None


def _menu_bar(line: str) -> bool:
    """Whether a line is a row of links set apart by bars (甲日报 |乙报 |丙网 返回首页)."""
    return len([piece for piece in re.split(r"[|｜]", line) if piece.strip()]) >= 3


# a place and the day it acted, right before the verb issuing what a news item reports (甲省2日印发《X》)
_PLACE_BEFORE_ISSUE = re.compile(r"(?:^|[,，。\s])(?P<place>[\u4e00-\u9fff]{2,12}?)\s*(?:\d{1,2}\s*日)?\s*(?:正式)?$")


def _reporting_place(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place a news item's lead says issued the measure it reports (甲社4月2日电,甲省2日印发《X》):
    the subject of the issuing verb, named in full."""
    if not reports_on_a_measure(text, []):
        return None
    m = page_forms().reported.search(text, 0, NEWS_LEAD_CHARS)
    if m is None:
        return None
    before = _PLACE_BEFORE_ISSUE.search(text, max(0, m.start() - 20), m.start())
    if before is None:
        return None
    placed = gazetteer.prefix(before.group("place"))
    return placed[0] if placed and placed[1] == len(before.group("place")) else None


def _source_region(text: str, gazetteer: Gazetteer) -> Region | None:
    """The place of the organ a page's attribution line names (——摘自甲区科技局官网)."""
    for m in metadata_forms().source_line.finditer(text):
        if region := gazetteer.find_in(m.group("org")):
            return region
    return None


_YEAR_DASH = re.compile(r"(?<=\d{4})[-–~～－?？](?=\d{4})")  # 2024-2027年, 2021?2025年: the years of a title


def _printed_dash(title: str, text: str) -> str:
    """The title with the dash between its years as the document prints it: a page's label that
    wrote 2024-2027年 over a heading printing 2024—2027年 takes the heading's, and a dash a
    converter lost (2021?2025年) is one."""
    if not _YEAR_DASH.search(title):
        return title
    printed = _YEAR_DASH.sub("—", title)
    if "?" in title or "？" in title:
        return printed
    return printed if printed in text.replace("\n", "") else title


_BARE_YEARS = re.compile(r"[(（](?P<from>(?:19|20)\d{2})\s*(?P<dash>[-—–~～至])\s*(?P<to>(?:19|20)\d{2})[)）]")


def _printed_years(title: str, text: str) -> str:
    """The title with the years it spans as the document's own heading prints them: a notice
    that quoted 甲计划(2020—2022) over a heading printing 甲计划 ⏎ (2020—2022年) takes the
    heading's 年."""
    m = _BARE_YEARS.search(title)
    if m is None:
        return title
    stem = re.escape(_compact(title[:m.start()]))
    printed = re.search(stem + r"[(（]" + m.group("from") + r"[-—–~～至]" + m.group("to") + r"年[)）]"
                        + re.escape(_compact(title[m.end():])), _compact(text))
    return printed.group() if printed else title


def _repeated_title(lines: list[_Line], title: str | None, text: str) -> str | None:
    """The title a page repeats (``repeated_title_min`` times as a line of its own) over one it
    names fewer times: a related document's notice listed above the page's own."""
    least = metadata_forms().repeated_title_min
    counts: dict[str, int] = {}
    for line in lines:
        if len(line.text) <= 150:
            counts[line.text] = counts.get(line.text, 0) + 1
    repeated = [(text, n) for text, n in counts.items() if n >= least
                and (_looks_like_title(text) or "通知" in text and _NOTICE.match(text))]
    best = max(repeated, key=lambda kv: kv[1], default=None)
    if best is None or best[1] < least or (title and text.count(title) >= best[1]):
        return title
    notice = _NOTICE.match(best[0])
    return _compact(_first_of_several(notice.group("inner"))) if notice else _undraft(best[0])


_FIRST_PARTS = ("一、", "第一章", "第一条", "第一部分")
_PART_LABEL = re.compile(r"第[一二三四五六七八九十百]+[章条节部篇]")


_DEICTIC = ("我", "本", "该", "其", "各", "有关")  # 我局, 本委: an organ pointed to, not named
def _numbered_flat_heading(text: str) -> tuple[str, str] | None:
    """(title, 文号) of a flattened page whose title and bracketed 文号 run into the body's first
    sentence (…发表时间:… 15:29 甲县乙政策(试行) (甲发201120 号) 为进一步…)."""
    for m in page_forms().numbered_flat_heading.finditer(text, 0, NEWS_LEAD_CHARS):
        title = _undraft(m.group("title"))
        numbers = doc_numbers_in(f"({m.group('number')})")
        if _looks_like_title(title) and len(numbers) == 1:
            return title, numbers[0][0]
    return None


DRAFTER_CHARS = 400  # how far into an unsigned call for comments the organ drafting it is named


def _drafter(text: str, title: str) -> str | None:
    """The organ an unsigned call for comments says drafted its draft (…,甲市经信局起草了《X(征求
    意见稿)》,现公开征求意见), when X is the text's title and the organ is named, not pointed to (我局)."""
    for m in page_forms().drafted_by.finditer(text, 0, DRAFTER_CHARS):
        org = m.group("org")
        if _undraft(_compact(m.group("title"))) == title and _orgs(org) and not org.startswith(_DEICTIC):
            return org
    return None


def _consulting_heading(text: str, tree: Node) -> tuple[str, str] | None:
    """(the draft's title, the heading) of a call for comments whose heading the document tree
    found below a news lead (…公开征求《X》意见。⏎原文如下:⏎甲委关于公开征求《X(征求意见稿)》意见的
    公告): the call is about X, its heading names the organ that calls."""
    for node in tree.children:
        if node.kind == "title":
            heading = _compact(_candidate(text[node.start:node.end]))
            consulted = _CONSULTATION.match(heading)
            return (_undraft(consulted.group("title") or consulted.group("title2")), heading) if consulted else None
    return None


def _tree_title(text: str, lines: list[_Line], tree: Node, header: HeaderFields) -> str | None:
    """A title the document tree found where the lines give none: the title run into the line of
    the first article (甲细则(试行) 第一章 总则第一条…), else the page's heading right above the
    numbered body when everything above it is a labelled header block."""
    front = [node for node in tree.children if node.kind in ("header", "title", "preamble")]
    body = next((node.start for node in tree.children if node.kind in ("part", "section", "item")), None)
    for node in front:
        if node.kind == "title":
            if any(piece.strip().startswith(_NOT_TITLE_START) or _BULLETED.match(piece.strip())
                   for piece in text[node.start:node.end].split("\n")[1:]):
                return None  # 轻触这里 ⏎ 关闭目录, 新闻 ⏎ • 政策: a page's buttons or menu, no title wrapped over lines
            candidate = _candidate(text[node.start:node.end])
            if is_page_chrome(candidate):
                return None  # 甲市通知公告: the column the page is filed in, whatever kind of text its name ends on
            if _looks_like_title(candidate) and not _PART_HEADING.match(candidate) and len(candidate) >= _BARE_TITLE_MIN:
                return _undraft(candidate)
            # a short heading right above the first part (高企申报 ⏎ 一、申报条件): the page's own
            first_part = body is not None and text.startswith(_FIRST_PARTS, body) \
                and not text[node.end:body].strip()
            heading = _compact(candidate)
            if first_part and 4 <= len(heading) == len(_CJK.findall(heading)) and not _orgs(heading) \
                    and not _PART_LABEL.search(heading):  # 第二章区域合作第三章…: a table of contents
                return heading
            return None
    if body is None:
        return None
    above = [line for line in lines if line.end <= body and not is_page_chrome(line.text)]
    if not above or header.holds(above[-1].start) or not all(header.holds(line.start) for line in above[:-1]):
        return None
    heading = above[-1].text.strip()
    if 6 <= len(heading) <= 60 and not any(ch in heading for ch in ",。;:!?") and len(_CJK.findall(heading)) >= 6 \
            and not _DATE_RE.search(heading):
        return _compact(heading)
    return None


def _zone_region(title: str | None) -> Region | None:
    """The development zone a title or an issuer opens with (``zone_title``: 甲市高新区…, 乙港经济技术开发区…),
    as a region of level development_zone in the province of the place its name starts with.
    A zone word right after a province's name (甲省开发区条例) names no one zone."""
    m = page_forms().zone_title.match(_compact(title or ""))
    if m is None:
        return None
    zone, gazetteer = m.group("zone"), Gazetteer.load()
    found = gazetteer.prefix(zone)
    if found is None:  # a county's short name alone (乙港经济技术开发区 for 乙市): looked up by itself
        found = next(((place, size) for size in (3, 2) if (place := gazetteer.lookup(zone[:size]))), None)
    if found is None:
        return None
    place, size = found
    qualifier = zone[size:m.start("kind")]
    if size >= m.start("kind") + len(m.group("kind")) or (place.level == "province" and not qualifier
                                                           and zone[:size] == place.name):
        return None  # 甲省开发区条例: the province's full name; 甲开发区 under its short name is one zone
    return Region(name=zone, province=place.province, level="development_zone", short=zone, city=place.city)


_PARTY_PREFIX = re.compile(r"^(?:中国共产党|中共)")


def _issuers_zone(issuer: str | None) -> Region | None:
    """The development zone each organ of ``issuer`` opens with, when they all name the same one
    (中共甲新区工作委员会 甲新区管理委员会: a zone's party committee and its administration issue
    together); None when one names none or they differ."""
    zones = [_zone_region(_PARTY_PREFIX.sub("", organ)) for organ in (issuer or "").split()]
    if not zones or any(z is None for z in zones) or len({z.name for z in zones if z is not None}) != 1:
        return None
    return zones[0]


_ZONE_TITLE_SPAN = re.compile(r"《[^《》\n]*》")
ZONE_OPENING_CHARS = 400  # how far into an untitled text the zone it speaks for is named


def _named_zone(text: str, region: Region | None) -> Region | None:
    """The one development zone an untitled text's opening names, at least twice and in the city
    it is placed in (…,促进甲市高新区实现高质量发展,…推动甲市高新区产业升级): the zone it speaks for."""
    head = _ZONE_TITLE_SPAN.sub(lambda m: " " * len(m.group()), text[:ZONE_OPENING_CHARS])
    found: list[Region] = []
    for m in page_forms().zone_mention.finditer(head):
        mention = m.group()
        zone = next((z for k in range(len(mention) - 2) if (z := _zone_region(mention[k:])) is not None), None)
        if zone is not None:
            found.append(zone)
    names = {z.name for z in found}
    if len(names) != 1 or len(found) < 2:
        return None
    zone = found[0]
    return zone if region is None or zone.city in (region.name, None) or zone.province == region.name else None


def _full_government_issuer(issuer: str, region: Region) -> str:
    """The issuer with a government or its office written short (区人民政府办公室 under 甲区,
    甲市政府办) given its full name, qualified by the region as a responsible unit is
    (甲区人民政府办公室, 甲市人民政府办公室); other signatories are kept as written."""
    short = metadata_forms().short_government_issuer
    pieces = issuer.split()
    if not any(short.match(piece) for piece in pieces):
        return issuer
    return " ".join(default_departments().resolve(piece, region)[0] if short.match(piece) else piece for piece in pieces)


def _placed_issuer(issuer: str, region: Region, text: str) -> str:
    """An issuer a page labels by its bare name (发布机构:科技局) with the place the text itself
    writes before that name (甲县科技局2017年重点工作清单): one signatory naming no place."""
    if " " in issuer or Gazetteer.load().find_in(issuer):
        return issuer
    placed = region.name + issuer
    return placed if placed in text else issuer


def extract_metadata(clean: CleanText, tree: Node | None, source_name: str) -> dict[str, str | None]:
    """The metadata of one policy, with exactly the metadata keys of ``records.Document``.

    ``source_name`` is the file name, used only in error messages.
    """
    if clean is None or not isinstance(clean.normalized, str):
        raise ValueError(f"{source_name}: no cleaned text to read metadata from; clean the file first")
    text = clean.normalized
    lines = _lines(text)
    header = read_header_fields(text)
    head_end = _head_end(lines, tree, len(text), header)
    notice = _find_notice(lines, head_end, header)
    digest = _digest(text)
    title = _repeated_title(lines, _title(text, lines, head_end, notice, header, digest), text)
    consulting = _consulting_heading(text, tree) if title is None and tree is not None else None
    if consulting:
        title = consulting[0]
    elif title is None and tree is not None:
        title = _tree_title(text, lines, tree, header)
    linked = _linked_notice(lines) if title is None else None
    if linked:
        title = linked[1]
    if title is None:
        title = _draft_called_for_comment(text)
    if title is not None and page_forms().generic_heading.match(title) and Gazetteer.load().find_in(title) is None:
        title = None  # 企业奖励补助政策: a site's heading naming a kind of policy, no measure
    place_remark = None
    if title is not None:
        title = _printed_years(_printed_dash(title, text), text)
        title = draft_remark().sub("", title).strip() or title  # a remark the page added: (全文), 【甲公司转发】
        title, place_remark = _without_place_remark(title)
        title = _without_title_prefix(title)
    if title is not None and reports_on_a_measure("", [title]):
        # a question used as a page's heading (…有哪些新标准) titles no policy, only the one
        # document it asks about (甲方案的工作目标是什么?)
        title = _asked_about(title)
    date, date_line = _date(text, lines, header, head_end)
    issuer = _issuer(lines, date_line, notice, header, title)
    if title is not None:
        title = _issuer_apart(title, lines)  # after the issuer, which the title may name
    opening = _signed_opening(text)
    if opening and opening[2] == title:  # 甲市人民政府2022年9月19日甲办法第一条…: signed at the top
        issuer, date = issuer or opening[0], date or opening[1]
    if date_line is None and (signed := _signature_before_title(lines, title)):
        # …现予公布。⏎ 甲市人大常委会2021年12月10日甲市条例(…通过)…: the signature run into the
        # title of the text it signs comes before a page's labels
        issuer, date = signed
    if (issuer is None or date is None) and (lead := news_lead(lines)) and lead[0] == title:
        # the organ the news lead says issued the policy, and the day it says it did
        issuer, date = issuer or lead[1], date or lead[2]
    reporter = _reported_issuer(lines, title) if issuer is None and title else None
    if reporter:
        issuer = reporter  # 日前,甲省政府办公厅印发了《X》: the one body a news lead says issued X
    if issuer is None and title and (opening_report := _opening_report(lines)) and opening_report[0] == title:
        issuer = opening_report[1]  # 10月15日,甲省乙厅发布了《X》,…: a report opening on its lead
    if issuer is None and title and (described := _described_issuer(text, title)):
        issuer = described  # 《甲办法》是甲省乙厅发布的办法: an encyclopedia's opening names its issuer
    if digest and digest[0] == title:  # the measure a digest quotes: the issuer its 摘自 line names
        issuer = issuer or (digest[2] if _orgs(digest[2]) else None)
    if issuer is None and consulting and consulting[0] == title:
        issuer = _title_issuer(consulting[1])  # the organ the call's heading names
    if issuer is None and date is None and title:
        issuer = _drafter(text, title)
    if issuer is None:
        issuer = _source_issuer(text)
    effective_from, effective_until = _effective(text, date, header)
    doc_number = _doc_number(text, head_end, header) or (linked[0] if linked else None) \
        or _number_after_title(text, title) \
        or _number_under_title(text, title) or _number_before_notice(text, title) \
        or (numbered[1] if (numbered := _numbered_flat_heading(text)) and numbered[0] == title else None) \
        or (digest[1] if digest and digest[0] == title else None)
    region = _region(text, title, issuer, notice, doc_number, header, place_remark)
    # a 文号 read from a damaged line is the document's, but too unsure to place it
    doc_number = doc_number or _unclosed_number(lines, head_end)
    if issuer and region and issuer != reporter:  # a news lead's organ stays as the item names it
        issuer = _placed_issuer(_full_government_issuer(issuer, region), region, text)
    zone = _zone_region(title) or _issuers_zone(issuer)
    if zone is None and not title and (region is None or region.level == "city"):
        zone = _named_zone(text, region)
    if zone is not None and (region is None or region.province == zone.province):
        region = zone  # 甲市高新区关于…的办法: the zone the title names, not its city
    return {
        "title": title,
        "doc_number": doc_number,
        "issuer": issuer,
        "date": date,
        "effective_from": effective_from,
        "effective_until": effective_until,
        "region": Gazetteer.load().written_name(region, text) if region and region.name else None,
        "province": region.province if region else None,
        "level": region.level if region else None,
        "interpreter": _interpreter(text),
    }
