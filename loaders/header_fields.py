"""Labelled metadata blocks as web pages print them above (or below) a policy.

Three layouts are read, all driven by the labels in ``data/metadata.json``:

- ``发文字号: 川府发〔2023〕5号   成文日期: 2023年05月06日`` (several pairs on one line),
- ``【发文字号】川府发〔2023〕5号`` (bracketed labels),
- a table flattened one cell per line: ``发文字号`` then ``川府发〔2023〕5号`` on the next line.

A label counts only at the start of a line or after whitespace, ``】`` or ``|``, so the
时间 of 申报时间 is not a label. Only the header is read: the first ``SCAN_CHARS``
characters, up to the salutation, the first part heading or the first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .vocabulary_files import read_vocabulary
from .word_patterns import literal_alternation, optional_pattern

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "metadata.json"
SCAN_CHARS = 4000
# where the policy's own text starts: the salutation, the first part heading, the first sentence
# (a page's own bulleted notes, - 1、下载前请…。, are not the policy's first sentence)
_BODY_START = re.compile(r"^(?:各[^。\n]{0,120}[::]\s*$|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章条]"
                         r"|(?![-•·*]\s)[^\n]*。)", re.M)


@dataclass
class HeaderFields:
    """The labelled values found, per field, in the order the labels rank them."""

    values: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # field → [(label, value)]
    spans: list[tuple[int, int]] = field(default_factory=list)  # the lines holding labels or their values

    def holds(self, pos: int) -> bool:
        """Whether ``pos`` lies on a line read as a label or a label's value."""
        return any(a <= pos < b for a, b in self.spans)

    def first(self, name: str) -> str | None:
        """The value of the first label found for the field ``name``."""
        found = self.values.get(name)
        return found[0][1] if found else None

    def all(self, name: str) -> list[tuple[str, str]]:
        """Every (label, value) found for the field ``name``."""
        return self.values.get(name, [])


@dataclass
class _Labels:
    field_of: dict[str, str | None]  # label → field (None for ignored labels)
    date_rank: dict[str, int]
    pattern: re.Pattern[str]
    attachment: re.Pattern[str]
    draft: re.Pattern[str]
    chrome: frozenset[str]
    column: re.Pattern[str]  # 甲省行业资讯: the name of the column a page is filed in
    home: re.Pattern[str]  # 甲文档网 首页: a site's name and its home link


@lru_cache(maxsize=1)
def _labels() -> _Labels:
    data, path = read_vocabulary(None, DEFAULT_PATH, "metadata label list")
    field_of: dict[str, str | None] = {}
    try:
        for name, labels in data["labels"].items():
            for label in labels:
                field_of.setdefault(label, name)
        for label in data.get("ignored_labels", []):
            field_of.setdefault(label, None)
        date_rank = {label: i for i, label in enumerate(data.get("date_labels", []))}
        attachment = re.compile(data.get("attachment_heading", r"^附\s*件\s*\d*\s*[::]?\s*"))
        markers = [str(marker) for key in ("draft_markers", "page_remarks") for marker in data.get(key, [])]
        parts = [str(part) for part in data.get("part_remarks", [])]
        chrome = frozenset("".join(str(line).split()) for line in data.get("page_chrome", []))
        column = re.compile(str(data.get("page_column", "(?!)")))
        home = re.compile(str(data.get("site_home_line", "(?!)")))
    except (KeyError, AttributeError, TypeError) as err:
        raise ValueError(f"{path}: expected 'labels' as {{field: [label, …]}} ({err}); "
                         "restore the bundled metadata.json") from None
    # a label: bracketed, or followed by a colon, or alone before whitespace / the line end
    # a label printed spaced out to the width of a table cell (文  号, 标  题) reads as the label
    spaced = "|".join(r"[ \u3000]{1,8}".join(map(re.escape, label)) for label in field_of
                      if len(label) == 2)
    pattern = re.compile(
        r"(?:(?<=^)|(?<=[\s】|•·]))(?:(?P<open>[【\[])\s*)?(?P<label>" + literal_alternation(field_of)
        + (f"|{spaced}" if spaced else "") + r")"
        r"(?:\s*(?P<close>[】\]])|\s*(?P<colon>[::])|(?=[ \t\u3000]|$))", re.M)
    # a remark in brackets holding a draft marker or a page's remark: (征求意见稿V2.2), (草案), (全文),
    # 【甲公司转发】, or a page's part mark that is the whole remark: (下)
    draft = re.compile(r"[(（【][^()（）【】]{0,12}(?:" + (literal_alternation(markers) if markers else "(?!)")
                       + r")[^()（）【】]{0,12}[)）】]"
                       + (r"|[(（](?:" + literal_alternation(parts) + r")[)）]" if parts else ""))
    return _Labels(field_of, date_rank, pattern, attachment, draft, chrome, column, home)


