"""Policies: list with facets, one policy with its structure, citations and validity."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..answer_response import AnswerResponse
from ..deps import Service
from ..schemas.policies import PolicyDetail, PolicyDocument, PolicyFilters, PolicyList

router = APIRouter(prefix="/policies", tags=["policies"])


@router.get("", summary="Policies, filtered by region, level, year, issuer, with facet counts", response_model=PolicyList)
def list_policies(service: Service, filters: Annotated[PolicyFilters, Query()]) -> dict[str, Any]:
    return service.list_policies(**filters.model_dump())


# a policy's properties are what its file gave: unset ones stay absent rather than null
@router.get("/{policy_id:path}/document", summary="The policy as a document: every node with text and highlights",
            response_model=PolicyDocument, response_model_exclude_unset=True)
def policy_document(service: Service, policy_id: str) -> dict[str, Any]:
    return service.policy_document(policy_id)


@router.get("/{policy_id:path}", summary="One policy: metadata, structure, citations in and out, validity",
            response_model=PolicyDetail, response_class=AnswerResponse)
def get_policy(service: Service, policy_id: str) -> AnswerResponse:
    return AnswerResponse(service.get_policy(policy_id))
