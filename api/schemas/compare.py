"""Response models of the compare matrix and of one of its cells."""

from __future__ import annotations

from pydantic import BaseModel

from .instruments import InstrumentRow


class CompareRow(BaseModel):
    code: str
    name_zh: str | None


class CompareMatrix(BaseModel):
    """Rows (functions or instrument types, paged) × columns (regions); each cell's first
    instruments and, in ``totals``, how many it holds."""

    rows: list[CompareRow]
    columns: list[str]
    cells: dict[str, dict[str, list[InstrumentRow]]]
    totals: dict[str, dict[str, int]]
    cell_limit: int
    include_co: bool
    row_total: int
    row_limit: int
    row_offset: int
    row_order: str
    in_force_on: str | None = None


class CompareCell(BaseModel):
    """A page of one cell's instruments, in the cell's order."""

    rows: str
    code: str
    region: str
    include_co: bool
    items: list[InstrumentRow]
    total: int
    limit: int
    offset: int
    in_force_on: str | None = None
