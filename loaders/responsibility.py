"""Who is responsible: 责任单位 brackets, their units, and bodies named in running text.

Input is ``CleanText.normalized``-style text (simplified, full-width ASCII folded); every
offset is absolute in that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .departments import DepartmentVocabulary, default_departments
from .gazetteer import Gazetteer
from .records import Mention, Provision, Region, Unit
from .unit_forms import UnitForms
from .unit_layouts import (
    Block,
    Segment,
    bare_blocks,
    flat_table_blocks,
    inline_blocks,
    labelled_blocks,
    segments,
    split_joined,
    table_blocks,
)
from .word_patterns import literal_alternation

_OPENERS = "(（〔[【〈<﹝{"
_CLOSERS = ")）〕]】〉>﹞}"
_BRACKET_OPENERS = "(（〔[【﹝"
_SEPARATORS = frozenset("、,;，；。/ \u3000\t\n")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]*\n[ \t\u3000]*(?=[\u4e00-\u9fff])")
_WORD = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[。;!?\n]")
# kinds of bodies that running text (由X牵头, X按职责分工负责) can make responsible
_ASSIGNABLE_KINDS = frozenset({"government", "association"})
_TITLE = re.compile(r"《[^《》]*》")


_RUN_ON = re.compile(r"\s*[,，]\s*")
_WHITE = re.compile(r"\s+")
_BRACKET_CHARS = frozenset(_OPENERS + _CLOSERS)
_ITEM_SPLIT = re.compile(r"[、,，;；/\s]+")


def _blocks(text: str, start: int, end: int, vocab: DepartmentVocabulary) -> list[Block]:
    """Labelled blocks and task-table rows of ``text[start:end]``, in order, not overlapping."""
    first = vocab.labels.quick_wrapped.search(text, start, end)
    blocks = labelled_blocks(text, start, end, vocab.labels, vocab.forms, first)
    bare = [b for b in bare_blocks(text, start, end, vocab.labels, vocab.forms)
            if not any(o.start < b.end and b.start < o.end for o in blocks)]
    if bare:
        blocks = sorted(blocks + bare, key=lambda b: b.start)
    # a task table's header holds a label: a text holding none has no table (no scan for one)
    unlabelled = first is None and start == 0 and end == len(text)
    rows = [] if unlabelled else table_blocks(text, start, end, vocab.labels, vocab.forms)
    if not blocks and not rows:
        rows = flat_table_blocks(text, start, end, vocab.labels, vocab.forms)
    if rows:
        rows = [r for r in rows if not any(b.start < r.end and r.start < b.end for b in blocks)]
        blocks = sorted(blocks + rows, key=lambda b: b.start)
    return blocks


def _units_text(text: str, block: Block) -> str:
    """The raw unit list of a block as the contract shows it (labels inside it kept)."""
    if not block.segments:
        return ""
    first, last = block.segments[0], block.segments[-1]
    if block.kind == "table":
        return ";".join(text[s.start:s.end] for s in block.segments)
    return text[first.start:last.end]


def responsibility_spans(text: str, vocab: DepartmentVocabulary | None = None) -> list[tuple[int, int]]:
    """Half-open ranges of every labelled unit list in ``text`` (``(责任单位:…)`` brackets,
    label lines, the unit cells of task-table rows)."""
    if vocab is None:
        return list(_default_spans(text))
    return _spans(text, vocab)


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character inside one of ``spans`` (half-open ranges, in any order,
    overlapping or not) replaced by a space; same length."""
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end > start:
            out += (text[pos:start], " " * (end - start))
            pos = end
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=4)
def _default_spans(text: str) -> tuple[tuple[int, int], ...]:
    # a provision's body, its text read joined and its clause are most often the same text:
    # the instrument, beneficiary and keyword readers each ask for its spans in turn
    return tuple(_spans(text, default_departments()))


def _spans(text: str, vocab: DepartmentVocabulary) -> list[tuple[int, int]]:
    spans = []
    for b in _blocks(text, 0, len(text), vocab):
        if b.kind == "table":
            spans += [(s.start, s.end) for s in b.segments]
        else:
            spans.append((b.start, b.end))
    return spans


def _split(
    text: str, start: int, end: int, vocab: DepartmentVocabulary
) -> tuple[list[Provision], list[Block | None]]:
    provisions: list[Provision] = []
    owners: list[Block | None] = []
    pos = start
    for block in _blocks(text, start, end, vocab):
        units_text = _units_text(text, block)
        provisions.append(Provision(len(provisions), pos, block.end, block.start, block.end, units_text))
        owners.append(block)
        pos = block.end
    if not provisions:
        return [Provision(0, start, end, None, None, None)], [None]
    if _WORD.search(text, pos, end):
        provisions.append(Provision(len(provisions), pos, end, None, None, None))
        owners.append(None)
    return provisions, owners


def split_provisions(
    text: str, start: int, end: int, vocab: DepartmentVocabulary | None = None
) -> list[Provision]:
    """Cut the clause text[start:end] into provisions, each closed by one labelled unit list
    (a 责任单位 bracket, label lines, a task-table row).

    Text after the last list becomes a last provision without units when it holds any
    word character; a clause without list is a single provision with ``units_text`` None.
    """
    return _split(text, start, end, vocab or default_departments())[0]


