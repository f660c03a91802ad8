"""The API documentation page renders every operation with the network cut off from the world."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_docs_render_offline(live_app, page):
    outside = []

    def only_local(route):
        if route.request.url.startswith(live_app.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{live_app.url}/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/cypher" in p for p in paths) and len(paths) >= 15, paths
    assert outside == [] and page.errors == []
