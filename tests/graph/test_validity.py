""""In force on" a date, the one definition (graph/validity.py) and the filter it makes of the
instrument list, the beneficiary answer, clause search and the graph's neighbourhoods, on both
stores, over a hand-made corpus whose answers are worked out by hand: 甲市's measures ran from
2020-01-01 to 2021-12-31, 乙市's began on 2023-05-01, 丁市's carry no date at all."""

from __future__ import annotations

import pytest
from conftest import ClauseSpec, load_graphs, make_document

from policykg.errors import BadInputError
from policykg.graph.model import build_policy_graph
from policykg.graph.query_service import QueryService
from policykg.graph.validity import InvalidDateError, check_date, in_force_on
from policykg.loaders.records import Instrument

REWARD_TEXT = "对在本市登记的技术合同，按技术交易额的百分之五给予技术输出方奖励，每年最高五十万元。"


def _corpus() -> list:
    reward = Instrument("reward", "supply", "enterprise", rate=0.05, text="奖励")
    docs = []
    for city, date, until, path in (("甲市", "2020-01-01", "2021-12-31", "jia.txt"), ("乙市", "2023-05-01", None, "yi.txt"),
                                    ("丁市", None, None, "ding.txt")):
        doc = make_document(f"{city}促进技术转移若干措施", [("一、资金支持", [
            ClauseSpec("(一)", REWARD_TEXT, [("科技局", f"{city}科技局", "science_tech", True, 0)], [reward]),
        ])], path=path, region=city, date=date)
        doc.effective_until = until
        docs.append((doc, path))
    return [build_policy_graph(doc, key) for doc, key in docs]


@pytest.fixture
def service(store) -> QueryService:
    load_graphs(store, _corpus())
    return QueryService(store, "test", "0")


@pytest.mark.parametrize("props, on, expected", [
    ({"date": "2020-01-01", "effective_until": "2021-12-31"}, "2020-01-01", True),  # the first day counts
    ({"date": "2020-01-01", "effective_until": "2021-12-31"}, "2021-12-31", True),  # and the last
    ({"date": "2020-01-01", "effective_until": "2021-12-31"}, "2022-01-01", False),
    ({"date": "2020-01-01"}, "2019-12-31", False),  # not yet issued
    ({"date": "2020-01-01", "effective_from": "2020-03-01"}, "2020-02-01", False),  # issued, not yet effective
    ({"date": "2020-01-01", "effective_from": "2020-03-01"}, "2030-01-01", True),  # no end: in force since
    ({"effective_until": "2021-12-31"}, "1999-01-01", True),  # only an end known
    ({}, "2024-01-01", False),  # no date known: never counted as in force
    ({}, None, True),  # no date asked: every policy
])
def test_the_one_definition(props, on, expected):
    assert in_force_on(props, on) is expected


@pytest.mark.parametrize("bad", ["2021/06/30", "2021-13-45", "20210630", "yesterday", "2021-6-3"])
def test_a_bad_date_is_refused_with_what_to_write(bad):
    with pytest.raises(InvalidDateError, match="YYYY-MM-DD") as refused:
        check_date(bad)
    assert isinstance(refused.value, BadInputError) and refused.value.status == 422
    assert refused.value.body()["error"] == "invalid_parameter"
    assert check_date("") is None and check_date(None) is None and check_date("2024-02-29") == "2024-02-29"


def _regions(items: list[dict]) -> list[str]:
    return sorted({i["region"] for i in items})


def test_instrument_list(service):
    assert _regions(service.list_instruments(type="reward")["items"]) == ["丁市", "乙市", "甲市"]
    answer = service.list_instruments(type="reward", in_force_on="2021-06-30")
    assert _regions(answer["items"]) == ["甲市"] and answer["total"] == 1 and answer["in_force_on"] == "2021-06-30"
    assert _regions(service.list_instruments(type="reward", in_force_on="2023-05-01")["items"]) == ["乙市"]
    # between the two: 甲's ended, 乙's not begun; 丁's has no date and never counts
    assert service.list_instruments(in_force_on="2022-06-30")["total"] == 0
    # the filter joins the others (region anchors the read)
    assert service.list_instruments(region="甲市", in_force_on="2023-06-01")["total"] == 0


def test_beneficiary_answer(service):
    every = service.beneficiary_instruments("enterprise")
    assert _regions(every["items"]) == ["丁市", "乙市", "甲市"]
    dated = service.beneficiary_instruments("enterprise", in_force_on="2021-06-30")
    assert _regions(dated["items"]) == ["甲市"] and dated["total"] == 1 and dated["in_force_on"] == "2021-06-30"
    # in_force says so of the date asked for, not of today (甲's measures have ended since)
    assert dated["items"][0]["in_force"] is True
    assert next(i for i in every["items"] if i["region"] == "甲市")["in_force"] is False


def test_search(service):
    assert _regions([h["clause"] for h in service.search("技术交易额")["items"]]) == ["丁市", "乙市", "甲市"]
    dated = service.search("技术交易额", in_force_on="2024-01-01")
    assert _regions([h["clause"] for h in dated["items"]]) == ["乙市"]
    assert dated["filters"] == {"in_force_on": "2024-01-01"}


def test_neighbourhood(service):
    every = service.graph("beneficiary:enterprise", depth=1)
    assert {n["properties"].get("region") for n in every["nodes"] if n["type"] == "Instrument"} == {"甲市", "乙市", "丁市"}
    dated = service.graph("beneficiary:enterprise", depth=2, in_force_on="2021-06-30")
    ids = {n["id"] for n in dated["nodes"]}
    assert "beneficiary:enterprise" in ids and dated["in_force_on"] == "2021-06-30"
    jia = next(n["id"] for n in every["nodes"] if n["type"] == "Instrument" and n["properties"]["region"] == "甲市")
    jia_policy = service.store.get_node(jia)["properties"]["policy_id"]
    owners = {n["id"] if n["type"] == "Policy" else n["properties"].get("policy_id") for n in dated["nodes"]}
    # at two hops: 甲's clause, its instrument and its policy's parts; shared nodes (departments, types) stay
    assert owners - {None} == {jia_policy} and any(n["type"] == "Clause" for n in dated["nodes"])
    assert all(e["from"] in ids and e["to"] in ids for e in dated["edges"])
    # the start node is shown even when its own policy is not in force
    yi = next(n["id"] for n in every["nodes"] if n["type"] == "Instrument" and n["properties"]["region"] == "乙市")
    assert [n["id"] for n in service.graph(yi, in_force_on="2021-06-30")["nodes"]][:1] == [yi]


@pytest.mark.parametrize("call", [
    lambda s: s.list_instruments(in_force_on="2021-13-01"),
    lambda s: s.beneficiary_instruments("enterprise", in_force_on="2021/01/01"),
    lambda s: s.search("奖励", in_force_on="soon"),
    lambda s: s.graph("beneficiary:enterprise", in_force_on="2021-1-1"),
])
def test_every_view_refuses_a_bad_date_alike(service, call):
    with pytest.raises(InvalidDateError, match="in_force_on must be a date written YYYY-MM-DD"):
        call(service)