# -- units -------------------------------------------------------------------------


@dataclass
class _Item:
    name: str
    start: int | None
    end: int | None
    aliases: list[str] = field(default_factory=list)
    lead_marked: bool = False  # 市科技局(牵头): the list says this one leads
    level: str = ""  # the level prefix a bare department name shares with the one before it (市)
    resolved: str = ""  # the name the body's function is read from when its name is kept as printed


def _tokenize(units_text: str, base: int, forms: UnitForms | None = None, level_chars: str = ""
              ) -> list[tuple[str, int, int, list[tuple[str, int]], bool]]:
    """Top-level items of a unit list: (text outside brackets, start, end, [(bracket content, pos)],
    whether a line break inside the name was read past).

    Separators inside brackets do not split (各区人民政府〈含开发区、…〉 stays one item); pos is
    where the bracket stood in the outside text. A line break between two characters of a list
    written along its lines (市城管执⏎法委, the line before parting items with 、) wraps one name
    when the words before it are no body's name of their own (``forms``). Spaces a copy put by
    a bracket (各市 (地) 、县 (市) 政府 (行署)) part no items: see ``_bracket_spaces``.
    """
    items: list[tuple[str, int, int, list[tuple[str, int]], bool]] = []
    wraps = _wrapped_breaks(units_text, forms) | _bracket_spaces(units_text, level_chars)
    wrapped = False
    buf: list[str] = []
    buf_start: int | None = None
    last = 0
    brackets: list[tuple[str, int]] = []
    inner: list[str] = []
    depth, inner_pos = 0, 0

    def flush() -> None:
        nonlocal buf, buf_start, brackets, wrapped
        if buf or brackets:
            begin = buf_start if buf_start is not None else base
            items.append(("".join(buf), begin, base + last, brackets, wrapped))
        buf, buf_start, brackets, wrapped = [], None, [], False

    for i, ch in enumerate(units_text):
        if i in wraps:
            wrapped = wrapped or bool(buf)
            continue
        if depth == 0 and ch in _SEPARATORS:
            flush()
            continue
        if buf_start is None:
            buf_start = base + i
        last = i + 1
        if ch in _OPENERS:
            if depth == 0:
                inner, inner_pos = [], len(buf)
            else:
                inner.append(ch)
            depth += 1
        elif ch in _CLOSERS and depth > 0:
            depth -= 1
            if depth == 0:
                brackets.append(("".join(inner), inner_pos))
            else:
                inner.append(ch)
        elif depth > 0:
            inner.append(ch)
        else:
            buf.append(ch)
    if depth > 0 and inner:
        brackets.append(("".join(inner), inner_pos))
    flush()
    return items


_SPACE_BEFORE_BRACKET = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[(（〔])")
_SPACE_AFTER_LEVELS = re.compile(r"(?<=[)）〕])[ \t\u3000]+(?=[\u4e00-\u9fff])")


def _bracket_spaces(units_text: str, level_chars: str) -> set[int]:
    """Positions of spaces that part no items: before a bracket after a name's character (市科技局
    (牵头), 各市 (地)), and after a bracket of levels that the name goes on past (县 (市) 政府)."""
    if " " not in units_text and "\u3000" not in units_text and "\t" not in units_text:
        return set()
    out: set[int] = set()
    for m in _SPACE_BEFORE_BRACKET.finditer(units_text):
        out.update(range(m.start(), m.end()))
    if level_chars:
        for m in _SPACE_AFTER_LEVELS.finditer(units_text):
            opened = max(units_text.rfind(c, 0, m.start()) for c in "(（〔")
            inner = units_text[opened + 1:m.start() - 1] if opened != -1 else ""
            if inner and all(ch in level_chars or ch in "、, " for ch in inner):
                out.update(range(m.start(), m.end()))
    return out


def _is_remark(name: str, vocab: DepartmentVocabulary) -> bool:
    return any(p.search(name) for p in vocab.remarks)


def _wrapped_breaks(units_text: str, forms: UnitForms | None) -> set[int]:
    """Positions of the whitespace of line breaks that wrap a name (see ``_tokenize``): between
    two CJK characters, the line before holding a 、 or a comma between items, and the words
    since the last of them no body's name of their own (市城管执, not 市财政局); and of the
    spaces a copy left where its lines broke (责任单位:自治 区农牧厅): see ``_space_breaks``."""
    if forms is None:
        return set()
    out = _space_breaks(units_text, forms)
    if "\n" not in units_text:
        return out
    for m in _WRAP.finditer(units_text):
        line = units_text[units_text.rfind("\n", 0, m.start()) + 1:m.start()]
        cut = max(line.rfind(c) for c in "、,，")
        if cut >= 0 and not forms.looks_like_unit(line[cut + 1:]):
            out.update(range(m.start(), m.end()))
    return out


_SPACE_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])")
_ITEM_END = "、,，;；/\n"


