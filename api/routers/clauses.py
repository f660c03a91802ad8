"""Clauses: source text, offsets, departments, instruments, beneficiaries, citations, similar."""

from typing import Any

from fastapi import APIRouter

from ..deps import Service
from ..schemas.clauses import ClauseDetail

router = APIRouter(prefix="/clauses", tags=["clauses"])


@router.get("/{clause_id:path}", summary="One clause with everything extracted from it", response_model=ClauseDetail,
            response_model_exclude_unset=True)
def get_clause(service: Service, clause_id: str) -> dict[str, Any]:
    return service.get_clause(clause_id)
