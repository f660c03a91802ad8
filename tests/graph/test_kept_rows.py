"""Rows of the default answers kept ready (GraphStore.kept_rows): on Neo4j a department's instrument
rows, a function's busiest departments, the first page of every beneficiary answer and the rows of
every region's comparison columns are stored after a load, and the answers read from them are the embedded store's; answers with other
parameters, or after a write, are computed from the data. The embedded store keeps the rows an answer
computed in memory until the next write."""

from __future__ import annotations

import json

import pytest

from policykg.graph import cypher as Q
from policykg.graph.figure_cache import decode_figure, encode_figure
from policykg.graph.json_rows import JsonRows
from policykg.graph.neo4j_store import Neo4jStore
from policykg.graph.query_service import BENEFICIARY_LIMIT, DEPARTMENT_PER_TYPE, QueryService
from policykg.graph.stored_figures import Scope, Touched

from .test_bulk_write import changed_jingzhou
from .test_department_reads import ST
from .test_stores import load

TODAY = "2025-07-01"


def service(store, name: str) -> QueryService:
    return QueryService(store, name, "test")


def department_answers(svc: QueryService, ids: list[str]) -> list[dict]:
    return [svc.get_department(did) for did in ids]


def beneficiary_answers(svc: QueryService, codes: list[str], regions: list[str | None]) -> list[dict]:
    return [svc.beneficiary_instruments(code, region) for code in codes for region in regions]


def region_pages(svc: QueryService, regions: list) -> list[dict]:
    return [svc.list_instruments(region=region, sort=sort) for region in regions for sort in (None, "cap")]


def comparisons(svc: QueryService, regions: list[str]) -> list[dict]:
    """The default comparison of every pair of neighbouring regions and of them all, both row kinds,
    lead units only and with co-responsible ones."""
    columns = [regions, *(regions[k:k + 2] for k in range(len(regions) - 1))]
    return [svc.compare(rows, wanted, include_co=co) for wanted in columns for rows in ("function", "instrument_type")
            for co in (False, True)]


def places(store) -> list[str | None]:
    return [None, *(name for name, _, _ in store.region_list())]


def codes(store) -> list[str]:
    return sorted(n["properties"]["code"] for n in store.find_nodes("BeneficiaryType", limit=None))


def fresh(neo4j_driver, neo4j_target) -> Neo4jStore:
    """Another process's store: nothing kept in it yet."""
    return Neo4jStore(neo4j_driver, database=neo4j_target.database)


def stored_kinds(store: Neo4jStore) -> set[str]:
    return {json.loads(r["key"])[0] for r in store._read(f"MATCH (f:{Q.FIGURE_LABEL}) RETURN f.key AS key")}


@pytest.mark.neo4j
def test_stored_rows_give_the_embedded_stores_answers(neo4j_store, embedded_store, neo4j_driver, neo4j_target,
                                                      seed_graphs):
    for store in (neo4j_store, embedded_store):
        load(store, seed_graphs)
    neo4j_store.keep_figures()
    assert {"department_rows", "department_page", "provision_rows", "region_rows", "grid_cell"} <= \
        stored_kinds(neo4j_store)
    reader = fresh(neo4j_driver, neo4j_target)
    read, embedded = service(reader, "neo4j"), service(embedded_store, "embedded")
    departments = neo4j_store.department_ids()

    def never(ids: list[str]) -> list:
        assert not ids, "an instrument read although its row is stored"
        return []

    reader.instrument_details = never  # type: ignore[method-assign]
    assert department_answers(read, departments) == department_answers(embedded, departments)
    assert beneficiary_answers(read, codes(reader), places(reader)) == \
        beneficiary_answers(embedded, codes(embedded_store), places(embedded_store))
    regions = places(reader)[1:]
    assert region_pages(read, regions) == region_pages(embedded, regions)
    assert comparisons(read, regions) == comparisons(embedded, regions)
    del reader.instrument_details
    # other parameters are computed from the data, and equal too
    assert read.get_department(ST, per_type=2) == embedded.get_department(ST, per_type=2)
    assert read.get_department(ST, in_force_on=TODAY) == embedded.get_department(ST, in_force_on=TODAY)
    assert read.beneficiary_instruments("enterprise", "荆州市", limit=3, offset=1) == \
        embedded.beneficiary_instruments("enterprise", "荆州市", limit=3, offset=1)
    assert read.list_instruments(region="荆州市", sort="cap", order="asc") == \
        embedded.list_instruments(region="荆州市", sort="cap", order="asc")
    assert read.list_instruments(region="荆州市", limit=3, offset=2) == embedded.list_instruments(region="荆州市", limit=3,
                                                                                                 offset=2)
    assert read.compare(regions=regions, cell_limit=2) == embedded.compare(regions=regions, cell_limit=2)
    assert read.compare(regions=regions, in_force_on=TODAY) == embedded.compare(regions=regions, in_force_on=TODAY)


