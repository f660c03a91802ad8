"""Clauses: source text, offsets, departments, instruments, beneficiaries, citations, similar."""

from fastapi import APIRouter

from ..answer_response import AnswerResponse
from ..deps import Service
from ..schemas.clauses import ClauseDetail

router = APIRouter(prefix="/clauses", tags=["clauses"])


@router.get("/{clause_id:path}", summary="One clause with everything extracted from it", response_model=ClauseDetail,
            response_class=AnswerResponse)
def get_clause(service: Service, clause_id: str) -> AnswerResponse:
    return AnswerResponse(service.get_clause(clause_id))
