"""/docs and /redoc work offline: every script, style and icon they load comes from this server."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_only_local_assets(embedded_client, page):
    r = embedded_client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html), html
    assert "https://" not in html and "http://" not in html
    assets = re.findall(r"(?:src|href)=\"(/[^\"]+)\"", html)
    assert any(a.endswith(".js") for a in assets), assets
    for asset in assets:
        answer = embedded_client.get(asset)
        assert answer.status_code == 200 and len(answer.content) > 1000, asset
    assert "/openapi.json" in html


def test_swagger_ui_asks_no_public_validator(embedded_client):
    assert '"validatorUrl": null' in embedded_client.get("/docs").text