def _space_breaks(units_text: str, forms: UnitForms) -> set[int]:
    """Positions of single spaces that break one name (a copy whose line breaks became spaces:
    自治 区农牧厅, 省财政 厅): the words since the last separator before the space are no body's
    name of their own, and with the words after it, up to the next separator, they are one."""
    out: set[int] = set()
    for m in _SPACE_WRAP.finditer(units_text):
        cut = max(units_text.rfind(c, 0, m.start()) for c in _ITEM_END + " \u3000")
        before = units_text[cut + 1:m.start()]
        stop = min((k for k in (units_text.find(c, m.end()) for c in _ITEM_END + " \u3000") if k != -1),
                   default=len(units_text))
        after = units_text[m.end():stop]
        if before and not forms.looks_like_unit(before) and forms.looks_like_unit(before + after):
            out.add(m.start())
    return out


def _build_item(
    raw: str, start: int, end: int, brackets: list[tuple[str, int]], vocab: DepartmentVocabulary,
    wrapped: bool = False, printed: str = "",
) -> _Item | None:
    """Clean one list item: bracket contents become aliases, level parts or are dropped.

    A collective name with alternatives both in its levels and in its kind (各县(市、区)政府
    (管委会): ``printed``, the item as written), or of places alone (相关县(市)区), is kept as
    printed, its function read from the name with the levels written out (各县市区政府)."""
    name, aliases, inserted, marked = raw, [], 0, False
    for content, pos in brackets:
        stripped = "".join(ch for ch in content if ch not in _SEPARATORS)
        if stripped and all(ch in vocab.level_chars for ch in stripped):
            # 各县(市、区)人民政府: the bracket lists further levels of one collective name
            at = pos + inserted
            name = name[:at] + stripped + name[at:]
            inserted += len(stripped)
        elif vocab.remark_brackets.search(content) and not vocab.alias_markers.search(content):
            marked = marked or bool(vocab.lead_remark.search(content))
            continue
        else:
            alias = vocab.alias_markers.sub("", content).strip()
            if alias:
                aliases.append(alias)
    if vocab.lead_marks and name.rstrip().endswith(tuple(vocab.lead_marks)):
        name = name.rstrip().rstrip(vocab.lead_marks)  # 市科技局*: the mark says it leads
        marked = True
    offset = 0
    label = vocab.unit_labels.match(name)
    if label:
        offset = label.end()
        name = name[offset:]
    if vocab.lead_marks and name[:1] in vocab.lead_marks and len(name) > 1:
        name = name[1:]  # ☆市经信局: a mark before the name, as after it, says it leads
        offset += 1
        marked = True
    if _is_remark(name, vocab):
        return None
    if any(ch in vocab.labels.separators for ch in name):
        return None  # 责任单位:市科技局;时间:2024年 — another field, no body
    name = _strip_tails(name, vocab)
    if not name or _is_remark(name, vocab):
        return None
    if inserted and printed and not label and (
            aliases and name.startswith(vocab.collective_prefix)
            or name[-1:] in vocab.level_chars and vocab.forms.is_collective(name)):
        # 各县(市、区)政府(管委会), 相关县(市)区: a collective of places kept as printed
        return _Item(_WHITE.sub("", printed), start, end, [], marked, resolved=name)
    if inserted or wrapped:
        return _Item(name, start, end, aliases, marked)  # written in one stretch, not letter for letter
    if all(pos >= offset + len(name) for _, pos in brackets):
        return _Item(name, start + offset, start + offset + len(name), aliases, marked)
    return _Item(name, None, None, aliases, marked)


def _named_bodies(items: list[_Item], vocab: DepartmentVocabulary) -> list[_Item]:
    """The items of a list less those naming bodies only by their kind (市科技局、市财政局和
    区市相关管理部门: ``kind_only_pattern``) when the list names a body as well."""
    named = [item for item in items if not vocab.kind_only.search(item.name)]
    return named if named else items


def _strip_tails(name: str, vocab: DepartmentVocabulary) -> str:
    """市财政局按职责分工负责 → 市财政局; 市卫计委等 → 市卫计委; 区经信局等区直有关部门 → 区经信局."""
    m = vocab.trailing_drop_pattern.search(name)
    if m is not None and m.start() > 0:
        name = name[: m.start()]
    for tails in (vocab.trailing_remarks, vocab.trailing_drop):
        for tail in tails:
            if name.endswith(tail) and len(name) > len(tail):
                name = name[: -len(tail)]
                break
    return name


def _ends_with_org(name: str, vocab: DepartmentVocabulary) -> bool:
    return name[-1:] in vocab.org_suffix_chars


def _place_split(name: str, vocab: DepartmentVocabulary) -> tuple[str, str] | None:
    """宜昌市人民政府 → (宜昌市, 人民政府): the leading place or zone name and the rest."""
    for i in range(2, len(name) - 1):
        if name[i] in vocab.place_level_chars:
            return name[: i + 1], name[i + 1:]
    return None


def _is_bare_place(item: _Item, vocab: DepartmentVocabulary) -> bool:
    name = item.resolved or item.name
    return (
        len(name) >= 2
        and bool(_CJK.match(name))
        and (not _ends_with_org(name, vocab) or Gazetteer.load().is_short_name(name))
        and not vocab.is_department_term(name)
        and not item.aliases
    )


