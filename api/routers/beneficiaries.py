"""Beneficiary view: "I am a university in Wuhan" → every instrument that applies."""

from fastapi import APIRouter

from ..deps import Service
from ..errors import translate

router = APIRouter(prefix="/beneficiaries", tags=["beneficiaries"])


@router.get("", summary="Beneficiary types with their instrument counts")
def list_beneficiaries(service: Service) -> dict:
    return service.list_beneficiaries()


@router.get("/{code}/instruments", summary="Instruments for a beneficiary type in a region (and regions containing it)")
def beneficiary_instruments(service: Service, code: str, region: str | None = None) -> dict:
    with translate():
        return service.beneficiary_instruments(code, region)
