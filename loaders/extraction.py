"""Who does what for whom: runs the per-clause extractors over a structured document.

For every clause: split it into provisions at its 责任单位 brackets, then per provision
the responsible units, the bodies mentioned in running text, the incentive instruments
and the beneficiaries; per clause its keywords (topic tags).
"""

from __future__ import annotations

from .beneficiaries import BeneficiaryVocabulary
from .departments import DepartmentVocabulary
from .gazetteer import Gazetteer
from .instruments import InstrumentExtractor
from .records import Document, Node, Region
from .responsibility import (
    extract_provisions,
    keep_names_as_written,
    lead_separator,
    mark_leads_before,
    writes_bare_heads,
)
from .tokenizer import PolicyTokenizer


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
        provisions = [p for clause in doc.clauses for p in clause.provisions]
        if writes_bare_heads(provisions, self.departments):
            keep_names_as_written(provisions, region, self.departments, doc.issuer)

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
