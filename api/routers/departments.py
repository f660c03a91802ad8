"""Departments: list (canonical and as written), one department with what it leads and co-owns."""

from typing import Any

from fastapi import APIRouter, Query

from ...graph.query_service import DEPARTMENT_CLAUSES, DEPARTMENT_PER_TYPE, DEPARTMENT_RELATED
from ..deps import Service
from ..schemas.departments import DepartmentDetail, DepartmentList

router = APIRouter(prefix="/departments", tags=["departments"])


@router.get("", summary="Departments, filtered by region, function and name", response_model=DepartmentList)
def list_departments(service: Service, region: str | None = None,
    function: str | None = Query(None, description="function code, e.g. science_tech"),
    q: str | None = Query(None, description="part of a name, canonical or as written"),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    return service.list_departments(region, function, q, limit, offset)


@router.get("/{department_id:path}", summary="One department: what it leads and co-owns, its counterparts and partners",
            response_model=DepartmentDetail)
def get_department(service: Service, department_id: str,
    per_type: int = Query(DEPARTMENT_PER_TYPE, ge=1, le=1000,
                          description="instruments listed per type, those with a number first; "
                                      "`lead_counts` / `co_counts` count them all"),
    clause_limit: int = Query(DEPARTMENT_CLAUSES, ge=1, le=10000,
                              description="clauses listed; `clause_total` counts them all"),
    related_limit: int = Query(DEPARTMENT_RELATED, ge=1, le=1000, description="counterparts and partners listed"),
) -> dict[str, Any]:
    return service.get_department(department_id, per_type, clause_limit, related_limit)
