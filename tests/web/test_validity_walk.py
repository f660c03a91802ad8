"""The researcher's fourth view, "in force on" a date, walked in headless Chromium as a user
would: one date in the header narrows every view (what a 高校 in 武汉 can get, the Ask search,
the instrument mix), stays in the address from view to view and is cleared again. The answers
are checked against the bundled seeds' own text (policykg/corpus/): 武汉's measures are dated
2024年1月28日, 湖北's plan 2021年10月19日, so on 2024-01-01 only the province's plan applies."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, unquote, urlparse

import pytest

from .a11y import check, describe
from .seeds import in_seed, issued

pytestmark = pytest.mark.browser

DAY = "2024-01-01"


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _regions(page, selector: str) -> set[str]:
    return set(page.locator(selector).evaluate_all("ls => ls.map(l => l.dataset.region)"))


def test_in_force_on_a_date_across_the_views(live_app, page, screenshot):
    assert issued("武汉市") == "2024-01-28" and issued("湖北省") == "2021-10-19"  # what the walk relies on

    page.goto(live_app.url + "/?view=benefits&beneficiary=university_institute&region=武汉市")
    items = page.locator("li.benefit")
    items.first.wait_for()
    assert _regions(page, "li.benefit") == {"武汉市", "湖北省"}
    before = items.count()

    # the header's date: typed once, it narrows the view and goes into the address
    date = page.get_by_label(re.compile("有效日期 In force on"))
    date.fill(DAY)
    page.wait_for_url(re.compile(f"in_force_on={DAY}"))
    page.wait_for_function("() => [...document.querySelectorAll('li.benefit')].every(l => l.dataset.region === '湖北省')")
    items.first.wait_for()
    assert _regions(page, "li.benefit") == {"湖北省"} and 0 < items.count() < before
    assert _query(page)["region"] == ["武汉市"] and _query(page)["in_force_on"] == [DAY]
    assert DAY in page.locator("#in-force .in-force-note").inner_text()
    # each provision shown is 湖北's, issued before the day, and its words are in 湖北's text
    for i in range(items.count()):
        item = items.nth(i)
        assert item.locator(".benefit-validity").inner_text().startswith("发布 issued 2021-10-19")
        for wording in item.locator(".benefit-wording").all_inner_texts():
            assert in_seed("湖北省", re.sub(r"\s+", "", wording)[:12]), wording
    screenshot(page, "validity-benefits")
    findings = check(page)
    assert not findings, describe(findings)

    # the date goes along to the next view: the Ask search finds 技术交易 only in policies in force
    page.get_by_role("combobox", name=re.compile("问 Ask")).fill("技术交易")
    page.get_by_role("button", name=re.compile("^问 Ask$")).click()
    page.wait_for_url(re.compile("view=ask"))
    assert _query(page)["in_force_on"] == [DAY] and _query(page)["q"] == ["技术交易"]
    page.locator("li.ask-hit").first.wait_for()
    found = _regions(page, "li.ask-hit")
    assert found and found <= {"湖北省", "周口市"}
    assert in_seed("武汉市", "技术交易")  # 武汉's text has it too, but was not yet issued on the day
    assert date.input_value() == DAY
    screenshot(page, "validity-ask")

    # and to the research views through the menu
    page.locator('#nav a[data-view="research"]').click()
    page.wait_for_url(re.compile("view=research"))
    assert _query(page)["in_force_on"] == [DAY]
    rows = page.locator("table.mix-table tbody tr")
    rows.first.wait_for()
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.region)")) == {"湖北省", "周口市"}
    screenshot(page, "validity-research-mix")

    # cleared: every policy again, the address without a date
    page.get_by_role("button", name=re.compile("任何日期 Any date")).click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('in_force_on')")
    page.wait_for_function("() => document.querySelectorAll('table.mix-table tbody tr').length > 2")
    assert {"武汉市", "荆州市"} <= set(rows.evaluate_all("rs => rs.map(r => r.dataset.region)"))
    assert date.input_value() == ""
    assert page.errors == []


def test_the_graph_leaves_out_policies_not_in_force(live_app, page):
    page.goto(live_app.url + f"/?view=graph&node=region:武汉市&as=list&in_force_on={DAY}")
    listed = page.locator("ul.node-list li")
    listed.first.wait_for()
    names = " ".join(listed.all_inner_texts())
    assert "武汉市科技创新局" in names  # its bureaus are shared nodes: kept
    assert "武汉市促进科技成果转化" not in names  # its policy was issued on 2024-01-28
    page.goto(live_app.url + "/?view=graph&node=region:武汉市&as=list")
    listed.first.wait_for()
    page.wait_for_function("() => document.body.innerText.includes('武汉市促进科技成果转化')")
    assert page.errors == []


def test_the_shortest_path_keeps_to_the_policies_in_force(live_app, page, screenshot):
    """周口's plan to 荆州's measures: undated, the shortest way runs through the provisions
    both address to enterprises; on 2024-01-01 荆州's measures (from 2025-06-06) are not yet in
    force, so the path the page draws goes round by their bureaus, never through 荆州's provisions."""
    from .test_page import wait_graph_ready

    policies = page.request.get(live_app.url + "/api/v1/policies?limit=100").json()["items"]
    ids = {p["region"]: p["id"] for p in policies}
    zhoukou, jingzhou = ids["周口市"], ids["荆州市"]
    asked: list[str] = []
    page.on("request", lambda r: asked.append(unquote(r.url)) if "/api/v1/graph/path" in r.url else None)
    page.goto(live_app.url + f"/?view=graph&pfrom={quote(zhoukou)}&pto={quote(jingzhou)}&hops=6&in_force_on={DAY}")
    wait_graph_ready(page)
    note = page.locator(".path-note", has_text="→")
    note.wait_for()
    assert asked and all(f"in_force_on={DAY}" in u for u in asked)
    expected = page.request.get(live_app.url + "/api/v1/graph/path", params={
        "from": zhoukou, "to": jingzhou, "max_hops": 6, "in_force_on": DAY}).json()
    on_path = page.evaluate("() => [...window.policykgGraph.onPath]")
    assert on_path == [n["id"] for n in expected["nodes"]] and expected["hops"] == 6
    # between the two ends: regions, bureaus and a function, no provision of 荆州 (or anyone)
    assert {n["type"] for n in expected["nodes"][1:-1]} == {"Region", "Department", "Function"}
    assert DAY in note.inner_text() and "荆州市科学技术局" in note.inner_text()
    assert issued("荆州市") > DAY  # what the walk relies on: 荆州's measures are later
    screenshot(page, "graph-path-dated")

    # cleared: the path goes through the provisions again
    page.get_by_role("button", name=re.compile("任何日期 Any date")).click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('in_force_on')")
    page.locator(".path-note", has_text="→").filter(has_not_text=DAY).wait_for()
    wait_graph_ready(page)
    undated = page.evaluate("() => [...window.policykgGraph.onPath]")
    assert undated != on_path and any(i.startswith(jingzhou + "/") for i in undated), undated
    assert not asked[-1].count("in_force_on") and page.errors == []


def test_every_dated_call_carries_the_date_and_no_other_does(live_app, page):
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/v1/" in r.url else None)
    page.goto(live_app.url + f"/?view=compare&regions=荆州市,武汉市&in_force_on={DAY}")
    page.wait_for_load_state("networkidle")
    dated = [u for u in asked if f"in_force_on={DAY}" in u]
    # compare is sent the date too (it answers with it once compare's own filter lands)
    assert any("/api/v1/compare?" in u for u in dated)
    # calls that take no date are not sent one (the API refuses unknown parameters)
    assert not any(p in u for u in dated for p in ("/api/v1/health", "/api/v1/regions", "/api/v1/graph/vocabularies"))
    assert page.evaluate("""async () => {
        const { takesDate } = await import('/static/in_force.js');
        return ['instruments', 'beneficiaries/enterprise/instruments', 'search', 'graph/region:武汉市', 'graph/path',
                'research/instrument-mix', 'research/co-responsibility', 'compare', 'compare/cell', 'departments',
                'departments/x', 'departments/x/clauses', 'departments/x/instruments']
          .every(takesDate) && !['graph/search', 'graph/vocabularies', 'policies',
                                 'suggest', 'regions', 'health', 'research/diffusion/x'].some(takesDate);
    }""")
