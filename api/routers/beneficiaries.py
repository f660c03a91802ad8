"""Beneficiary view: "I am a university in Wuhan" → every instrument that applies."""

from typing import Any

from fastapi import APIRouter, Query

from ...graph.query_service import BENEFICIARY_LIMIT
from ..answer_response import AnswerResponse
from ..deps import InForceOn, Service
from ..schemas.beneficiaries import BeneficiaryInstruments, BeneficiaryList

router = APIRouter(prefix="/beneficiaries", tags=["beneficiaries"])


@router.get("", summary="Beneficiary types with their instrument counts", response_model=BeneficiaryList)
def list_beneficiaries(service: Service) -> dict[str, Any]:
    return service.list_beneficiaries()


@router.get("/{code}/instruments", summary="Instruments for a beneficiary type in a region (and regions containing it)",
            response_model=BeneficiaryInstruments, response_class=AnswerResponse)
def beneficiary_instruments(service: Service, code: str, region: str | None = None,
                            limit: int = Query(BENEFICIARY_LIMIT, ge=1, le=1000, description="provisions per page"),
                            offset: int = Query(0, ge=0), in_force_on: str | None = InForceOn) -> AnswerResponse:
    return AnswerResponse(service.beneficiary_instruments(code, region, limit, offset, in_force_on))