def stored_keys(store: Neo4jStore, *prefix: str) -> list[tuple]:
    """The keys of the stored figures whose key starts with ``prefix``."""
    return sorted(tuple(k) for k in (json.loads(r["key"]) for r in store._read(
        f"MATCH (f:{Q.FIGURE_LABEL}) RETURN f.key AS key")) if tuple(k[:len(prefix)]) == prefix)


def tamper(store: Neo4jStore, key: tuple, change) -> None:
    """Change one stored figure's value (what only a read of the stored figure can show)."""
    text = store.figure_key(key)
    (record,) = store._read(f"MATCH (f:{Q.FIGURE_LABEL} {{key: $key}}) RETURN f.value AS value", key=text)
    store._write(f"MATCH (f:{Q.FIGURE_LABEL} {{key: $key}}) SET f.value = $value",
                 key=text, value=encode_figure(change(decode_figure(record["value"]))))


@pytest.mark.neo4j
def test_an_answer_reads_the_stored_rows_until_a_write(neo4j_store, embedded_store, neo4j_driver, neo4j_target,
                                                       seed_graphs, seed_documents):
    for store in (neo4j_store, embedded_store):
        load(store, seed_graphs)
    neo4j_store.keep_figures()

    def renamed(lists: dict) -> dict:
        lead = dict(lists["lead"])  # JsonRows: the rows as text
        lead["reward"][0]["policy_title"] = "stored"
        return {**lists, "lead": JsonRows.of(lead)}

    def emptied(page: dict) -> dict:
        return {**page, "items": page["items"][:1]}

    def retitled(rows: list) -> list:
        return [{**row, "policy_title": "stored"} for row in rows]

    tamper(neo4j_store, ("department_rows", ST, None, DEPARTMENT_PER_TYPE), renamed)
    cells = stored_keys(neo4j_store, "grid_cell", "荆州市", "lead", "function")
    assert cells
    for key in cells:
        tamper(neo4j_store, key, retitled)
    applies = tuple(service(neo4j_store, "neo4j").region_ancestors("荆州市"))
    tamper(neo4j_store, ("provision_rows", "enterprise", applies, None, BENEFICIARY_LIMIT, 0), emptied)
    read = service(fresh(neo4j_driver, neo4j_target), "neo4j")
    assert read.get_department(ST)["leads"]["reward"][0]["policy_title"] == "stored"
    assert len(read.beneficiary_instruments("enterprise", "荆州市")["items"]) == 1
    shown = [row for cells in read.compare(regions=["荆州市"])["cells"].values() for row in cells["荆州市"]]
    assert shown and {row["policy_title"] for row in shown} == {"stored"}
    for store in (neo4j_store, embedded_store):
        assert store.write_policy(changed_jingzhou(seed_documents)) == "replaced"
    read, embedded = service(fresh(neo4j_driver, neo4j_target), "neo4j"), service(embedded_store, "embedded")
    assert read.get_department(ST) == embedded.get_department(ST)
    assert read.beneficiary_instruments("enterprise", "荆州市") == embedded.beneficiary_instruments("enterprise", "荆州市")
    assert read.compare(regions=["荆州市"]) == embedded.compare(regions=["荆州市"])


def test_the_embedded_store_keeps_rows_until_a_write(embedded_store, seed_graphs, seed_documents):
    load(embedded_store, seed_graphs)
    calls: list[int] = []
    key = ("department_rows", ST, None, 5)
    for _ in range(2):
        assert embedded_store.kept_rows(key, lambda: calls.append(1) or {"lead": {}}) == {"lead": {}}
    assert len(calls) == 1
    many = embedded_store.kept_rows_each([key, ("grid_cell", "x")], lambda missing: calls.append(len(missing)) or
                                         {k: [{"id": "i"}] for k in missing})
    assert many == {key: {"lead": {}}, ("grid_cell", "x"): [{"id": "i"}]} and calls == [1, 1]
    assert embedded_store.write_policy(changed_jingzhou(seed_documents)) == "replaced"
    assert embedded_store.kept_rows(key, lambda: calls.append(1) or {"co": {}}) == {"co": {}}
    assert calls == [1, 1, 1]


