"""Response models of the beneficiary views."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .instruments import DepartmentRef, InstrumentRow


class BeneficiaryType(BaseModel):
    code: str | None
    name_zh: str | None
    instrument_count: int


class BeneficiaryList(BaseModel):
    items: list[BeneficiaryType]


class BeneficiaryRef(BaseModel):
    code: str
    name_zh: str | None


class ProvisionGrant(BaseModel):
    """One provision, listed once, with every instrument it grants the beneficiary."""

    provision_id: str
    clause_id: str | None
    clause_label: str | None
    policy_id: str | None
    policy_title: str | None
    region: str | None
    types: list[str | None]
    type_zh: list[str | None]
    departments: list[DepartmentRef]
    instruments: list[InstrumentRow]
    policy_date: str | None = Field(None, description="the policy's date of issue")
    valid_from: str | None = Field(None, description="in force from (the policy's effective date, else its date)")
    valid_until: str | None = Field(None, description="in force until, when the policy says")
    in_force: bool | None = Field(None, description="whether in force today (on in_force_on when asked), when the dates tell")


class BeneficiaryInstruments(BaseModel):
    beneficiary: BeneficiaryRef
    region: str | None
    regions_applied: list[str] | None
    items: list[ProvisionGrant]
    total: int
    limit: int
    offset: int
    in_force_on: str | None = Field(None, description="the date asked for, when one was")
