"""The labels that introduce responsible units (责任单位, 牵头单位, 配合单位…) and their roles.

Read from ``data/unit_labels.json``: adding a label or an inline form is a data change. The
patterns compiled here are the ones :mod:`.unit_layouts` scans a clause with.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from policykg.errors import DataFileError

from .vocabulary_files import read_vocabulary
from .word_patterns import NEVER, literal_alternation, literal_branches, optional_pattern, scanning_pattern

LABELS_FILE = Path(__file__).resolve().parent / "data" / "unit_labels.json"

ROLES = ("lead", "responsible", "support")
OPENERS = "(（〔[【﹝"
CLOSERS = ")）〕]】﹞"
_CLAUSE_MARK = r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.、．]|[一二三四五六七八九十]{1,3}[、.．])?"


class LabelsError(DataFileError, ValueError):
    """The unit-label file is missing, unreadable or inconsistent."""


_SPACED_MIN = 4  # the shortest label read with a space between each of its characters (责 任 单 位)
_SPACE_RUN = re.compile(r"[ \t\u3000\n]+")


def _spaced(words: list[str]) -> str:
    """An alternation of ``words`` written with spaces between all their characters
    (责 任 单 位: a label spread over its cell's width), the longest first."""
    long = sorted((w for w in words if len(w) >= _SPACED_MIN), key=len, reverse=True)
    return "|".join(r"[ \u3000]+".join(map(re.escape, w)) for w in long) or "(?!)"


def _wrapped(words: list[str]) -> str:
    """An alternation of ``words`` of at least ``_SPACED_MIN`` characters, the longest first, each
    broken by one line break between two of its characters (责任单⏎位: a label a PDF copy wrapped
    at its line's end)."""
    long = sorted((w for w in words if len(w) >= _SPACED_MIN), key=len, reverse=True)
    forms = [re.escape(w[:k]) + r"[ \t\u3000]*\n[ \t\u3000]*" + re.escape(w[k:])
             for w in long for k in range(1, len(w))]
    return "|".join(forms) or "(?!)"


def _wrappable(words: list[str]) -> str:
    """An alternation of ``words``, the longest first, each allowed a line break between its characters."""
    return "|".join(r"[ \t\u3000]*\n?[ \t\u3000]*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))


class UnitLabels:
    """Label words with their roles, and the compiled patterns that find them."""

    def __init__(self, data: dict[str, Any], source: str = "<data>") -> None:
        try:
            self.source = source
            self.roles: dict[str, str] = dict(data["labels"])
            # a source 文号's number and closing bracket before a unit list (〔2020〕4号省财政厅、…)
            self.source_number_tail = optional_pattern(data, "source_number_tail")
            # what opens a bracket that is no unit list ((以下简称单位)): see unit_layouts.bare_blocks
            self.not_a_list = optional_pattern(data, "not_a_list")
            bad = {k: v for k, v in self.roles.items() if v not in ROLES}
            if bad:
                raise LabelsError(f"{source}: unknown roles {bad}; use one of {ROLES}")
            tails = literal_alternation(data.get("label_tails", []))
            self.separators: str = data.get("label_separators", ":：")
            seps = re.escape(self.separators)
            # a label, optionally with a bracketed tail: 牵头科室(单位)
            # a label as one word or spread out by spaces (责 任 单 位)
            words = rf"{literal_alternation(self.roles)}|{_spaced(list(self.roles))}"
            self.label = rf"(?P<label>{words})(?:[(（](?:{tails})[)）])?"
            label_nc = self.label.replace("?P<label>", "")
            # in a bracket a label may also be wrapped over two lines ((责任单⏎位:X、Y))
            wrapped = _wrapped(list(self.roles))
            label_in_bracket = rf"(?P<label>{words}|{wrapped})(?:[(（](?:{tails})[)）])?"
            # two labels written as one before a list (牵头单位/责任单位:X、Y): the first body leads
            self.label_joiners: str = data.get("label_joiners", "")
            joiners = re.escape(self.label_joiners)
            pair = rf"(?:[{joiners}]{label_nc})?" if joiners else ""
            # a table header cell: the label, perhaps with a bracketed remark (排第一的为牵头单位)
            self.label_only = re.compile(rf"{label_nc}{pair}[ \t]*(?:[(（][^)）]*[)）])?[ \t]*$")
            # every character a head may hold before its label (see labelled_blocks)
            self.head_prefix_chars = frozenset(
                " \t\u3000" + data.get("line_bullets", "") + OPENERS + "()（）.、．0123456789一二三四五六七八九十")
            bullets = re.escape(data.get("line_bullets", ""))
            weak = literal_alternation(data.get("weak_separators", [])) or "(?!)"
            opens, closes = re.escape(OPENERS), re.escape(CLOSERS)
            # every branch of these opens on a label's first character, none in a group: the
            # engine skips to where a label can begin as it skips to one character
            flat = [*literal_branches(self.roles), *(f for f in (_spaced(list(self.roles)),) if f != NEVER)]
            self.quick = re.compile("|".join(flat) or NEVER)
            # the same, with the labels wrapped over two lines: where a labelled block may start
            self.quick_wrapped = re.compile("|".join(flat + ([wrapped] if wrapped != NEVER else [])) or NEVER)
            # where a labelled list starts:
            #   wrap: (责任单位:X、Y)      tag: 【牵头单位】X      line: 牵头单位:X / 。责任单位:X
            #   alone: a line holding only the label, the list on the following lines
            # a label standing without colon (in its own bracket, alone on a line) must be a
            # word of its own: 牵头单位, not the bare 牵头 of 市科技局(牵头)
            tag_words = [k for k in self.roles if len(k) > 2]
            label_tag = rf"(?:{literal_alternation(tag_words)}|{_spaced(tag_words)})(?:[(（](?:{tails})[)）])?"
            # a label of its own word, or two written as one (牵头/责任单位)
            tag_pair = rf"(?:{label_tag}{pair}|{label_nc}[{joiners}]{label_tag})" if joiners else label_tag
            self.head = scanning_pattern(
                rf"(?P<wrap>[{opens}])[ \t]*(?:{label_in_bracket}{pair}[ \t]*(?:[{seps}][ \t]*|[ \t]+(?=[^ \t\n]))"
                rf"|{tag_pair}[ \t]*(?P<tag>[{closes}])[ \t]*[{seps}]?[ \t]*)"
                rf"|(?:^[ \t{bullets}]*{_CLAUSE_MARK}|(?<=[。;；,，)）】]))[ \t]*"
                rf"(?:{label_nc}{pair}[ \t]*[{seps}][ \t]*|{tag_pair}[ \t]*(?=\n|$)"
                # 责任单位为X / 责任单位 X: a weaker separator, read only when a list of bodies follows
                rf"|{label_tag}(?P<weak>[ \t\u3000]*(?:{weak})[ \t\u3000]*|[ \t\u3000]+(?=[^ \t\n])))"
                # …给予奖励 责任单位:X: a label and its colon after a space in a running line
                rf"|(?<=[ \t\u3000])(?:(?<=[\u4e00-\u9fff][ \t\u3000])|(?<=[\u4e00-\u9fff][ \t\u3000]{{2}})"
                rf"|(?<=[\u4e00-\u9fff][ \t\u3000]{{3}})){label_tag}[ \t]*[{seps}][ \t]*",
                re.M,
            )
            # a label that starts another list inside a list: X;配合单位:Y / X【配合单位】Y
            self.inner = scanning_pattern(
                # (a bracketed label right before a separator is a remark on the body before it:
                # 市科技局(牵头单位)、市财政局)
                rf"(?:[{opens}][ \t]*{label_tag}[ \t]*[{closes}](?![ \t]*(?:[、,，;；{closes}]|$))[ \t]*[{seps}]?"
                rf"|(?:(?<=[;；,，、\s。])|^){label_nc}[ \t]*[{seps}])[ \t]*"
            )
            inline = data["inline"]
            self.lead_verbs: list[str] = sorted(inline["lead_verbs"], key=len, reverse=True)
            self.support_verbs: list[str] = sorted(inline["support_verbs"], key=len, reverse=True)
            self.shared_verbs: list[str] = sorted(inline["shared_verbs"], key=len, reverse=True)
            self.before_lead: list[str] = list(inline["before_lead"])
            self.list_openers: tuple[str, ...] = tuple(inline.get("list_openers", []))
            self.list_joiners: str = inline["list_joiners"]
            self.bracketed_verbs: list[str] = list(inline.get("bracketed_verbs", []))
            self.after_you_verbs: list[str] = sorted(inline.get("after_you_verbs", []), key=len, reverse=True)
            self.support_before: list[str] = list(inline.get("support_before", []))
            # verbs that name the responsible bodies of a sentence that holds only them (市科技局负责。)
            self.sentence_verbs: frozenset[str] = frozenset(inline.get("sentence_verbs", [])) & frozenset(
                self.after_you_verbs)
            noun_tails = inline.get("lead_noun_tails", [])
            not_a_noun = rf"(?!{literal_alternation(noun_tails)})" if noun_tails else ""
            self.inline = scanning_pattern(
                rf"(?:{literal_alternation(self.lead_verbs)}){not_a_noun}"
                rf"|{literal_alternation(self.shared_verbs)}"
                # a bracketed verb a PDF copy wrapped over two lines (负责⏎组织实施 ]) is still one
                + (rf"|(?:{_wrappable(self.bracketed_verbs)})(?=[ \t\u3000]*[{closes}])" if self.bracketed_verbs
                   else "")
                + (rf"|(?:{literal_alternation(self.after_you_verbs)})(?=[,，。;；]|$)" if self.after_you_verbs else "")
            )
            # a note after a bracketed verb and a comma on how the lists mark their leads
            self.bracket_note = re.compile(inline.get("bracket_note", "(?!)"))
            # a bracketed note closing a labelled list on how every list marks its leads
            self.list_note = re.compile(data.get("list_note", "(?!)"))
            ends = inline.get("support_end_verbs", [])
            self.support_end = re.compile(literal_alternation(ends) if ends else "(?!)")
            self.support_verb = re.compile(
                rf"(?:{literal_alternation(self.support_verbs)})"
            )
            # field labels that end a list written on a line: 牵头单位:X 完成时限:2025年
            self.stop = re.compile(literal_alternation(data.get("stop_labels", [])))
            self.table_split = re.compile(data["table_separators"])
            self.table_split_loose = re.compile(data.get("table_separators_loose", "[ \\u3000]+"))
            self.table_max_header_cell: int = int(data.get("table_max_header_cell", 12))
            self.flat_table_header = optional_pattern(data, "flat_table_header")
            self.row_number_headers: frozenset[str] = frozenset(data.get("row_number_headers", []))
            self.flat_table_prefixes: str = data.get("flat_table_unit_prefixes", "")
        except (KeyError, TypeError, re.error) as err:
            raise LabelsError(f"{source}: malformed entry ({err}); compare with {LABELS_FILE}") from err

    @classmethod
    def load(cls, path: Path | str | None = None) -> UnitLabels:
        """Read a label file (default: the bundled ``data/unit_labels.json``)."""
        try:
            data, path = read_vocabulary(path, LABELS_FILE, "unit-label file")
        except (FileNotFoundError, ValueError) as err:
            raise LabelsError(str(err)) from err
        return cls(data, str(path))

    def role_of(self, label_text: str) -> str:
        """The role of a label as written (牵头科室(单位) → lead); responsible when unknown or
        when two labels of different roles are written as one (牵头单位/责任单位: the first
        body leads)."""
        label_text = _SPACE_RUN.sub("", label_text)
        m = self.quick.search(label_text)
        if m is None:
            return "responsible"
        role = self.roles.get(m.group(0), "responsible")
        other = self.quick.search(label_text, m.end())
        if other is not None and self.roles.get(other.group(0), role) != role:
            return "responsible"
        return role

    def header_role(self, cell: str) -> str | None:
        """The role of a table header cell that is a label (牵头单位), else None."""
        cell = cell.strip()
        return self.role_of(cell) if self.label_only.match(cell) else None
