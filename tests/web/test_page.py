"""The web explorer in a real headless Chromium against the real app and API."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, quote, urlparse

import pytest

pytestmark = pytest.mark.browser

JINGZHOU_STB = "dept:荆州市科学技术局"


def wait_graph_ready(page) -> None:
    page.wait_for_function(
        "() => window.policykgGraph && document.querySelector('#network')?.dataset.state === 'ready'",
        timeout=30_000,
    )


def node_count(page) -> int:
    return page.evaluate("() => window.policykgGraph.nodes.length")


def node_on_screen(page, node_id: str) -> tuple[float, float]:
    """Page coordinates of a graph node, for real mouse clicks on the canvas."""
    x, y = page.evaluate(
        """(id) => {
            const net = window.policykgGraph.network;
            net.focus(id, {scale: 1.2, animation: false});
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            return [p.x, p.y];
        }""",
        node_id,
    )
    box = page.locator("#network canvas").bounding_box()
    return box["x"] + x, box["y"] + y


def clause_node(page, label_start: str) -> str:
    return page.evaluate(
        """(label) => window.policykgGraph.nodes.getIds().find((id) => {
            const raw = window.policykgGraph.raw.get(id);
            return raw.type === 'Clause' && (raw.properties.label || raw.label).startsWith(label);
        })""",
        label_start,
    )


def read_download(page, button) -> tuple[str, str]:
    with page.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, open(download.path(), encoding="utf-8-sig").read()


def test_search_select_expand_and_download_graph(live_app, page, screenshot):
    page.goto(live_app.url + "/")
    page.get_by_role("searchbox").fill("市科技局")
    page.get_by_role("button", name=re.compile("搜索")).click()
    result = page.locator(f'.search-results button[data-id="{JINGZHOU_STB}"]')
    result.wait_for()
    assert "荆州市科学技术局" in result.inner_text()
    result.click()
    wait_graph_ready(page)
    assert parse_qs(urlparse(page.url).query)["node"] == [JINGZHOU_STB]
    details = page.locator("#details")
    details.get_by_text("职能 function: 科技").wait_for()
    before = node_count(page)
    assert before > 5

    # double-click the clause (七) on the canvas: its instruments, beneficiaries and
    # co-responsible departments join the graph
    clause = clause_node(page, "(七)")
    assert clause, "clause (七) should be a neighbour of the Jingzhou science bureau"
    x, y = node_on_screen(page, clause)
    page.mouse.dblclick(x, y)
    page.wait_for_function(f"() => window.policykgGraph.nodes.length > {before}")
    wait_graph_ready(page)
    added = page.evaluate("() => window.policykgGraph.nodes.get().map((n) => window.policykgGraph.raw.get(n.id).type)")
    assert "Instrument" in added and "BeneficiaryType" in added
    assert clause in parse_qs(urlparse(page.url).query)["expand"][0].split("\n")

    # single click selects it: the details panel shows the clause with its highlights
    x, y = node_on_screen(page, clause)
    page.mouse.click(x, y)
    amount = details.locator("blockquote.clause-text mark.span-amount").first
    amount.wait_for()
    assert "8%" in amount.inner_text()
    assert "市科技局" in details.locator("blockquote.clause-text mark.span-department").all_inner_texts()
    screenshot(page, "graph")

    name, text = read_download(page, page.locator(".view-graph button[data-format=csv]"))
    assert name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["kind", "id", "type", "label"]
    ids = {r[1] for r in rows[1:] if r[0] == "node"}
    assert {JINGZHOU_STB, clause} <= ids
    assert any(r[0] == "edge" and r[2] == "PROVIDES" and r[8] == clause for r in rows[1:])

    # the URL is shareable: a fresh page with it rebuilds the expanded graph
    shared = page.url
    expanded_count = node_count(page)
    page.goto("about:blank")
    page.goto(shared)
    wait_graph_ready(page)
    assert node_count(page) == expanded_count
    assert page.errors == []


def test_filters_dim_and_hide(live_app, page):
    page.goto(live_app.url + f"/?view=graph&node={JINGZHOU_STB}&f_function=finance")
    wait_graph_ready(page)
    assert page.locator('select[name="f_function"]').input_value() == "finance"
    dimmed = page.evaluate("""() => window.policykgGraph.nodes.get().filter((n) => n.color.background === '#eef0f2').length""")
    assert dimmed > 0
    page.get_by_label("隐藏 hide").check()
    hidden = page.evaluate("() => window.policykgGraph.nodes.get().filter((n) => n.hidden).map((n) => n.id)")
    assert hidden and JINGZHOU_STB in hidden  # a science bureau is not a finance department
    assert "fmode=hide" in page.url
    page.locator('select[name="f_function"]').select_option("")
    assert page.evaluate("() => window.policykgGraph.nodes.get().filter((n) => n.hidden).length") == 0
    assert page.errors == []


def test_clause_view_highlights_entities(live_app, page, screenshot):
    page.goto(live_app.url + f"/?view=graph&node={JINGZHOU_STB}")
    wait_graph_ready(page)
    clause = clause_node(page, "(七)")
    page.goto(live_app.url + "/?" + f"view=clause&id={clause}".replace("@", "%40"))
    text = page.locator("blockquote.clause-text")
    text.wait_for()
    assert "按技术交易额的8%" in text.inner_text()
    marks = {m.get_attribute("data-type") for m in text.locator("mark").all()}
    assert {"department", "amount", "beneficiary"} <= marks
    # highlighted text is the clause text, character for character
    assert text.inner_text().strip().startswith("(七)支持技术转移机构")
    assert page.locator("table.instruments").get_by_text("最高100万元").first.is_visible()
    screenshot(page, "clause")
    assert page.errors == []


def test_compare_finds_8_percent_in_jingzhou_and_wuhan(live_app, page, screenshot):
    page.goto(live_app.url + "/?view=compare")
    search = page.get_by_label(re.compile("搜索地区"))
    for name in ("荆州市", "武汉市"):
        search.fill(name[:2])
        page.locator(f'button.region-option[data-region="{name}"]').click()
    page.get_by_role("button", name=re.compile("对比")).click()
    page.wait_for_url(re.compile("regions="))
    assert set(parse_qs(urlparse(page.url).query)["regions"][0].split(",")) == {"荆州市", "武汉市"}
    row = page.locator('table.matrix tr[data-row="science_tech"]')
    row.wait_for()
    for region in ("荆州市", "武汉市"):
        rewards = row.locator(f'td[data-region="{region}"] li.cell-instrument', has=page.locator(".num.rate", has_text=re.compile("^8%$")))
        assert rewards.count() >= 1, region
        assert "最高100万元" in rewards.first.inner_text()
    screenshot(page, "compare")

    name, text = read_download(page, page.locator(".view-compare button[data-format=csv]"))
    assert name.startswith("policykg-compare-function-") and name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    eight = {(r["column_region"], r["cap_yuan"]) for r in rows if r["rate"] == "0.08" and r["row_code"] == "science_tech"}
    assert {("荆州市", "1000000"), ("武汉市", "1000000")} <= eight

    # click through to the Wuhan clause
    row.locator('td[data-region="武汉市"] li.cell-instrument', has=page.locator(".num.rate", has_text=re.compile("^8%$"))).first.locator("a.to-clause").click()
    page.locator("blockquote.clause-text").wait_for()
    assert "view=clause" in page.url
    assert "8%" in page.locator("blockquote.clause-text mark.span-amount").all_inner_texts()[0]
    assert "武汉市" in page.locator("article.clause .meta").inner_text()
    assert page.errors == []


def test_policy_reader_shows_document_with_contents(live_app, page, screenshot):
    page.goto(live_app.url + "/?view=reader")
    page.get_by_role("link", name="荆州市促进科技成果转化和科创供应链平台建设若干政策措施").click()
    toc = page.locator("nav.toc")
    toc.wait_for()
    assert toc.get_by_role("link", name="一、 深化职务科技成果赋权改革").is_visible()
    toc.get_by_role("link", name="(七)", exact=True).click()
    clause = page.locator("article.doc-clause", has_text="按技术交易额的8%")
    # the amount highlights cover the figures, not the sentences around them
    assert clause.locator("mark.span-amount").all_inner_texts() == ["8%", "100万元", "2%", "100万元", "1%", "150万元"]
    assert clause.locator("mark.span-department", has_text="市财政局").count() == 1
    assert page.locator(".doc-title").inner_text() == "荆州市促进科技成果转化和科创供应链平台建设若干政策措施"
    screenshot(page, "reader")
    name, text = read_download(page, page.locator(".view-document button[data-format=json]"))
    assert name.endswith(".json") and '"is_clause": true' in text
    assert page.errors == []


def test_hostile_policy_is_shown_as_text_everywhere(hostile_app, page, screenshot):
    base = hostile_app.url

    def assert_inert(view: str) -> None:
        assert page.evaluate("() => window.__pwned") is None, f"a script from the policy ran in {view}"
        assert page.locator("script").count() == 2, view  # vis-network and app.js only
        assert page.locator("img, main b, main i, a[href^='javascript']").count() == 0, view

    page.goto(base + "/?view=reader")
    policy_link = page.locator("table.policies td a").first
    policy_link.wait_for()
    assert_inert("policy list")
    policy_link.click()
    doc = page.locator(".doc")
    doc.get_by_text("<script>window.__pwned=3</script>", exact=False).first.wait_for()
    assert '<img src=x onerror="window.__pwned=2">' in doc.inner_text()
    assert '<a href="javascript:window.__pwned=4">转化成果</a>' in doc.inner_text()
    assert_inert("document")
    screenshot(page, "hostile-reader")

    clause_id = page.locator("article.doc-clause").first.get_attribute("data-clause")
    page.locator("article.doc-clause").first.get_by_role("link", name="详情 details").click()
    page.locator("blockquote.clause-text").wait_for()
    assert "<img src=x onerror=" in page.locator("blockquote.clause-text").inner_text()
    assert_inert("clause")

    # the graph around the clause: units named with markup, the clause selected in details
    page.goto(base + "/?view=graph&node=" + clause_id.replace("@", "%40"))
    wait_graph_ready(page)
    names = page.evaluate("() => [...window.policykgGraph.raw.values()].map((n) => n.properties.name || '').join(' ')")
    tips = page.evaluate("() => window.policykgGraph.nodes.get().map((n) => n.title.textContent).join(' ')")
    assert "window.__pwned=3" in names and "window.__pwned=3" in tips
    page.mouse.click(*node_on_screen(page, clause_id))
    page.locator("#details blockquote.clause-text").wait_for()
    assert "<script>window.__pwned=3</script>" in page.locator("#details").inner_text()
    tooltips = page.evaluate("() => window.policykgGraph.nodes.get().map((n) => typeof n.title === 'string' ? 'string' : n.title.tagName)")
    assert set(tooltips) == {"DIV"}
    assert_inert("graph")
    screenshot(page, "hostile-graph")

    page.goto(base + "/?view=compare")
    page.locator("table.matrix").wait_for()
    assert "window.__pwned=3" in page.locator("table.matrix").inner_text()
    tips = " ".join(li.get_attribute("title") for li in page.locator("li.cell-instrument").all())
    assert '<img src=x onerror="window.__pwned=2">' in tips
    assert_inert("compare")
    assert page.errors == []


def test_cypher_view_explains_neo4j_on_the_embedded_store(live_app, page, screenshot):
    page.goto(live_app.url + "/?view=cypher")
    explain = page.locator(".view-cypher .explain")
    explain.wait_for()
    assert "policykg neo4j start" in explain.inner_text()
    assert "policykg serve --store neo4j" in explain.inner_text()
    assert page.locator("textarea.cypher-editor").count() == 0
    screenshot(page, "cypher-embedded")


@pytest.mark.neo4j
def test_cypher_console_on_neo4j(neo4j_app, page, screenshot):
    page.goto(neo4j_app.url + "/?view=cypher")
    editor = page.locator("textarea.cypher-editor")
    editor.wait_for()
    page.get_by_role("button", name=re.compile("部门共同负责网络")).click()
    table = page.locator(".cypher-table table.results")
    table.wait_for()
    assert table.locator("thead th").all_inner_texts() == ["a", "b", "shared_clauses"]
    assert table.locator("tbody tr").count() > 0
    assert "荆州市科学技术局" in table.inner_text()
    page.get_by_role("button", name="关系图 Graph").click()
    page.locator(".cypher-graph canvas").wait_for()
    assert "q=" in page.url and "as=graph" in page.url
    screenshot(page, "cypher-neo4j")
    name, text = read_download(page, page.locator(".view-cypher button[data-format=csv]"))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["a", "b", "shared_clauses"] and len(rows) > 1

    # every example query runs on the real schema and returns rows
    for example in page.locator("button.example").all():
        example.click()
        page.wait_for_function("() => /行 rows|出错/.test(document.querySelector('.cypher-status').textContent)")
        status = page.locator(".cypher-status").inner_text()
        assert "出错" not in status and not status.startswith("0 "), (example.inner_text(), status)

    # a link with a query fills the editor but runs nothing until Run is pressed
    posted = []
    page.on("request", lambda req: posted.append(req.url) if "/api/v1/cypher" in req.url else None)
    page.goto(neo4j_app.url + "/?view=cypher&q=" + quote("MATCH (p:Policy) RETURN count(p) AS linked"))
    editor.wait_for()
    assert editor.input_value() == "MATCH (p:Policy) RETURN count(p) AS linked"
    assert "press Run" in page.locator(".cypher-status").inner_text()
    page.wait_for_timeout(500)
    assert posted == [] and page.locator(".cypher-table table.results").count() == 0
    page.get_by_role("button", name="运行 Run").click()
    page.locator(".cypher-table table.results").wait_for()
    assert table.locator("thead th").all_inner_texts() == ["linked"] and len(posted) == 1

    # a write is refused by the API and the refusal is shown
    editor.fill("CREATE (n:Policy {id: 'x'}) RETURN n")
    page.get_by_role("button", name="运行 Run").click()
    page.locator(".cypher-status .notice-error").wait_for()
    assert "cypher_refused" in page.locator(".cypher-status").inner_text()
    assert page.errors == []


def test_compare_cells_beyond_the_limit_open_the_rest_in_the_page(live_app, page):
    page.goto(live_app.url + "/?view=compare&rows=function&regions=荆州市&cell_limit=2")
    cell = page.locator('table.matrix tr[data-row="science_tech"] td[data-region="荆州市"]')
    cell.wait_for()
    assert cell.locator("li.cell-instrument").count() == 2
    more = cell.locator("button.cell-more")
    shown = int(re.search(r"(\d+) more", more.inner_text()).group(1))
    full = page.request.get(live_app.url + "/api/v1/compare/cell",
                            params={"rows": "function", "code": "science_tech", "region": "荆州市", "limit": 100}).json()
    assert full["total"] == len(full["items"]) == shown + 2
    more.click()
    panel = page.locator("section.cell-panel")
    panel.locator("li.cell-instrument").first.wait_for()
    assert panel.locator("li.cell-instrument").evaluate_all("ls => ls.map(l => l.dataset.instrument)") == [
        i["id"] for i in full["items"]]
    assert page.errors == []