def _merge_collective_fragments(items: list[_Item], vocab: DepartmentVocabulary,
                                units_text: str = "") -> list[_Item]:
    """各县、市、区人民政府 → one item 各县市区人民政府; written with brackets (各市(地)、县(市)政府
    (行署)), the item keeps the name as printed and its function is read from 各市县市政府."""
    fragment = re.compile(rf"^{re.escape(vocab.collective_prefix)}?[{vocab.level_chars}]{{1,3}}$")
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        if prev is not None and fragment.match(prev.resolved or prev.name) and item.name[:1] in vocab.level_chars \
                and item.name[1:2] not in tuple(vocab.level_qualifiers):
            merged = (prev.resolved or prev.name) + (item.resolved or item.name)
            printed = _printed(units_text, prev.start, item.end)
            prev.name, prev.resolved = (printed, merged) if printed else (merged, "")
            if prev.start is None or item.end is None:
                prev.start, prev.end = None, None
            else:
                prev.end = item.end
            prev.aliases = [] if printed else prev.aliases + item.aliases
            continue
        out.append(item)
    return out


def _merge_shared_levels(items: list[_Item], vocab: DepartmentVocabulary, units_text: str) -> list[_Item]:
    """A level alone (国家, 省) right before a body's name that opens with a level (省工信, 市科技局)
    shares that name's words: 国家、省工信 is one body of both levels, kept as printed, its
    function read from the name after it."""
    forms = vocab.forms
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        if prev is not None and prev.name in forms.short_name_levels and not prev.aliases \
                and any(item.name.startswith(level) for level in forms.short_name_levels) \
                and (forms.is_short_name(item.name) or forms.looks_like_unit(item.name)) \
                and prev.start is not None and item.end is not None:
            out[-1] = _Item(_WHITE.sub("", units_text[prev.start:item.end]), prev.start, item.end, item.aliases,
                            prev.lead_marked or item.lead_marked, resolved=item.resolved or item.name)
            continue
        out.append(item)
    return out


def _printed(units_text: str, start: int | None, end: int | None) -> str:
    """``units_text[start:end]`` without white space when it holds a bracket, else ''."""
    if not units_text or start is None or end is None:
        return ""
    written = _WHITE.sub("", units_text[start:end])
    return written if any(ch in _BRACKET_CHARS for ch in written) else ""


def _prefixed_again(rest: list[_Item], prefix: str, vocab: DepartmentVocabulary) -> bool:
    """Whether a later item of the list carries ``prefix`` before a department name of its own."""
    return any(
        later.name.startswith(prefix) and vocab.is_department_term(later.name[1:]) for later in rest
    )


def _distribute(items: list[_Item], vocab: DepartmentVocabulary, units_text: str = "") -> list[_Item]:
    """Share suffixes and prefixes between the items of one list (see module rules)."""
    out: list[_Item] = []
    i = 0
    while i < len(items):
        item = items[i]
        # a bare organisation suffix (管委会) takes the prefix of the previous collective item
        if item.name in vocab.collective_suffixes and out:
            prev = out[-1].name
            for suffix in vocab.collective_suffixes:
                if prev.endswith(suffix) and len(prev) > len(suffix):
                    out.append(_Item(prev[: -len(suffix)] + item.name, None, None, item.aliases))
                    break
            else:
                out.append(item)
            i += 1
            continue
        # a run of bare place names takes the suffix of the item that closes the run
        if _is_bare_place(item, vocab):
            j = i
            while j < len(items) and _is_bare_place(items[j], vocab):
                j += 1
            closing = items[j] if j < len(items) else None
            split = None
            if closing is not None and not closing.name.startswith(vocab.collective_prefix):
                split = _place_split(closing.name, vocab)
            if closing is not None and split is not None and items[i].name.startswith(vocab.collective_prefix) \
                    and (printed := _printed(units_text, items[i].start, closing.end)):
                # 各市〔州〕、乙新区数据管理部门: bodies of every place sharing one suffix, as printed
                out.append(_Item(printed, items[i].start, closing.end, [], resolved=(items[i].resolved or items[i].name) + split[1]))
                i = j + 1
                continue
            if closing is not None and split is not None:
                place, suffix = split
                governments = vocab.function_of(suffix) == "local_government"
                for bare in items[i:j]:
                    written = bare.resolved or bare.name
                    if governments and vocab.forms.is_place_name(written):
                        # 安平县、饶阳县、深州市政府: a place named with its level stands for its
                        # government as printed; a zone shares its committee's name (甲经开区、乙高新区管委会)
                        out.append(replace(bare, resolved=written + suffix))
                        continue
                    level = place[-1] if not written.endswith(place[-1]) else ""
                    out.append(_Item(written + level + suffix, None, None, bare.aliases))
                i = j
                continue
        # a bare department name (教育局) after 市发改委 is that level's body, unless a later item
        # writes that prefix again: then the writer prefixes each name and left this one bare.
        # Its name stays as written (教育局); the level only qualifies the body it resolves to
        if vocab.is_department_term(item.name) and out:
            prev = out[-1].level + out[-1].name
            if prev[:1] in vocab.level_prefixes and not vocab.is_department_term(prev) \
                    and not _prefixed_again(items[i + 1:], prev[0], vocab):
                out.append(replace(item, level=prev[0]))
                i += 1
                continue
        out.append(item)
        i += 1
    return out


