"""Records produced by the loaders: plain dataclasses, no database, no I/O.

Offsets: every ``start``/``end`` pair is a half-open range in the *cleaned* text of
the document (``CleanText.text``), unless the field name says ``orig_``; the
``CleanText.origin`` table maps a cleaned offset back to the decoded source text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Warning_:
    """A problem found while reading a file that did not stop it from loading."""

    code: str  # e.g. "corrupted_text", "encoding_fallback"
    message: str
    start: int | None = None  # cleaned-text offset, when the problem has a place
    end: int | None = None
    orig_start: int | None = None  # offset in the decoded source text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SourceText:
    """A file decoded to text, before any cleaning."""

    path: str
    format: str  # "txt" | "html" | "docx" | "pdf"
    encoding: str  # the encoding used to decode, e.g. "utf-8", "utf-8-sig", "gb18030", "utf-16"
    text: str  # the decoded text; offsets in ``CleanText.origin`` point into this
    sha256: str  # of the file bytes
    size_bytes: int
    warnings: list[Warning_] = field(default_factory=list)


@dataclass
class CleanText:
    """Cleaned text in three aligned forms of the same length.

    ``text`` keeps the script of the source (traditional stays traditional),
    ``simplified`` is the same text in simplified Chinese and ``normalized`` is the
    simplified text with full-width ASCII/punctuation folded to a single form for
    matching.  ``origin[i]`` is the offset in ``SourceText.text`` of ``text[i]``;
    ``origin`` has one extra trailing entry so that an end offset maps too.
    """

    text: str
    simplified: str
    normalized: str
    origin: list[int]
    warnings: list[Warning_] = field(default_factory=list)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned half-open range to the decoded source text."""
        if start >= end:
            pos = self.origin[start]
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


@dataclass
class Region:
    """Where a policy applies: used to qualify department names (市科技局 → 荆州市科学技术局)."""

    name: str  # full name, e.g. 荆州市, 湖北省, 郸城县
    province: str  # the province it belongs to (itself for a province)
    level: str  # "province" | "city" | "county"
    short: str  # name without its administrative suffix, e.g. 荆州, 湖北
    city: str | None = None  # for a county: its city


@dataclass
class Unit:
    """A unit named after 责任单位 (responsible department or other body)."""

    name: str  # as written after distribution of shared suffixes, simplified Chinese
    canonical: str  # region-qualified full name, e.g. 荆州市科学技术局
    function: str  # function code from loaders/data/departments.json, e.g. "science_tech"
    kind: str  # "government" | "university_institute" | "state_enterprise" | "other"
    lead: bool
    group: int  # index of the 责任单位 bracket inside the clause, from 0
    aliases: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None


@dataclass
class Mention:
    """A body named in running text (not in a 责任单位 bracket): funds or implements."""

    name: str
    canonical: str
    function: str
    role: str  # "funding" | "implementing"
    start: int
    end: int


@dataclass
class Instrument:
    """An incentive or policy tool in a provision, with its numbers normalised."""

    type: str  # code from loaders/data/instruments.json, e.g. "reward"
    category: str  # "supply" | "environment" | "demand"
    beneficiary: str | None  # code from loaders/data/beneficiaries.json
    rate: float | None = None
    rate_min: float | None = None
    rate_max: float | None = None
    cap_yuan: float | None = None
    amount_yuan: float | None = None
    threshold_yuan: float | None = None
    scope: str | None = None  # "per_entity_per_year" | "per_project" | "per_event" | "one_off" | "total" | ...
    basis: str | None = None  # e.g. 技术交易额
    duration_years: float | None = None
    # every cap the text puts on this instrument, e.g. [{"yuan": 1000000, "scope": "per_project"},
    # {"yuan": 5000000, "scope": "per_entity_per_year"}]; cap_yuan is the first (primary) one
    caps: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass
class Citation:
    """A document named in 《…》, with its 文号 when the text gives one."""

    title: str
    doc_number: str | None
    kind: str  # "policy" | "programme" (catalogues, plans, lists, competitions)
    start: int
    end: int


@dataclass
class Target:
    """A quantified target such as 到2026年，全市技术合同成交额达到400亿元."""

    metric: str
    value: float
    unit: str
    year: int | None
    comparator: str  # "at_least" | "exactly" | "at_most"
    text: str
    start: int
    end: int


@dataclass
class Provision:
    """The text of a clause up to (and including) one 责任单位 bracket."""

    index: int
    start: int
    end: int
    bracket_start: int | None  # range of the whole bracket, None when there is none
    bracket_end: int | None
    units_text: str | None  # the raw list after 责任单位:, None when there is none
    units: list[Unit] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    beneficiaries: list[str] = field(default_factory=list)


@dataclass
class Node:
    """A node of the document tree.

    kind: "document" | "header" (cover notice before the title) | "title" | "preamble"
    | "part" (一、) | "section" ((一)) | "item" (1.)
    | "paragraph" (unnumbered text inside a numbered node) | "closing".
    A clause is a numbered node without numbered children: the smallest provision.
    """

    kind: str
    label: str | None
    heading: str | None
    start: int
    end: int
    children: list[Node] = field(default_factory=list)
    is_clause: bool = False
    provisions: list[Provision] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    path: str = ""  # stable position, e.g. "2/7" for the 7th child of the 2nd part

    def walk(self) -> Iterator[Node]:
        """Yield this node and every descendant, depth first, in document order."""
        stack = [self]  # not recursive: a deep tree must not exhaust the Python stack
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@dataclass
class Document:
    """Everything the loaders know about one policy file."""

    source: SourceText
    clean: CleanText
    tree: Node
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO date of issue
    effective_from: str | None = None
    effective_until: str | None = None
    region: str | None = None
    province: str | None = None
    level: str | None = None  # "province" | "city" | "county"
    interpreter: str | None = None
    part: str | None = None  # the attachment (附件2) when the file is a notice issuing several
    citations: list[Citation] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)

    @property
    def clauses(self) -> list[Node]:
        """The clause nodes in document order."""
        return [n for n in self.tree.walk() if n.is_clause]
