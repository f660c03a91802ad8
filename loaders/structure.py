"""Document structure: a cleaned policy text as a tree of numbered provisions.

``build_tree`` reads ``CleanText.normalized`` line by line. A line that starts with a
numbering label (一、 (一) 1. (1) ① 第一章 第一条) opens a numbered node; the nesting
follows the order in which the label styles appear, the way a reader sees it: a style
already open at some depth closes everything below it, a new style opens one level
deeper. Numbers must continue the sequence of their siblings (or of the same style
elsewhere in the document, or restart at 1), so a wrapped line that happens to begin
with "2." in the middle of a paragraph stays text. Lines without a label become
paragraphs of the node above them. Before the first label come the header (cover
notice: addressees, 印发 sentence, issuer, date), the title and the preamble; after the
last clause come the closing paragraphs.

Vocabulary (title endings, closing cues, web-page leftovers) is in ``data/structure.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from .departments import default_departments
from .header_fields import is_page_chrome, read_header_fields
from .records import CleanText, Node
from .word_patterns import optional_pattern, scanning_pattern, search_any, search_parts

DATA_FILE = Path(__file__).resolve().parent / "data" / "structure.json"

KINDS_BY_RANK = ("part", "section", "item")
NUMBERED_KINDS = frozenset(KINDS_BY_RANK)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100}
_CN = "".join(_CN_DIGITS) + "".join(_CN_UNITS)
_NUM = f"[{_CN}]{{1,6}}"

# (style, default rank, pattern matched at the start of a stripped line). Rank 0 is a
# part, 1 a section, 2 an item; a style used below a node of the same or a deeper rank
# takes the next rank down (e.g. (一) inside 1. is an item).
_LABEL_PATTERNS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("chapter", 0, re.compile(rf"第\s*({_NUM}|\d{{1,2}})\s*(?:章|部分)")),
    ("division", 1, re.compile(rf"第\s*({_NUM}|\d{{1,2}})\s*节")),
    ("article", 1, re.compile(rf"第\s*({_NUM}|\d{{1,3}})\s*条")),
    ("cn_paren", 1, re.compile(rf"[(（]\s*({_NUM})\s*[)）]")),
    # 一、2020年是… is a label before a year, as 2、2021年度… is
    ("cn_dun", 0, re.compile(rf"({_NUM})\s*(?:[、.．](?![\d.])|、(?=(?:19|20)\d{{2}}\s*年))")),
    ("ar_paren", 1, re.compile(r"[(（]\s*(\d{1,2})\s*[)）]|(\d{1,2})\s*[)）](?!\d)")),
    # 2、2021年度… and 1.2024年度… are labels before a year; 1、2类 and 1.5 are no labels; an
    # excerpt of a long list may number its items past 99 (100.一是…)
    ("ar_dot", 2, re.compile(r"(\d{1,3})\s*(?:[.、．](?![\d.%])|[、.．](?=(?:19|20)\d{2}\s*年))")),
    # 8.1, 8.2 …: a decimal section number (the item's own number after the point) before
    # its heading; 2.5万元 and 1.5倍 are no labels
    ("ar_sub", 2, re.compile(r"\d{1,2}\.(\d{1,2})(?![\d.%])(?=\s*[\u4e00-\u9fff“(（])(?![万亿千百倍个元年月日])")),
    # ① ⑴ ⒈ ㈠: one character each, read from the vocabulary's enumerator_characters
    ("circled", 2, re.compile("(?!)")),
)
_SPACES = re.compile(r"\s+")
_DEFAULT_RANK = {style: rank for style, rank, _ in _LABEL_PATTERNS}
_DEFAULT_RANK["row"] = 2  # a row of a task table: an item where it stands
# styles whose label alone is plainly a label: a document may start its numbered body
# with one even when no sibling follows (an excerpt that is a single 七、)
_PLAIN_STYLES = frozenset({"chapter", "division", "article", "cn_dun", "cn_paren"})
_ARTICLE_PARENTS = frozenset({"chapter", "division", "article"})  # the styles an article may stand under
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_ROW_NUMBER = re.compile(r"\d{1,3}(?![\d.%])")
_CELL_SPLIT = re.compile(r"[|｜\s]+")  # a row heading is its first cell: cells part at any space
# "一、二类企业", "三、四季度": consecutive numerals listed in running text, not a label
# 第一章为总则, 第二部分是…, 第三章共5条: a chapter named as the subject of a sentence describing it
_DESCRIBED_PART = re.compile(r"为|是|共\s*[\d一二三四五六七八九十]")
_NEXT_NUMERAL = re.compile(rf"([{_CN}]+)\s*(?:[、,和及至到或等]|类|季度|级|档|批)")

_LINE = re.compile(r"[^\n]*")
# what a line is stripped of: the characters \s matches (all below U+3001) and zero-width ones
_STRIP_CHARS = "".join(ch for ch in map(chr, range(0x3001)) if re.match(r"\s", ch)) + "\u200b\ufeff"
_DATE_LINE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
)
_DOC_NUMBER = r"[\u4e00-\u9fff]{1,12}\s*[〔\[(（【﹝]\s*\d{4}\s*[〕\])）】﹞]\s*\d{1,4}\s*号"
_DOC_NUMBER_LINE = re.compile(_DOC_NUMBER)
_TRAILING_DOC_NUMBER = re.compile(rf"\s*{_DOC_NUMBER}\Z")
_TRAILING_BRACKET = re.compile(r"[(（][^()（）]{1,30}[)）]\Z")
_PAREN_LINE = re.compile(r"[(（][^()（）]{1,30}[)）]")
_BRACKET_GROUP = re.compile(r"[(（﹝〔\[【<〈][^()（）﹝﹞〔〕\[\]【】<>〈〉]*[)）﹞〕\]】>〉]")
# the punctuation of a sentence, which a heading or a banner line has none of
SENTENCE_PUNCT = re.compile(r"[。,，;；:：!！?？]")
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|zip|rar|7z|ofd|txt)$", re.IGNORECASE)
_COMPLETE_END = tuple("。.!！?？;；)）]】﹞〕>〉”\"")
_OWN_CHAR = re.compile(r"[^\s\W_]")  # what is neither space, punctuation nor _


@dataclass(frozen=True)
class Label:
    """A numbering label at the start of a line."""

    style: str  # "cn_dun" 一、 | "cn_paren" (一) | "ar_dot" 1. | "ar_sub" 3.1 | "ar_paren" (1) | "circled" ① | "chapter" | "division" | "article"
    number: int
    text: str  # as written, without whitespace: "一、", "(七)", "14."
    end: int  # offset in the line where the text after the label starts
    until: int = -1  # a table row: where the row ends in the text (its cells may wrap)


@dataclass(frozen=True)
class StructureVocab:
    """The contents of ``data/structure.json``."""

    heading_max_chars: int
    heading_line_max_chars: int
    title_max_chars: int
    max_number_gap: int
    max_depth: int
    title_endings: tuple[str, ...]
    title_joiners: tuple[str, ...]
    closing_prefixes: tuple[str, ...]
    closing_patterns: tuple[re.Pattern[str], ...]
    page_debris_prefixes: tuple[str, ...]
    bullets: tuple[str, ...]
    attachment: re.Pattern[str]
    inline_item: re.Pattern[str]
    inline_item_min: int
    item_closing_bracket: re.Pattern[str]
    glued_item: re.Pattern[str]
    digest_item: re.Pattern[str]
    answer_marker: re.Pattern[str]
    salutation: re.Pattern[str]
    general_part: re.Pattern[str]
    paragraph_clause_kinds: frozenset[str]
    table_row_heading_chars: int
    issuing_several: tuple[re.Pattern[str], ...]
    attachment_heading: re.Pattern[str]
    contents: re.Pattern[str]
    contents_entry: re.Pattern[str]
    breadcrumb: re.Pattern[str]
    unnumbered_not_clause: tuple[re.Pattern[str], ...]
    whole_clause_styles: frozenset[str]
    inline_article: re.Pattern[str]
    article_boundary: re.Pattern[str]
    article_reference_after: re.Pattern[str]
    chapter_heading_max_chars: int
    chunk_marker: re.Pattern[str]
    chunk_marker_min_line_chars: int
    chunk_marker_max_tail_chars: int
    notice_title: re.Pattern[str]
    question_title: re.Pattern[str]
    news_item: re.Pattern[str]
    news_outlet: re.Pattern[str]
    commendation_title: re.Pattern[str]
    report_lead: re.Pattern[str]
    list_lead_in: re.Pattern[str]
    named_list_item_chars: int = 0
    section_lead_in: re.Pattern[str] = re.compile("(?!)")
    named_list_item_label: re.Pattern[str] = re.compile("(?!)")
    unit_line: re.Pattern[str] = re.compile("(?!)")
    award_line: re.Pattern[str] = re.compile("(?!)")
    flat_table_header: re.Pattern[str] = re.compile("(?!)")
    lead_in_clause_styles: frozenset[str] = frozenset()
    lead_in_clause_min_chars: int = 0
    lead_in_announcing: re.Pattern[str] = re.compile("(?!)")
    named_text_line: re.Pattern[str] = re.compile("(?!)")
    basis_label: re.Pattern[str] = re.compile("(?!)")
    question_headline: re.Pattern[str] = re.compile("(?!)")
    field_item: re.Pattern[str] = re.compile("(?!)")
    sharing_page: re.Pattern[str] = re.compile("(?!)")
    flat_row_header: re.Pattern[str] = re.compile("(?!)")
    # a numbering label written as one character (① ⑴ ⒈ ㈠): the character's label style and number
    enumerators: dict[str, tuple[str, int]] = field(default_factory=dict)
    # ``news_item`` cut for a quicker yes or no (``search_parts``); empty: ``news_item`` whole
    news_item_parts: tuple[re.Pattern[str], ...] = ()
    news_lead: re.Pattern[str] = re.compile("(?!)")
    banner: re.Pattern[str] = re.compile("(?!)")

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "<data>") -> StructureVocab:
        """Build the vocabulary from the JSON object; raises ValueError naming a missing key."""
        try:
            return cls(
                heading_max_chars=int(data["heading_max_chars"]),
                heading_line_max_chars=int(data["heading_line_max_chars"]),
                title_max_chars=int(data["title_max_chars"]),
                max_number_gap=int(data["max_number_gap"]),
                max_depth=int(data["max_depth"]),
                title_endings=tuple(data["title_endings"]),
                title_joiners=tuple(data["title_joiners"]),
                closing_prefixes=tuple(data["closing_prefixes"]),
                closing_patterns=tuple(re.compile(p) for p in data["closing_patterns"]),
                page_debris_prefixes=tuple(data["page_debris_prefixes"]),
                bullets=tuple(sorted(data["bullets"], key=len, reverse=True)),  # —— before —
                attachment=re.compile(data["attachment_pattern"]),
                inline_item=scanning_pattern(data["inline_item_pattern"]),
                inline_item_min=int(data["inline_item_min"]),
                item_closing_bracket=optional_pattern(data, "item_closing_bracket_pattern"),
                glued_item=optional_pattern(data, "glued_item_pattern"),
                named_list_item_chars=int(data.get("named_list_item_chars", 0)),
                section_lead_in=optional_pattern(data, "section_lead_in_pattern"),
                named_list_item_label=optional_pattern(data, "named_list_item_label_pattern"),
                unit_line=optional_pattern(data, "unit_line_pattern"),
                award_line=optional_pattern(data, "award_line_pattern"),
                digest_item=optional_pattern(data, "digest_item_pattern"),
                answer_marker=optional_pattern(data, "answer_marker_pattern"),
                salutation=optional_pattern(data, "salutation_pattern"),
                general_part=optional_pattern(data, "general_part_heading_pattern"),
                paragraph_clause_kinds=frozenset(data["paragraph_clause_kinds"]),
                table_row_heading_chars=int(data["table_row_heading_chars"]),
                issuing_several=tuple(re.compile(p) for p in data["issuing_several_patterns"]),
                attachment_heading=re.compile(data["attachment_heading_pattern"]),
                contents=re.compile(data["contents_pattern"]),
                contents_entry=re.compile(data["contents_entry_pattern"]),
                breadcrumb=optional_pattern(data, "breadcrumb_pattern"),
                unnumbered_not_clause=tuple(re.compile(p) for p in data["unnumbered_not_clause_patterns"]),
                whole_clause_styles=frozenset(data["whole_clause_styles"]),
                inline_article=re.compile(data["inline_article_pattern"]),
                article_boundary=re.compile(data["article_boundary_pattern"]),
                article_reference_after=re.compile(data["article_reference_after_pattern"]),
                chapter_heading_max_chars=int(data["chapter_heading_max_chars"]),
                chunk_marker=re.compile(data["chunk_marker_pattern"]),
                chunk_marker_min_line_chars=int(data["chunk_marker_min_line_chars"]),
                chunk_marker_max_tail_chars=int(data["chunk_marker_max_tail_chars"]),
                notice_title=re.compile(data["notice_title_pattern"]),
                question_title=re.compile(data["question_title_pattern"]),
                news_item=re.compile(data["news_item_pattern"], re.MULTILINE),
                news_outlet=re.compile(data.get("news_outlet_pattern", "(?!)"), re.MULTILINE),
                commendation_title=optional_pattern(data, "commendation_title_pattern"),
                report_lead=re.compile(data.get("report_lead_pattern", "(?!)"), re.MULTILINE),
                list_lead_in=optional_pattern(data, "list_lead_in_pattern"),
                flat_table_header=optional_pattern(data, "flat_table_header_pattern"),
                lead_in_clause_styles=frozenset(data.get("lead_in_clause_styles", ())),
                lead_in_clause_min_chars=int(data.get("lead_in_clause_min_chars", 0)),
                lead_in_announcing=optional_pattern(data, "lead_in_announcing_pattern"),
                named_text_line=optional_pattern(data, "named_text_line_pattern"),
                basis_label=optional_pattern(data, "basis_label_pattern"),
                question_headline=optional_pattern(data, "question_headline_pattern"),
                field_item=optional_pattern(data, "field_item_pattern"),
                sharing_page=re.compile(data.get("sharing_page_pattern", "(?!)"), re.MULTILINE),
                flat_row_header=optional_pattern(data, "flat_row_header_pattern"),
                enumerators=_enumerators(data.get("enumerator_characters", {})),
                news_item_parts=search_parts(data["news_item_pattern"], re.MULTILINE),
                news_lead=optional_pattern(data, "news_lead_pattern", re.MULTILINE),
                banner=optional_pattern(data, "banner_pattern"),
            )
        except KeyError as err:
            raise ValueError(f"{source}: the structure vocabulary has no key {err}; "
                             f"compare it with {DATA_FILE}") from err
        except re.error as err:
            raise ValueError(f"{source}: a pattern in the structure vocabulary is not a valid "
                             f"regular expression: {err}") from err


def _enumerators(styles: dict[str, str | list[str]]) -> dict[str, tuple[str, int]]:
    """Each enumerator character with its label style and number (its place in its run, from 1);
    raises ValueError for a style the tree does not know or a character given twice."""
    found: dict[str, tuple[str, int]] = {}
    for style, runs in styles.items():
        if style not in _DEFAULT_RANK or style == "row":
            raise ValueError(f"enumerator_characters: unknown label style {style!r}")
        for run in [runs] if isinstance(runs, str) else runs:
            for number, ch in enumerate(run, 1):
                if ch in found:
                    raise ValueError(f"enumerator_characters: {ch!r} is given twice")
                found[ch] = (style, number)
    return found


@lru_cache(maxsize=1)
def load_vocab(path: str | None = None) -> StructureVocab:
    """Read the structure vocabulary (default: the bundled ``data/structure.json``)."""
    file = Path(path) if path else DATA_FILE
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"cannot read the structure vocabulary {file}: {err}; "
                         "restore it from the policykg distribution") from err
    return StructureVocab.from_dict(data, str(file))


def chinese_numeral(text: str) -> int | None:
    """Value of a Chinese numeral from 一 to 九百九十九 (三十四 → 34); None if it is not one."""
    if not text:
        return None
    total, digit, last_unit = 0, None, 1000
    for ch in text:
        if ch in _CN_DIGITS:
            if digit:  # two non-zero digits in a row (一二) is a list, not a number
                return None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit >= last_unit or digit == 0:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    total += digit or 0
    return total or None


def parse_label(line: str) -> Label | None:
    """The numbering label at the very start of ``line`` (already stripped), or None.

    Only a label followed by text (or the end of the line) counts: ``2022年底前``,
    ``1个企业``, ``3.5%`` and ``一、二类`` are not labels.
    """
    if not line:
        return None
    if (enumerator := load_vocab().enumerators.get(line[0])) is not None:
        rest = line[1:].lstrip()
        return Label(enumerator[0], enumerator[1], line[0], len(line) - len(rest))
    for style, _rank, pattern in _LABEL_PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        raw = next(g for g in m.groups() if g)
        number = int(raw) if raw.isdigit() else chinese_numeral(raw)
        if not number:
            continue
        rest = line[m.end():].lstrip()
        if style == "cn_dun" and (listed := _NEXT_NUMERAL.match(rest)) \
                and chinese_numeral(listed.group(1)) == number + 1:
            continue
        if style == "ar_dot" and rest[:1].isdigit() and not _YEAR.match(rest):
            continue
        if style in ("chapter", "division") and _DESCRIBED_PART.match(line, m.end()) and SENTENCE_PUNCT.search(rest):
            continue  # 第一章为总则,共3条,…: a sentence telling what a chapter holds, no chapter
        return Label(style, number, _SPACES.sub("", m.group(0)), len(line) - len(rest))
    return None


@dataclass
class _Line:
    start: int  # offset of the first non-space character in the text
    end: int  # offset after the last non-space character
    text: str
    carries_on: bool = False  # a sharing page's chunk that carries on the line above mid-sentence
    # cut from a line right after an item's closing bracket of responsible units ((责任单位:…)14.…):
    # an item of an excerpt, which may skip any numbers after the one before it
    after_bracket: bool = False


@dataclass
class _Open:
    """A numbered node while the tree is being built."""

    node: Node
    style: str
    number: int
    rank: int
    heading_only: bool  # the label line holds a heading and nothing else
    complete: bool  # the label line ends a sentence or a bracket
    until: int = -1  # a table row: where it ends in the text
    paragraphs: list[_Line] = field(default_factory=list)
    line: str = ""  # the text of its label line


def build_tree(clean: CleanText, vocab: StructureVocab | None = None,
               table_rows: Sequence[tuple[int, int]] | None = None) -> Node:
    """Build the document tree of ``clean.normalized``.

    The root is a ``"document"`` node over the whole text; its children, in order, are an
    optional ``"header"``, ``"title"`` and ``"preamble"``, the numbered nodes (``"part"``,
    ``"section"``, ``"item"``, with ``"paragraph"`` children for unnumbered lines) and
    ``"closing"`` paragraphs. ``is_clause`` marks numbered nodes without numbered
    children; ``path`` is the 1-based child index from the root, e.g. ``"4/2"``.
    Offsets are shared with ``clean.text``. An empty text gives the root alone.

    ``table_rows`` are the (start, end) spans of the rows of task tables in the text
    (``loaders.unit_layouts`` finds them); each row is a numbered node of its own (style
    ``row``), after an attachment line too. Items run into one line, (1)…;(2)…, are read
    as lines of their own; the body may start in the middle of a list (an excerpt that
    opens at 三、); the paragraphs of a bare part heading without numbered children are clauses.
    """
    vocab = vocab or load_vocab()
    text = clean.normalized
    root = Node("document", None, None, 0, len(text))
    row_heads: dict[int, Label] = {}  # the rows of a table flattened into running text, by offset
    raw = _split_flat_rows(_drop_chunk_markers(_without_label_bullets(_split_lines(text), vocab), vocab), vocab,
                           row_heads)
    lines = _split_inline_items(_split_articles(raw, vocab), vocab, run_together=len(raw) == 1)
    labels = [row_heads.get(line.start) or parse_label(line.text) for line in lines]
    if table_rows:
        _label_rows(lines, labels, table_rows)
    _drop_numbered_field_line(lines, labels)
    _drop_breadcrumbs(lines, labels, vocab)
    _drop_contents(lines, labels, vocab)
    _drop_document_lists(lines, labels, vocab)
    _drop_attachment_lists(lines, labels, vocab)
    continued = _continued(labels, lines)
    body_at = _body_start(labels, continued, lines, vocab)
    front = _front_matter(lines[:body_at], vocab)
    if body_at == len(lines) and any(node.kind == "title" and _names_a_text(node.heading or "", vocab)
                                     for node in front):
        _unnumbered_clauses(front, text, vocab)  # a titled policy without numbering
    body = _body(lines[body_at:], labels[body_at:], continued[body_at:], vocab, lines[body_at - 1] if body_at else None)
    root.children = [*front, *body]
    _finish(root, "", vocab.whole_clause_styles, _named_short_lists(root, text, vocab))
    _drop_empty_clauses(root, text)
    _drop_outline(root, text, vocab)
    return root


_OUTLINE_MIN = 4  # the fewest bottom headings an outline printed without its text shows


def _drop_outline(root: Node, text: str, vocab: StructureVocab) -> None:
    """A text whose numbered lines are all bare headings, none with a word of text below it
    (第一章 谋篇布局⏎一、发展形势⏎(一)发展现状⏎(二)主要问题⏎…: the outline of a plan whose body the
    copy lost: at least ``_OUTLINE_MIN`` headings at the bottom, below headings of a level
    above), states no provision:
    it has no clause."""
    numbered = [node for node in root.walk() if node.kind in NUMBERED_KINDS]
    if sum(node.is_clause for node in numbered) < _OUTLINE_MIN \
            or not any(any(c.kind in NUMBERED_KINDS for c in node.children) for node in numbered):
        return
    for node in numbered:
        if any(c.kind not in NUMBERED_KINDS for c in node.children):
            return  # a paragraph below a heading: the body is there
        line = text[node.start:node.end].split("\n", 1)[0].strip()
        heading = line[len(node.label):] if node.label and line.startswith(node.label) else line
        if len(heading) > vocab.heading_line_max_chars or SENTENCE_PUNCT.search(heading):
            return
    for node in numbered:
        node.is_clause = False


def _named_short_lists(root: Node, text: str, vocab: StructureVocab) -> set[int]:
    """The ids of the numbered nodes that are one clause with their list: the node's line
    names the list (``list_lead_in_pattern``: 1、申报条件:) and its items are all short
    entries (at most ``named_list_item_chars``: 1)企业已是高新技术企业;) without items of
    their own, labelled as ``named_list_item_label_pattern`` allows (a lone closing
    bracket, 1)). Such entries are the conditions or terms of one provision."""
    out: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        pending.extend(node.children)
        if node.kind not in NUMBERED_KINDS or not node.label or not node.children:
            continue
        items = node.children
        if not all(c.kind in NUMBERED_KINDS and not c.children and c.label
                   and vocab.named_list_item_label.fullmatch(c.label)
                   and c.end - c.start <= vocab.named_list_item_chars for c in items):
            continue
        line = text[node.start:items[0].start].strip()
        if line.startswith(node.label) and vocab.list_lead_in.search(line[len(node.label):].strip()):
            out.add(id(node))
    out.update(_field_cards(root, text, vocab))
    return out


def _field_cards(root: Node, text: str, vocab: StructureVocab) -> set[int]:
    """The ids of the numbered nodes laid out as a card of fields: every item below the node
    opens with the name of a field and a colon (``field_item_pattern``: (1)考核科室:…⏎(2)分值:5分⏎
    (3)考核内容:…, 1)责任单位:…⏎2)完成时限:…), one of them names the bodies in charge (its name
    is a unit label of the department vocabulary's ``data/unit_labels.json``) and one holds a short value without a
    sentence mark (a score, a deadline, a list of units). An indicator or task of an assessment
    scheme or a task list is one provision; its fields are no provisions of their own. Fields
    without a unit label (1、人员经费:61万元⏎2、公用经费:4万元) are a list of entries, not a card."""
    out: set[int] = set()
    for node in root.walk():
        if node.kind not in NUMBERED_KINDS or not node.label or not node.children:
            continue
        items = node.children
        if not all(c.kind in NUMBERED_KINDS and not c.children and c.label for c in items):
            continue
        short = names_units = False
        for item in items:
            body = text[item.start:item.end].strip()
            body = body[len(item.label):].lstrip() if item.label and body.startswith(item.label) else body
            field = vocab.field_item.match(body)
            if not field:
                break
            value = body[field.end():].strip().rstrip("。;；")
            short = short or (0 < len(value) <= vocab.heading_line_max_chars
                              and not SENTENCE_PUNCT.search(value))
            names_units = names_units or default_departments().labels.header_role(field.group(0).rstrip(":： ")) is not None
        else:
            if short and names_units:
                out.add(id(node))
    return out


_CUT_LABEL = re.compile(r"\s*第\s*[〇零一二三四五六七八九十百\d]*\s*$")  # 第 / 第十: a label the excerpt cut
# an item that only names a file a page links (附件:1.甲市人民政府关于印发《乙办法》的通知.doc)
_FILE_NAME_ITEM = re.compile(r"[^\n。;!?,:]{2,200}\.(?:docx?|pdf|wps|xlsx?|ofd|zip|rar)\s*[。;]?\s*", re.I)


def _drop_empty_clauses(root: Node, text: str) -> None:
    """A bare label with no words (第一条 on its own line, 第七条 at the excerpt's end), a
    heading whose only text below it is the cut-off label of its first article (一、组织领导⏎第),
    and an item that only names a linked file (1.甲通知.doc) are no provisions."""
    bare: set[int] = set()  # ids of the bare labels taken off
    for node in root.walk():
        if not node.is_clause or not node.label:
            continue
        body = text[node.start:node.end].lstrip()
        body = body[len(node.label):] if body.startswith(node.label) else body
        if not _has_own_text(body):
            node.is_clause = False
            bare.add(id(node))
        elif not node.children and _FILE_NAME_ITEM.fullmatch(body):
            node.is_clause = False
        elif node.heading and "\n" in body and _CUT_LABEL.fullmatch(body.split("\n", 1)[1]):
            node.is_clause = False
    if bare:
        _heading_over_bare_labels(root, bare)
    _headings_over_document_lists(root, text)


_NUMBERED_ENTRY = re.compile(r"[(（][^()（）]{1,30}\d\s*号\s*[)）]\s*\Z")


def _headings_over_document_lists(root: Node, text: str) -> None:
    """A short heading whose only lines below it name documents with their numbers (二、人才政策⏎
    1.甲市…暂行办法(甲办发〔2014〕8号)⏎2.…, 一、省级政策⏎《…的通知》(甲政发〔2014〕5号)): a
    page's list of the documents it collected under a topic, no provision."""
    vocab = load_vocab()
    for node in root.walk():
        if not node.is_clause or not node.label or node.kind not in NUMBERED_KINDS:
            continue
        lines = [line.strip() for line in text[node.start:node.end].strip().split("\n")]
        heading, entries = lines[0], [line for line in lines[1:] if line]
        if not entries or SENTENCE_PUNCT.search(heading) or len(heading) > vocab.heading_line_max_chars:
            continue
        named = 0
        for entry in entries:
            label = parse_label(entry)
            rest = entry[label.end:].strip() if label else entry
            core = _NUMBERED_ENTRY.sub("", rest)
            if core == rest or not _is_title_like(core.strip("《》<>〈〉 "), vocab):
                break
            named += 1
        if named == len(entries):
            node.is_clause = False


def _heading_over_bare_labels(root: Node, bare: set[int]) -> None:
    """A heading with a lead-in whose only numbered items are bare labels ((二)决策程序⏎为…,
    履行了以下程序:⏎1. at the excerpt's end) is the provision itself: a clause."""
    for node in root.walk():
        numbered = [c for c in node.children if c.kind in NUMBERED_KINDS]
        if node.is_clause or not node.label or node.kind not in NUMBERED_KINDS or not numbered \
                or not all(id(c) in bare for c in numbered):
            continue
        if any(c.kind == "paragraph" for c in node.children):  # a lead-in below the heading
            node.is_clause = True


def attachment_parts(text: str, vocab: StructureVocab | None = None) -> list[tuple[str, int, int]]:
    """The documents a notice issues as attachments: (label as written, start, end) per
    attachment, in order; empty unless the notice issues several (印发《A》《B》…).

    An attachment opens at a line ``附件1`` / ``附件2:title`` (``attachment_heading_pattern``)
    and runs to the next one. The last run numbered 1, 2, … counts: a list of the
    attachments under the notice (附件1:A⏎附件2:B) comes before their texts.
    """
    vocab = vocab or load_vocab()
    if "附件" not in text:
        return []
    heads: list[tuple[int, int, str]] = []  # (number, line start, label)
    for line in _split_lines(text):
        m = vocab.attachment_heading.match(line.text)
        if m:
            heads.append((int(m.group(1)), line.start, _SPACES.sub("", line.text[:m.end(1)])))
    first = next((i for i in range(len(heads) - 1, -1, -1) if heads[i][0] == 1), None)
    if first is None:
        return []
    run = [heads[first]]
    for head in heads[first + 1:]:
        if head[0] == run[-1][0] + 1:
            run.append(head)
    notice = text[:run[0][1]]
    if len(run) < 2 or not any(p.search(notice) for p in vocab.issuing_several):
        return []
    ends = [start for _, start, _ in run[1:]] + [len(text)]
    return [(label, start, end) for (_, start, label), end in zip(run, ends, strict=True)]


_FIELD_OPENING = re.compile(r"[^:：。,，]{2,16}[:：]\s*\S")  # a field's label, its colon and a value


def _drop_numbered_field_line(lines: list[_Line], labels: list[Label | None]) -> None:
    """Take the label off the text's first line when it holds a page's header fields
    (1. 索引号: …  主题分类: 科技): the number a listing page puts before a record, no provision."""
    label = labels[0] if labels else None
    rest = lines[0].text[label.end:].strip() if label is not None else ""
    if _FIELD_OPENING.match(rest) and read_header_fields(rest).holds(0):
        labels[0] = None


def _drop_breadcrumbs(lines: list[_Line], labels: list[Label | None], vocab: StructureVocab) -> None:
    """Take the label off a numbered line that is a page's navigation path (1. 首页 > 产品中心)."""
    for i, label in enumerate(labels):
        if label is not None and vocab.breadcrumb.match(lines[i].text[label.end:]):
            labels[i] = None


def _drop_contents(lines: list[_Line], labels: list[Label | None], vocab: StructureVocab) -> None:
    """Take the labels off the entries of a table of contents (目录⏎第一章 总则⏎第二章 …):
    the short labelled lines after the 目录 line, up to the first label seen twice. A label
    is seen twice only under the same entry above it: the sections of a second chapter
    (第二章⏎第一节) number again from one, as (一) does under 二、."""
    paged = _paged_entries(lines, labels, vocab)
    at = next((i for i, line in enumerate(lines) if vocab.contents.match(line.text)), None)
    if at is None and paged:
        _drop_entries(lines, labels, paged[0], vocab, paged=True)
    for i in paged:
        labels[i] = None
    _drop_bare_chapter_list(lines, labels, vocab)
    if at is not None:
        _drop_entries(lines, labels, at + 1, vocab, paged=False)


def _drop_entries(lines: list[_Line], labels: list[Label | None], start: int, vocab: StructureVocab,
                  paged: bool) -> None:
    """Take the labels off the contents entries from ``lines[start]`` on: short labelled lines
    up to the first label seen twice (the body's first heading again) or a line that is no
    entry. An unlabelled line ending in a page number is one of the entries too: in a list
    after 目录 (前 言……3) and in one found by its page numbers (``paged``), which may also run
    a page number into a heading (1科技创新环境- 4 -, 3.甲能力提升2)."""
    seen: set[tuple[str, int]] = set()
    depth: list[str] = []  # the entries' styles, outermost first
    for i in range(start, len(lines)):
        label, line = labels[i], lines[i].text
        # (a list found by its numbers opens with a labelled line)
        if label is None and (i > start or not paged) and "。" not in line \
                and len(line) <= vocab.heading_line_max_chars + 8 and vocab.contents_entry.search(line):
            continue
        if label is None or (label.style, label.number) in seen \
                or len(line) - label.end > vocab.heading_line_max_chars or "。" in line:
            return
        if label.style not in depth:
            depth.append(label.style)
        inner = set(depth[depth.index(label.style) + 1:])
        seen = {key for key in seen if key[0] not in inner}
        seen.add((label.style, label.number))
        labels[i] = None


def _drop_document_lists(lines: list[_Line], labels: list[Label | None], vocab: StructureVocab) -> None:
    """Take the labels off a page's list of the documents it collected (1、甲办法⏎2、乙指引⏎…):
    a run of labelled lines, one after another with no text between them, numbered on, none
    holding a sentence mark, most of them (at least two) naming a document. They are no
    provisions, and the policy's own title may stand below them."""
    i = 0
    while i < len(lines):
        first = labels[i]
        if first is None or first.number != 1:
            i += 1
            continue
        named: list[bool] = []  # for each entry of the run: whether it names a document
        j = i
        while j < len(lines) and (label := labels[j]) is not None and label.style == first.style \
                and label.number == j - i + 1 and (entry := _listed_title(lines[j].text[label.end:], vocab)) is not None:
            named.append(entry)
            j += 1
        if len(named) >= 2 and sum(named) >= 2 and 2 * sum(named) > len(named):
            for k in range(i, j):
                labels[k] = None
        i = max(j, i + 1)


def _drop_attachment_lists(lines: list[_Line], labels: list[Label | None], vocab: StructureVocab) -> None:
    """Take the labels off the entries of a list of attachments whose first entry shares the
    附件 line (附件:1.甲办法⏎2.乙办法⏎3.丙办法): the lines after it numbered on in the
    same style, none a sentence. Before the first provision such a list would otherwise open
    the body; it names documents, it provides nothing."""
    for i, line in enumerate(lines):
        m = vocab.attachment.match(line.text)
        if labels[i] is not None or not m:
            continue
        if not line.text[m.end():].strip():
            _drop_listed_attachments(lines, labels, i + 1, vocab)
            continue
        first = parse_label(line.text[m.end():].lstrip())
        if first is None or first.number != 1:
            continue
        j = i + 1
        while j < len(lines) and (label := labels[j]) is not None and label.style == first.style \
                and label.number == j - i + 1 and _listed_title(lines[j].text[label.end:], vocab) is not None:
            labels[j] = None
            j += 1


def _drop_listed_attachments(lines: list[_Line], labels: list[Label | None], start: int,
                             vocab: StructureVocab) -> None:
    """Take the labels off a list of attachments under a bare 附件: line (附件:⏎1.甲说明.docx⏎2.乙办
    法): lines numbered on from 1, none a sentence, one at least naming a document or a file
    (the last may be cut off)."""
    first = labels[start] if start < len(lines) else None
    if first is None or first.number != 1:
        return
    named: list[bool] = []
    j = start
    while j < len(lines) and (label := labels[j]) is not None and label.style == first.style \
            and label.number == j - start + 1 and (entry := _listed_title(lines[j].text[label.end:], vocab)) is not None:
        named.append(entry)
        j += 1
    if any(named):
        for k in range(start, j):
            labels[k] = None


def _listed_title(rest: str, vocab: StructureVocab) -> bool | None:
    """Of a labelled line's text: True when it names a document (甲办法), False when it could
    be one cut off (乙工作指), None when it is no list entry (a sentence, a long line)."""
    rest = rest.strip()
    if not rest or len(rest) > vocab.title_max_chars or SENTENCE_PUNCT.search(rest):
        return None
    if _FILE_NAME.search(rest):
        return True  # 申请表.doc: an attached file is a document
    return _is_title_like(rest, vocab)


_BARE_CONTENTS_MIN = 3  # the fewest chapters a contents list printed without 目录 names


def _drop_bare_chapter_list(lines: list[_Line], labels: list[Label | None], vocab: StructureVocab) -> None:
    """Take the labels off a contents list printed without a 目录 line: at least
    ``_BARE_CONTENTS_MIN`` short chapter lines one after another (第一章 总则⏎第二章 …⏎第七章 附则),
    numbered on from 第一章 with nothing between them, and right after them 第一章 again, where
    the body starts."""
    i = 0
    while i < len(labels):
        first = labels[i]
        if first is None or first.style != "chapter" or first.number != 1:
            i += 1
            continue
        j = i
        while j < len(labels) and (label := labels[j]) is not None and label.style == "chapter" \
                and label.number == j - i + 1 and len(lines[j].text) - label.end <= vocab.heading_line_max_chars \
                and not SENTENCE_PUNCT.search(lines[j].text):
            j += 1
        again = labels[j] if j < len(labels) else None
        if j - i >= _BARE_CONTENTS_MIN and again is not None and again.style == "chapter" and again.number == 1:
            for k in range(i, j):
                labels[k] = None
        i = max(j, i + 1)


def _paged_entries(lines: list[_Line], labels: list[Label | None], vocab: StructureVocab) -> list[int]:
    """The contents entries printed without a 目录 line: labelled lines that end in a page
    number (第一节 发展基础 - 4 -, 第二章 总则……12), when at least two do (none otherwise)."""
    paged = [i for i, label in enumerate(labels)
             if label is not None and "。" not in lines[i].text
             and vocab.contents_entry.search(lines[i].text[label.end:])]
    return paged if len(paged) >= 2 else []


NEWS_OUTLET_CHARS = 600  # how far from the top a news page's time or source line stands


def prose_lead_ins(root: Node, text: str, vocab: StructureVocab | None = None) -> list[Node]:
    """The paragraphs of prose a numbered heading states before its first numbered child
    (一、加快推动产业数字化⏎大力推进…。⏎(一)…): the heading's own provision, beside its items.
    Only headings of ``lead_in_clause_styles`` (not a chapter or an article, whose lead-in is
    the chapter's preface or the article's own clause), only paragraphs of at least
    ``lead_in_clause_min_chars`` that are sentences, and none that announces the items
    (``lead_in_announcing_pattern``: 主要任务如下:, 具体措施是:)."""
    vocab = vocab or load_vocab()
    found: list[Node] = []
    if not vocab.lead_in_clause_styles:
        return found
    for node in root.walk():
        if node.is_clause or node.kind not in NUMBERED_KINDS or not node.label \
                or _label_style(node.label) not in vocab.lead_in_clause_styles:
            continue
        first = next((i for i, c in enumerate(node.children) if c.kind in NUMBERED_KINDS), None)
        if first is None:
            continue
        lead = node.children[:first]
        if any(c.is_clause or c.kind != "paragraph" for c in lead):
            continue
        prose = [c for c in lead if _lead_in_prose(text[c.start:c.end].strip(), vocab)]
        if prose and not vocab.lead_in_announcing.search(text[lead[-1].start:lead[-1].end].strip()):
            found += prose
    return found


def _lead_in_prose(line: str, vocab: StructureVocab) -> bool:
    """Whether a heading's lead-in line is prose of its own: long enough, with a sentence's
    punctuation, not announcing what follows."""
    return len(line) >= vocab.lead_in_clause_min_chars and bool(SENTENCE_PUNCT.search(line)) \
        and not vocab.lead_in_announcing.search(line)


def opens_with_a_salutation(text: str, vocab: StructureVocab | None = None) -> bool:
    """Whether the text's first line addresses the bodies it is sent to (各乡镇人民政府,县政府
    各部门:): a notice whose heading was lost, an official document though untitled."""
    vocab = vocab or load_vocab()
    first = next((line for line in text[:400].split("\n") if line.strip()), "")
    return vocab.salutation.match(first) is not None


def commends(title: str | None, vocab: StructureVocab | None = None) -> bool:
    """Whether a title is a commendation's (``commendation_title_pattern``: 关于表彰…的决定,
    甲区对…予以奖励的通知): it names winners and what each got, it grants nothing to others."""
    return bool(title) and bool((vocab or load_vocab()).commendation_title.search(title or ""))


def reports_on_a_measure(text: str, titles: Sequence[str], vocab: StructureVocab | None = None) -> bool:
    """Whether a page reports on a measure rather than stating one: a news item
    (``news_item_pattern``: 本报讯, (记者…), 责任编辑:; ``news_outlet_pattern``: a time or
    source line near the top crediting a news outlet, 来源: 甲新闻网) or a page titled by a question
    (``question_title_pattern``: …有哪些新标准, …?) or whose first line asks a question and goes on
    (``question_headline_pattern``: 甲认定有什么好处?申请的意义) or whose story opens near the top on
    a news lead (``news_lead_pattern``: 11月29日从甲会上获悉, 甲市5月3日电(乙某), 近日,甲厅公布了…名单).
    Its unnumbered lines are no provisions."""
    vocab = vocab or load_vocab()
    return search_any(vocab.news_item_parts or (vocab.news_item,), text) or any(vocab.question_title.search(t) for t in titles) \
        or bool(vocab.news_outlet.search(text, 0, NEWS_OUTLET_CHARS)) or _question_headline(text, vocab) \
        or bool(vocab.news_lead.search(text, 0, NEWS_OUTLET_CHARS))


def _question_headline(text: str, vocab: StructureVocab) -> bool:
    """Whether the first line of ``text`` asks a question (甲认定有什么好处?乙的意义及作用): the
    headline of an article answering it."""
    first = text.lstrip().split("\n", 1)[0]
    return bool(first) and vocab.question_headline.search(first) is not None


def _unnumbered_clauses(front: list[Node], text: str, vocab: StructureVocab) -> None:
    """In a titled text without numbered lines, make a clause of every preamble paragraph that
    is a sentence and neither a closing paragraph nor a notice's lead-in or salutation (an
    untitled text stays without clauses: prose that is no policy is still refused). A news item
    (``news_item_pattern``) or a page titled by a question (``question_title_pattern``) reports
    a measure and has none of its own. A notice
    (``notice_title_pattern``: 关于公布…名单的通知) or a commendation (``commendation_title_pattern``:
    关于表彰…的决定) is no provision list: its paragraphs stay text."""
    if any(node.kind == "title" and (vocab.notice_title.search(node.heading or "")
                                     or vocab.commendation_title.search(node.heading or "")) for node in front):
        return
    # a news item (本报讯, 记者…) or a question used as heading reports a measure: no provisions
    if reports_on_a_measure(text, [node.heading or "" for node in front if node.kind == "title"], vocab):
        return
    if _retells_a_measure(text, vocab):
        return
    for node in front:
        if node.kind != "preamble":
            continue
        kept: list[Node] = []
        last: Node | None = None  # the clause that field lines below it still belong to
        in_field = False
        for paragraph in node.children or [node]:
            line = text[paragraph.start:paragraph.end]
            if last is not None and "。" not in line and (in_field or line.endswith((":", "："))):
                # 牵头部门:⏎市科技局⏎配合部门:⏎市财政局 under a provision: its fields
                last.end = paragraph.end
                in_field = True
                continue
            in_field = False
            last = None
            if _sentence_paragraph(line) and not _is_closing(line, vocab) \
                    and not any(p.search(line) for p in vocab.unnumbered_not_clause):
                paragraph.is_clause = True
                last = paragraph
            kept.append(paragraph)
        if node.children:
            node.children = kept


def _retells_a_measure(text: str, vocab: StructureVocab) -> bool:
    """Whether a text without numbered lines opens by telling when a body issued a measure
    (``report_lead_pattern``: 7月9日,甲省乙厅网站发布《…》): a report on that measure, whose
    paragraphs retell it (方案提出,…) and are no provisions of its own."""
    return vocab.report_lead.search(text, 0, NEWS_OUTLET_CHARS) is not None


def _sentence_paragraph(line: str) -> bool:
    """A paragraph that is a provision: it ends a sentence, or a sentence and then a field
    of its own (…。(牵头单位:市科技局), …。【牵头单位】市科技局)."""
    if line.endswith(("。", ";", "；")):
        return True
    stop = line.rfind("。")
    return stop != -1 and line[stop + 1:].lstrip().startswith(("(", "（", "【", "["))


def _continued(labels: list[Label | None], lines: list[_Line] | None = None) -> list[bool]:
    """For every label, whether the next label of its style carries on its sequence: numbered
    next, or numbered later on a line cut after an item's closing bracket (an excerpt's list)."""
    out = [False] * len(labels)
    next_number: dict[str, tuple[int, bool]] = {}
    for i in range(len(labels) - 1, -1, -1):
        label = labels[i]
        if label:
            number, skips = next_number.get(label.style, (-1, False))
            out[i] = number == label.number + 1 or (skips and number > label.number)
            next_number[label.style] = (label.number, bool(lines and lines[i].after_bracket))
    return out


def _body_start(labels: list[Label | None], continued: list[bool], lines: list[_Line] | None = None,
                vocab: StructureVocab | None = None) -> int:
    """Where the numbered body starts: the first label numbered 1, one that a sibling
    carries on (三、 followed by 四、 in an excerpt) or a task table's first row, unless the
    text opens on a plain label;
    failing both, the first plain label,
    or an excerpt's very first line when it is one provision quoted alone with its
    number (7.加快研发中心建设。对…给予补助。): a label, a heading sentence, more text."""
    if labels and labels[0] is not None and labels[0].style in _PLAIN_STYLES:
        return 0  # an excerpt that opens on a plain label (第七节 …, 三、…) opens inside the body
    for i, label in enumerate(labels):
        # a task table's row opens the body whatever its number: its header said so (an
        # excerpt of a progress table may list rows 89, 143 and 149 only)
        if label and (label.number == 1 or continued[i] or label.style == "row"):
            return _left_over(labels, i)
    plain = next((i for i, label in enumerate(labels) if label and label.style in _PLAIN_STYLES), len(labels))
    first = labels[0] if labels else None
    if plain and first is not None and lines and vocab is not None:
        heading, heading_only = _heading(lines[0].text[first.end:], vocab, label_line=False)
        if heading and not heading_only:
            return 0
    return plain


def _left_over(labels: list[Label | None], start: int) -> int:
    """``start``, or an earlier label that a plain label of a higher rank follows before it: an
    excerpt opening on the last item of a part ((六)… then 三、 then (一); 3.… then 四、 then 1.)
    holds that item."""
    first = next((k for k, label in enumerate(labels[:start]) if label is not None), None)
    if first is None:
        return start
    opening = cast(Label, labels[first])
    rank = _DEFAULT_RANK[opening.style]
    if opening.number > 1 and any(
            (label := labels[k]) is not None and label.style in _PLAIN_STYLES and _DEFAULT_RANK[label.style] < rank
            for k in range(first + 1, start + 1)):
        return first
    return start


_INLINE_ROUNDS = 3  # articles run together, their items, the items' sub-items
_LABEL_WINDOW = 48  # enough of a line to read a label and what follows it


def _split_inline_items(lines: list[_Line], vocab: StructureVocab, run_together: bool = False) -> list[_Line]:
    """Lines with a list run into them, (1)…;(2)…;, cut into one line per item.

    A list counts when its labels share a style and number on from 1 (or from the
    line's own label of that style; articles run together, …。第三条…, from any number)
    for at least ``inline_item_min`` items. An item cut out is looked at again for a list
    of its own, a bounded number of times. ``run_together``: the whole text was one line
    before its articles were cut out of it.
    """
    out: list[_Line] = []
    carry: dict[str, int] = {}  # the lists open at the end of the line above
    digest = len(lines) == 1  # a whole text run into one line: a digest of measures may skip numbers
    for line in lines:
        line = _without_answer_marker(line, vocab)
        pieces = [line]
        carried = carry if line.carries_on else {}
        carry = {}
        for _ in range(_INLINE_ROUNDS):
            split = [_split_line(piece, vocab, carried if piece is line else {}, carry if piece is line else {},
                                 digest, run_together, cut_out=piece is not line)
                     for piece in pieces]
            if all(len(p) == 1 for p in split):
                break
            pieces = [piece for parts in split for piece in parts]
        out.extend(pieces)
    return out


def _without_answer_marker(line: _Line, vocab: StructureVocab) -> _Line:
    """A line opening with an answer's marker right before a label (答:(一)框架解读, a
    question-and-answer page): the line from its label on, the marker dropped."""
    m = vocab.answer_marker.match(line.text)
    if m is None or m.end() >= len(line.text) or parse_label(line.text[m.end():m.end() + _LABEL_WINDOW]) is None:
        return line
    return _Line(line.start + m.end(), line.end, line.text[m.end():], line.carries_on, line.after_bracket)


def _split_line(line: _Line, vocab: StructureVocab, carried: dict[str, int] | None = None,
                left_open: dict[str, int] | None = None, digest: bool = False,
                run_together: bool = False, cut_out: bool = False) -> list[_Line]:
    """One line cut at the labels of the first list run into it (see ``_split_inline_items``).

    A list nested in an item of that list (一、… (一)… (二)… 二、) is cut with it: a label of
    another style numbered 1, of the same or a deeper default rank than the label before it,
    opens it, and its numbers then carry on as the outer list's do. A list's first item may
    be glued to a short heading before it (申报材料一、…, 二、奖励标准1、…: ``run_in`` group).
    ``carried``: the lists left open by the line above when this line is a sharing page's
    chunk carrying it on (their numbers go on here); ``left_open`` receives this line's.
    ``digest``: the line is a whole text run into one line, a digest of a policy's measures
    ((一)落实…,(八)市属…,(十七)…): a label after a comma may skip numbers, as one after a
    bracket of responsible units may. ``run_together``: the text was one line before its
    articles were cut out; a part label after a comma whose short heading ends the line (an
    article was cut after it: …,1.…,二、支持企业发展⏎第六条…) closes the list before it.
    ``cut_out``: the line is an item cut out of a line with a list run into it; a list in it
    enumerating phrases after a colon (5.范围:(1)…;(2)…) is no list of items then.
    """
    hits = list(vocab.inline_item.finditer(line.text))
    excerpted: set[int] = set()  # labels of a digest that may skip numbers (after a comma or a bracket)
    if digest:
        digest_hits = list(vocab.digest_item.finditer(line.text))
        excerpted = {h.start(h.lastindex or 0) for h in digest_hits}
        hits = sorted([*hits, *digest_hits], key=lambda h: h.start(h.lastindex or 0))
    if not hits:
        if left_open is not None and (label := parse_label(line.text)) is not None:
            left_open[label.style] = label.number  # a chunk carrying this line on carries on its list
        return [line]
    own = parse_label(line.text)
    cuts: list[int] = []
    styles: dict[int, str] = {}  # the label style of each cut
    after_bracket: set[int] = set()
    style: str | None = None  # the style of the first list cut
    # the last number cut per open list, outermost first (the line's own label opens the first)
    numbers: dict[str, int] = {own.style: own.number} if own else dict(carried or {})
    previous = own.style if own else next(reversed(numbers), "")  # the style of the last label cut
    if not own and numbers:
        style = next(iter(numbers))
    for hit in hits:
        at = hit.start(hit.lastindex or 0)
        if hit.lastgroup == "run_in":
            if not _after_short_heading(line.text, cuts[-1] if cuts else 0, at, vocab):
                continue  # glued to running text (统一、规范): no heading before it
        label = parse_label(line.text[at:at + _LABEL_WINDOW])  # a window: no copy of the line per hit
        if label is None:
            continue
        # a copy whose line breaks became spaces: after a space, an item under the short heading of
        # a section of another style ((二)实施乙行动 4.…, its list numbered on through the sections)
        headed = hit.lastgroup == "spaced" and _under_section_heading(line.text, cuts[-1] if cuts else 0, at,
                                                                       label, vocab)
        if hit.lastgroup == "spaced" and not headed:
            continue
        # an item closed by its bracket of responsible units ((责任单位:…)14.…): an excerpt of a
        # numbered list, whose next item may carry any later number
        closed = vocab.item_closing_bracket.search(line.text, max(0, at - _BRACKET_WINDOW), at) is not None or (
            digest and line.text[:at].rstrip().endswith((",", "，"))) or at in excerpted
        if label.style in numbers:
            restart = label.number == 1 and label.style == style and line.text[:at].rstrip().endswith((":", "："))
            skipped = closed and label.number > numbers[label.style]
            if label.number != numbers[label.style] + 1 and not restart and not skipped:
                continue
            open_styles = list(numbers)
            for nested in open_styles[open_styles.index(label.style) + 1:]:
                del numbers[nested]  # back to an outer list: the lists inside its last item are closed
        elif run_together and _part_over_article(line.text, at, label, vocab):
            pass  # …,二、支持企业发展 over an article cut after it: the list before it closes
        elif digest and closed and previous and _DEFAULT_RANK[label.style] < _DEFAULT_RANK[previous] \
                and _heads_a_first_item(line.text, at + label.end, previous, vocab):
            # …(三)…,二、工作要求(一)…: an excerpt that opened inside a part reaches the next one
            numbers = {s: n for s, n in numbers.items() if _DEFAULT_RANK[s] < _DEFAULT_RANK[label.style]}
        elif (label.number != 1 and not closed and not headed) or (previous and _DEFAULT_RANK[label.style] < _DEFAULT_RANK[previous]
                                                    and not _nests_in_order(label.style, previous)):
            continue
        style = style or label.style
        numbers[label.style] = label.number
        previous = label.style
        cuts.append(at)
        styles[at] = label.style
        if closed:
            after_bracket.add(at)
    if style is not None and not own:
        cuts = _without_enumerated_phrases(line.text, cuts, styles, style)
    elif own is not None and cut_out:
        cuts = _without_enumerated_phrases(line.text, cuts, styles, own.style)
    if after_bracket:
        for part, measure in _glued_parts(line.text, vocab, digest):
            cuts += [part, measure]
            after_bracket.add(measure)
        cuts = sorted(set(cuts))
    items = len(cuts) + (1 if own and own.style == style else 0) + (1 if carried and not own else 0)
    if items < vocab.inline_item_min and not (len(hits) == 1 and cuts and not own
                                              and _opens_a_list(line.text, cuts[0], vocab)):
        outline = None if own or carried else _outline_digest(line.text, hits, vocab)
        if outline is None:
            return [line]
        cuts, after_bracket = outline
    if left_open is not None:
        left_open.update(numbers)
    out = []
    bounds = [0, *cuts, len(line.text)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = line.text[a:b].rstrip(_STRIP_CHARS)
        if piece:
            out.append(_Line(line.start + a, line.start + a + len(piece), piece, after_bracket=a in after_bracket))
    return out


def _after_short_heading(text: str, since: int, at: int, vocab: StructureVocab) -> bool:
    """Whether ``text[since:at]`` (from the line's start or the last cut to a label) is a short
    heading: at most ``heading_line_max_chars``, no sentence punctuation."""
    part = text[since:at]
    return len(part) <= vocab.heading_line_max_chars and not SENTENCE_PUNCT.search(part)


def _under_section_heading(text: str, since: int, at: int, label: Label, vocab: StructureVocab) -> bool:
    """Whether ``text[since:at]`` is a section's label of a shallower style than ``label`` and its
    short heading ((二)实施种业振兴行动 before 4.), not an item of ``label``'s own list (1.汇总表 2.…)."""
    if not _after_short_heading(text, since, at, vocab):
        return False
    section = parse_label(text[since:since + _LABEL_WINDOW])
    return section is not None and _DEFAULT_RANK[section.style] < _DEFAULT_RANK[label.style]


_PHRASE_END = re.compile(r"[;；]\s*$")


def _without_enumerated_phrases(text: str, cuts: list[int], styles: dict[int, str], style: str) -> list[int]:
    """``cuts`` without those of a list nested in an item of the list run into a line when the
    nested list enumerates phrases inside the item's sentence (…5.主要业务范围:(1)对…;(2)技术转让;
    (3)…。): it opens after a colon, each of its items but the last ends on a semicolon and no full
    stop stands inside any (the last may close the sentence). Such (1)…(n) belong to their item; nested items that are sentences stay cut."""
    bounds = [*cuts, len(text)]
    dropped: set[int] = set()
    run: list[int] = []  # the indices in ``cuts`` of the nested labels since the last outer one
    for i in range(len(cuts) + 1):
        if i < len(cuts) and styles[cuts[i]] != style:
            run.append(i)
            continue
        if run and text[:cuts[run[0]]].rstrip().endswith((":", "：")):
            pieces = [text[cuts[j]:bounds[j + 1]] for j in run]
            if len(pieces) >= 2 and not any("。" in p.rstrip().removesuffix("。") for p in pieces) \
                    and all(_PHRASE_END.search(p) for p in pieces[:-1]):
                dropped.update(cuts[j] for j in run)
        run = []
    return [at for at in cuts if at not in dropped]


_PART_LABEL = re.compile(r"[一二三四五六七八九十]{1,3}、")


def _heads_a_first_item(text: str, at: int, inner: str, vocab: StructureVocab) -> bool:
    """Whether the text from ``at`` is a short heading (no sentence mark, at most
    ``heading_line_max_chars``) glued to the first item of a list of style ``inner``
    (工作要求(一)…): the part label before it opens a part over that list."""
    heading = text[at:at + vocab.heading_line_max_chars + 2]
    for m in _FIRST_ITEM.finditer(heading):
        label = parse_label(text[at + m.start():at + m.start() + _LABEL_WINDOW])
        if label is not None and label.style == inner and label.number == 1:
            before = heading[:m.start()].strip()
            return len(before) >= 2 and not SENTENCE_PUNCT.search(before)
    return False


_FIRST_ITEM = re.compile(r"[(（]\s*[一1]\s*[)）]|(?<![\d.])1[.、]")


def _part_over_article(text: str, at: int, label: Label, vocab: StructureVocab) -> bool:
    """Whether the part label at ``at`` follows a comma and its short heading ends the line
    (…,二、支持企业发展 with its article cut off after it)."""
    heading = text[at + label.end:]
    return label.style == "cn_dun" and _after_comma(text, at) and _short_heading(heading, vocab) \
        and len(heading.strip()) >= 2


def _glued_parts(text: str, vocab: StructureVocab, digest: bool = False) -> list[tuple[int, int]]:
    """In a digest whose measures close with their brackets of responsible units, the parts
    kept between them, each heading glued to the measure after it ((责任单位:…)六、支持企业
    发展壮大48.对…): (part label offset, measure label offset) for each. In a whole text run
    into one line (``digest``) a part after a comma is one too (…奖励,二、稳住市场主体3.落实…)."""
    out = []
    for m in _PART_LABEL.finditer(text):
        at = m.start()
        after_comma = digest and text[:at].rstrip().endswith((",", "，"))
        if not after_comma and vocab.item_closing_bracket.search(text, max(0, at - _BRACKET_WINDOW), at) is None:
            continue
        label = parse_label(text[at:at + _LABEL_WINDOW])
        glued = _glued_measure(text, at, vocab) if label is not None and label.style == "cn_dun" else None
        if glued is not None:
            out.append((at, glued[0]))
    return out


def _glued_measure(text: str, at: int, vocab: StructureVocab) -> tuple[int, int] | None:
    """The measure label (offset, number) a part's short heading from ``at`` is glued to
    (二、稳住市场主体3.落实…), or None when the heading is a sentence or runs on."""
    glued = vocab.glued_item.search(text, at, at + vocab.heading_line_max_chars + 4)
    if glued is None or SENTENCE_PUNCT.search(text, at, glued.start()):
        return None
    return glued.start(), int(glued.group(1))


def _outline_digest(text: str, hits: list[re.Match[str]], vocab: StructureVocab) -> tuple[list[int], set[int]] | None:
    """The cuts of a digest of a policy's outline run into one line, its parts' headings kept
    and most measures left out (…,二、稳住市场主体3.落实…,三、培育产业集群6.支持…,7.对…): the
    parts (一、) number on by one, each heading glued to the measure after it, and the measures
    (1.) number upwards across the parts, skipping those the digest leaves out. Returns the
    cuts and the measures' cuts (which may skip numbers), or None when the line is no such
    digest: running text keeps its numbers."""
    labelled: list[tuple[str | None, int, Label | None]] = []  # each hit read once: (group, offset, label)
    for hit in hits:
        at = hit.start(hit.lastindex or 0)
        labelled.append((hit.lastgroup, at, parse_label(text[at:at + _LABEL_WINDOW])))
    parts = [(at, label.number) for group, at, label in labelled  # (offset, number) of the part labels
             if label is not None and label.style == "cn_dun" and group != "run_in"]
    if len(parts) < 2 or any(b[1] != a[1] + 1 for a, b in zip(parts, parts[1:], strict=False)):
        return None
    measures: list[tuple[int, int]] = []
    for at, _number in parts:
        glued = _glued_measure(text, at, vocab)
        if glued is None:
            return None  # a part whose heading is no short name glued to a measure
        measures.append(glued)
    measures += [(at, label.number) for _group, at, label in labelled
                 if label is not None and label.style == "ar_dot" and at > parts[0][0]]
    measures.sort()
    if any(b[1] <= a[1] for a, b in zip(measures, measures[1:], strict=False)):
        return None
    return sorted({at for at, _ in parts} | {at for at, _ in measures}), {at for at, _ in measures}


# the order official documents nest their lists in: 一、 (一) 1. (1)
_NESTING_ORDER = ("cn_dun", "cn_paren", "ar_dot", "ar_paren")


def _nests_in_order(style: str, outer: str) -> bool:
    """Whether a list of ``style`` nests inside one of ``outer`` in the official order
    ((1) inside 1., though (1) alone may also number sections)."""
    return style in _NESTING_ORDER and outer in _NESTING_ORDER \
        and _NESTING_ORDER.index(style) > _NESTING_ORDER.index(outer)


def _opens_a_list(text: str, at: int, vocab: StructureVocab) -> bool:
    """Whether the label at ``at`` opens the numbered body after a preamble run into its line
    (…特制定本方案。(一)指导思想。以…): a plain first label after a full stop, with a heading
    sentence and more text after it, and no other label in the line. The excerpt may end
    before its second item. A bare heading ending the line opens it only after a run of
    spaces (…制定本计划。    一、目标要求: a line break a copy turned into spaces)."""
    label = parse_label(text[at:at + _LABEL_WINDOW])
    if label is None or label.number != 1 or label.style not in ("cn_paren", "cn_dun") \
            or not text[:at].rstrip().endswith("。"):
        return False
    rest = text[at + label.end:].strip()
    if _LOST_BREAK.search(text, 0, at) and 2 <= len(rest) <= vocab.heading_line_max_chars \
            and not SENTENCE_PUNCT.search(rest):
        return True  # …制定本计划。    一、目标要求 ending the line: a line break a copy turned into spaces
    heading, heading_only = _heading(text[at + label.end:], vocab, label_line=False)
    return heading is not None and not heading_only


_LOST_BREAK = re.compile(r"。[ \t\u3000\u00a0]{2,}\Z")  # a full stop, then the spaces a lost line break left
_BRACKET_WINDOW = 120  # how far before a label its item's closing bracket may open
_EXCERPT_GAP = 10_000  # an item after a closing bracket may skip any numbers (see _Line.after_bracket)

_TAIL_END = re.compile(r"[。,，;；:：!！?？、\s(（]")  # where the broken sentence's first words end


def _split_articles(lines: list[_Line], vocab: StructureVocab) -> list[_Line]:
    """Lines with articles (第X条) run into them cut into one line per article, and a chapter
    heading run in before its first article (…。第二章 管理职责第六条…) into a line of its own.

    A 第X条 inside a line is an article's label when it stands at a sentence boundary
    (``article_boundary_pattern``: after 。 , 、 : a space …) or right after a chapter heading
    (第一章 总 则第一条), is not a reference (``article_reference_after_pattern``: 第十条规定,
    第三条、第四条), and carries on the document's articles: the next number (a gap of
    ``max_number_gap`` after a sentence end), or, before any article, 第一条 or a number the
    same line carries on. A chapter is cut when it carries on the chapters and an article
    follows its short heading, after a sentence boundary or where the chapters start again at
    第一章 after a contents list run into the same line (目录第一章总则…第九章附则第一章总则第一条…).
    """
    out: list[_Line] = []
    last: dict[str, int] = {}  # the last article and chapter number of the document
    digest = len(lines) == 1  # a whole text run into one line: a digest of articles may skip numbers
    for line in lines:
        text = line.text
        own = parse_label(text)
        if own and own.style in ("article", "chapter"):
            last[own.style] = own.number
        if "第" not in text or ("条" not in text and "章" not in text):
            out.append(line)
            continue
        skipped: set[int] = set()  # articles of a digest cut past a gap in the numbers
        cuts = _article_cuts(text, last, vocab, digest, skipped)
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = text[a:b].rstrip(_STRIP_CHARS)
            lead = len(piece) - len(piece.lstrip(_STRIP_CHARS))
            piece = piece[lead:]
            if piece:
                out.append(_Line(line.start + a + lead, line.start + a + lead + len(piece), piece,
                                 line.carries_on and a == 0, after_bracket=a in skipped))
    return out


def _article_cuts(text: str, last: dict[str, int], vocab: StructureVocab, digest: bool = False,
                  skipped: set[int] | None = None) -> list[int]:
    """Where the articles and chapter headings run into ``text`` start (see ``_split_articles``);
    ``last`` (the document's last article and chapter numbers) is carried on. ``digest``: the
    text is a whole document run into one line, a digest of articles that leaves some out
    (第二条…,,第六条…,第十五条…): an article after a comma may skip any numbers upwards, and
    ``skipped`` receives where such an article was cut past a gap."""
    found: list[tuple[int, Label, bool]] = []  # (offset, label, after a sentence boundary)
    for m in vocab.inline_article.finditer(text):
        at = m.start()
        if at == 0:
            continue
        label = parse_label(text[at:at + _LABEL_WINDOW])
        if label is None or label.style not in ("article", "chapter"):
            continue
        if label.style == "article" and vocab.article_reference_after.match(text, at + len(m.group())):
            continue
        found.append((at, label, bool(vocab.article_boundary.search(text, max(0, at - 2), at))))
    own = parse_label(text)
    heading_from = own.end if own and own.style == "chapter" else None  # where a chapter's heading starts
    # a table of articles flattened into the line (…序号条款工作内容责任单位第一条…1…区科技局第二条…):
    # its articles follow its header and its rows' last cells, numbered on one by one
    table = vocab.flat_table_header.search(text)
    table_from = table.end() if table is not None else len(text)
    cuts: list[int] = []
    for k, (at, label, boundary) in enumerate(found):
        if label.style == "chapter":
            nxt = found[k + 1] if k + 1 < len(found) else None
            # …目录第一章总则第二章…第九章附则第一章总则第一条…: a contents list run in before the
            # body, whose chapters start again at 第一章 where the body starts
            restarted = label.number == 1 and any(b[1].style == "chapter" and b[1].number > 1 for b in found[:k])
            if (boundary or restarted) and nxt and nxt[1].style == "article" \
                    and label.number == last.get("chapter", 0) + 1 \
                    and _short_heading(text[at + label.end:nxt[0]], vocab):
                cuts.append(at)
                last["chapter"] = label.number
                heading_from = at + label.end
            continue
        after_heading = heading_from is not None and _short_heading(text[heading_from:at], vocab)
        heading_from = None
        # …奖励,二、支持企业发展第六条对…: a digest's part heading glued to the article after it
        after_part = digest and label.style == "article" and _after_part_heading(text, at, vocab)
        after_heading = after_heading or after_part
        # 甲市科技奖励办法第一条为…。第二条…: a title run into its first article
        after_title = label.number == 1 and "article" not in last and text[:at].rstrip().endswith(vocab.title_endings) \
            and any(b[1].style == "article" and b[1].number == 2 and b[2] for b in found[k + 1:])
        in_table = at >= table_from and label.style == "article" \
            and label.number == last.get("article", 0) + 1
        if not (boundary or after_heading or after_title or in_table):
            continue
        previous = last.get("article")
        if previous is None:
            carried = any(b[1].style == "article" and b[1].number == label.number + 1 for b in found[k + 1:])
            if not carried and digest and _after_comma(text, at):
                # …已经区人民政府同意,第三条…,第十条…: a digest of articles that starts past 第一条
                # and skips numbers, each after a comma
                carried = any(b[1].style == "article" and b[1].number > label.number and _after_comma(text, b[0])
                              for b in found[k + 1:])
            if label.number != 1 and not carried and not after_part:
                continue
        elif not previous < label.number <= previous + 1 + (vocab.max_number_gap if boundary else 0):
            if not (digest and previous < label.number and _after_comma(text, at)):
                continue
            if skipped is not None:
                skipped.add(at)
        cuts.append(at)
        last["article"] = label.number
    return cuts


def _after_part_heading(text: str, at: int, vocab: StructureVocab) -> bool:
    """Whether a part label (二、) and its short heading, after a comma or a sentence end,
    come right before ``at`` (…奖励,二、支持企业发展第六条…: a digest kept the part over its article)."""
    before = text[max(0, at - vocab.chapter_heading_max_chars - 6):at]
    m = _PART_HEADING_BEFORE.search(before)
    return m is not None and _short_heading(m.group(1), vocab)


_PART_HEADING_BEFORE = re.compile(r"[,，。;；:：](?:[一二三四五六七八九十]{1,3})、([^,，。;；:：!！?？()（）]{2,})\Z")


def _after_comma(text: str, at: int) -> bool:
    """Whether the label at ``at`` follows a comma (…同意,第三条…)."""
    return text[:at].rstrip().endswith((",", "，"))


def _short_heading(text: str, vocab: StructureVocab) -> bool:
    """A chapter's heading between its label and its first article (总 则, 管理职责)."""
    heading = text.strip(_STRIP_CHARS + "。.,，、:：")
    return len(heading) <= vocab.chapter_heading_max_chars and not SENTENCE_PUNCT.search(heading)


def _drop_chunk_markers(lines: list[_Line], vocab: StructureVocab) -> list[_Line]:
    """Take off the chunk numbers a document-sharing page puts before each piece of a text
    (1、…⏎2、…): a run of lines numbered on (``chunk_marker_pattern``) where every line but
    the first carries on a long line (``chunk_marker_min_line_chars``) that stops mid-sentence,
    with the few characters that end its sentence (``chunk_marker_max_tail_chars``: 用、推广…).
    On a page that says it is a sharing site's (``sharing_page_pattern``: 上传人:, 文档编号:,
    资源描述), the chunk after a broken line may carry on a word of any length (申报义⏎2、乌市级…)."""
    marked = [(i, m) for i, line in enumerate(lines) if (m := vocab.chunk_marker.match(line.text))]
    if len(marked) < 2:
        return lines
    shared = any(vocab.sharing_page.search(line.text) for line in lines[:marked[0][0]])
    run: list[tuple[int, re.Match[str]]] = []
    drop: list[tuple[int, re.Match[str]]] = []
    for i, m in marked:
        number = int(m.group(1))
        previous = lines[i - 1].text if i else ""
        tail = _TAIL_END.split(lines[i].text[m.end():].lstrip(_STRIP_CHARS), maxsplit=1)[0]
        broken = len(previous) >= vocab.chunk_marker_min_line_chars and not previous.endswith(_COMPLETE_END) \
            and not previous.endswith((":", "：", ",", "，", "、"))
        # once two chunks are found, a third needs no short tail: a word the page split
        # (福州⏎3、市…) carries on without a punctuation mark for long
        short_tail = len(tail.strip()) <= vocab.chunk_marker_max_tail_chars or len(run) >= 2 or shared
        if run and number == int(run[-1][1].group(1)) + 1 and broken and short_tail:
            run.append((i, m))
            continue
        if len(run) >= 2:
            drop.extend(run)
        run = [(i, m)] if number == 1 else []
    if len(run) >= 2:
        drop.extend(run)
    if not drop:
        return lines
    markers = dict(drop)
    firsts = {run_first for run_first, m in drop if int(m.group(1)) == 1}
    out = []
    for i, line in enumerate(lines):
        m = markers.get(i)
        if m is None:
            out.append(line)
        elif rest := line.text[m.end():].lstrip(_STRIP_CHARS):
            out.append(_Line(line.end - len(rest), line.end, rest, i not in firsts))
    return out


_FLAT_ROW_NUMBER = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})[ \u3000]+(?=[\u4e00-\u9fff])")
_FIRST_GLUED_ITEM = re.compile(r"(?<=[\u4e00-\u9fff\d\s])1\s*[、.](?![\d.%])")


def _split_flat_rows(lines: list[_Line], vocab: StructureVocab,
                     heads: dict[int, Label] | None = None) -> list[_Line]:
    """Cut the rows of a table a copy flattened into running text after its header
    (``flat_row_header_pattern``: 序号 考核内容 分值 评分标准): each row opens with its number
    alone before a space (一 重视科技工作。 15分 1、…) and the rows number on from 一 over the
    line and the chunks carrying it on. Each row is cut into its heading cells (一 重视科技工作。
    15分) and the items of its last cell from their first label glued to a cell (分1、…), so
    that the items are read as a list of their own in each row. ``heads`` receives, by the
    offset of each row's first line, the row number as a label of the parts' style (一)."""
    out: list[_Line] = []
    expected = 0  # the next row number of an open table, 0 when none is open
    for line in lines:
        header = vocab.flat_row_header.search(line.text)
        if header is None and not (expected and line.carries_on):
            expected = 0
            out.append(line)
            continue
        origin = header.start() if header is not None else 0
        if header is not None:
            expected = 1
        cuts: list[int] = []
        for m in _FLAT_ROW_NUMBER.finditer(line.text, origin + 2 if header is not None else 0):
            if chinese_numeral(m.group(1)) != expected:
                continue
            cuts.append(m.start())
            if heads is not None:
                heads[line.start + m.start()] = Label("cn_dun", expected, m.group(1), m.end() - m.start())
            expected += 1
        if expected <= 2 and header is not None:  # fewer than two rows: no table
            expected = 0
            out.append(line)
            continue
        items = []
        for a, b in zip(cuts, [*cuts[1:], len(line.text)], strict=False):
            glued = _FIRST_GLUED_ITEM.search(line.text, a, b)
            if glued is not None:
                items.append(glued.start())
        # the header parts the rows from the text before it (a caption: the table's title)
        bounds = sorted({0, *cuts, *items, *([header.start()] if header is not None else [])})
        for a, b in zip(bounds, [*bounds[1:], len(line.text)], strict=False):
            piece = line.text[a:b].rstrip(_STRIP_CHARS)
            lead = len(piece) - len(piece.lstrip(_STRIP_CHARS))
            piece = piece.lstrip(_STRIP_CHARS)
            if piece:
                out.append(_Line(line.start + a + lead, line.start + a + lead + len(piece), piece,
                                 line.carries_on and a == 0, line.after_bracket and a == 0))
    return out


def _label_rows(lines: list[_Line], labels: list[Label | None], rows: Sequence[tuple[int, int]]) -> None:
    """Give the first line of every task-table row a ``row`` label and take the labels of
    its other lines (wrapped cells) away. ``rows`` are (start, end) spans in text order."""
    at = 0
    previous_last, previous_number = -2, 0
    for row_start, row_end in sorted(rows):
        while at < len(lines) and lines[at].end <= row_start:
            at += 1
        if at == len(lines) or lines[at].start >= row_end:
            continue
        first = lines[at]
        m = _ROW_NUMBER.match(first.text)
        # a row without its number carries on the row right above it
        number = int(m.group()) if m else (previous_number + 1 if previous_last == at - 1 else 1)
        labels[at] = Label("row", number, str(number), m.end() if m else 0, row_end)
        at += 1
        while at < len(lines) and lines[at].start < row_end:
            labels[at] = None
            at += 1
        previous_last, previous_number = at - 1, number


def _without_label_bullets(lines: list[_Line], vocab: StructureVocab) -> list[_Line]:
    """Lines opening with a bullet mark right before a numbering label (◈ 1.鼓励…, ● (二)…): the
    line from its label on, the mark a page's decoration of the item, not its text."""
    marks = {b for b in vocab.bullets if len(b) == 1 and not b.isalnum()}
    out = []
    for line in lines:
        if line.text[:1] in marks:
            rest = line.text[1:].lstrip(_STRIP_CHARS)
            if rest and parse_label(rest[:_LABEL_WINDOW]) is not None:
                line = _Line(line.end - len(rest), line.end, rest, line.carries_on, line.after_bracket)
        out.append(line)
    return out


def _split_lines(text: str) -> list[_Line]:
    """Non-blank lines with their offsets, surrounding whitespace left out."""
    lines = []
    for m in _LINE.finditer(text):
        line = m.group()
        inner = line.strip(_STRIP_CHARS)
        if inner:
            start = m.start() + len(line) - len(line.lstrip(_STRIP_CHARS))
            lines.append(_Line(start, start + len(inner), inner))
    return lines


def _leaf(kind: str, line: _Line, heading: str | None) -> Node:
    return Node(kind, None, heading, line.start, line.end)


def _span(kind: str, lines: list[_Line], heading: str | None = None, split: bool = True) -> Node:
    """A node over several lines, with one paragraph child per line when there are more than one."""
    node = Node(kind, None, heading, lines[0].start, lines[-1].end)
    if split and len(lines) > 1:
        node.children = [_leaf("paragraph", line, None) for line in lines]
    return node


# ---------------------------------------------------------------- header, title, preamble


def _front_matter(lines: list[_Line], vocab: StructureVocab) -> list[Node]:
    """Header, title and preamble nodes from the lines before the first numbered line."""
    if not lines:
        return []
    # 政策依据:⏎甲县实施方案: the line after a basis label names a cited text, not the page's own
    title_at = next((i for i in range(len(lines) - 1, -1, -1) if _is_title_like(lines[i].text, vocab)
                     and not (i and vocab.basis_label.fullmatch(lines[i - 1].text))), None)
    if title_at is None and _could_be_title(lines[0].text) and not is_page_chrome(lines[0].text):
        title_at = 0  # a first line that names no policy type, unless it is a page's furniture
    if title_at is None:
        return [_span("preamble", lines)]
    first, last = title_at, title_at
    while first > 0 and _continues_title(lines[first - 1].text, lines[first].text, vocab):
        first -= 1
    while last + 1 < len(lines) and _PAREN_LINE.fullmatch(lines[last + 1].text):
        last += 1  # (试行), (2024—2026年) on a line of its own
    title_lines = lines[first:last + 1]
    nodes = []
    if first:
        nodes.append(_span("header", lines[:first]))
    nodes.append(_span("title", title_lines, "".join(line.text for line in title_lines), split=False))
    if last + 1 < len(lines):
        nodes.append(_span("preamble", lines[last + 1:]))
    return nodes


def _is_title_like(text: str, vocab: StructureVocab) -> bool:
    """A line that names a policy: short, no sentence punctuation, ends with a policy type."""
    if not 4 <= len(text) <= vocab.title_max_chars or SENTENCE_PUNCT.search(text):
        return False
    if _DATE_LINE.fullmatch(text) or _DOC_NUMBER_LINE.fullmatch(text):
        return False
    core = _TRAILING_DOC_NUMBER.sub("", text).rstrip("》>〉」”\"' ")
    core = _TRAILING_BRACKET.sub("", core).rstrip()
    return core.endswith(vocab.title_endings)


_LABEL_MAX_CHARS = 4  # 申报条件, 政策法规: a page column's or a form field's name, no text's title


def _names_a_text(title: str, vocab: StructureVocab) -> bool:
    """Whether a title line names a text of its own: it ends with a policy type, or it is
    longer than a page's label (申报条件, 政策法规 head an excerpt or a web column), and it is no
    page's banner (``banner_pattern``: 甲科技开发有限公司)."""
    if vocab.banner.match(title.strip()):
        return False
    return _is_title_like(title, vocab) or len(title) > _LABEL_MAX_CHARS


def _could_be_title(text: str) -> bool:
    """Fallback for a first line that names no policy type: short and not a sentence; a word
    of two or three characters (摘要, 正文) is a page's label, no title."""
    return (4 <= len(text) <= 40 and not SENTENCE_PUNCT.search(text)
            and not _DATE_LINE.fullmatch(text) and not _DOC_NUMBER_LINE.fullmatch(text))


def _continues_title(previous: str, title: str, vocab: StructureVocab) -> bool:
    """Whether ``previous`` is the first half of a title broken over two lines."""
    if len(previous) > 40 or SENTENCE_PUNCT.search(previous) or _DATE_LINE.search(previous):
        return False
    if _DOC_NUMBER_LINE.search(previous) or _is_title_like(previous, vocab):
        return False
    return previous.endswith(vocab.title_joiners) or previous.startswith("关于") or len(title) <= 8


# ---------------------------------------------------------------- numbered body


def _body(lines: list[_Line], labels: list[Label | None], continued: list[bool],
          vocab: StructureVocab, before: _Line | None = None) -> list[Node]:
    """The nodes of the body in text order: numbered nodes, then the closing paragraphs
    (and, after an attachment line, the rows of its task tables among them). ``before`` is
    the unnumbered line right above the body, if any."""
    tops: list[Node] = []
    stack: list[_Open] = []
    opened: list[_Open] = []
    last_number: dict[str, int] = {}
    led: dict[str, int] = {}  # the depth of each style's list opened under a lead-in (资助标准:)
    stepped: str | None = None  # the style of a list kept inside an unmarked step (1登录系统。⏎(1)…)
    for at, (line, label) in enumerate(zip(lines, labels, strict=True)):
        if label is not None and label.style == stepped:
            label = None  # (2) of a list kept inside an unmarked step: text of the step's provision
        elif label is not None:
            stepped = None
        if label is not None and label.number == 1 and stack and _after_unmarked_step(lines, labels, at):
            stepped, label = label.style, None  # 3上传附件。⏎(1)…: the list is the step's, no provision
        if not label and vocab.attachment.match(line.text):
            closing = _close_last(stack, opened, vocab)
            printed = _printed_attachment(lines, labels, at, vocab)
            if printed is not None:  # 附件⏎甲细则⏎一、…: the attachment printed in full is read as a body
                return [*tops, *closing, *_attachment(lines[at:printed], labels[at:printed], last_number, vocab),
                        *_body(lines[printed:], labels[printed:], continued[printed:], vocab, lines[printed - 1])]
            return [*tops, *closing, *_attachment(lines[at:], labels[at:], last_number, vocab)]
        while stack and stack[-1].style == "row" and line.start >= stack[-1].until and label is None:
            stack.pop()  # past the end of a table row: the text is its parent's again
        # an item after a closing bracket, or a task table's row (its header vouches for it),
        # may skip any numbers: an excerpt of a progress table lists rows 89, 143, 149
        gap = _EXCERPT_GAP if line.after_bracket or (label is not None and label.style == "row") else vocab.max_number_gap
        lead_in = label is not None and label.number == 1 and _after_lead_in(lines, labels, at, before, vocab)
        depth = _beside_led_list(stack, led, label) if lead_in and label else None
        if depth is None and label is not None and label.number == 1 and len(stack) > 1 \
                and _after_section_lead(lines, labels, at, before, vocab):
            depth = _innermost_list(stack[:-1], label)
        if depth is None and label is not None and label.number == 1 and stack and _beside_complete_item(stack[-1], label) \
                and _after_section_lead(lines, labels, at, before, vocab):
            depth = len(stack) - 1  # 3.…运营机构。⏎实施目标:⏎1.…: a list of a new section, beside the item
        if depth is None and label is not None and label.number == 1 and stack and labels[at - 1] is not None \
                and _ends_a_list_item(stack[-1], label, vocab):
            depth = len(stack) - 1  # …4.…;⏎5.…给予奖励;⏎1.…: a list whose heading a copy lost, beside it
        if depth is None and label is not None and label.number == 1 and stack and at \
                and labels[at - 1] is None and vocab.named_text_line.fullmatch(lines[at - 1].text):
            depth = 0  # 《甲办法》⏎(一)…: the provisions of the text named above, no part of the last item
        if depth is None:
            depth = _place(stack, last_number, label, gap, continued[at]) if label else None
        if label is not None and depth is None:
            depth = _repeated_label(stack, label, line, vocab)
        if depth is not None and depth >= vocab.max_depth:
            depth = None  # deeper than any policy nests: kept as text of the deepest node
        if label is None and stack and _is_signature(lines, at):
            # a notice's own list (一、…三、) ends at its issuer and date; the document it
            # issues follows with lists of its own that start again at 一、
            tops.extend(_close_last(stack, opened, vocab))
            stack, opened, last_number = [], [], {}
            tops.append(_leaf("closing", line, None))
            continue
        if label is None or depth is None:
            if not stack:
                tops.append(_leaf("closing", line, None))
                continue
            stack[-1].paragraphs.append(line)
            stack[-1].node.children.append(_paragraph(line, vocab))
            continue
        del stack[depth:]
        parent = stack[-1] if stack else None
        item = _open(line, label, parent, vocab)
        (parent.node.children if parent else tops).append(item.node)
        stack.append(item)
        opened.append(item)
        last_number[label.style] = label.number
        if lead_in:
            led[label.style] = depth
    return [*tops, *_close_last(stack, opened, vocab)]


# 1登录系统 but not 10万元…, 3年内…, 2个…: a number followed by a measure word is a quantity
_UNMARKED_STEP = re.compile(r"\d{1,2}(?![万亿千百元年月日个项家人名次倍岁天号条类级届期种批件台套])[\u4e00-\u9fff]")


def _after_unmarked_step(lines: list[_Line], labels: list[Label | None], at: int) -> bool:
    """Whether an unlabelled line numbered without a mark (1登录系统。, 3上传附件。: steps of a
    procedure) comes before line ``at`` since the last labelled line: a list below it is the
    step's, no provision of its own."""
    k = at - 1
    while k >= 0 and labels[k] is None:
        if _UNMARKED_STEP.match(lines[k].text) and not _YEAR.match(lines[k].text):
            return True
        k -= 1
    return False


def _after_lead_in(lines: list[_Line], labels: list[Label | None], at: int, before: _Line | None,
                   vocab: StructureVocab) -> bool:
    """Whether the line above line ``at`` is an unnumbered lead-in naming the list below it
    (``list_lead_in_pattern``: 申报条件:, 资助标准:)."""
    above = lines[at - 1] if at else before
    if above is None or (at and labels[at - 1] is not None):
        return False
    return vocab.list_lead_in.search(above.text) is not None


def _after_section_lead(lines: list[_Line], labels: list[Label | None], at: int, before: _Line | None,
                        vocab: StructureVocab) -> bool:
    """Whether the line above line ``at`` is an unnumbered paragraph opening with the name of
    a new section and a colon (``section_lead_in_pattern``: 扶持政策:…比例如下:)."""
    above = lines[at - 1] if at else before
    if above is None or (at and labels[at - 1] is not None):
        return False
    return vocab.section_lead_in.match(above.text) is not None


def _beside_complete_item(item: _Open, label: Label) -> bool:
    """Whether a list from 1 of ``item``'s style, right below a section's name (实施目标:) that is
    the only line under ``item``, opens beside it: ``item`` is a whole sentence of its own (…。),
    no heading whose text the list below could be."""
    return item.style == label.style and item.complete and not item.heading_only \
        and len(item.paragraphs) == 1 and item.line.rstrip().endswith("。")


def _ends_a_list_item(item: _Open, label: Label, vocab: StructureVocab) -> bool:
    """Whether a list from 1 of ``item``'s style right after ``item``'s line opens beside it:
    ``item`` is a later item of its list (2 on) whose line is a provision ending in ; (…给予
    最高500万元奖励;) or a sentence too long for a heading (…。), no heading of the list below."""
    if item.style != label.style or item.number < 2 or item.paragraphs:
        return False
    line = item.line.rstrip()
    return line.endswith((";", "；")) or line.endswith("。") and len(line) > vocab.heading_max_chars \
        and ("," in line or "，" in line)


def _innermost_list(stack: list[_Open], label: Label) -> int | None:
    """The depth of the innermost open list of the label's style, None when there is none."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].style == label.style:
            return depth
    return None


def _beside_led_list(stack: list[_Open], led: dict[str, int], label: Label) -> int | None:
    """The depth of an open list of the label's style that a lead-in opened (申报条件:⏎1、…2、…):
    a list under a lead-in of its own (资助标准:⏎1、…) opens beside it, not inside its last item."""
    depth = led.get(label.style)
    if depth is None or depth >= len(stack) or stack[depth].style != label.style:
        return None
    return depth


def _repeated_label(stack: list[_Open], label: Label, line: _Line, vocab: StructureVocab) -> int | None:
    """The depth at which a label that repeats an open item's number opens a node beside it:
    a page that repeats a passage repeats its label line word for word (2、… then 2、…
    again), and a list numbered twice by mistake repeats a number on a bare heading of its
    own (二、规上奖励 … 二、研发投入奖励) when the item it repeats is a bare heading with text
    under it. None when the label repeats no open item so."""
    for i, item in enumerate(stack):
        if item.style != label.style or item.number != label.number:
            continue
        if item.line == line.text:
            return i
        rest = line.text[label.end:]
        if item.heading_only and item.paragraphs and not SENTENCE_PUNCT.search(rest) \
                and _heading(rest, vocab, label_line=True)[1]:
            return i
    return None


def _open(line: _Line, label: Label, parent: _Open | None, vocab: StructureVocab) -> _Open:
    """A numbered node for the labelled ``line`` below ``parent``."""
    rank = _DEFAULT_RANK[label.style]
    if parent and rank <= parent.rank:
        rank = min(parent.rank + 1, len(KINDS_BY_RANK) - 1)
    rest = line.text[label.end:]
    if label.style == "row":
        first_cell = next((c.strip() for c in _CELL_SPLIT.split(rest) if c.strip()), "")
        heading = first_cell if 0 < len(first_cell) <= vocab.table_row_heading_chars else None
        heading_only = False
    else:
        heading, heading_only = _heading(rest, vocab, label_line=True)
    node = Node(KINDS_BY_RANK[rank], label.text, heading, line.start, line.end)
    return _Open(node, label.style, label.number, rank, heading_only, rest.endswith(_COMPLETE_END), until=label.until,
                 line=line.text)


_BARE_ATTACHMENT = re.compile(r"附\s*件\s*\d{0,2}\s*[:：]?")


def _printed_attachment(lines: list[_Line], labels: list[Label | None], at: int,
                        vocab: StructureVocab) -> int | None:
    """Where the body of an attachment printed in full starts, from the attachment line at
    ``at`` on: a line holding only its mark (附件 / 附件2) whose next line is a policy's title
    (甲细则), then a numbered line within the next few; None when the attachment is only listed
    (附件:1.甲表 2.乙表) or its text is not there."""
    for i in range(at, len(lines)):
        if labels[i] is not None or not _BARE_ATTACHMENT.fullmatch(lines[i].text.strip()):
            continue
        if i + 2 >= len(lines) or labels[i + 1] is not None or not _is_title_like(lines[i + 1].text.strip(), vocab):
            continue
        if any(label is not None and label.style != "row" for label in labels[i + 2:i + 2 + _ATTACHMENT_LEAD_LINES]):
            return i + 2
    return None


_ATTACHMENT_LEAD_LINES = 6  # the lines between a printed attachment's title and its first numbered line (a table's header)


def _attachment(lines: list[_Line], labels: list[Label | None], last_number: dict[str, int],
                vocab: StructureVocab) -> list[Node]:
    """From an attachment line on: closing paragraphs, except task-table rows, which are
    numbered nodes of their own (with their wrapped cells as paragraphs)."""
    out: list[Node] = []
    row: _Open | None = None
    for line, label in zip(lines, labels, strict=True):
        if label is not None and label.style == "row":
            row = _open(line, label, None, vocab)
            out.append(row.node)
            last_number["row"] = label.number
        elif row is not None and line.start < row.until:
            row.node.children.append(_paragraph(line, vocab))
        else:
            row = None
            out.append(_leaf("closing", line, None))
    return out


def _place(stack: list[_Open], last_number: dict[str, int], label: Label, gap: int,
           continued: bool = False) -> int | None:
    """Depth at which a labelled line opens its node, or None when the label is out of sequence.

    ``continued``: the next label of the style carries on this one's sequence, so a style
    not seen yet may start in the middle of its list (an excerpt: (四) … then 三、); it
    then opens above the first open node of a lower default rank. So does a plain label
    (三、, 第X章) of a higher rank than every open node, followed by no sibling.
    """
    if not stack:
        return 0
    levels = [i for i, item in enumerate(stack) if item.style == label.style]
    for i in reversed(levels):
        if label.number == stack[i].number + 1:
            return i
    if not levels:
        # a new list below the current node: starts at 1 or carries on from the same
        # style earlier in the document (Jingzhou-style (三) under 二、)
        prev = last_number.get(label.style)
        rank = _DEFAULT_RANK[label.style]
        if label.number == 1 and rank == 0 and label.style in _PLAIN_STYLES:
            # a part (一、, 第一章) never opens inside an item: a notice's list 1、2、3、
            # followed by 一、申报要求 ends that list rather than nesting the part in its last item
            return next((i for i, item in enumerate(stack) if _DEFAULT_RANK[item.style] > rank), len(stack))
        if label.number == 1 or (prev is not None and prev < label.number <= prev + 1 + gap):
            return len(stack)
        # a plain label above every open node (三、 after an excerpt's (五)) needs no sibling
        above_all = label.style in _PLAIN_STYLES and rank < _DEFAULT_RANK[stack[0].style]
        if prev is None and (continued or above_all):
            return next((i for i, item in enumerate(stack) if _DEFAULT_RANK[item.style] > rank), len(stack))
        # an article (第十条) quoted after an excerpt's items ((一)…(二)…) never opens inside
        # them: items are parts of articles, so it opens beside the first item of its rank
        if prev is None and label.style == "article" and not any(item.style in _ARTICLE_PARENTS for item in stack):
            return next((i for i, item in enumerate(stack) if _DEFAULT_RANK[item.style] >= rank), len(stack))
        return None
    if label.number == 1:
        return len(stack)  # a list of the same style nested inside the current node
    for i in reversed(levels):
        if stack[i].number < label.number <= stack[i].number + 1 + gap:
            return i
    return None


def _heading(rest: str, vocab: StructureVocab, label_line: bool) -> tuple[str | None, bool]:
    """The short title sentence at the start of a node's text, and whether it is all the line holds.

    A heading is a first sentence ending in 。 of at most ``heading_max_chars`` characters
    that is followed by more text (a 责任单位 bracket alone does not count) or by nothing;
    on a label line, a short line without 。 is a heading as a whole.
    """
    rest = rest.strip()
    if not rest:
        return None, label_line
    stop = rest.find("。")
    if stop >= 0:
        first, after = rest[:stop].strip(), rest[stop + 1:].strip()
        if not first or len(first) > vocab.heading_max_chars:
            return None, False
        if not after:
            return (first, True) if label_line else (None, False)
        return (first, False) if _has_own_text(after) else (None, False)
    if label_line and len(rest) <= vocab.heading_line_max_chars and not rest.endswith((":", ",", ";", "：", "，")):
        return rest.rstrip("!?！？"), True
    return None, False


def _has_own_text(text: str) -> bool:
    """Text beyond brackets and punctuation: '(责任单位:…)' alone has none."""
    previous = None
    while previous != text:
        previous, text = text, _BRACKET_GROUP.sub("", text)
    first = _OWN_CHAR.search(text)
    return first is not None and _OWN_CHAR.search(text, first.end()) is not None


# ---------------------------------------------------------------- closing


def _close_last(stack: list[_Open], opened: list[_Open], vocab: StructureVocab) -> list[Node]:
    """Split the unnumbered lines after the last numbered line into its own and closing
    lines; the closing ones are returned as nodes. Then mark the paragraphs that are
    clauses (``paragraph_clause_kinds``)."""
    if not opened:
        return []
    last = stack[-1] if stack else None  # none: the body ended with a table at its top
    closing: list[_Line] = []
    if last is not None and last.style != "row":  # a row's lines are its wrapped cells
        multi_paragraph = any(item.paragraphs and not item.heading_only for item in opened[:-1]
                              if not any(c.kind in NUMBERED_KINDS for c in item.node.children))
        keep, closing = _split_tail(last, multi_paragraph, vocab)
        if closing:
            # the tail lines are the last children of the node that holds them
            del last.node.children[len(last.node.children) - len(closing):]
            last.paragraphs = keep
    for item in opened:
        if item.node.kind in vocab.paragraph_clause_kinds and item.heading_only and len(item.paragraphs) >= 2 \
                and not any(c.kind in NUMBERED_KINDS for c in item.node.children) \
                and _titled_paragraphs(item, vocab):
            for child in item.node.children:
                child.is_clause = True
    return [_leaf("closing", line, None) for line in closing]


def _titled_paragraphs(item: _Open, vocab: StructureVocab) -> bool:
    """Whether the paragraphs under a bare heading are provisions of their own: at least two
    open with a title sentence (支持成果就地转化。…) and none with a bullet. Bulleted lines
    (——提升…) are a list inside one provision; plain prose is the heading's own text. The
    paragraphs of a general part (总体要求, 基本原则: 坚持问题导向。…) state its principles
    and aims, one provision with its heading, though they open with title sentences."""
    if any(_strip_bullet(line.text, vocab) != line.text for line in item.paragraphs):
        return False
    if item.node.heading and vocab.general_part.search(item.node.heading):
        return False
    return sum(1 for child in item.node.children if child.kind == "paragraph" and child.heading) >= 2


def _split_tail(last: _Open, multi_paragraph: bool, vocab: StructureVocab) -> tuple[list[_Line], list[_Line]]:
    """Which unnumbered lines after the last numbered line still belong to it.

    A line with a closing cue (本政策…, 施行, 有效期, 解释, web-page leftovers, a date
    under an issuer) and everything after it closes the document. Otherwise a line stays
    with the clause when the clause is a bare heading, when the document's clauses run
    over several paragraphs, when the clause's text stops mid-sentence, or when the line
    names the clause's units (``unit_line_pattern``: 牵头单位:市科技局) or grants a sum
    (``award_line_pattern``: 分别给予100万元、50万元奖励); else it closes.
    """
    lines = last.paragraphs
    complete = last.complete
    keep: list[_Line] = []
    for i, line in enumerate(lines):
        # a bare heading keeps its first paragraph unless that is plainly a closing
        # sentence: "(二)适用范围。\n本办法适用于…" is the clause's own text
        if last.heading_only and not keep:
            if _is_closing(line.text, vocab, strong_only=True) or _is_signature(lines, i):
                return keep, lines[i:]
        elif _is_closing(line.text, vocab) or _is_signature(lines, i):
            return keep, lines[i:]
        elif not (last.heading_only or multi_paragraph or not complete) \
                and not vocab.unit_line.match(line.text) and not vocab.award_line.search(line.text):
            return keep, lines[i:]
        keep.append(line)
        complete = line.text.endswith(_COMPLETE_END)
    return keep, []


def _is_closing(text: str, vocab: StructureVocab, strong_only: bool = False) -> bool:
    """A closing cue: a 施行/有效期/解释 sentence, a web-page leftover, a date line, or (unless
    ``strong_only``) a paragraph opening with 本政策, 本办法, 已有相关文件 …"""
    body = _strip_bullet(text, vocab)
    if body.startswith(vocab.page_debris_prefixes) or _DATE_LINE.fullmatch(body):
        return True
    if any(p.search(body) for p in vocab.closing_patterns):
        return True
    return not strong_only and body.startswith(vocab.closing_prefixes)


def _is_signature(lines: list[_Line], i: int) -> bool:
    """An issuer line right above a date line at the end of a document."""
    line = lines[i].text
    return (i + 1 < len(lines) and len(line) <= 30 and not SENTENCE_PUNCT.search(line)
            and bool(_DATE_LINE.fullmatch(lines[i + 1].text)))


def _strip_bullet(text: str, vocab: StructureVocab) -> str:
    for bullet in vocab.bullets:
        if text.startswith(bullet):
            return text[len(bullet):].lstrip()
    return text


def _paragraph(line: _Line, vocab: StructureVocab) -> Node:
    heading, _ = _heading(_strip_bullet(line.text, vocab), vocab, label_line=False)
    return _leaf("paragraph", line, heading)


# ---------------------------------------------------------------- finishing


def _finish(root: Node, path: str, whole_styles: frozenset[str] = frozenset(),
            whole_nodes: set[int] | None = None) -> None:
    """Set paths, extend ends over children and mark clauses.

    A numbered node of one of ``whole_styles`` (an article, 第X条), or one whose id is in
    ``whole_nodes``, is one clause with the lists inside it: nothing below it is a clause
    of its own.

    Iterative, so that no nesting depth can exhaust the Python stack: paths are set
    top-down in document order, then ends and clause marks bottom-up (every node after
    all of its descendants, by walking that order backwards).
    """
    order: list[Node] = []
    inside: set[int] = set()  # ids of the nodes below a whole clause
    whole: set[int] = set()  # ids of the whole clauses
    pending: list[tuple[Node, str, bool]] = [(root, path, False)]
    while pending:
        node, prefix, below = pending.pop()
        order.append(node)
        if below:
            inside.add(id(node))
        elif (whole_nodes and id(node) in whole_nodes) or (
                whole_styles and node.label and node.kind in NUMBERED_KINDS
                and _label_style(node.label) in whole_styles):
            whole.add(id(node))
            below = True
        for index, child in enumerate(node.children, 1):
            child.path = f"{prefix}/{index}" if prefix else str(index)
        pending.extend((child, child.path, below) for child in reversed(node.children))
    for node in reversed(order):
        if node.kind != "document" and node.children:
            node.end = max(node.end, max(child.end for child in node.children))
        if inside and id(node) in inside:
            node.is_clause = False
            continue
        if node.kind in ("paragraph", "preamble"):
            continue  # a clause when the body (or a text without numbers) made it one
        node.is_clause = node.kind in NUMBERED_KINDS and (not any(
            c.kind in NUMBERED_KINDS or c.is_clause for c in node.children) or (bool(whole) and id(node) in whole))


@lru_cache(maxsize=4096)
def _label_style(label: str) -> str | None:
    """The style of a label as written (labels repeat: 1., (一) … are parsed once)."""
    parsed = parse_label(label)
    return parsed.style if parsed else None
