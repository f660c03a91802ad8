"""Policies: the list with its filters and facets, one policy, the policy as a document."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .common import Citation, FacetCount, Page, PolicyRef, Span


class PolicyFilters(BaseModel):
    """The filters of GET /policies (query parameters)."""

    region: str | None = Field(None, description="region or province, e.g. 荆州市")
    level: str | None = Field(None, pattern="^(province|city|county)$")
    year: int | None = Field(None, ge=1949, le=2100)
    issuer: str | None = Field(None, description="part of the issuing body's name")
    q: str | None = Field(None, description="words of the title or a 文号")
    limit: int = Field(20, ge=1, le=500)
    offset: int = Field(0, ge=0)


class PolicySummary(BaseModel):
    """A policy as the list shows it."""

    id: str
    title: str | None
    doc_number: str | None = Field(description="文号, e.g. 鄂政办函〔2021〕38号")
    issuer: str | None
    date: str | None = Field(description="ISO date of issue")
    effective_from: str | None
    effective_until: str | None
    region: str | None
    province: str | None
    level: str | None = Field(description="province | city | county")
    source_key: str | None
    clause_count: int | None


class PolicyFacets(BaseModel):
    """Counts per value over the filtered policies, most frequent first."""

    region: list[FacetCount]
    level: list[FacetCount]
    year: list[FacetCount]
    issuer: list[FacetCount]


class PolicyList(Page):
    """A page of policies, newest first, with facet counts."""

    items: list[PolicySummary]
    facets: PolicyFacets


class PolicyProperties(BaseModel):
    """Everything stored on a Policy node (docs/schema.md); a property a later version adds passes through."""

    model_config = ConfigDict(extra="allow")

    id: str
    source: str | None = Field(None, description="path of the file it was read from")
    source_key: str | None = Field(None, description="stable name of the source (one policy per key)")
    sha256: str | None = Field(None, description="sha256 of the file bytes")
    content_hash: str | None = None
    policy_id: str | None = None
    title: str | None = None
    doc_number: str | None = Field(None, description="文号")
    issuer: str | None = None
    date: str | None = Field(None, description="ISO date of issue")
    effective_from: str | None = None
    effective_until: str | None = None
    region: str | None = None
    province: str | None = None
    level: str | None = Field(None, description="province | city | county")
    interpreter: str | None = Field(None, description="body responsible for interpretation")
    format: str | None = Field(None, description="txt | html | docx | pdf")
    encoding: str | None = None
    warnings: int | None = Field(None, description="number of reading warnings")
    clause_count: int | None = None


class StructureNode(BaseModel):
    """A node of the document tree, with its children."""

    id: str
    kind: str | None = Field(description="preamble | part | section | item | paragraph | closing")
    label: str | None = Field(description="numbering as written, e.g. 一、")
    heading: str | None
    is_clause: bool
    children: list[StructureNode]


class CitationIn(BaseModel):
    """A loaded policy that cites this one."""

    policy: PolicyRef
    via: str | None
    text: str | None


class Validity(BaseModel):
    """When the policy applies; ``in_force`` is null when it names no dates."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(alias="from")
    until: str | None
    in_force: bool | None


class PolicyDetail(BaseModel):
    """One policy: metadata, structure, citations in and out, validity."""

    policy: PolicyProperties
    structure: list[StructureNode]
    citations_out: list[Citation]
    citations_in: list[CitationIn]
    validity: Validity


class CorruptedPassage(BaseModel):
    """A passage of a node's text that the cleaner found corrupted (mojibake, lost characters)."""

    start: int
    end: int
    type: Literal["corrupted"]
    message: str | None


class DocumentNode(BaseModel):
    """A node of the document in reading order, with its own text and, for a clause, highlights."""

    id: str
    kind: str | None
    label: str | None
    heading: str | None
    depth: int
    is_clause: bool
    text: str
    text_simplified: str = Field(description="the text in simplified characters, for the script toggle")
    spans: list[Span]
    corrupted: list[CorruptedPassage] = Field(description="passages the cleaner found corrupted, as offsets into text")


class PolicyDocument(BaseModel):
    """The policy as a document."""

    policy: PolicyProperties
    nodes: list[DocumentNode]
