"""The Cypher console page with POLICYKG_API_KEY set: the key typed once is sent with every query."""

from __future__ import annotations

import os

import pytest

from .conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

KEY = "page-key-91d2"


@pytest.fixture
def keyed_app(neo4j_app, neo4j_driver):
    """The app over the same loaded Neo4j as ``neo4j_app``, with an API key."""
    from policykg.api.app import create_app
    from policykg.graph.neo4j_store import Neo4jStore
    from policykg.settings import Settings
    from policykg.stores import OpenStore

    store = Neo4jStore(neo4j_driver, database=os.environ.get("NEO4J_DATABASE", "neo4j"))
    server = LiveServer(create_app(Settings(store="neo4j", api_key=KEY),
                                   opened=OpenStore("neo4j", store, neo4j_driver))).start()
    yield server
    server.stop()


def test_console_asks_for_the_key_and_keeps_it_for_the_tab(keyed_app, page):
    page.goto(keyed_app.url + "/?view=cypher")
    page.locator("textarea.cypher-editor").fill("MATCH (p:Policy) RETURN count(p) AS policies")
    page.get_by_role("button", name="运行 Run").click()
    page.locator(".cypher-status .notice-error").wait_for()
    assert "401" in page.locator(".cypher-status").inner_text()
    key = page.locator("input.cypher-key")
    assert key.evaluate("el => el === document.activeElement") and key.get_attribute("type") == "password"

    key.fill(KEY)
    page.get_by_role("button", name="运行 Run").click()
    page.locator(".cypher-table table.results").wait_for()
    assert page.locator(".cypher-table tbody td").first.inner_text() == "5"
    assert KEY not in page.url
    page.reload()  # same tab: the key is still there; the query in the URL waits for Run
    assert page.locator("input.cypher-key").input_value() == KEY
    assert page.locator(".cypher-table table.results").count() == 0
    page.get_by_role("button", name="运行 Run").click()
    page.locator(".cypher-table table.results").wait_for()
    assert page.errors == []
