"""Property-based run against the OpenAPI schema: no 5xx, no response that breaks the schema.

schemathesis generates requests for every GET endpoint from the app's own OpenAPI
document (path ids, filters, limits, odd strings) and checks each answer.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from policykg.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def api_schema(embedded_app_store):
    from policykg.api.app import create_app

    app = create_app(Settings(), opened=embedded_app_store)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def operations(api_schema, method: str):
    for result in api_schema.get_all_operations():
        op = result.ok()
        if op.method.upper() == method:
            yield op


def test_get_endpoints_never_fail_and_follow_the_schema(api_schema):
    from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

    tried = 0
    for op in operations(api_schema, "GET"):

        @given(case=op.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call()
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
            )
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"error", "detail", "status"} and body["status"] == response.status_code

        check()
        tried += 1
    assert tried >= 12


def test_cypher_on_embedded_store_answers_with_the_error_shape(api_schema):
    [op] = list(operations(api_schema, "POST"))

    @given(case=op.as_strategy())
    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        response = case.call()
        assert response.status_code in (422, 501)
        assert set(response.json()) == {"error", "detail", "status"}

    check()