def test_the_embedded_store_keeps_the_most_recently_used_rows_within_its_budget(embedded_store):
    embedded_store._rows.budget = 4
    rows = [{"id": "a"}, {"id": "b"}]
    for name in ("one", "two"):
        embedded_store.kept_rows(("rows", name), lambda: rows)
    embedded_store.kept_rows(("rows", "one"), lambda: [])  # used again: kept longer than "two"
    embedded_store.kept_rows(("rows", "three"), lambda: rows)
    calls: list[str] = []
    for name in ("one", "three", "two"):
        embedded_store.kept_rows(("rows", name), lambda name=name: calls.append(name) or rows)
    assert calls == ["two"]
    assert embedded_store.kept_rows(("rows", "big"), lambda: rows * 3) == rows * 3  # over the budget: not kept
    assert embedded_store.kept_rows(("rows", "big"), lambda: []) == []


def test_a_page_of_rows_reads_back_as_json_and_tuples_still_as_tuples():
    rows = {"lead": {"reward": [{"id": "i1", "rate": 0.08, "caps": [{"cap": 2.0e5}], "departments": [], "x": None}]}}
    text = encode_figure(rows)
    assert decode_figure(text) == rows
    assert decode_figure(encode_figure({"text": "\u0000tuple", "t": (1, 2)})) == {"text": "\u0000tuple", "t": (1, 2)}


def test_a_beneficiary_page_is_computed_again_where_a_touched_department_shows():
    touched = Touched(departments={"dept:甲市科技局"}, regions={"甲市", "乙省"})
    scope = Scope(touched, {"甲市": "乙省", "丙市": "乙省", "丁市": "戊省", "乙省": "乙省", "己市": "庚省"},
                  codes=frozenset({"enterprise"}), shown=frozenset({"己市"}))
    assert scope.key(json.dumps(["provision_rows", "enterprise", ["甲市", "乙省"], None, 50, 0]))
    assert scope.key(json.dumps(["provision_rows", "enterprise", ["己市", "庚省"], None, 50, 0]))  # shown there
    assert not scope.key(json.dumps(["provision_rows", "enterprise", ["丁市", "戊省"], None, 50, 0]))
    assert scope.key(json.dumps(["provision_rows", "enterprise", None, None, 50, 0]))  # everywhere
    # a region's comparison columns likewise: its own, or where a row shows a touched department
    assert scope.key(json.dumps(["grid_cell", "甲市", "lead", "function", "finance"]))
    assert scope.key(json.dumps(["grid_cell", "己市", "any", "type", "reward"]))
    assert not scope.key(json.dumps(["grid_cell", "丁市", "lead", "function", "finance"]))
    national = Scope(touched, {}, codes=frozenset({"enterprise"}), shown_national=True)
    assert national.key(json.dumps(["provision_rows", "enterprise", ["丁市", "戊省"], None, 50, 0]))


@pytest.mark.neo4j
def test_an_answer_reads_the_data_version_once(neo4j_store, seed_graphs, monkeypatch):
    from neo4j._sync.work.transaction import TransactionBase

    load(neo4j_store, seed_graphs)
    neo4j_store.keep_figures()
    svc = service(neo4j_store, "neo4j")
    svc.get_department(ST)  # the vocabulary's names
    run, versions = TransactionBase.run, []

    def counted(tx, query, parameters=None, **kwargs):
        versions.append(query == Q.DATA_VERSION)
        return run(tx, query, parameters, **kwargs)

    monkeypatch.setattr(TransactionBase, "run", counted)
    for ask in (lambda: svc.get_department(ST), lambda: svc.beneficiary_instruments("enterprise", "荆州市")):
        versions.clear()
        ask()
        assert sum(versions) == 1 and len(versions) > 1