def parse_units(
    units_text: str,
    units_start: int,
    group: int,
    region: Region | None,
    vocab: DepartmentVocabulary | None = None,
    issuer: str | None = None,
) -> list[Unit]:
    """Units of one 责任单位 list, in order; the first is the lead.

    Labels inside the list start lists of their own role (X;配合单位:Y: Y does not lead;
    X;牵头单位:Y: only Y leads). ``units_start`` is the offset of ``units_text`` in the
    document text; a unit's start/end is set when its name is written contiguously, None
    when it was distributed (襄阳 in 武汉、襄阳、宜昌市人民政府).
    """
    vocab = vocab or default_departments()
    segs = segments(units_text, 0, len(units_text), "responsible", vocab.labels)
    block = Block(0, len(units_text), "bracket",
                  [Segment(sg.role, sg.start, sg.end) for sg in segs])
    return block_units(units_text, block, group, region, vocab, issuer, base=units_start)


def block_units(
    text: str,
    block: Block,
    group: int,
    region: Region | None,
    vocab: DepartmentVocabulary,
    issuer: str | None = None,
    base: int = 0,
) -> list[Unit]:
    """The units of one block, each list's units with the lead rule of the block.

    When a list of the block is labelled as leading (牵头单位) its units lead and no other;
    otherwise the first unit of the first 责任单位-like list leads; supporting lists
    (配合单位, 参与单位, 成员单位…) never lead. A name given twice in a block counts once.
    """
    segs = block.segments if block.kind == "inline" else _with_verbs(text, block.segments, vocab)
    items = []
    for sg in segs:
        seg_text = text[sg.start:sg.end]
        if block.kind == "inline":
            seg_text = split_joined(text, sg.start, sg.end, vocab.labels, vocab.forms) or seg_text
        elif any(ch in seg_text for ch in vocab.labels.list_joiners if ch != "、"):
            seg_text = _joined_departments(seg_text, vocab)
        items += [(sg, *item) for item in _unit_items(seg_text, vocab)]
    # (牵头单位:甲局;责任单位:市直有关部门、单位): a list of bodies named only by their kind
    # names no one when another list of the block names a body; a leading list keeps them
    # (牵头部门:领导小组成员单位;配合部门:各市州政府: the members lead)
    named = [item for item in items if item[0].role == "lead" or not vocab.kind_only.search(item[1])]
    if any(not vocab.kind_only.search(item[1]) for item in named):
        items = named
    marked = any(item[-2] for item in items)  # 市财政局、市科技局(牵头): the marked ones lead
    has_lead = any(sg.role == "lead" for sg in segs)
    # 责任单位:市财政局、市科技局,市科技局牵头: a body named again in a leading list leads
    lead_names = {item[1] for item in items if item[0].role == "lead"}
    lead_given = False
    seen: set[str] = set()
    units: list[Unit] = []
    for sg, name, start, end, aliases, lead_marked, resolved in items:
        if name in seen:
            continue
        seen.add(name)
        if marked:
            lead = lead_marked
        elif has_lead:
            lead = name in lead_names
        else:
            lead = sg.role == "responsible" and not lead_given
            lead_given = lead_given or sg.role == "responsible"
        canonical, function, kind = _resolve(resolved, region, vocab, issuer)
        if start is not None and end is not None:
            start, end = start + sg.start + base, end + sg.start + base
        units.append(Unit(name, canonical, function, kind, lead, group, list(aliases), start, end))
    return units


_KIND_CODES = frozenset({"university_institute", "state_enterprise"})


@lru_cache(maxsize=4096)
def _joined_departments(seg_text: str, vocab: DepartmentVocabulary) -> str:
    """A labelled list with 和/及/与 between two departments turned into 、 ((责任单位:市科技局和
    市财政局)), else the list as written: not 市委编办及市直相关单位 (the bodies named by kind
    after 及 are dropped) nor 在甲高校及科研院所 (kinds of body named together as one)."""
    if any(vocab.trailing_drop_pattern.search(item) for item in _ITEM_SPLIT.split(seg_text)):
        return seg_text
    joined = split_joined(seg_text, 0, len(seg_text), vocab.labels, vocab.forms)
    if joined is not None and len(joined) == len(seg_text) and _parts_are_departments(joined, seg_text, vocab):
        return joined
    return seg_text


def _parts_are_departments(joined: str, written: str, vocab: DepartmentVocabulary) -> bool:
    """Whether the items a 和/及/与 parted are departments or governments (市科技局和市财政局,
    市财政局及各区县), not kinds of body named together as one (在甲高校及科研院所)."""
    before = set(_ITEM_SPLIT.split(written))
    for part in _ITEM_SPLIT.split(joined):
        if part and part not in before and vocab.forms.catalogue_function(part) in _KIND_CODES:
            return False
    return True


