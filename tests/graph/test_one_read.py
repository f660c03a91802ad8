"""One read per answer on Neo4j: every read of an API answer runs in one read transaction of
the store (one session, one BEGIN and COMMIT), not in a transaction per query, and the answers
are those of reads run one by one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from conftest import load_graphs
from neo4j import Session
from neo4j._sync.work.transaction import TransactionBase

from policykg.graph import schema as S
from policykg.graph.query_service import NotFound, QueryService

pytestmark = pytest.mark.neo4j


class Counts:
    def __init__(self) -> None:
        self.transactions = 0
        self.queries = 0


@contextmanager
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counts]:
    """Counts the managed read transactions and the queries the driver runs while inside."""
    counts = Counts()
    execute_read, run = Session.execute_read, TransactionBase.run

    def counted_read(session: Session, work: Any, *args: Any, **kwargs: Any) -> Any:
        counts.transactions += 1
        return execute_read(session, work, *args, **kwargs)

    def counted_run(tx: Any, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
        counts.queries += 1
        return run(tx, query, parameters, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(Session, "execute_read", counted_read)
        m.setattr(TransactionBase, "run", counted_run)
        yield counts


@pytest.fixture
def service(neo4j_store, seed_graphs) -> QueryService:
    load_graphs(neo4j_store, seed_graphs)
    return QueryService(neo4j_store, "neo4j", "test")


def answers(service: QueryService) -> dict[str, Any]:
    """Each kind of answer the API gives, asked about the first of its kind in the seed graph."""
    store = service.store
    policy = store.find_nodes(S.POLICY, limit=1)[0]["id"]
    clause = store.find_nodes(S.CLAUSE, {"policy_id": policy}, limit=1)[0]["id"]
    department = service.list_departments(limit=1)["items"][0]["id"]
    regions = [r["name"] for r in service.list_regions()["items"]]
    return {
        "policy": lambda: service.get_policy(policy),
        "document": lambda: service.policy_document(policy),
        "clause": lambda: service.get_clause(clause),
        "department": lambda: service.get_department(department),
        "department clauses": lambda: service.department_clauses(department),
        "instruments": lambda: service.list_instruments(region=regions[0], sort="cap"),
        "beneficiary": lambda: service.beneficiary_instruments("enterprise", region=regions[0]),
        "search": lambda: service.search("成果转化 奖励"),
        "compare": lambda: service.compare("function", regions),
        "graph": lambda: service.graph(department),
    }


def test_each_answer_is_one_read_transaction_of_several_queries(service, monkeypatch):
    several, queries = [], {}
    for name, answer in answers(service).items():
        answer()  # the figures kept under the data version are in place: the next answer is the usual one
        with counted(monkeypatch) as counts:
            answer()
        assert counts.transactions == 1, name
        queries[name] = counts.queries
        if counts.queries > 1:
            several.append(name)
    # the answers that read most: once one transaction each per query (a comparison asked again
    # reads only the data version: its columns and the rows of its cells are kept in the process)
    assert {"clause", "department"} <= set(several)
    # a policy, its citations both ways and its outline are one query (GraphStore.node_view)
    assert queries["policy"] == 1


def test_the_answers_are_those_of_reads_run_one_by_one(service, monkeypatch):
    """Undecorated, each read of an answer runs in a transaction of its own (as before)."""
    one_by_one, transactions = {}, {}
    with monkeypatch.context() as m:
        m.setattr(type(service.store), "one_read", lambda self, answer: answer())
        for name, answer in answers(service).items():
            with counted(monkeypatch) as counts:
                one_by_one[name] = answer()
            transactions[name] = counts.transactions
    assert all(transactions[name] > 1 for name in ("clause", "department", "compare")), transactions
    for name, answer in answers(service).items():
        assert answer() == one_by_one[name], name


def test_a_nested_answer_reads_in_the_outer_transaction(service, monkeypatch):
    policy = service.store.find_nodes(S.POLICY, limit=1)[0]["id"]
    with counted(monkeypatch) as counts:
        both = service.store.one_read(lambda: (service.get_policy(policy), service.policy_document(policy)))
    assert counts.transactions == 1
    assert both == (service.get_policy(policy), service.policy_document(policy))


def test_an_answer_that_fails_leaves_no_transaction_behind(service, monkeypatch):
    with pytest.raises(NotFound):
        service.get_policy("policy:no-such-policy")
    assert getattr(service.store._answer, "tx", None) is None
    with counted(monkeypatch) as counts:
        assert service.list_regions()["total"] > 0
    assert counts.transactions == 1
