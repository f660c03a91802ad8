"""Who does what for whom: runs the per-clause extractors over a structured document.

For every clause: split it into provisions at its 责任单位 brackets, then per provision
the responsible units, the bodies mentioned in running text, the incentive instruments
and the beneficiaries; per clause its keywords (topic tags).
"""

from __future__ import annotations

import dataclasses

from .beneficiaries import BeneficiaryVocabulary
from .departments import DepartmentVocabulary
from .gazetteer import Gazetteer
from .instruments import InstrumentExtractor
from .records import Document, Instrument, Node, Provision, Region
from .responsibility import (
    extract_provisions,
    keep_names_as_written,
    lead_separator,
    mark_leads_before,
    writes_bare_heads,
)
from .structure import SENTENCE_PUNCT
from .tokenizer import PolicyTokenizer

_LABELLED_KINDS = ("part", "section", "item")


class Extractor:
    """Extracts actors and instruments. Create once and reuse: loading vocabularies and
    the tokenizer's dictionary is the expensive part."""

    def __init__(
        self,
        departments: DepartmentVocabulary | None = None,
        beneficiaries: BeneficiaryVocabulary | None = None,
        instruments: InstrumentExtractor | None = None,
        tokenizer: PolicyTokenizer | None = None,
        gazetteer: Gazetteer | None = None,
        keywords_per_clause: int = 8,
    ) -> None:
        self.departments = departments or DepartmentVocabulary.load()
        self.beneficiaries = beneficiaries or BeneficiaryVocabulary.load()
        self.instruments = instruments or InstrumentExtractor(beneficiaries=self.beneficiaries)
        self.tokenizer = tokenizer or PolicyTokenizer()
        self.gazetteer = gazetteer or Gazetteer.load()
        self.keywords_per_clause = keywords_per_clause

    def region_of(self, doc: Document) -> Region | None:
        """The region a document's department names are qualified with: a development zone
        (甲市高新区) qualifies them with the place its name starts with."""
        return (self.gazetteer.lookup(doc.region) or self.gazetteer.find_in(doc.region)) if doc.region else None

    def extract(self, doc: Document) -> None:
        """Fill provisions, units, mentions, instruments, beneficiaries and keywords in place."""
        region = self.region_of(doc)
        separators = lead_separator(doc.clean.normalized, self.departments)
        for clause in doc.clauses:
            self.extract_clause(doc.clean.normalized, clause, region, doc.issuer)
            if separators:
                mark_leads_before(doc.clean.normalized, clause.provisions, separators)
        self.units_over_items(doc, region)
        provisions = [p for clause in doc.clauses for p in clause.provisions]
        if writes_bare_heads(provisions, self.departments):
            keep_names_as_written(provisions, region, self.departments, doc.issuer)

    def units_over_items(self, doc: Document, region: Region | None) -> None:
        """Give the units a section labels once above its numbered items (（一）…专项 /
        牵头单位：甲局 / 配合单位：乙局、丙局 / 1.… 2.…) to each item under it that names none
        of its own. The labelled list must end the section's lead-in, so a list inside a
        sentence of the lead-in stays that sentence's."""
        text = doc.clean.normalized
        # reversed document order puts every node after its descendants: an inner section's
        # labels reach its items before an outer one's can
        for node in reversed(list(doc.tree.walk())):
            if node.is_clause or node.kind not in _LABELLED_KINDS:
                continue
            first = next((c for c in node.children if c.label is not None), None)
            if first is None or first.start <= node.start:
                continue
            lead_in = extract_provisions(text, node.start, first.start, region, self.departments, doc.issuer)
            owned = [p for p in lead_in if p.units]
            if len(owned) != 1:
                continue
            ends_lead_in = owned[0].bracket_end is not None and not text[owned[0].bracket_end : first.start].strip()
            if not ends_lead_in and not _closes_heading(text, node.start, owned[0]):
                continue
            for clause in node.walk():
                if clause.is_clause and clause.provisions and not any(p.units for p in clause.provisions):
                    clause.provisions[-1].units = [
                        dataclasses.replace(u, group=0, aliases=list(u.aliases)) for u in owned[0].units]

    def extract_clause(self, text: str, clause: Node, region: Region | None, issuer: str | None = None) -> None:
        """Extract one clause of ``text`` (the document's normalized text); ``issuer`` owns
        the offices a clause names without their bureau (政策法规处)."""
        clause.provisions = extract_provisions(text, clause.start, clause.end, region, self.departments, issuer)
        for provision in clause.provisions:
            body_end = provision.bracket_start if provision.bracket_start is not None else provision.end
            body = text[provision.start : body_end]
            provision.instruments = self.instruments.find(body, provision.start)
            provision.beneficiaries = self.beneficiaries.find_beneficiaries(body)
        clause.keywords = self.tokenizer.keywords(text[clause.start : clause.end], k=self.keywords_per_clause)