def _with_verbs(text: str, segs: list[Segment], vocab: DepartmentVocabulary) -> list[Segment]:
    """Lists that say who leads in words (责任单位:市科技局牵头,市财政局配合) are cut there."""
    out: list[Segment] = []
    for sg in segs:
        found = [b for b in inline_blocks(text, sg.start, sg.end, vocab.labels, vocab.forms)
                 if any(x.role != "responsible" for x in b.segments)]
        if not found:
            out.append(sg)
            continue
        pos = sg.start
        for b in found:
            gap_end = b.start
            for word in vocab.labels.list_openers:
                if text.endswith(word, pos, gap_end):
                    gap_end -= len(word)  # 甲局、乙局,其中乙局牵头: 其中 names no body
                    break
            if _WORD.search(text, pos, gap_end):
                out.append(Segment(sg.role, pos, gap_end))
            out.extend(b.segments)
            pos = b.end
        if _WORD.search(text, pos, sg.end):
            out.append(Segment(sg.role, pos, sg.end))
    return out


def _resolve(name: str, region: Region | None, vocab: DepartmentVocabulary, issuer: str | None) -> tuple[str, str, str]:
    """resolve(), except that an office written without its bureau (政策法规处) belongs to the
    body that issued the policy: its function, its name as prefix."""
    canonical, function, kind = vocab.resolve(name, region)
    if function == "other" and vocab.forms.is_place_name(name):  # 安平县: its government
        canonical, function, kind = vocab.resolve(vocab.forms.place_body(name), region)
    if issuer and vocab.forms.is_office(name) and vocab.forms.catalogue_function(name) is None:
        bureau = vocab.forms.catalogue_function(issuer)
        if bureau is not None:
            return issuer + name, bureau, "government"
    return canonical, function, kind


@lru_cache(maxsize=4096)
def _unit_items(
    units_text: str, vocab: DepartmentVocabulary
) -> tuple[tuple[str, int | None, int | None, tuple[str, ...], bool, str], ...]:
    """The distinct unit names of a list with their offsets in ``units_text``, aliases, whether
    the list marks them as leading, and the name their function is read from (with the level
    prefix a bare name shares with the one before: 市 + 教育局).

    Only the text and the vocabulary decide them, and the same lists recur clause after
    clause, so they are remembered.
    """
    items = []
    for raw, start, end, brackets, wrapped in _tokenize(units_text, 0, vocab.forms, vocab.level_chars):
        item = _build_item(raw, start, end, brackets, vocab, wrapped, units_text[start:end])
        if item is not None:
            items.append(item)
    items = _named_bodies(items, vocab)
    out = []
    seen: set[str] = set()
    merged = _merge_shared_levels(_merge_collective_fragments(items, vocab, units_text), vocab, units_text)
    for item in _distribute(merged, vocab, units_text):
        if len(item.name) == 1 and item.name in vocab.place_level_chars:
            continue  # 责任单位:区 — a level alone, the rest of the name cut off, names no body
        if item.name not in seen:
            seen.add(item.name)
            out.append((item.name, item.start, item.end, tuple(item.aliases), item.lead_marked,
                        item.resolved or item.level + item.name))
    return tuple(out)


def units_for(
    text: str, provision: Provision, group: int, region: Region | None, vocab: DepartmentVocabulary | None = None,
    issuer: str | None = None,
) -> list[Unit]:
    """Parse the units of a provision made by :func:`split_provisions` (empty without a list)."""
    if provision.units_text is None or provision.bracket_start is None or provision.bracket_end is None:
        return []
    vocab = vocab or default_departments()
    for block in _blocks(text, provision.start, provision.end, vocab):
        if block.start == provision.bracket_start:
            return block_units(text, block, group, region, vocab, issuer)
    return []


# -- mentions in running text --------------------------------------------------------