@pytest.mark.neo4j
def test_a_comparison_page_reads_only_its_cells_in_one_query(neo4j_store, embedded_store, neo4j_driver,
                                                              neo4j_target, seed_graphs, monkeypatch):
    """The cells of a comparison are stored one by one: a page of rows asks for the cells it shows
    that hold an instrument (one query for all of them), not for its regions' whole columns."""
    from neo4j._sync.work.transaction import TransactionBase

    for store in (neo4j_store, embedded_store):
        load(store, seed_graphs)
    neo4j_store.keep_figures()
    reader = fresh(neo4j_driver, neo4j_target)
    read, embedded = service(reader, "neo4j"), service(embedded_store, "embedded")
    regions = places(reader)[1:]
    run, asked = TransactionBase.run, []

    def counted(tx, query, parameters=None, **kwargs):
        if query == Q.READ_FIGURES:
            asked.append([tuple(json.loads(k)) for k in (parameters or kwargs)["keys"]])
        return run(tx, query, parameters, **kwargs)

    monkeypatch.setattr(TransactionBase, "run", counted)
    answer = read.compare(regions=regions, row_limit=2, row_offset=1)
    assert answer == embedded.compare(regions=regions, row_limit=2, row_offset=1)
    shown = {("grid_cell", region, "lead", "function", code) for code, cells in answer["cells"].items()
             for region, rows in cells.items() if rows}
    cell_reads = [keys for keys in asked if keys and keys[0][0] == "grid_cell"]
    assert len(cell_reads) == 1 and set(cell_reads[0]) == shown and len(shown) > 1, (cell_reads, shown)
    assert answer["row_total"] > 3  # the page is a part of every row


@pytest.mark.neo4j
def test_neo4j_keeps_the_rows_it_read_in_the_process_until_the_data_changes(neo4j_store, neo4j_driver, neo4j_target,
                                                                           seed_graphs, seed_documents, monkeypatch):
    """A second comparison of the same regions reads no stored cell again; after a write (a new
    data version) the cells are read again."""
    from neo4j._sync.work.transaction import TransactionBase

    load(neo4j_store, seed_graphs)
    neo4j_store.keep_figures()
    reader = fresh(neo4j_driver, neo4j_target)
    read = service(reader, "neo4j")
    regions = places(reader)[1:]
    run, asked = TransactionBase.run, []

    def counted(tx, query, parameters=None, **kwargs):
        if query == Q.READ_FIGURES:
            keys = [tuple(json.loads(k)) for k in (parameters or kwargs)["keys"]]
            asked.extend(k for k in keys if k[0] == "grid_cell")
        return run(tx, query, parameters, **kwargs)

    monkeypatch.setattr(TransactionBase, "run", counted)
    first = read.compare(regions=regions)
    assert asked and reader.rows.rows() > 0
    asked.clear()
    assert read.compare(regions=regions) == first and asked == []
    assert neo4j_store.write_policy(changed_jingzhou(seed_documents)) == "replaced"
    read.compare(regions=regions)
    assert asked  # the rows kept at the old version are not used: looked up (and computed) again


@pytest.mark.neo4j
def test_a_department_answer_reads_its_stored_parts_in_one_query(neo4j_store, embedded_store, neo4j_driver,
                                                                 neo4j_target, seed_graphs, monkeypatch):
    """A department's answer in another process asks for all its stored parts (region, counts,
    grid, clauses, instrument rows, partners, its function's busiest departments) in one query,
    and is the embedded store's answer; asked again, it reads none of them (they are kept in the
    process) and reads no more than the department and the data version."""
    from neo4j._sync.work.transaction import TransactionBase

    for store in (neo4j_store, embedded_store):
        load(store, seed_graphs)
    neo4j_store.keep_figures()
    reader = fresh(neo4j_driver, neo4j_target)
    read, embedded = service(reader, "neo4j"), service(embedded_store, "embedded")
    read.list_beneficiaries()  # the vocabulary's names, read once per process
    run, asked, queries = TransactionBase.run, [], []

    def counted(tx, query, parameters=None, **kwargs):
        queries.append(query)
        if query == Q.READ_FIGURES:
            asked.append({json.loads(k)[0] for k in (parameters or kwargs)["keys"]})
        return run(tx, query, parameters, **kwargs)

    monkeypatch.setattr(TransactionBase, "run", counted)
    answer = read.get_department(ST)
    assert answer == embedded.get_department(ST)
    assert asked == [{"department_region", "department", "department_grid", "department_clauses", "department_rows",
                      "partners", "department_page"}], asked
    assert Q.DEPARTMENT_REGION not in queries  # stored with the rest
    asked.clear()
    queries.clear()
    assert read.get_department(ST) == answer and asked == []
    assert len(queries) == 2 and Q.DATA_VERSION in queries, queries
