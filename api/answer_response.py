"""The response of the answers that list many instruments (a department, a comparison, an
instrument page, a beneficiary's provisions), and of a policy and a clause.

FastAPI validates a returned dict against the route's ``response_model`` and then dumps it: for
an answer of hundreds of instrument rows that is most of the request's time. These answers are
built by the query service in exactly the shape of their model (``tests/api/test_answer_shapes.py``
checks that validating them changes nothing, on both stores), so the routes return them as an
``AnswerResponse``, written to JSON as they are; the model still describes them in /openapi.json.

Rows an answer holds as JSON text (``graph/json_rows.py``) are written as the JSON text they
keep: each stands in the encoded answer as a placeholder string made with a nonce drawn for that
response (no text of the data can spell it), replaced by the rows' text.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import pydantic_core
from starlette.responses import JSONResponse

from ..graph.json_rows import PackedJson


def answer_json(content: Any) -> bytes:
    """``content`` (plain JSON values, and values kept as JSON text) as JSON."""
    texts: list[bytes] = []
    nonce = secrets.token_hex(16)

    def placeholder(value: Any) -> str:
        if not isinstance(value, PackedJson):
            raise TypeError(f"an answer holds plain JSON values, not {type(value).__name__}")
        texts.append(value.text)
        return f"\u0000{nonce}:{len(texts) - 1}"

    body = pydantic_core.to_json(content, fallback=placeholder)
    if not texts:
        return body
    # one pass over the answer, however many rows it splices (a comparison holds a cell per row and region)
    marks = re.compile(rb'"\\u0000' + nonce.encode() + rb':(\d+)"')
    return marks.sub(lambda m: texts[int(m.group(1))], body)


class AnswerResponse(JSONResponse):
    """A query-service answer (plain JSON values) written as JSON without a validation pass (a
    ``JSONResponse``, so that /openapi.json takes the route's model for it)."""

    def render(self, content: Any) -> bytes:
        return answer_json(content)
