"""One clause with everything extracted from it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .common import Citation, DepartmentRef, InstrumentRow, Span


class ClauseFields(BaseModel):
    """The clause itself: its text, offsets and highlights."""

    id: str
    label: str | None = Field(None, description="numbering as written, e.g. (七)")
    heading: str | None = None
    text: str | None = None
    text_simplified: str | None = None
    start: int | None = Field(None, description="start offset in the cleaned text")
    end: int | None = None
    orig_start: int | None = Field(None, description="start offset in the decoded source text")
    orig_end: int | None = None
    keywords: list[str] | None = None
    spans: list[Span]


class ClausePolicy(BaseModel):
    """The policy the clause belongs to."""

    id: str | None
    title: str | None
    region: str | None


class Responsible(BaseModel):
    """A department responsible for (a provision of) the clause."""

    department: DepartmentRef
    name: str | None = Field(description="the name as written")
    lead: bool
    group: int | None
    provision: int | None


class Mention(BaseModel):
    """A department the clause mentions without making it responsible."""

    department: DepartmentRef
    role: str | None = Field(description="funding | implementing")


class BeneficiaryRef(BaseModel):
    """A beneficiary type the clause addresses."""

    code: str | None
    name_zh: str | None


class SimilarClauseRef(BaseModel):
    """A clause of another policy."""

    id: str
    label: str | None
    policy_id: str | None
    policy_title: str | None
    region: str | None


class SimilarClause(BaseModel):
    """A near-duplicate clause and its similarity."""

    clause: SimilarClauseRef
    score: float | None


class ClauseDetail(BaseModel):
    """One clause: text, offsets, departments, instruments, beneficiaries, citations, similar clauses."""

    clause: ClauseFields
    policy: ClausePolicy
    responsible: list[Responsible]
    mentions: list[Mention]
    instruments: list[InstrumentRow]
    beneficiaries: list[BeneficiaryRef]
    citations: list[Citation]
    similar: list[SimilarClause]