_CLOSERS = tuple(")）]】〕")
_OPENERS = tuple("(（[【〔")
_HEADING_CHARS = 30  # the longest section label and heading a bracket of its units may follow


def _closes_heading(text: str, start: int, provision: Provision) -> bool:
    """Whether the units of ``provision`` are in a bracket that closes the heading line of the
    section starting at ``start`` (一、强化科技创新(区科技局牵头)⏎…): they are the section's."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    ends = [u.end for u in provision.units if u.end is not None]
    if not ends or max(ends) > line_end:
        return False
    line = text[start:line_end].rstrip()
    if line.endswith(_CLOSERS) and "。" not in line:
        return True  # a heading, not a sentence
    # a copy run into one line: the bracket right after the section's short heading, text after
    # it (一、扩大有效投资(由甲委牵头实施)聚焦…。1.…)
    starts = [u.start for u in provision.units if u.start is not None]
    opened = max((text.rfind(o, start, min(starts)) for o in _OPENERS), default=-1) if starts else -1
    if opened == -1:
        return False
    close = min((k for k in (text.find(c, max(ends), line_end) for c in _CLOSERS) if k != -1), default=-1)
    heading = text[start:opened]
    return 0 < close and opened - start <= _HEADING_CHARS and not SENTENCE_PUNCT.search(heading)


def has_figure(ins: Instrument) -> bool:
    """Whether the instrument states a number of its own: a rate, a rate band, a cap or an amount."""
    return any(x is not None for x in (ins.rate, ins.rate_min, ins.rate_max, ins.cap_yuan, ins.amount_yuan))


def _rated(ins: Instrument) -> bool:
    return ins.rate is not None or ins.rate_min is not None or ins.rate_max is not None


def caps_over_items(doc: Document) -> None:
    """A cap a section states once in its lead-in, above numbered items that grant rates
    (对单家企业的利息补贴不超过50万元。⏎1、…按利息的50%给予贴息;⏎2、…40%…): each item's rate
    takes that cap, and the cap is no instrument of its own. Only when the lead-in's one
    figure is that cap and every figure of the items below is a rate without a cap. An
    unnumbered lead-in beside numbered items is a provision only for a figure it grants
    (``Pipeline.promote_stray_incentives``): left with none, it is the section's text again."""
    for node in doc.tree.walk():
        first = next((c for c in node.children if c.label is not None), None)
        if first is None:
            continue
        lead_in = [c for c in node.children if c.is_clause and c.label is None and c.end <= first.start]
        found: list[tuple[Provision, Instrument]] = [
            (p, ins) for c in lead_in for p in c.provisions for ins in p.instruments if has_figure(ins)]
        if len(found) != 1:
            continue
        provision, cap = found[0]
        if cap.cap_yuan is None or _rated(cap) or cap.amount_yuan is not None:
            continue
        items = [c for c in node.children if c.label is not None]
        below = [ins for item in items for c in item.walk() if c.is_clause
                 for p in c.provisions for ins in p.instruments if has_figure(ins)]
        if not below or not all(_rated(ins) and ins.cap_yuan is None and ins.amount_yuan is None for ins in below):
            continue
        for ins in below:
            ins.cap_yuan, ins.caps = cap.cap_yuan, [dict(c) for c in cap.caps]
            ins.scope = ins.scope or cap.scope
        provision.instruments.remove(cap)
        for c in lead_in:  # made a provision for that figure alone (Pipeline.promote_stray_incentives): text again
            if not any(p.units or any(has_figure(ins) for ins in p.instruments) for p in c.provisions):
                c.is_clause = False
