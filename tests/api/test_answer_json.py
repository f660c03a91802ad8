"""Answers are written as JSON with the rows they keep as text spliced in (api/answer_response.py):
the same JSON as the plain value, whatever the data's own text holds."""

from __future__ import annotations

import json

import pytest

from policykg.api.answer_response import answer_json
from policykg.graph.json_rows import JsonList, JsonRows

ROWS = {"reward": [{"id": "i1", "text": "按交易额的5%给予\"奖励\"", "cap_yuan": 500000.0}]}


def test_rows_kept_as_text_are_written_as_the_plain_value():
    answer = {"department": {"id": "dept:x"}, "leads": JsonRows.of(ROWS), "co_owns": JsonRows.of({}),
              "clauses": [{"id": "c", "lead": True}]}
    plain = {**answer, "leads": ROWS, "co_owns": {}}
    assert json.loads(answer_json(answer)) == json.loads(answer_json(plain)) == plain


def test_text_that_looks_like_a_placeholder_stays_as_written():
    sly = {"reward": [{"id": "i", "text": "\u0000" + "0" * 32 + ":0"}]}
    answer = {"a": "\u0000:0", "b": JsonRows.of(sly), "c": ["\u0000 text", JsonRows.of(ROWS)],
              "d": JsonList.of(sly["reward"])}
    assert json.loads(answer_json(answer)) == {"a": "\u0000:0", "b": sly, "c": ["\u0000 text", ROWS],
                                               "d": sly["reward"]}


def test_a_value_that_is_not_json_is_refused():
    with pytest.raises(Exception, match="plain JSON values"):
        answer_json({"when": object()})
