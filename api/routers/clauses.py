"""Clauses: source text, offsets, departments, instruments, beneficiaries, citations, similar."""

from fastapi import APIRouter

from ..deps import Service
from ..errors import translate

router = APIRouter(prefix="/clauses", tags=["clauses"])


@router.get("/{clause_id:path}", summary="One clause with everything extracted from it")
def get_clause(service: Service, clause_id: str) -> dict:
    with translate():
        return service.get_clause(clause_id)