@lru_cache(maxsize=64)
def _mention_pattern(
    vocab: DepartmentVocabulary, region_names: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The mention pattern, and a pattern of where a mention can begin (None: anywhere).

    Trying the long alternation only where a mention can begin is much cheaper than letting
    it scan every position.
    """
    conf = vocab.mentions
    terms = sorted(set(vocab.departments) | set(conf["bare_terms"]) | {"财政局", "财政厅"}, key=len, reverse=True)
    prefixes = sorted(conf["prefixes"], key=len, reverse=True)
    quals = [n for n in region_names if n]
    qual_part = rf"(?P<qual>{literal_alternation(quals)})?" if quals else "(?P<qual>)"
    pattern = re.compile(
        qual_part
        + r"(?P<prefix>" + literal_alternation(prefixes) + r")?"
        + r"(?P<term>" + literal_alternation(terms) + r")"
    )
    if not all(terms):
        return pattern, None
    # the first two characters a mention can begin with, as one branch per first character
    # that looks ahead at the second; a mention of one character allows any second one
    seconds: dict[str, set[str] | None] = {}
    for head in {q + p for q in ["", *quals] for p in ["", *prefixes]}:
        for term in terms:
            gram = (head + term)[:2]
            known = seconds.setdefault(gram[0], set())
            if len(gram) == 1 or known is None:
                seconds[gram[0]] = None
            else:
                known.add(gram[1])
    branches = [re.escape(first) if after is None else f"{re.escape(first)}(?=[{re.escape(''.join(sorted(after)))}])"
                for first, after in sorted(seconds.items())]
    return pattern, re.compile("|".join(branches))


def _finditer(
    pattern: re.Pattern[str], starts: re.Pattern[str] | None, text: str, start: int, end: int
) -> list[re.Match[str]]:
    """What ``pattern.finditer(text, start, end)`` yields, trying it only where ``starts`` matches."""
    if starts is None:
        return list(pattern.finditer(text, start, end))
    out: list[re.Match[str]] = []
    match = pattern.match
    pos = start
    for s in starts.finditer(text, start, end):
        at = s.start()
        if at >= pos:
            m = match(text, at, end)
            if m is not None:
                out.append(m)
                pos = m.end()
    return out


def _excluded_ranges(
    text: str, start: int, end: int, vocab: DepartmentVocabulary, blocks: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    if blocks is None:
        ranges = [(b.start, b.end) for b in _blocks(text, start, end, vocab)]
    else:
        ranges = [(b, e) for b, e in blocks if b < end and start < e]
    for m in _TITLE.finditer(text[start:end]):
        ranges.append((start + m.start(), start + m.end()))
    return ranges


def _role(text: str, name_end: int, end: int, vocab: DepartmentVocabulary) -> str:
    conf = vocab.mentions
    stop = _SENTENCE_END.search(text, name_end, end)
    after = text[name_end: stop.start() if stop else end]
    if re.match(conf["funding_followers"], after) and re.search(conf["funding_cues"], after):
        return "funding"
    return "implementing"


def find_mentions(
    text: str,
    start: int,
    end: int,
    region: Region | None,
    vocab: DepartmentVocabulary | None = None,
    blocks: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Bodies named in running text (outside 责任单位 brackets and 《titles》) that fund or implement.

    A mention is an optional region prefix (省/市/县/区/属地/所在地…) plus a known department
    name or 财政; a bare 财政 counts only in subject position (省财政按…给予, not 省财政科研经费).
    Prefixed names listed with a mention (市科技局、市产业创新研究中心等) are mentions too.
    ``blocks``: the labelled unit lists of the text when the caller has them already.
    """
    vocab = vocab or default_departments()
    conf = vocab.mentions
    names = tuple(sorted({region.name, region.province, region.city or ""} - {""})) if region else ()
    pattern, starts = _mention_pattern(vocab, names)
    excluded = _excluded_ranges(text, start, end, vocab, blocks)
    sibling = re.compile(conf["sibling"])
    unprefixed_after = re.compile(conf["unprefixed_after"])
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in excluded + taken)

    for m in _finditer(pattern, starts, text, start, end):
        if not free(m.start(), m.end()):
            continue
        term, prefix = m.group("term"), m.group("prefix") or ""
        if not (prefix or m.group("qual")) and m.start() > start \
                and not unprefixed_after.search(text, max(start, m.start() - 2), m.start()):
            continue
        if term in conf["bare_terms"]:
            if not (prefix or m.group("qual")) or not re.match(conf["bare_term_followers"], text[m.end():end]):
                continue
        role = _role(text, m.end(), end, vocab)
        for name in _split_joint_prefix(m.group(0), prefix, m.group("qual") or ""):
            canonical, function, _kind = vocab.resolve(name, region)
            if prefix in conf["unqualified_prefixes"]:
                canonical = name
            mentions.append(Mention(name, canonical, function, role, m.start(), m.end()))
        taken.append((m.start(), m.end()))
        pos = m.end()
        while True:
            sib = sibling.match(text, pos, end)
            if not sib or not free(sib.start(1), sib.end(1)):
                break
            name = sib.group(1)
            canonical, function, _kind = vocab.resolve(name, region)
            mentions.append(Mention(name, canonical, function, role, sib.start(1), sib.end(1)))
            taken.append((sib.start(1), sib.end(1)))
            pos = sib.end(1)
    mentions.sort(key=lambda x: x.start)
    return mentions


def _split_joint_prefix(name: str, prefix: str, qual: str) -> list[str]:
    """省市财政 names two bodies: 省财政 and 市财政."""
    if qual or len(prefix) != 2 or not all(ch in "省市县区" for ch in prefix):
        return [name]
    rest = name[len(prefix):]
    return [prefix[0] + rest, prefix[1] + rest]


_CLOSED = re.compile(r"[)）】\]]")


def _cut_off(text: str, block: Block) -> bool:
    """Whether the text ends inside the block's bracket, after its last unit: that name may be
    cut short (市发 of 市发改委), so it is no unit. A list cut after a separator
    (…、省农业农村厅、) ends with a whole name."""
    if block.kind != "bracket" or not block.segments:
        return False
    last = block.segments[-1]
    listed = text[last.start:last.end].rstrip()
    return not text[last.end:].strip() and not _CLOSED.search(text, last.start, last.end) \
        and listed[-1:] not in _SEPARATORS


