"""The OpenAPI document describes every field of the policies, clauses, graph, research,
health and console answers (pydantic response models), and the answers on both stores keep their shape."""

from __future__ import annotations

import pytest

from policykg.settings import Settings

MODELLED = [
    ("/api/v1/health", "get", "Health"),
    ("/api/v1/policies", "get", "PolicyList"),
    ("/api/v1/policies/{policy_id}", "get", "PolicyDetail"),
    ("/api/v1/policies/{policy_id}/document", "get", "PolicyDocument"),
    ("/api/v1/clauses/{clause_id}", "get", "ClauseDetail"),
    ("/api/v1/graph/search", "get", "GraphSearchResult"),
    ("/api/v1/graph/{node_id}", "get", "Neighbourhood"),
    ("/api/v1/graph/path", "get", "GraphPath"),
    ("/api/v1/graph/vocabularies", "get", "Vocabularies"),
    ("/api/v1/research/instrument-mix", "get", "InstrumentMix"),
    ("/api/v1/research/co-responsibility", "get", "CoResponsibility"),
    ("/api/v1/research/diffusion/{clause_id}", "get", "Diffusion"),
    ("/api/v1/cypher", "get", "CypherDescription"),
    ("/api/v1/cypher", "post", "CypherAnswer"),
]


@pytest.fixture(scope="module")
def openapi(embedded_app_store) -> dict:
    from policykg.api.app import create_app

    return create_app(Settings(), opened=embedded_app_store).openapi()


def _untyped_objects(schema: dict, components: dict, seen: set[str], where: str) -> list[str]:
    """Places in ``schema`` that are an object without described properties (a bare ``dict``)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return _untyped_objects(components[name], components, seen, name)
    found = []
    if schema.get("type") == "object" and not schema.get("properties") and "additionalProperties" not in schema:
        found.append(where)
    for key, sub in schema.get("properties", {}).items():
        found += _untyped_objects(sub, components, seen, f"{where}.{key}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _untyped_objects(schema[key], components, seen, f"{where}[]")
    for key in ("anyOf", "allOf", "oneOf"):
        for sub in schema.get(key, []):
            found += _untyped_objects(sub, components, seen, where)
    return found


@pytest.mark.parametrize(("path", "method", "model"), MODELLED)
def test_each_answer_is_a_described_model(openapi, path, method, model):
    schema = openapi["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": f"#/components/schemas/{model}"}
    components = openapi["components"]["schemas"]
    assert components[model]["properties"]
    assert _untyped_objects(schema, components, set(), model) == []


def test_filters_are_listed_one_by_one(openapi):
    names = {p["name"] for p in openapi["paths"]["/api/v1/policies"]["get"]["parameters"]}
    assert names == {"region", "level", "year", "issuer", "q", "limit", "offset"}
    names = {p["name"] for p in openapi["paths"]["/api/v1/graph/{node_id}"]["get"]["parameters"]}
    assert names == {"node_id", "depth", "limit", "in_force_on"}


def test_a_filter_model_still_refuses_unknown_and_invalid_parameters(client):
    answer = client.get("/api/v1/policies", params={"regoin": "荆州市"})
    assert answer.status_code == 422 and "'regoin'" in answer.json()["detail"]
    assert "region" in answer.json()["detail"]
    answer = client.get("/api/v1/policies", params={"year": "last"})
    assert answer.status_code == 422 and answer.json()["error"] == "invalid_parameter"
    assert "year" in answer.json()["detail"]
    answer = client.get("/api/v1/graph/search", params={"q": ""})
    assert answer.status_code == 422 and "q" in answer.json()["detail"]


def test_answers_keep_their_field_names_on_both_stores(client):
    policies = client.get("/api/v1/policies", params={"limit": 2}).json()
    assert policies["limit"] == 2 and len(policies["items"]) <= 2 and set(policies["facets"]) == {
        "region", "level", "year", "issuer"}
    pid = policies["items"][0]["id"]
    detail = client.get(f"/api/v1/policies/{pid}").json()
    assert set(detail["validity"]) == {"from", "until", "in_force"}
    assert detail["policy"]["id"] == pid and detail["policy"]["title"] == policies["items"][0]["title"]
    assert detail["policy"]["source_key"] == policies["items"][0]["source_key"]
    graph = client.get(f"/api/v1/graph/{pid}", params={"depth": 1, "limit": 20}).json()
    assert graph["center"] == pid and graph["edges"]
    assert {"from", "to", "type", "label", "properties", "dashes"} <= set(graph["edges"][0])
    assert "from_" not in graph["edges"][0]


def test_every_json_answer_of_the_api_is_a_described_model(openapi):
    untyped = []
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            content = operation["responses"].get("200", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema is not None and "$ref" not in schema:
                untyped.append(f"{method.upper()} {path}")
    assert untyped == []
