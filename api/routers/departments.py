"""Departments: list (canonical and as written), one department with what it leads and co-owns,
and the next pages of its clauses and of its instruments of one type."""

from typing import Any, Literal

from fastapi import APIRouter, Query

from ...graph.query_service import DEPARTMENT_CLAUSES, DEPARTMENT_PER_TYPE, DEPARTMENT_RELATED
from ..answer_response import AnswerResponse
from ..deps import InForceOn, Service
from ..schemas.departments import DepartmentClausePage, DepartmentDetail, DepartmentList
from ..schemas.instruments import InstrumentPage

router = APIRouter(prefix="/departments", tags=["departments"])


@router.get("", summary="Departments, filtered by region, function and name", response_model=DepartmentList)
def list_departments(service: Service, region: str | None = None,
    function: str | None = Query(None, description="function code, e.g. science_tech"),
    q: str | None = Query(None, description="part of a name, canonical or as written"),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    in_force_on: str | None = InForceOn,
) -> dict[str, Any]:
    return service.list_departments(region, function, q, limit, offset, in_force_on)


# declared before the department route, whose path parameter would take ".../clauses" too
@router.get("/{department_id:path}/clauses", summary="A page of the clauses a department is responsible for",
            response_model=DepartmentClausePage)
def department_clauses(service: Service, department_id: str,
    limit: int = Query(DEPARTMENT_CLAUSES, ge=1, le=1000),
    offset: int = Query(0, ge=0, description="how many the department answer's `clauses` already show"),
    in_force_on: str | None = InForceOn,
) -> dict[str, Any]:
    return service.department_clauses(department_id, limit, offset, in_force_on)


@router.get("/{department_id:path}/instruments",
            summary="A page of the instruments of one type a department leads or co-owns", response_model=InstrumentPage,
            response_class=AnswerResponse)
def department_instruments(service: Service, department_id: str,
    type: str = Query(description="instrument type code, e.g. reward"),
    role: Literal["lead", "co"] = Query("lead", description="those it leads, or those it is co-responsible for"),
    limit: int = Query(DEPARTMENT_PER_TYPE, ge=1, le=1000),
    offset: int = Query(0, ge=0, description="how many the department answer's list of the type already shows "
                                                "(same order: those with a number first)"),
    in_force_on: str | None = InForceOn,
) -> AnswerResponse:
    return AnswerResponse(service.department_instruments(department_id, role, type, limit, offset, in_force_on))


@router.get("/{department_id:path}", summary="One department: what it leads and co-owns, its counterparts and partners",
            response_model=DepartmentDetail, response_class=AnswerResponse)
def get_department(service: Service, department_id: str,
    per_type: int = Query(DEPARTMENT_PER_TYPE, ge=1, le=1000,
                          description="instruments listed per type, those with a number first; "
                                      "`lead_counts` / `co_counts` count them all, "
                                      "GET /departments/{id}/instruments pages on"),
    clause_limit: int = Query(DEPARTMENT_CLAUSES, ge=1, le=10000,
                              description="clauses listed; `clause_total` counts them all, "
                                          "GET /departments/{id}/clauses pages on"),
    related_limit: int = Query(DEPARTMENT_RELATED, ge=1, le=1000, description="counterparts and partners listed"),
    in_force_on: str | None = InForceOn,
) -> AnswerResponse:
    return AnswerResponse(service.get_department(department_id, per_type, clause_limit, related_limit, in_force_on))