def extract_provisions(
    text: str,
    start: int,
    end: int,
    region: Region | None,
    vocab: DepartmentVocabulary | None = None,
    issuer: str | None = None,
) -> list[Provision]:
    """Split a clause into provisions and fill each one's units and mentions.

    A clause with no labelled list gets the units its running text names as responsible
    (由X牵头，Y配合; X、Y按职责分工负责), each phrase a group of the provision it is in.
    ``issuer`` (the body that issued the policy) owns offices named without their bureau.
    """
    vocab = vocab or default_departments()
    provisions, owners = _split(text, start, end, vocab)
    group = 0
    for prov, block in zip(provisions, owners, strict=True):
        if block is not None:
            prov.units = block_units(text, block, group, region, vocab, issuer)
            if prov.units and _cut_off(text, block):
                last = prov.units[-1]
                if last.end is not None and last.end < len(text) and text[last.end] in _OPENING:
                    # 市经济信息委〔市中小企 — the excerpt ends inside the other name bracketed
                    # after a whole one: the name stands, the cut other name goes
                    last.aliases = last.aliases[:-1]
                else:
                    prov.units.pop()  # (牵头单位:市科委、市发 — the excerpt ends inside the name
            group += 1
    if not any(owners):
        last_end = -1  # where the last phrase that named units ended
        for block in inline_blocks(text, start, end, vocab.labels, vocab.forms):
            # X按职责分工负责,Y负责落实: a phrase run on after a comma carries on the group
            gap_end = block.start
            for word in vocab.labels.list_openers:
                if text.endswith(word, last_end, gap_end):
                    gap_end -= len(word)  # X、Y负责,其中Y牵头
                    break
            run_on = last_end != -1 and _RUN_ON.fullmatch(text, last_end, gap_end) is not None
            found = block_units(text, block, group - 1 if run_on else group, region, vocab, issuer)
            # 由科研院所牵头组建… gives no one a duty: running text assigns one to public bodies
            if not any(u.kind in _ASSIGNABLE_KINDS for u in found):
                continue
            prov = next(p for p in provisions if p.start <= block.start < p.end)
            if run_on:
                found = _run_on_units(prov.units, found, group - 1)
            prov.units.extend(found)
            last_end = block.end
            group += 0 if run_on else 1
    spans = [(b.start, b.end) for b in owners if b is not None]
    for prov in provisions:
        prov.mentions = find_mentions(text, prov.start, prov.end, region, vocab, spans)
    return provisions


def _run_on_units(units: list[Unit], found: list[Unit], group: int) -> list[Unit]:
    """The units of a phrase run on after a comma (X、Y按职责分工负责,Y牵头), which carry on
    ``group``: none leads, unless the phrase names again with a lead verb bodies the group has,
    which then lead it alone; the new ones to add."""
    earlier = {u.name: u for u in units if u.group == group}
    again = [u for u in found if u.name in earlier]
    if again and len(again) == len(found) and all(u.lead for u in found):
        for unit in earlier.values():
            unit.lead = unit.name in {u.name for u in again}
        return []
    for unit in found:
        unit.lead = False
    return found


_OPENING = "(（〔【[﹝〈"
_CLOSING = ")）〕】]﹞〉"
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def lead_separator(text: str, vocab: DepartmentVocabulary | None = None) -> str | None:
    """The separator a document's remark names as ending the leads of its lists
    (逗号前为牵头单位,下同 → the comma), or None when it has no such remark."""
    vocab = vocab or default_departments()
    m = vocab.lead_before_separator.search(text)
    return vocab.lead_separators.get(m.group(1)) if m else None


def _first_separator(text: str, start: int, end: int, separators: str) -> int | None:
    """Where the first of ``separators`` stands in ``text[start:end]`` outside nested brackets."""
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth -= 1
        elif depth == 0 and ch in separators:
            return i
    return None


def mark_leads_before(text: str, provisions: list[Provision], separators: str) -> None:
    """Lead flags by the document's own convention (逗号前为牵头单位): in each 责任单位 list
    the units written before the first separator lead, every unit when the list has none.
    Lists whose units carry their own lead words (牵头单位:…, 市科技局(牵头)) keep them."""
    for prov in provisions:
        if prov.bracket_start is None or prov.bracket_end is None or not prov.units:
            continue
        units_text = prov.units_text or ""
        if "牵头" in _BRACKETED.sub("", units_text) or "配合" in units_text:
            continue  # the list names its leads in words
        body_start = text.find(units_text, prov.bracket_start, prov.bracket_end) if units_text else -1
        if body_start < 0:
            continue
        cut = _first_separator(text, body_start, body_start + len(units_text), separators)
        for unit in prov.units:
            if cut is None:
                unit.lead = True
            elif unit.start is not None:
                unit.lead = unit.start < cut


def writes_bare_heads(provisions: list[Provision], vocab: DepartmentVocabulary | None = None) -> bool:
    """Whether a list of these provisions opens with a department named without its level
    (科技厅,省发展改革委、…): a writer who names the first unit bare writes names as they are."""
    vocab = vocab or default_departments()
    for prov in provisions:
        if prov.bracket_start is not None and prov.units:
            head = prov.units[0]
            if head.start is not None and vocab.is_department_term(head.name):
                return True
    return False


def keep_names_as_written(provisions: list[Provision], region: Region | None,
                          vocab: DepartmentVocabulary | None = None, issuer: str | None = None) -> None:
    """Undo the level prefix a bare department name took from its neighbour (经济和信息化厅
    after 省发展改革委): in a document that writes bare names, the name is as written."""
    vocab = vocab or default_departments()
    for prov in provisions:
        for unit in prov.units:
            bare = unit.name[1:]
            if unit.start is None and unit.name[:1] in vocab.level_prefixes and vocab.is_department_term(bare):
                unit.name = bare
                unit.canonical, unit.function, unit.kind = _resolve(bare, region, vocab, issuer)