def attachment_heading() -> re.Pattern[str]:
    """The pattern of a heading naming an attachment (附件, 附件1:, 附件2)."""
    return _labels().attachment


def draft_remark() -> re.Pattern[str]:
    """The pattern of a bracketed remark that is no part of a title: a draft's ((征求意见稿),
    (草案)), a page's ((全文), (图解)) or a page's part mark ((下))."""
    return _labels().draft


def is_page_chrome(line: str) -> bool:
    """Whether a line is only a web page's furniture (详细内容, 朗读, 专题专栏), one button or
    several side by side (无障碍浏览 长者模式), or the name of the column the page is filed in
    (``page_column``: 甲省行业资讯), or a site's name and its home link (``site_home_line``:
    甲文档网 首页)."""
    labels = _labels()
    pieces = line.split()
    return "".join(pieces) in labels.chrome or (len(pieces) > 1 and all(piece in labels.chrome for piece in pieces)) \
        or bool(labels.column.match("".join(pieces))) or bool(labels.home.match(line.strip()))


def date_rank(label: str) -> int:
    """Rank of a date label: lower is more authoritative (成文日期 before 发布日期)."""
    ranks = _labels().date_rank
    return ranks.get(label, len(ranks))


def read_header_fields(text: str) -> HeaderFields:
    """The labelled values at the top of ``text`` (see the module docstring for the layouts)."""
    labels = _labels()
    out = HeaderFields()
    head = text[:SCAN_CHARS]
    body = _BODY_START.search(head)
    if body:  # labels in the body (名称: of a form, 时间: of an event) are not the page's metadata
        head = head[:body.start()] + _run_in_fields(head, body.start())
    matches = [m for m in labels.pattern.finditer(head) if _plausible(m, head)]
    for i, m in enumerate(matches):
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line_end = len(head) if line_end == -1 else line_end
        value_end = line_end
        if i + 1 < len(matches) and matches[i + 1].start() < line_end:
            value_end = matches[i + 1].start()
        value = head[m.end():value_end].strip(" \t\u3000|•·")
        label = re.sub(r"[ \u3000]", "", m.group("label"))
        name = labels.field_of[label]
        out.spans.append((line_start, line_end))
        if not value:
            # table layout: the value stands alone on the next line
            nxt_end = head.find("\n", line_end + 1)
            nxt_end = len(head) if nxt_end == -1 else nxt_end
            nxt = head[line_end + 1:nxt_end].strip()
            if nxt and not any(line_end < n.start() < nxt_end for n in matches) and len(nxt) <= 150:
                value = nxt
                out.spans.append((line_end + 1, nxt_end))
        if name and value:
            out.values.setdefault(name, []).append((label, value))
    if "date" in out.values:
        out.values["date"].sort(key=lambda lv: date_rank(lv[0]))
    return out


def _run_in_fields(head: str, start: int) -> str:
    """The fields a database page runs into the first line of the body, before its first
    sentence (甲条例文章属性•【公布日期】2021.12.10•【字号】甲公告第4号•…正文…。): that line up
    to its last bracketed label's value when at least two bracketed labels stand before the
    sentence end; else nothing."""
    end = head.find("。", start)
    line_end = head.find("\n", start)
    end = min(x for x in (end, line_end, len(head)) if x != -1)
    prefix = head[start:end]
    opens = [m for m in _labels().pattern.finditer(prefix) if m.group("open") and m.group("close")]
    if len(opens) < 2:
        return ""
    return prefix[:_value_end(prefix, opens[-1].end())]


_FIELD_BULLET = re.compile(r"[•·]")  # what parts the fields a database page runs into one line


def _value_end(text: str, at: int) -> int:
    """Where a run-in field's value from ``at`` ends: at the next bullet (•) or the text's end."""
    stop = _FIELD_BULLET.search(text, at)
    return stop.start() if stop else len(text)


def _plausible(m: re.Match[str], head: str) -> bool:
    """Short labels (日期, 标题, 文号 …) need brackets, a colon, or a line of their own."""
    if m.group("open") and not m.group("close"):
        return False
    if m.group("close") or m.group("colon"):
        return True
    line_start = head.rfind("\n", 0, m.start()) + 1
    # at the start of a line or of a table cell (after a tab or a run of spaces)
    before = head[line_start:m.start()]
    at_cell_start = not before.strip() or before.endswith(("\t", "  ", "\u3000")) or before.rstrip().endswith(("|", "｜"))
    if not at_cell_start and not _next_cell(m, head, line_start, before):
        return False
    rest_end = head.find("\n", m.end())
    raw_rest = head[m.end():len(head) if rest_end == -1 else rest_end]
    rest = raw_rest.strip()
    # alone on its line (a table cell), long enough to be no ordinary word, or a cell separator after it
    return not rest or len(m.group("label")) >= 3 or raw_rest.startswith(("\t", "  ", "\u3000"))


