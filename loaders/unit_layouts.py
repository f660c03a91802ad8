"""Where a clause names its responsible units, in every layout policies use.

A *block* is one group of labelled unit lists; each list (*segment*) has the role of its
label (lead, responsible, support). Layouts found:

- a bracket around label and list, any bracket: (责任单位:X、Y) 〔牵头单位:X;配合单位:Y〕
- a label in its own bracket followed by the list: 【牵头单位】X【配合单位】Y
- a label at the start of a line or after a sentence: 牵头单位:X / 。责任单位:X
- a label alone on its line, the list on the following lines, lists running over lines
- rows of a task table written as text (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限)
- running text, only in clauses without labels: 由X牵头，Y配合 / X、Y按职责分工负责

Every position is absolute in the document's normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from .gazetteer import Gazetteer
from .unit_forms import UnitForms
from .unit_labels import UnitLabels

_ALL_OPENERS = "(（〔[【〈<﹝{"
_ALL_CLOSERS = ")）〕]】〉>﹞}"
_ANY_BRACKET = re.compile("[" + re.escape(_ALL_OPENERS + _ALL_CLOSERS) + "]")
_LIST_SPLIT = re.compile(r"[、,，;；/\s]+")
_BRACKETED = re.compile(r"[(（〈<〔\[【﹝][^)）〉>〕\]】﹞]*[)）〉>〕\]】﹞]")
_CLAUSE_START = re.compile(r"[ \t]*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.、．](?!\d)|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百\d]+条)")
_INLINE_BOUNDARY = "。;；,，:：\n!?(（〔[【"
_MAX_INLINE_LIST = 80  # characters a running-text list of units may span
_MAX_BRACKETED_LIST = 200  # … and one that opens its own bracket


@dataclass
class Segment:
    """One labelled list: ``text[start:end]`` holds the units, ``role`` says who leads."""

    role: str
    start: int
    end: int


@dataclass
class Block:
    """One group of unit lists: a bracket, consecutive label lines, a table row, a phrase."""

    start: int  # the labelled text, taken out of the provision's body
    end: int
    kind: str  # "bracket" | "line" | "table" | "inline"
    segments: list[Segment] = field(default_factory=list)


_CUT_BRACKET_TAIL = 80  # the longest wrapped tail of a bracket the text's end cuts
_SENTENCE_END = re.compile(r"[。!！?？]")


def match_close(text: str, open_at: int, limit: int) -> int:
    """End (exclusive) of the bracket opened at ``open_at``, counting nested brackets.

    An unclosed bracket runs to the end of its line, or to the end of the text when the text
    ends within a few wrapped lines of it with no sentence ended (an excerpt cut in its list).
    """
    depth = 0
    for m in _ANY_BRACKET.finditer(text, open_at, limit):  # only the brackets, not every character
        if m.group() in _ALL_OPENERS:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    newline = text.find("\n", open_at, limit)
    if newline != -1 and limit - newline <= _CUT_BRACKET_TAIL and limit == len(text) \
            and not _SENTENCE_END.search(text, newline, limit):
        return limit  # a bracket the text's end cut, its list wrapped over lines: it runs to that end
    return newline if newline != -1 else limit


def segments(text: str, start: int, end: int, role: str, labels: UnitLabels) -> list[Segment]:
    """Cut ``text[start:end]`` at the labels inside it (X;配合单位:Y), each list at its full stop;
    empty lists are dropped."""
    stop = labels.stop.search(text, start, end)
    if stop is not None:
        end = stop.start()
    end = _before_list_note(text, start, end, labels)
    out: list[Segment] = []
    cur = start
    for m in labels.inner.finditer(text, start, end):
        if m.start() < cur:
            continue
        out.append(Segment(role, cur, m.start()))
        role, cur = labels.role_of(m.group(0)), m.end()
    out.append(Segment(role, cur, end))
    for sg in out:
        # (责任单位:X、Y。除专门列出外,以下任务均涉及Z,不再重复): a full stop ends the list, a remark follows
        full_stop = text.find("。", sg.start, sg.end)
        if full_stop != -1:
            sg.end = full_stop
    return [s for s in out if _LIST_SPLIT.sub("", text[s.start:s.end])]


def _before_list_note(text: str, start: int, end: int, labels: UnitLabels) -> int:
    """Where a list ends before a bracketed note closing it on how the lists mark their leads
    (责任单位:甲局、乙局(第一责任单位为牵头单位,下同)): the note names no body; else ``end``."""
    k = end
    while k > start and text[k - 1] in " \t\u3000\n":
        k -= 1
    if k <= start or text[k - 1] not in ")）":
        return end
    opened = max(text.rfind(o, start, k - 1) for o in "(（")
    if opened == -1 or any(c in text[opened + 1:k - 1] for c in "(（)）"):
        return end
    return opened if labels.list_note.search(text, opened + 1, k - 1) else end


def _before_cut_name(text: str, start: int, end: int, forms: UnitForms) -> int:
    """Where a label line's list ends when the text's end cuts its last name in the middle
    (an excerpt stopping at 牵头单位:省甲局、省发展改): before that name; else ``end``."""
    if not _cut_by_the_end(text, end):
        return end
    body = text[start:end].rstrip()
    flat = _BRACKETED.sub(lambda b: "x" * len(b.group()), body)  # separators inside a name's bracket
    cut = max(flat.rfind(c) for c in "、,，;；/ \t\u3000\n")
    last = flat[cut + 1:].strip().replace("x", "")
    if not last or any(c in last for c in _ALL_OPENERS + _ALL_CLOSERS) \
            or forms.looks_like_unit(forms.strip_tail(last)):
        return end
    return start + max(cut, 0)


def _list_line(line: str, forms: UnitForms, loose: bool) -> bool:
    """Whether a following line continues a unit list (every item has a body's form)."""
    body = line.strip().rstrip("。;；")
    if not body or "。" in body or _CLAUSE_START.match(body):
        return False
    items = [i for i in _LIST_SPLIT.split(_BRACKETED.sub("", body)) if i]
    if not items:
        return False
    if loose:
        return forms.looks_like_unit(forms.strip_tail(items[0]))
    return all(forms.looks_like_unit(forms.strip_tail(i)) for i in items)


def _line_list_end(text: str, start: int, end: int, labels: UnitLabels, forms: UnitForms) -> int:
    """End of a list written after a label on a line: the line's end or its 。, or further
    down when the list goes on over the following lines."""
    newline = text.find("\n", start, end)
    line_end = newline if newline != -1 else end
    stop = text.find("。", start, line_end)
    if stop != -1:
        return stop
    content = text[start:line_end].strip()
    cur = line_end
    while cur < end and text[cur] == "\n":
        nxt = cur + 1
        newline = text.find("\n", nxt, end)
        line_end = newline if newline != -1 else end
        line = text[nxt:line_end]
        if not line.strip():
            if content:
                break
            cur = line_end
            continue
        if labels.head.match(text, nxt, end):
            break
        loose = not content or content[-1] in "、,，;；"
        if not _list_line(line, forms, loose):
            break
        content = line.strip()
        stop = text.find("。", nxt, line_end)
        if stop != -1:
            return stop
        cur = line_end
    return cur


def _unopened_closer(text: str, start: int, end: int) -> int:
    """Where a bracket closes that the list did not open (…;配合单位:X) ends the list there)."""
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in _ALL_OPENERS:
            depth += 1
        elif ch in _ALL_CLOSERS:
            if depth == 0:
                return i
            depth -= 1
    return end


# a bracket that closes a task after its full stop, with nothing after it in the clause:
# (市经贸委、市发改委) / 〔省甲厅、省乙厅〕 — the bodies the task is given to, written without a label
_BARE_OPENERS = re.compile(r"[(（〔]")
_BARE_MAX = 160  # the longest unlabelled list read
_BARE_SPACE = re.compile(r"[ \t\u3000]+(?=[(（〔)）〕])|(?<=[(（〔)）〕])[ \t\u3000]+")
_SENTENCE_STOPS = "。;；"


def bare_blocks(text: str, start: int, end: int, labels: UnitLabels, forms: UnitForms) -> list[Block]:
    """Unlabelled brackets that list only bodies: the units responsible for the task, the
    first leading. Such a bracket stands after a task's full stop at the end of its line
    ((市经贸委、市发改委), 〔省甲厅、省乙厅,各市(地)、县(市)政府(行署)〕), or closes a sentence
    right before its full stop, after a word that ends no body's name (…考核指标(省教育厅)。).
    A bracket the text's end cuts (an excerpt stopping in its list: …。〔省甲厅、省乙厅) is read to
    that end, its last name cut in the middle left out, unless the text's brackets of its shape
    close on a verb (…(甲局、乙局按职责分工负责)): the cut one lost its verb and names no unit."""
    blocks: list[Block] = []
    pos = start
    for m in _BARE_OPENERS.finditer(text, start, end):
        o = m.start()
        if o < pos:
            continue
        k = o
        while k > start and text[k - 1] in " \t\u3000":
            k -= 1
        after_stop = k > start and text[k - 1] in _SENTENCE_STOPS
        if not after_stop and not (k > start and "\u4e00" <= text[k - 1] <= "\u9fff"):
            continue  # after neither a sentence's stop nor a word (a line's start, a number): no such list
        close = match_close(text, o, end)
        # a bracket the text's end cuts (an excerpt stopping in its list) reads to that end
        closed = text[close - 1] in _ALL_CLOSERS and _balanced(text, o, close)
        if close - o < 4 or close - o > _BARE_MAX or not (
                closed or (_cut_by_the_end(text, close) and not _closed_on_a_verb(text, o, labels))):
            continue
        after = close
        while after < end and text[after] in " \t\u3000":
            after += 1
        if after_stop:
            rest = after
            while rest < end and text[rest] in " \t\u3000。":
                rest += 1
            if rest < end and text[rest] != "\n":
                continue  # more of the task after it: a remark, not who is responsible
        elif not (after < end and text[after] in _SENTENCE_STOPS and k > start
                  and "\u4e00" <= text[k - 1] <= "\u9fff" and not forms.ends_like_unit(text[max(start, k - 12):k])):
            continue
        inner_end = close - 1 if closed else close
        inner = text[o + 1:inner_end]
        if not closed and not _bare_list(inner, labels, forms):
            # the end cut the list inside a name (…、省科技厅、省工业和): the names before it
            inner_end = o + 1 + max(inner.rfind(c) for c in "、,，")
            inner = text[o + 1:inner_end]
        if "\n" in inner or ":" in inner or "：" in inner or labels.not_a_list.match(inner) \
                or not _bare_list(inner, labels, forms):
            continue
        blocks.append(Block(o, close, "bracket", [Segment("responsible", o + 1, inner_end)]))
        pos = close
    return blocks


def _balanced(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` closes every bracket it opens (a list cut after
    省数据局(省营商局) ends on a closer that is not its own)."""
    depth = 0
    for m in _ANY_BRACKET.finditer(text, start, end):  # only the brackets, not every character
        depth += 1 if m.group() in _ALL_OPENERS else -1
    return depth == 0


def _closed_on_a_verb(text: str, opened: int, labels: UnitLabels) -> bool:
    """Whether a bracket of the same shape as the one opened at ``opened`` closes on a verb
    before it (…(甲局、乙局按职责分工负责)…(丙局、丁局 cut): the text's unit brackets end on
    their verb, so a bracket the text's end cut lost it with its end and names no unit surely."""
    opener = text[opened]
    at = text.find(opener)
    while -1 < at < opened:
        close = match_close(text, at, opened)
        if text[close - 1] in _ALL_CLOSERS and _balanced(text, at, close) \
                and labels.inline.search(text, at + 1, close) is not None:
            return True
        at = text.find(opener, at + 1)
    return False


def _cut_by_the_end(text: str, at: int) -> bool:
    """Whether nothing but spaces follows ``at``: the text ends there."""
    return not text[at:].strip()


def _bare_list(inner: str, labels: UnitLabels, forms: UnitForms) -> bool:
    """Whether an unlabelled bracket's words are a list of bodies, one named at least (not only
    各有关部门); the brackets inside a name (各市(地)、县(市)政府(行署)) and the spaces by them
    are read past."""
    flat = _BRACKETED.sub("", _BARE_SPACE.sub("", inner))
    if any(c in flat for c in _ALL_OPENERS + _ALL_CLOSERS):
        return False
    joined = split_joined(flat, 0, len(flat), labels, forms)
    if joined is None:
        return _short_name_list(flat, forms)
    items = [forms.strip_tail(i) for i in _LIST_SPLIT.split(joined) if i]
    return bool(items) and not all(forms.is_collective(i) for i in items)


def _short_name_list(flat: str, forms: UnitForms) -> bool:
    """Whether an unlabelled bracket lists bodies some of which a digest writes by a short name
    (市科技, 省工信: ``UnitForms.is_short_name``), a level alone sharing the next name's words
    (国家、省工信): (市科技), (国家、省工信), (市科技局、市财政)."""
    items = [i for i in _LIST_SPLIT.split(flat) if i]
    if not any(forms.is_short_name(i) for i in items):
        return False
    for k, item in enumerate(items):
        if forms.looks_like_unit(item) or forms.is_short_name(item):
            continue
        later = items[k + 1] if k + 1 < len(items) else ""
        if not (item in forms.short_name_levels and (forms.is_short_name(later) or forms.looks_like_unit(later))):
            return False
    return True


def labelled_blocks(text: str, start: int, end: int, labels: UnitLabels, forms: UnitForms,
                    first: re.Match[str] | None) -> list[Block]:
    """Blocks of ``text[start:end]`` introduced by a label (brackets, label lines), in order;
    ``first`` is where its first label is, ``labels.quick_wrapped.search(text, start, end)``."""
    blocks: list[Block] = []
    if first is None:
        return blocks
    # a head holds a label and, before it, only an opener, spaces, bullets or a clause mark:
    # none starts before the run of those right before the first label, so the scan starts there
    lo = first.start()
    prefix = labels.head_prefix_chars
    while lo > start and text[lo - 1] in prefix:
        lo -= 1
    pos = start
    for m in labels.head.finditer(text, lo, end):
        if m.start() < pos:
            continue
        role = labels.role_of(m.group(0))
        if m.group("wrap") and not m.group("tag"):
            close = match_close(text, m.start(), end)
            closed = close > m.end() and text[close - 1] in _ALL_CLOSERS
            segs = segments(text, m.end(), close - 1 if closed else close, role, labels)
            blocks.append(Block(m.start(), close, "bracket", segs))
            pos = close
            continue
        list_end = _unopened_closer(text, m.end(), _line_list_end(text, m.end(), end, labels, forms))
        list_end = _before_cut_name(text, m.end(), list_end, forms)
        segs = segments(text, m.end(), list_end, role, labels)
        if m.group("weak") is not None and not all(
                split_joined(text, s.start, s.end, labels, forms) is not None for s in segs):
            continue  # 责任单位为项目实施主体…: a weak separator before words that are no bodies
        prev = blocks[-1] if blocks else None
        if prev is not None and prev.kind == "line" and not text[prev.end:m.start()].strip(" \t\n\u3000。;；"):
            prev.segments.extend(segs)  # 牵头单位:X⏎配合单位:Y is one group
            prev.end = list_end
        else:
            blocks.append(Block(m.start(), list_end, "line", segs))
        pos = max(list_end, m.end())
    return [b for b in blocks if b.segments or b.kind == "bracket"]


# -- task tables -------------------------------------------------------------------------


@lru_cache(maxsize=4)
def table_rows(text: str, labels: UnitLabels, forms: UnitForms) -> tuple[tuple[int, int, tuple[tuple[str, int, int], ...]], ...]:
    """Rows of every task table in a document: (row start, row end, ((role, cell start, cell end), …)).

    A header is a line split into cells by tabs, | or runs of spaces, whose cells are all
    short and one at least a label (牵头单位); the rows are the lines after it that split
    into cells too. Computed once per document text.
    """
    rows: list[tuple[int, int, tuple[tuple[str, int, int], ...]]] = []
    split = labels.table_split
    done = 0
    n = len(text)
    for hit in labels.quick.finditer(text):
        if hit.start() < done:
            continue
        # a header cell holds the label alone: cheap checks before the line is split
        before = text[hit.start() - 1] if hit.start() > 0 else "\n"
        after_at = hit.end()
        if after_at < n and text[after_at] in "(（":  # a bracketed tail: 牵头单位(部门)
            close = _TAIL_CLOSE.search(text, after_at, min(n, after_at + labels.table_max_header_cell))
            after_at = close.end() if close else after_at
        if after_at < n and text[after_at] in labels.label_joiners:  # two labels as one: 牵头单位/责任单位
            joined = labels.quick.match(text, after_at + 1)
            after_at = joined.end() if joined else after_at
        if before not in _CELL_EDGE or (after_at < n and text[after_at] not in _CELL_EDGE):
            continue
        line_start = text.rfind("\n", 0, hit.start()) + 1
        newline = text.find("\n", hit.start())
        line_end = newline if newline != -1 else len(text)
        wrapped = _wrapped_header(text, line_start, line_end)
        if wrapped is not None:  # a header a page wrapped over lines: its cells are those of all of them
            line_start, line_end = wrapped
            cells = [c for a, b in _line_spans(text, line_start, line_end) for c in _cells(text, a, b, split)]
        else:
            cells = _cells(text, line_start, line_end, split)
        done = line_end
        if len(cells) == 1 and labels.header_role(text[line_start:line_end]):
            stacked = _stacked_table(text, line_start, labels, forms)
            if stacked is not None:
                found_rows, done = stacked
                rows.extend(found_rows)
                continue
        sep, loose = split, False
        if len(cells) < 2:  # cells parted by single spaces, as flattened web tables are
            cells, sep, loose = _cells(text, line_start, line_end, labels.table_split_loose), labels.table_split_loose, True
        if len(cells) < (3 if loose else 2) or any(_header_cell_length(text, a, b) > labels.table_max_header_cell
                                                   for a, b in cells):
            continue
        roles = _table_roles([labels.header_role(text[a:b]) for a, b in cells])
        if not any(roles) or any(r is None and forms.looks_like_unit(text[a:b]) for r, (a, b) in zip(roles, cells, strict=True)):
            continue  # 牵头单位 市科技局 is a label and its list, not a header
        # 政策类别 序号 …: the first column groups the rows, its cell on a group's first row only
        grouped = len(cells) > 2 and text[cells[1][0]:cells[1][1]] in labels.row_number_headers \
            and text[cells[0][0]:cells[0][1]] not in labels.row_number_headers
        table_rows, done = _delimited_rows(text, line_end, roles, sep, forms, loose, grouped, labels)
        rows.extend(table_rows)
    return tuple(rows)


_WRAPPED_HEADER_END = re.compile(r"[|｜][ \t\u3000]*$")
_WRAPPED_HEADER_LINES = 6  # lines a wrapped header may take above and below its label's line
_CELL_NOTE = re.compile(r"[(（][^()（）\n]*[)）]")


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each line of ``text[start:end]``."""
    spans, at = [], start
    while at <= end:
        newline = text.find("\n", at, end)
        stop = newline if newline != -1 else end
        spans.append((at, stop))
        at = stop + 1
    return spans


def _wrapped_header(text: str, line_start: int, line_end: int) -> tuple[int, int] | None:
    """The lines of a table header a page wrapped, each ending in its cell separator
    (序号 | 重点任务 | 牵头领导 |⏎责任单位 |⏎完成时限 |), as one span; None when the label's line
    does not end so or no line next to it does. A line opening with a row number is a row."""
    if not _WRAPPED_HEADER_END.search(text, line_start, line_end):
        return None
    start, end = line_start, line_end
    for _ in range(_WRAPPED_HEADER_LINES):
        if start == 0:
            break
        above = text.rfind("\n", 0, start - 1) + 1
        line = text[above:start - 1]
        if not _WRAPPED_HEADER_END.search(line) or _ROW_NUMBER_CELL.match(line):
            break
        start = above
    for _ in range(_WRAPPED_HEADER_LINES):
        if end >= len(text):
            break
        below = text.find("\n", end + 1)
        below = below if below != -1 else len(text)
        line = text[end + 1:below]
        if not _WRAPPED_HEADER_END.search(line) or _ROW_NUMBER_CELL.match(line):
            break
        end = below
    return (start, end) if (start, end) != (line_start, line_end) else None


def _header_cell_length(text: str, start: int, end: int) -> int:
    """The length of a header cell without the notes it brackets (进展情况(每项不超过二百字))."""
    return len(_CELL_NOTE.sub("", text[start:end]))


def _table_roles(roles: list[str | None]) -> list[str | None]:
    """The roles of a task table's columns: once a column is for supporting units (协同配合单位),
    the 责任单位 columns beside it are the leading ones, and every unit they name leads."""
    if "support" not in roles:
        return roles
    return ["lead" if r == "responsible" else r for r in roles]


_TAIL_CLOSE = re.compile(r"[)）]")
_CELL_EDGE = frozenset("\n\t|｜ \u3000")
_ROW_NUMBER_CELL = re.compile(r"[ \t]*\d{1,3}(?:[ \t|｜\u3000]|$)")
# a row opening with its group's cell before its number (财政资金支持(共48项) 1 建立…)
_GROUPED_ROW_NUMBER_CELL = re.compile(r"[ \t]*[^\s|｜]{1,20}(?:[ \t\u3000]+|[ \t]*[|｜][ \t]*)\d{1,3}(?:[ \t|｜\u3000]|$)")
_ROW_NUMBER = re.compile(r"[ \t]*(\d{1,3})[ \t]*$")


_BLANK_GAP = re.compile(r"[ \t\u3000]*\n(?:[ \t\u3000]*\n)+[ \t\u3000]*")
# the header cell of a table's number column, its first (a page's bullet before it: • 序号)
_NUMBER_HEADER = re.compile(r"^[•·●◆■\-\s]*(?:序号|编号|序列号)$")


def _blank_parted(text: str, line_start: int) -> bool:
    """Whether the cells of a table written one cell per line are parted by blank lines, as
    HTML copies print them (序号⏎⏎重点工作⏎⏎牵头单位⏎⏎…): a blank line right before and right
    after the header line at ``line_start``; then a cell may run over several lines."""
    newline = text.find("\n", line_start)
    if newline == -1 or line_start < 2:
        return False
    after = text.find("\n", newline + 1)
    before_end = text.rfind("\n", 0, line_start - 1)
    return (after != -1 and not text[newline + 1:after].strip()
            and before_end != -1 and not text[before_end + 1:line_start - 1].strip())


class _Lines:
    """The lines of ``text`` from ``start`` on, split only as far as they are asked for."""

    def __init__(self, text: str, start: int, blank_parted: bool = False) -> None:
        self.text, self.next = text, start
        self.spans: list[tuple[int, int]] = []
        self.blank_parted = blank_parted  # cells parted by blank lines, a cell over several lines

    def get(self, k: int) -> tuple[int, int] | None:
        while len(self.spans) <= k and self.next <= len(self.text):
            if self.blank_parted:
                gap = _BLANK_GAP.search(self.text, self.next)
                end = gap.start() if gap is not None else len(self.text)
                while end > self.next and self.text[end - 1] in " \t\u3000\n":
                    end -= 1
                self.spans.append((self.next, end))
                self.next = gap.end() if gap is not None else len(self.text) + 1
                continue
            newline = self.text.find("\n", self.next)
            end = newline if newline != -1 else len(self.text)
            self.spans.append((self.next, end))
            self.next = end + 1 if newline != -1 else len(self.text) + 1
        return self.spans[k] if k < len(self.spans) else None

    def cell(self, k: int) -> str | None:
        span = self.get(k)
        return self.text[span[0]:span[1]] if span is not None else None

    def span(self, k: int) -> tuple[int, int]:
        """The span of line ``k``, which the caller has already seen."""
        span = self.get(k)
        assert span is not None
        return span


def _stacked_table(
    text: str, label_line: int, labels: UnitLabels, forms: UnitForms
) -> tuple[list[tuple[int, int, tuple[tuple[str, int, int], ...]]], int] | None:
    """A table written one cell per line (as .docx and HTML tables are read): a run of
    short header lines holding a label, then rows that each open with their number.

    Returns the rows and where the table ends, or None when the lines are no such table.
    """
    limit = labels.table_max_header_cell
    first = label_line
    blank_parted = _blank_parted(text, label_line)
    for _ in range(8):  # header cells before the label line: 序号, 重点任务…
        cell_end = first - 1
        if blank_parted:
            while cell_end > 0 and text[cell_end - 1] in " \t\u3000\n":
                cell_end -= 1
        prev_start = text.rfind("\n", 0, max(cell_end, 0)) + 1 if first > 0 else 0
        cell: str | None = text[prev_start:cell_end].strip() if first > 0 else ""
        if first == 0 or not cell or len(cell) > limit or _ROW_NUMBER.match(cell) or labels.head.match(cell) \
                and not labels.header_role(cell):
            break
        first = prev_start
        if _NUMBER_HEADER.match(cell):
            break  # 序号 opens the header: the lines before it are no part of the table
    lines = _Lines(text, first, blank_parted)
    header: list[str | None] = []
    k = 0
    while (cell := lines.cell(k)) is not None:
        cell = cell.strip()
        if not cell or _ROW_NUMBER.match(cell) or len(cell) > limit or _GROUP_LINE.search(cell):
            break  # a row, or a group's heading over the rows (强化科技支撑。⏎(一)): the header ended
        role = labels.header_role(cell)
        if role is None and forms.looks_like_unit(cell) and lines.span(k)[0] > label_line:
            # a list of bodies, not a header: 牵头单位⏎省科技厅⏎…; above the label a body's name
            # is half of a wrapped header cell (市政府⏎分管领导)
            return None
        header.append(role)
        k += 1
    header = _table_roles(header)
    if blank_parted:
        # a group's heading over its rows (一、扎实推进改革⏎24⏎…; 强化科技支撑。⏎(一)⏎加强…。⏎1⏎…): no row of its own
        k = _past_group_heading(lines, k, None, limit, forms)
    first_row = lines.cell(k)
    if len(header) < 3 or not any(header) or first_row is None or not _ROW_NUMBER.match(first_row):
        return None
    numbered = header[0] is None  # the first column holds the row number
    width = len(header) - (1 if numbered else 0)
    label_cols = [(i - (1 if numbered else 0), role) for i, role in enumerate(header) if role is not None]
    rows = []
    expected = int(cast(re.Match[str], _ROW_NUMBER.match(first_row)).group(1))
    while (number := lines.cell(k)) is not None and (m := _ROW_NUMBER.match(number)) and int(m.group(1)) == expected:
        cells: list[tuple[int, int]] = []
        j = k + 1
        while len(cells) < width and (cell := lines.cell(j)) is not None:
            m2 = _ROW_NUMBER.match(cell)
            if m2 and int(m2.group(1)) == expected + 1:
                break
            if cell.strip():
                cells.append(lines.span(j))
            j += 1
        if len(cells) == width:
            found = tuple((role, *cells[i]) for i, role in label_cols if i >= 0)
        else:  # cells missing: the ones that hold bodies go to the label columns in order
            bodies = [c for c in cells[1:] if _list_line(text[c[0]:c[1]], forms, True)]
            found = tuple((role, a, b) for (_, role), (a, b) in zip(label_cols, bodies, strict=False))
        found = tuple(f for f in found if _list_line(text[f[1]:f[2]], forms, True))
        if found:
            rows.append((lines.span(k)[0], lines.span(j - 1)[1], found))
        k, expected = j, expected + 1
        if blank_parted:
            k = _past_group_heading(lines, k, expected, limit, forms)  # (二)乙副市长牵头重点工作⏎2⏎…
    return rows, lines.span(k - 1)[1]


# a line that heads a group of a stacked table's rows, no header cell: a sentence, or a bare label
_GROUP_LINE = re.compile(r"[。;；]$|^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
_GROUP_HEADING_LINES = 4  # short lines a stacked table may print between its rows as a group's heading


def _past_group_heading(lines: _Lines, k: int, expected: int | None, limit: int, forms: UnitForms) -> int:
    """Where the next row of a stacked table starts: ``k``, or past the few short lines of a
    group's heading printed between two rows (or the header and the first row), when the row
    numbered ``expected`` (any number for the first row) follows them; a line that names
    bodies or runs long is no heading, and ``k`` stands."""
    for gap in range(_GROUP_HEADING_LINES + 1):
        cell = lines.cell(k + gap)
        if cell is None:
            return k
        m = _ROW_NUMBER.match(cell)
        if m:
            return k + gap if expected is None or int(m.group(1)) == expected else k
        cell = cell.strip()
        if len(cell) > 2 * limit or forms.looks_like_unit(cell):
            return k
    return k


def _delimited_rows(
    text: str, header_end: int, roles: list[str | None], sep: re.Pattern[str], forms: UnitForms, loose: bool,
    grouped: bool, labels: UnitLabels,
) -> tuple[list[tuple[int, int, tuple[tuple[str, int, int], ...]]], int]:
    """The rows after a delimited header, and where the table ends.

    When rows open with their number (序号), a row runs to the next number and its cells may
    wrap over lines; otherwise each line that splits into cells is a row. ``grouped``: a
    column before the number groups the rows, its cell written on a group's first row only;
    the other rows have one cell less. A cell opening with a label (责任单位:甲局、乙局) holds
    the list after it.
    """
    label_cols = [(i, role) for i, role in enumerate(roles) if role is not None]
    first_label = label_cols[0][0]

    def opens_row(line: str) -> bool:
        return bool(_ROW_NUMBER_CELL.match(line) or grouped and _GROUPED_ROW_NUMBER_CELL.match(line))

    lines = _Lines(text, header_end + 1)
    out = []
    k = 0
    k = _past_blank_lines(lines, 0)  # rows set apart by blank lines, as pages space them
    numbered = (roles[0] is None or grouped) and (first := lines.cell(k)) is not None and opens_row(first)
    if loose and not numbered:
        k = 0  # rows parted by single spaces go on past a blank line only when they are numbered
    while (line := lines.cell(k)) is not None:
        if not line.strip() and (numbered or not loose):
            ahead = _past_blank_lines(lines, k)
            nxt = lines.cell(ahead)
            if nxt is not None and (opens_row(nxt) if numbered else len(_cells(text, *lines.span(ahead), sep)) >= 2):
                k = ahead
                continue
            break
        if not line.strip() or _CLAUSE_START.match(line) and not (numbered and opens_row(line)):
            break
        if numbered and not opens_row(line):
            break
        j = k + 1
        if numbered:  # wrapped cells: the lines up to the next row's number
            while (nxt := lines.cell(j)) is not None and nxt.strip() and not opens_row(nxt) \
                    and not _CLAUSE_START.match(nxt) and j - k < 30:
                j += 1
        cells = [c for m in range(k, j) for c in _cells(text, *lines.span(m), sep)]
        cells = [_past_cell_label(text, a, b, labels) for a, b in cells]
        if not numbered and len(cells) < 2:
            break
        # a grouped table's row without its group's cell: the columns one to the left
        shift = 1 if grouped and _ROW_NUMBER_CELL.match(line) else 0
        if len(cells) == len(roles) - shift:
            found = [(role, *cells[i - shift]) for i, role in label_cols]
            if loose:  # single spaces also part words: keep only cells that hold bodies
                found = [f for f in found if _list_line(text[f[1]:f[2]], forms, True)]
        else:
            bodies = [c for c in cells[first_label - shift:] if _list_line(text[c[0]:c[1]], forms, True)]
            found = _assign(bodies, [role for _, role in label_cols])
        found = [f for f in found if f[1] < f[2]]
        if found:
            out.append((lines.span(k)[0], lines.span(j - 1)[1], tuple(found)))
        k = j
    end = lines.span(k - 1)[1] if k > 0 else header_end
    return out, end


def _past_cell_label(text: str, a: int, b: int, labels: UnitLabels) -> tuple[int, int]:
    """A cell without the label and colon it opens with (责任单位:甲局 → 甲局)."""
    m = labels.quick.match(text, a, b)
    if m is not None and m.end() < b and text[m.end()] in ":：":
        return m.end() + 1, b
    return a, b


_BLANK_RUN = 2  # blank lines that may part two rows of a delimited table


def _past_blank_lines(lines: _Lines, k: int) -> int:
    """The first line from ``k`` on that is not blank, looking past at most ``_BLANK_RUN``."""
    at = k
    while at - k < _BLANK_RUN and (line := lines.cell(at)) is not None and not line.strip():
        at += 1
    return at


def _assign(bodies: list[tuple[int, int]], roles: list[str]) -> list[tuple[str, int, int]]:
    """Cells holding bodies, when a row's cells do not line up with its header: one per label
    column in order; more than that, the last goes to the last column and the ones between
    to the first (the lines a wrapped first cell ran over)."""
    if len(bodies) <= len(roles) or len(roles) < 2:
        return [(role, a, b) for role, (a, b) in zip(roles, bodies, strict=False)]
    head, last = bodies[:-1], bodies[-1]
    return [(roles[0], a, b) for a, b in head] + [(roles[-1], *last)]


def _cells(text: str, start: int, end: int, split: re.Pattern[str]) -> list[tuple[int, int]]:
    """Non-empty cells of the line ``text[start:end]``."""
    cells, cur = [], start
    for m in split.finditer(text, start, end):
        if m.start() == m.end():
            continue
        cells.append((cur, m.start()))
        cur = m.end()
    cells.append((cur, end))
    out = []
    for a, b in cells:
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000":
            b -= 1
        out.append((a, b))
    # leading/trailing separators leave empty edge cells: | 1 | 任务 |
    if out and out[0][0] == out[0][1]:
        out = out[1:]
    if out and out[-1][0] == out[-1][1]:
        out = out[:-1]
    return out


def table_blocks(text: str, start: int, end: int, labels: UnitLabels, forms: UnitForms) -> list[Block]:
    """One block per task-table row inside ``text[start:end]``, its label cells as segments."""
    rows = table_rows(text, labels, forms)
    if not rows:
        return []
    out = []
    for row_start, row_end, cells in rows:
        if row_end <= start or row_start >= end:
            continue
        segs = [Segment(role, a, b) for role, a, b in cells if start <= a and b <= end and a < b
                and text[a:b].strip("/-—无 ")]
        if segs:
            out.append(Block(segs[0].start, min(row_end, end), "table", segs))
    return out


def flat_table_blocks(text: str, start: int, end: int, labels: UnitLabels, forms: UnitForms) -> list[Block]:
    """The units of a task table a web copy flattened into running text, its header's column
    names run together (序号条款工作内容责任单位…) before ``text[start:end]``: each catalogue
    department in the rows (with its level, 区科技局 of 奖励区科技局受理), one block for each
    distinct name, as the only unit of its group."""
    header = labels.flat_table_header.search(text, 0, end)
    if header is None or header.end() > start:
        return []
    out: list[Block] = []
    seen: set[str] = set()
    for a, b in forms.catalogue_spans(text, start, end):
        if not forms.is_department_term(text[a:b]):
            continue
        if a > start and text[a - 1] in labels.flat_table_prefixes:
            a -= 1
        if text[a:b] not in seen:
            seen.add(text[a:b])
            out.append(Block(a, b, "table", [Segment("responsible", a, b)]))
    return out


# -- running text ---------------------------------------------------------------------


def split_joined(text: str, start: int, end: int, labels: UnitLabels, forms: UnitForms) -> str | None:
    """The list ``text[start:end]`` with 和/及/与 between two bodies turned into 、, or None
    when one of its items is not a body (then it is not a list of units)."""
    chars = list(text[start:end])
    body = "".join(chars)
    items = _LIST_SPLIT.split(body)
    at = 0
    for k_item, item in enumerate(items):
        at = body.find(item, at)
        if item:
            name = forms.strip_tail(item)
            cut = _joined(name, labels, forms)
            if cut is not None:
                for k in cut:
                    chars[at + k] = "、"
            elif not forms.looks_like_unit(name) and not forms.is_place_name(name) \
                    and not _shares_a_suffix(items, k_item, forms):
                return _without_broken_words(text, start, end, labels, forms)
        at += len(item)
    return "".join(chars)


def _shares_a_suffix(items: list[str], k: int, forms: UnitForms) -> bool:
    """Whether ``items[k]`` is a place's short name in a run of them that the next body's name
    closes (长沙、株洲、湘潭市人民政府): the places share that body's suffix."""
    gazetteer = Gazetteer.load()
    for item in items[k:]:
        if not item:
            continue
        if gazetteer.is_short_name(item):
            continue  # 株洲: another short place name of the run
        return forms.looks_like_unit(forms.strip_tail(item)) and gazetteer.find_in(item) is not None
    return False


_NAME_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])(?:[ \u3000]|[ \u3000]*\n[ \u3000]*)(?=[\u4e00-\u9fff])")


def _without_broken_words(text: str, start: int, end: int, labels: UnitLabels, forms: UnitForms) -> str | None:
    """A list whose names a PDF broke with a space (省财政 厅、省经济和 信息化厅): the list
    with those spaces taken out, when it then reads as a list of bodies; else None."""
    body = text[start:end]
    if not _NAME_SPACE.search(body):
        return None
    whole = _NAME_SPACE.sub("", body)
    return split_joined(whole, 0, len(whole), labels, forms)


def _joined(name: str, labels: UnitLabels, forms: UnitForms) -> list[int] | None:
    """Positions of 和/及/与 that join bodies in ``name`` (市财政局和市教育局), None if none."""
    cuts, last = [], 0
    for k, ch in enumerate(name):
        if ch in labels.list_joiners and forms.looks_like_unit(name[last:k]):
            rest = name[k + 1:]
            if forms.looks_like_unit(rest) or _joined(rest, labels, forms):
                cuts.append(k)
                last = k + 1
    return cuts or None


_ALIAS_CLOSERS = {"(": ")", "（": "）"}


def _ends_list(text: str, k: int, at: int) -> bool:
    """Whether ``text[k]`` bounds a running-text list of units that ends at ``at``: a
    punctuation mark or an opening bracket, unless the bracket closes before ``at`` (市市场
    监督管理局(知识产权局)、市财政局按…: a body's other name inside the list)."""
    ch = text[k]
    if ch not in _INLINE_BOUNDARY:
        return False
    if ch == "\n" and _wrapped_in_bracket(text, k, at):
        return False
    closer = _ALIAS_CLOSERS.get(ch)
    if closer is None:
        return True
    # the bracket opened at k bounds the list unless it closes before ``at``: another bracket
    # closing inside it ((市新闻出版局(版权局)负责)) leaves it open
    depth = 0
    for j in range(k, at):
        if text[j] == ch:
            depth += 1
        elif text[j] == closer:
            depth -= 1
            if depth == 0:
                return False
    return True


_WRAPPED_OPENERS = "[【(（〔"


def _wrapped_in_bracket(text: str, k: int, at: int) -> bool:
    """Whether the line break at ``k`` wraps a bracket's words (a PDF copy's [ 本条由甲局会同⏎乙局
    组织实施 ]): a bracket opened on the line before and still open, a name's character after
    the break, the list going on to ``at`` on the next line."""
    line_start = text.rfind("\n", 0, k) + 1
    opened = max(text.rfind(o, line_start, k) for o in _WRAPPED_OPENERS)
    if opened == -1 or any(c in text[opened:k] for c in _ALL_CLOSERS):
        return False
    nxt = k + 1
    while nxt < at and text[nxt] in " \t\u3000":
        nxt += 1
    return nxt < at and "\u4e00" <= text[nxt] <= "\u9fff" and "\n" not in text[k + 1:at]


def _part_start(text: str, at: int, lo: int) -> int:
    """Where the running-text part that ends at ``at`` starts: after the last boundary (a
    punctuation mark or an opening bracket, see ``_ends_list``) before it, not before ``lo``."""
    b = at
    while b > lo and not _ends_list(text, b - 1, at):
        b -= 1
    return b


def _last_lead_marker(text: str, b: int, at: int, labels: UnitLabels) -> int:
    """Where the last 由 (``before_lead``) in ``text[b:at]`` stands, else -1."""
    return max((text.rfind(marker, b, at) for marker in labels.before_lead), default=-1)


def _list_before(text: str, at: int, start: int, labels: UnitLabels, forms: UnitForms) -> int | None:
    """Start of the unit list that ends at ``at`` (back to a boundary or 由), None if it is none."""
    lo = max(start, at - _MAX_INLINE_LIST)
    b = _part_start(text, at, lo)
    if b == lo > start:
        # (市甲委、市乙局、…十四个…按职责分工负责): a list that long is read only inside its own bracket
        k, far = b, max(start, at - _MAX_BRACKETED_LIST)
        while k > far and text[k - 1] not in _INLINE_BOUNDARY:
            k -= 1
        if k > far and text[k - 1] in "(（":
            b = k
    if b > lo and text[b - 1] in "〔[" and (number := labels.source_number_tail.match(text, b, at)):
        b = number.end()  # (甲发〔2020〕4号省财政厅、…按职责分工负责): the source 文号 before the list
    for word in labels.list_openers:
        if text.startswith(word, b) and b + len(word) < at:
            b += len(word)  # ,其中甲局牵头: the word opens the list, no part of a name
            break
    seg = text[b:at]
    for marker in labels.before_lead:
        k = seg.rfind(marker)
        if k != -1 and split_joined(text, b + k + len(marker), at, labels, forms) is not None:
            b = b + k + len(marker)
            break
    joined = split_joined(text, b, at, labels, forms) if b < at else None
    if joined is None:
        return None
    # 各有关部门按职责分工负责 assigns no one in particular: a list needs one named body
    if all(forms.is_collective(forms.strip_tail(i)) for i in _LIST_SPLIT.split(joined) if i):
        return None
    return b


def _bracketed_list_start(text: str, b: int, start: int, labels: UnitLabels, forms: UnitForms) -> int:
    """Where a bracketed list that ends in a verb starts when commas part it ((市科技局、
    市财政局,各区政府按职责分工负责), (甲厅,乙办,丙厅、丁厅,各市政府等按职责分工负责): the
    bodies before each comma share the duty, back to the opening bracket); else ``b``."""
    at = b
    while at > start and text[at - 1] in ",，":
        k = at - 1
        # inside its own bracket a part may run as long as a bracketed list (fourteen bureaus,
        # then 等有关部门, then ,各县政府负责)
        while k > start and at - k <= _MAX_BRACKETED_LIST and text[k - 1] not in _INLINE_BOUNDARY:
            k -= 1
        if k <= start or k >= at - 1 or split_joined(text, k, at - 1, labels, forms) is None:
            return b
        if text[k - 1] in "(（":
            return k
        if text[k - 1] not in ",，" or b - k > _MAX_BRACKETED_LIST:
            return b
        at = k
    return b


def _support_tail(text: str, at: int, end: int, labels: UnitLabels, forms: UnitForms) -> tuple[Segment, int] | None:
    """,Y配合) right after a verb at ``at``: the supporting list of a bracketed list and where
    its verb ends, when the bracket closes right after it; else None."""
    if at >= end or text[at] not in ",，;；":
        return None
    s = at + 1
    stop = s
    while stop < end and stop - s <= _MAX_INLINE_LIST and text[stop] not in "。;；,，\n)）":
        stop += 1
    sv = labels.support_verb.search(text, s, stop)
    if sv is None or sv.start() <= s or not _bracket_closes(text, sv.end()) \
            or split_joined(text, s, sv.start(), labels, forms) is None:
        return None
    return Segment("support", s, sv.start()), sv.end()


def _bracket_closes(text: str, at: int) -> bool:
    """Whether a closing bracket follows at ``at`` (a bracketed verb: (市科技局负责))."""
    while at < len(text) and text[at] in " \t\u3000":
        at += 1  # [ 本条由甲局负责 ]: the spaces inside a bracket
    return at < len(text) and text[at] in ")）]】〕"


_DUTY_ITEM_CHARS = 12  # the longest duty listed after 牵头、 read
_MAX_NAME_CHARS = 40  # the longest body's name read after 牵头、


def _duty_list(text: str, at: int, end: int, labels: UnitLabels, forms: UnitForms) -> bool:
    """Whether 牵头 ending at ``at`` is the first of a list of duties (…牵头、协调、监督职责):
    the item after its 、 is neither a body nor a body with its supporting verb (Y配合)."""
    if at >= end or text[at] != "、":
        return False
    stop = at + 1
    while stop < end and stop - at <= _DUTY_ITEM_CHARS and text[stop] not in "、,，。;；)）\n":
        stop += 1
    if stop == at + 1:
        return False
    sv = labels.support_verb.search(text, at + 1, stop)
    name = text[at + 1:sv.start() if sv is not None else stop]
    if forms.looks_like_unit(forms.strip_tail(name)):
        return False
    if stop - at > _DUTY_ITEM_CHARS:
        # 甲局牵头、市卫生和计划生育委员会参与: a body's name longer than any duty, then its verb
        far = at + 1
        while far < end and far - at <= _MAX_NAME_CHARS and text[far] not in "、,，。;；)）\n":
            far += 1
        sv = labels.support_verb.search(text, at + 1, far)
        if sv is not None and forms.looks_like_unit(forms.strip_tail(text[at + 1:sv.start()])):
            return False
    return True


def _bracket_sentence(text: str, at: int, verb_end: int, start: int, labels: UnitLabels, forms: UnitForms) -> bool:
    """Whether a bracket opens right on the list of bodies before the verb at ``at`` and the
    verb ends its first sentence, the bracket going on after it ((甲局、乙局负责。列第一位者为
    牵头单位,下同)), or ends its first part before a comma and a note on how the lists mark their
    leads ((甲局、乙局等负责,列第一位者为牵头单位,下同)): the bracket names those bodies as a
    bracketed verb does."""
    if verb_end >= len(text) or text[verb_end] not in "。;；,，":
        return False
    newline = text.find("\n", verb_end)
    line_end = newline if newline != -1 else len(text)
    closers = [k for k in (text.find(closer, verb_end, line_end) for closer in ")）") if k != -1]
    if not closers:
        return False
    if text[verb_end] in ",，" and labels.bracket_note.search(text, verb_end + 1, min(closers)) is None:
        return False  # (甲局负责,每年评估一次): only a note on the list's leads goes on after a comma
    b = _list_before(text, at, start, labels, forms)
    return b is not None and b > 0 and text[b - 1] in "(（"


def _after_you(text: str, at: int, start: int, labels: UnitLabels, forms: UnitForms) -> list[Segment] | None:
    """The segments of 由X负责 / 由X会同Y负责 ending at ``at``: X responsible (Y supporting),
    None unless 由 opens a list of bodies."""
    lo = max(start, at - _MAX_INLINE_LIST)
    b = _part_start(text, at, lo)
    you = _last_lead_marker(text, b, at, labels)
    if you == -1:
        you = _after_you_across_commas(text, b, lo, labels, forms)
        if you == -1:
            return None
    first = you + 1
    for word in labels.support_before:
        k = text.find(word, first, at)
        if k != -1 and split_joined(text, first, k, labels, forms) is not None \
                and split_joined(text, k + len(word), at, labels, forms) is not None:
            return [Segment("lead", first, k), Segment("support", k + len(word), at)]
    if first >= at or split_joined(text, first, at, labels, forms) is None:
        return None
    return [Segment("responsible", first, at)]


def _after_you_across_commas(text: str, b: int, lo: int, labels: UnitLabels, forms: UnitForms) -> int:
    """Where 由 stands before a list that commas part (由甲局、乙局,各区政府负责, the list from
    ``b`` on being its last part): each part before ``b`` back to 由 a list of bodies; else -1."""
    while b > lo and text[b - 1] in ",，":
        end = b - 1
        k = _part_start(text, end, lo)
        you = _last_lead_marker(text, k, end, labels)
        part = you + 1 if you != -1 else k
        if part >= end or split_joined(text, part, end, labels, forms) is None:
            return -1
        if you != -1:
            return you
        b = k
    return -1


def _sentence_list(text: str, at: int, verb_end: int, start: int, end: int, labels: UnitLabels,
                   forms: UnitForms) -> list[Segment] | None:
    """The list of 市科技局、市财政局负责。 — a whole sentence of bodies and one verb, at the start
    of a line, after a full stop or after a comma (…给予奖励,市科技局负责。) and closed by a full
    stop: the first body leads; else None."""
    if verb_end < end and text[verb_end] not in "。;；\n":
        return None
    b = _list_before(text, at, start, labels, forms)
    if b is None or b >= at:
        return None
    k = b
    while k > start and text[k - 1] in " \t\u3000":
        k -= 1
    if k > start and text[k - 1] not in "。;；\n,，":
        return None
    line = text[text.rfind("\n", start, k) + 1:k]
    if sum(line.count(c) for c in "(（〔[【") > sum(line.count(c) for c in ")）〕]】"):
        return None  # (…由各地安排。甲局、乙委负责。…): a sentence inside a bracket's remark
    return _joint_list(text, b, at, labels, forms) or [Segment("responsible", b, at)]


def _before_opener(text: str, b: int, labels: UnitLabels) -> int:
    """Where the word that opens a list ending at ``b`` starts (其中 of ,其中甲局牵头), else ``b``."""
    for word in labels.list_openers:
        if text.endswith(word, 0, b):
            return b - len(word)
    return b


def _lead_named_again(text: str, b: int, before_end: int, last: int, at: int) -> list[Segment]:
    """(甲局、乙局,乙局牵头 / 甲局、乙局,其中乙局牵头): the bodies before the comma share the task
    and the ones the last part (from ``last``) names again lead; [] when the last part names a
    body not listed before it."""
    again = [i for i in _LIST_SPLIT.split(text[last:at]) if i]
    before = {i for i in _LIST_SPLIT.split(text[b:before_end]) if i}
    if not again or not all(i in before for i in again):
        return []
    return [Segment("responsible", b, before_end), Segment("lead", last, at)]


def _joint_list(text: str, b: int, at: int, labels: UnitLabels, forms: UnitForms) -> list[Segment]:
    """A bracketed list X会同Y before its verb ((本条由甲局会同乙局、丙局组织实施)): X leading,
    Y supporting; [] when no support word parts two lists of bodies."""
    for word in labels.support_before:
        k = text.find(word, b, at)
        if k > b and split_joined(text, b, k, labels, forms) is not None \
                and split_joined(text, k + len(word), at, labels, forms) is not None:
            return [Segment("lead", b, k), Segment("support", k + len(word), at)]
    return []


def _support_after(text: str, at: int, end: int, labels: UnitLabels, forms: UnitForms) -> tuple[Segment, int] | None:
    """会同Y… right after a lead (…牵头，会同Y组织实施): the supporting list and where it ends."""
    s = at
    while s < end and text[s] in ",，、 ":
        s += 1
    word = next((w for w in labels.support_before if text.startswith(w, s)), None)
    if word is None:
        return None
    s += len(word)
    stop = s
    while stop < end and stop - s <= _MAX_INLINE_LIST and text[stop] not in "。;；,，\n":
        stop += 1
    verb = labels.support_end.search(text, s, stop)
    list_end = verb.start() if verb is not None else stop
    if list_end <= s or split_joined(text, s, list_end, labels, forms) is None:
        return None
    return Segment("support", s, list_end), (verb.end() if verb is not None else list_end)


def _quoted(text: str, at: int, start: int) -> bool:
    """Whether ``at`` stands inside a “…” quotation opened in the same paragraph."""
    lo = max(start, at - _MAX_BRACKETED_LIST)
    opened = text.rfind("“", lo, at)
    return opened != -1 and text.find("”", opened, at) == -1 and text.find("\n", opened, at) == -1


def inline_blocks(text: str, start: int, end: int, labels: UnitLabels, forms: UnitForms) -> list[Block]:
    """由X牵头，Y配合 / X牵头 / X、Y按职责分工负责 in running text, one block each."""
    blocks: list[Block] = []
    pos = start
    for m in labels.inline.finditer(text, start, end):
        if m.start() < pos:
            continue
        verb = m.group(0)
        if _quoted(text, m.start(), start):
            continue  # “党委领导,组织部门牵头抓总”: a quoted slogan describes, it assigns no one
        if verb in labels.lead_verbs and _duty_list(text, m.end(), end, labels, forms):
            continue  # 强化主管部门牵头、协调、监督职责: a role's duties listed, no one assigned
        # (市科技局、市财政局负责,各区政府配合): a bracketed verb, the supporting bodies after it
        support_tail = _support_tail(text, m.end(), end, labels, forms)
        closes = _bracket_closes(text, m.end()) or (
            verb in labels.bracketed_verbs and _bracket_sentence(text, m.start(), m.end(), max(start, pos), labels, forms))
        after_you = verb in labels.after_you_verbs and not closes and support_tail is None
        segs_you = _after_you(text, m.start(), max(start, pos), labels, forms) if after_you else None
        if after_you and segs_you is None and verb in labels.shared_verbs:
            after_you = False  # X按职责分工负责,Y负责落实: a shared verb without 由 too
        if after_you and segs_you is None and verb in labels.sentence_verbs:
            # 市科技局负责。: a sentence that is only a list of bodies and its verb names them
            segs_you = _sentence_list(text, m.start(), m.end(), max(start, pos), end, labels, forms)
        if after_you:
            if segs_you is None:
                continue
            b, segs = segs_you[0].start, segs_you
        else:
            found_b = _list_before(text, m.start(), max(start, pos), labels, forms)
            if found_b is None:
                continue
            b = found_b
            opened = _before_opener(text, b, labels)
            if closes:
                b = _bracketed_list_start(text, opened, max(start, pos), labels, forms)
                b = found_b if b == opened else b
            segs = _joint_list(text, b, m.start(), labels, forms) if closes else []
            if not segs and verb in labels.lead_verbs and b < found_b:
                segs = _lead_named_again(text, b, opened, found_b, m.start())
            segs = segs or [Segment("lead" if verb in labels.lead_verbs else "responsible", b, m.start())]
        lead = verb in labels.lead_verbs or after_you
        block_end = m.end()
        if support_tail is not None and not lead:
            segs.append(support_tail[0])
            block_end = support_tail[1]
        elif lead and (joint := _support_after(text, block_end, end, labels, forms)) is not None:
            segs.append(joint[0])  # …牵头，会同Y组织实施
            block_end = joint[1]
        elif lead:
            # …牵头，Y、Z配合: the supporting units up to a support verb in the same sentence
            s = block_end
            while s < end and text[s] in ",，、 ;；":  # …牵头;Y配合 inside one bracket too
                s += 1
            stop = s
            while stop < end and stop - s <= _MAX_INLINE_LIST and text[stop] not in "。;；\n":
                stop += 1
            sv = labels.support_verb.search(text, s, stop)
            if sv is not None and sv.start() > s and split_joined(text, s, sv.start(), labels, forms) is not None:
                segs.append(Segment("support", s, sv.start()))
                block_end = sv.end()
        blocks.append(Block(b, block_end, "inline", segs))
        pos = block_end
    return blocks
