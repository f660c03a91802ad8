"""The answers served without a validation pass (api/answer_response.py) are exactly what their
response model would serve: validating them against it changes nothing (no key missing, none
extra, no value converted), on both stores, for every kind of list they hold."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from pydantic import BaseModel

from policykg.api.schemas.beneficiaries import BeneficiaryInstruments
from policykg.api.schemas.clauses import ClauseDetail
from policykg.api.schemas.compare import CompareCell, CompareMatrix
from policykg.api.schemas.departments import DepartmentDetail
from policykg.api.schemas.instruments import InstrumentPage
from policykg.api.schemas.policies import PolicyDetail

ST = quote("dept:荆州市科学技术局", safe="")
ANSWERS: list[tuple[str, type[BaseModel]]] = [
    (f"/api/v1/departments/{ST}", DepartmentDetail),
    (f"/api/v1/departments/{ST}?per_type=1&clause_limit=2&in_force_on=2025-07-01", DepartmentDetail),
    (f"/api/v1/departments/{ST}/instruments?type=reward", InstrumentPage),
    (f"/api/v1/departments/{ST}/instruments?type=reward&role=co&offset=1", InstrumentPage),
    ("/api/v1/compare", CompareMatrix),
    ("/api/v1/compare?rows=instrument_type&include_co=true&cell_limit=2", CompareMatrix),
    ("/api/v1/compare?regions=荆州市,武汉市&in_force_on=2025-07-01", CompareMatrix),
    ("/api/v1/compare/cell?code=science_tech&region=荆州市", CompareCell),
    ("/api/v1/instruments", InstrumentPage),
    ("/api/v1/instruments?region=湖北省&sort=cap", InstrumentPage),
    ("/api/v1/instruments?beneficiary=enterprise&min_cap=100000&sort=rate&order=asc", InstrumentPage),
    ("/api/v1/beneficiaries/enterprise/instruments?region=荆州市", BeneficiaryInstruments),
    ("/api/v1/beneficiaries/university_institute/instruments?in_force_on=2025-07-01", BeneficiaryInstruments),
]


def _rows(value: object) -> int:
    """How many instrument rows an answer holds (dicts with a ``caps`` list)."""
    if isinstance(value, dict):
        return ("caps" in value) + sum(_rows(v) for v in value.values())
    if isinstance(value, list):
        return sum(_rows(v) for v in value)
    return 0


@pytest.mark.parametrize(("url", "model"), ANSWERS)
def test_validating_a_served_answer_changes_nothing(client, url, model):
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    served = answer.json()
    assert model.model_validate(served).model_dump(mode="json") == served


def test_the_answers_hold_instrument_rows(client):
    """The shapes above are checked on answers that list instruments, with their caps."""
    held = {url: _rows(client.get(url).json()) for url, _ in ANSWERS}
    assert sum(1 for n in held.values() if n) >= len(ANSWERS) - 3, held
    caps = [c for url, _ in ANSWERS for c in _caps(client.get(url).json())]
    assert caps and any(len(c) > 1 for c in caps)


def _caps(value: object) -> list[dict]:
    if isinstance(value, dict):
        return list(value.get("caps") or []) + [c for v in value.values() for c in _caps(v)]
    if isinstance(value, list):
        return [c for v in value for c in _caps(v)]
    return []


def test_every_policy_and_clause_answer_is_its_model_unchanged(client):
    """Policy and clause answers leave unset properties absent (a policy's properties are what its
    file gave): validating one and dumping what was set gives it back, key for key."""
    policies = client.get("/api/v1/policies", params={"limit": 500}).json()["items"]
    assert len(policies) >= 5
    clauses = []
    for p in policies:
        served = client.get(f"/api/v1/policies/{quote(p['id'], safe='')}").json()
        assert PolicyDetail.model_validate(served).model_dump(mode="json", by_alias=True, exclude_unset=True) == served
        assert served["structure"], p["id"]
        doc = client.get(f"/api/v1/policies/{quote(p['id'], safe='')}/document").json()
        clauses += [n["id"] for n in doc["nodes"] if n["is_clause"]]
    assert len(clauses) > 50
    for cid in clauses:
        served = client.get(f"/api/v1/clauses/{quote(cid, safe='')}").json()
        assert ClauseDetail.model_validate(served).model_dump(mode="json", by_alias=True, exclude_unset=True) == served
