"""The response of the answers that list many instruments (a department, a comparison, an
instrument page, a beneficiary's provisions), and of a policy and a clause.

FastAPI validates a returned dict against the route's ``response_model`` and then dumps it: for
an answer of hundreds of instrument rows that is most of the request's time. These answers are
built by the query service in exactly the shape of their model (``tests/api/test_answer_shapes.py``
checks that validating them changes nothing, on both stores), so the routes return them as an
``AnswerResponse``, written to JSON as they are; the model still describes them in /openapi.json.
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from starlette.responses import JSONResponse


class AnswerResponse(JSONResponse):
    """A query-service answer (plain JSON values) written as JSON without a validation pass (a
    ``JSONResponse``, so that /openapi.json takes the route's model for it)."""

    def render(self, content: Any) -> bytes:
        return pydantic_core.to_json(content)