def _next_cell(m: re.Match[str], head: str, line_start: int, before: str) -> bool:
    """Whether a long label (发布日期, 发布机构) after one space opens the next cell of a header
    row whose first cell a label opens (发布机构 甲省发改委 发布日期 2018-11-26): a table
    flattened with single spaces between its cells."""
    if len(m.group("label")) < 4 or not before.endswith(" "):
        return False
    first = _labels().pattern.match(head, line_start)
    return first is not None and first.end() <= m.start()


@dataclass(frozen=True)
class MetadataForms:
    """Forms of ``data/metadata.json`` that metadata reads besides the header labels."""

    org_end: re.Pattern[str]  # how an organisation's name ends (government bodies and institutions)
    signature_before: re.Pattern[str]
    signature_after: re.Pattern[str]
    title_issuer_end: re.Pattern[str]
    repeated_title_min: int
    attached_title: re.Pattern[str]
    table_header: re.Pattern[str]
    source_line: re.Pattern[str]  # a page's attribution line (摘自甲区科技局官网); group 'org'
    source_not_issuer: re.Pattern[str]  # a source that is no issuing organ (a university, a paper)
    digest_source: re.Pattern[str]  # a digest's 摘自 line naming its measure; groups org, title, number
    title_prefix: re.Pattern[str]  # what a page prints before a title (附件1、, 临西县:); group 'place'
    letterhead: re.Pattern[str]  # a letterhead (甲省人民政府办公厅文件); group 'org'
    page_headline_prefix: re.Pattern[str]  # a flip-book page's mark before its headline (Page 14 - )
    several_issued_tail: re.Pattern[str]  # 等6个文件 after the one document a notice names
    seal_remark: re.Pattern[str]  # (甲局代章) between a signing organ and its date
    deadline_label: re.Pattern[str]  # 申报截止时间: on the line above a date: a deadline, no signature date
    disclosure_remark: re.Pattern[str]  # (此件公开发布) right after a signature date
    blank_marks: re.Pattern[str]  # ? ?? a page left for blanks it could not encode, ending a line
    short_government_issuer: re.Pattern[str]  # 区人民政府办公室, 甲市政府办: a government written short
    basis_title: re.Pattern[str]  # the document a page says it rests on (政策依据:《…》); group 'title'
    masthead: re.Pattern[str]  # 甲省新闻网手机版: a line naming the outlet that prints the page
    issuer_apart_kinds: tuple[str, ...] = ()  # 意见: a heading of this kind gives its issuer apart


@lru_cache(maxsize=1)
def metadata_forms() -> MetadataForms:
    """The organisation endings, run-in signature, title-issuer and repeated-title forms."""
    data, path = read_vocabulary(None, DEFAULT_PATH, "metadata label list")
    try:
        endings = [*map(str, data["government_endings"]), *map(str, data.get("institution_endings", []))]
        tail = data.get("signature_tail", {})
        return MetadataForms(
            org_end=re.compile("(?:" + "|".join([literal_alternation(endings),
                                                  *map(str, data.get("government_ending_patterns", []))]) + ")$"),
            signature_before=re.compile(tail.get("before", "(?!)")),
            signature_after=re.compile(tail.get("after", "(?!)")),
            title_issuer_end=re.compile(data.get("title_issuer_end", "关于")),
            repeated_title_min=int(data.get("repeated_title_min", 3)),
            attached_title=optional_pattern(data, "attached_title"),
            table_header=re.compile("(?:" + literal_alternation(map(str, data.get("table_header_cells", []))) + r")(?:[\s|｜]|$)"
                                    if data.get("table_header_cells") else "(?!)"),
            source_line=optional_pattern(data, "source_line", re.M),
            source_not_issuer=optional_pattern(data, "source_not_issuer"),
            digest_source=optional_pattern(data, "digest_source", re.M),
            title_prefix=optional_pattern(data, "title_prefix"),
            letterhead=optional_pattern(data, "letterhead"),
            page_headline_prefix=optional_pattern(data, "page_headline_prefix", re.I),
            several_issued_tail=optional_pattern(data, "several_issued_tail"),
            seal_remark=optional_pattern(data, "seal_remark"),
            deadline_label=optional_pattern(data, "deadline_label"),
            disclosure_remark=optional_pattern(data, "disclosure_remark"),
            blank_marks=optional_pattern(data, "blank_marks"),
            short_government_issuer=optional_pattern(data, "short_government_issuer"),
            basis_title=optional_pattern(data, "basis_title"),
            masthead=optional_pattern(data, "masthead"),
            issuer_apart_kinds=tuple(map(str, data.get("issuer_apart_kinds", []))),
        )
    except (re.error, TypeError, ValueError, AttributeError, KeyError) as err:
        raise ValueError(f"{path}: a metadata form is not valid ({err}); restore the bundled metadata.json") from None
