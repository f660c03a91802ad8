"""Every query of docs/cookbook.md runs unchanged on the real Neo4j, answers checked on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

COOKBOOK = Path(__file__).resolve().parents[2] / "docs" / "cookbook.md"
JINGZHOU = "荆州市促进科技成果转化和科创供应链平台建设若干政策措施"
WUHAN = "武汉市促进科技成果转化的若干政策措施"
HUBEI = "湖北·汉襄宜国家科技成果转移转化示范区建设方案"

pytestmark = pytest.mark.neo4j


def cookbook() -> dict[int, str]:
    """Query number → Cypher text, as a researcher would copy it from the doc."""
    text = COOKBOOK.read_text(encoding="utf-8")
    found = re.findall(r"^### (\d+)\. .*?\n```cypher\n(.*?)```", text, flags=re.S | re.M)
    return {int(n): q.strip() for n, q in found}


def test_cookbook_has_at_least_15_queries():
    queries = cookbook()
    assert len(queries) >= 15 and sorted(queries) == list(range(1, len(queries) + 1))


@pytest.fixture(scope="module")
def run(neo4j_driver, neo4j_target, seed_graphs):
    from policykg.graph.linking import link_all
    from policykg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_driver, database=neo4j_target.database)
    store.clear()
    store.ensure_schema()
    for pg in seed_graphs:
        store.write_policy(pg)
    link_all(store)
    queries = cookbook()

    def run_query(number: int) -> list[dict]:
        with neo4j_driver.session(database=neo4j_target.database) as session:
            return [r.data() for r in session.run(queries[number])]

    return run_query


def test_1_which_bureau_owns_which_incentive(run):
    rows = {(r["region"], r["department"], r["clause"], r["rate"], r["cap_yuan"]) for r in run(1)}
    assert ("荆州市", "荆州市科学技术局", "(七)", 0.08, 1e6) in rows
    assert ("武汉市", "武汉市科技创新局", "(十四)", 0.08, 1e6) in rows
    assert ("湖北省", "湖北省科学技术厅", "14.", 0.1, 1e6) in rows


def test_2_lead_vs_co(run):
    rows = run(2)
    assert rows[0]["function"] == "science_tech" and rows[0]["lead"] > 0 and rows[0]["co_responsible"] > 0
    assert all(r["lead"] + r["co_responsible"] > 0 for r in rows)


def test_3_co_responsibility_network(run):
    pairs = {frozenset((r["department_a"], r["department_b"])): r["shared_clauses"] for r in run(3)}
    assert pairs[frozenset(("荆州市科学技术局", "荆州市财政局"))] >= 3


def test_4_categories_per_region(run):
    rows = run(4)
    assert {r["category"] for r in rows} <= {"supply", "environment", "demand"}
    assert {r["region"] for r in rows} == {"荆州市", "武汉市", "湖北省", "周口市", "岳阳市"}


def test_5_highest_caps(run):
    top = {r["beneficiary"]: r for r in run(5)}
    assert top["university_institute"]["cap_yuan"] == 3e7 and top["university_institute"]["region"] == "武汉市"
    assert top["tech_transfer_agency"]["cap_yuan"] >= 1.5e6


def test_6_citation_chain_jingzhou_to_hubei(run):
    rows = run(6)
    assert {"citing": JINGZHOU, "cited": HUBEI, "hops": 1, "via": ["running_text"]} in rows


def test_7_diffusion_pair(run):
    rows = run(7)
    assert any(r["source_region"] == "武汉市" and r["source_clause"] == "(十四)" and r["adopting_region"] == "荆州市"
               and r["adopting_clause"] == "(七)" for r in rows)


def test_8_in_force_on_a_date(run):
    assert JINGZHOU in {r["policy"] for r in run(8)}


def test_9_fulltext(run):
    rows = {(r["region"], r["clause"]) for r in run(9)}
    assert ("荆州市", "(十九)") in rows


def test_10_science_bureaus_by_region(run):
    rows = {(r["region"], r["canonical"]) for r in run(10)}
    assert {("荆州市", "荆州市科学技术局"), ("武汉市", "武汉市科技创新局"), ("湖北省", "湖北省科学技术厅")} <= rows


def test_11_policies_citing_a_doc_number(run):
    assert [r["citing_policy"] for r in run(11)] == [JINGZHOU]


def test_12_clauses_without_units(run):
    rows = {r["region"]: r["clauses_without_units"] for r in run(12)}
    assert rows["周口市"] == 13 and "荆州市" not in rows


def test_13_reward_rates(run):
    rows = {r["region"]: r for r in run(13)}
    assert {0.08, 0.02, 0.01} <= set(rows["荆州市"]["rates"]) and 0.08 in rows["武汉市"]["rates"]


def test_14_who_each_policy_addresses(run):
    assert ("荆州市", "enterprise") in {(r["region"], r["beneficiary"]) for r in run(14)}


def test_15_targets_by_year(run):
    rows = run(15)
    assert any(r["year"] == 2026 and r["region"] == "荆州市" and r["value"] == 4e10 for r in rows)


def test_16_most_cited(run):
    assert "鄂政办发〔2024〕25号" in {r["doc_number"] for r in run(16)}


def test_17_applies_to_a_city(run):
    rows = {(r["applies_through"], r["policy"]) for r in run(17)}
    assert {("武汉市", WUHAN), ("湖北省", HUBEI)} <= rows
