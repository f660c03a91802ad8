"""The page as a person uses it: readable labels and colours, the legend and type filter,
pictures, the shortest path, the reader's script toggle and corrupted passages, contrast,
the keyboard, a phone-sized window and the Cypher console's history. Screenshots go to
test-artifacts/screenshots/."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, quote, urlparse

import pytest

from .test_page import JINGZHOU_STB, clause_node, read_download, wait_graph_ready

pytestmark = pytest.mark.browser

JINGZHOU = "荆州市促进科技成果转化和科创供应链平台建设若干政策措施"
ZHOUKOU = "周口市支持科技成果转化促进产学研用深度融合若干措施"
HUBEI = "湖北·汉襄宜国家科技成果转移转化示范区建设方案"
RAW_ID = re.compile(r"^[a-z_]+:|policy:|clause:|dept:")


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio, computed here rather than by the page."""
    x, y = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (x + 0.05) / (y + 0.05)


def parse_colour(css: str) -> tuple[float, float, float]:
    if css.startswith("#"):
        return tuple(int(css[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def policy_id(page, title: str) -> str:
    return page.evaluate(
        """async (title) => (await (await fetch('/api/v1/policies?limit=500')).json()).items.find((p) => p.title === title).id""",
        title)


def visible_nodes(page) -> list[dict]:
    return page.evaluate("""() => window.policykgGraph.nodes.get().filter((n) => !n.hidden)
        .map((n) => ({id: n.id, label: n.label, type: window.policykgGraph.attrs.get(n.id).type}))""")


def nodes_on_screen(page) -> list[str]:
    """Ids of visible nodes drawn outside the canvas' box."""
    return page.evaluate("""() => {
        const g = window.policykgGraph, box = g.container.getBoundingClientRect();
        const ids = g.nodes.get().filter((n) => !n.hidden).map((n) => n.id);
        const pos = g.network.getPositions(ids);
        return ids.filter((id) => { const p = g.network.canvasToDOM(pos[id]);
            return p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height; });
    }""")


# JavaScript that lists every visible element with its own text whose colour has less than
# 4.5:1 contrast with the background it is drawn on (the nearest opaque ancestor background).
LOW_CONTRAST = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((acc, c, i) => acc + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (node) => {
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const e of document.querySelectorAll('body *')) {
    const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !e.getClientRects().length) continue;
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden' || e.closest('[hidden], .vis-network, .skip-link, option, select')) continue;
    const r = ratio(rgb(style.color).slice(0, 3), background(e));
    if (r < 4.5) bad.push(`${e.tagName}.${e.className}: ${e.textContent.trim().slice(0, 30)} ${r.toFixed(2)}`);
  }
  return bad;
}"""


def test_graph_labels_names_colours_and_legend(live_app, page, screenshot):
    page.goto(live_app.url + f"/?view=graph&node={quote(JINGZHOU_STB)}")
    wait_graph_ready(page)
    clause = clause_node(page, "(七)")
    page.get_by_role("button", name="列表视图 List view").click()
    assert query(page)["as"] == ["list"]
    # expand clause (七) from the list with the keyboard
    page.locator(f'#graph-list li[data-id="{clause}"] button.node-expand').focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.policykgGraph.nodes.get().some((n) => window.policykgGraph.attrs.get(n.id).type === 'instrument')")
    wait_graph_ready(page)
    page.get_by_role("button", name="列表视图 List view").click()
    wait_graph_ready(page)

    nodes = visible_nodes(page)
    assert all(n["label"] and not RAW_ID.search(n["label"]) for n in nodes), [n["label"] for n in nodes if RAW_ID.search(n["label"] or "")]
    clause_label = next(n["label"] for n in nodes if n["id"] == clause)
    assert clause_label.startswith("(七)") and "《荆州市促进" in clause_label
    # the new nodes were fitted into view after the expansion
    assert nodes_on_screen(page) == []

    # every instrument type, beneficiary and function has its Chinese name in the page
    names = page.evaluate("""async () => {
        const L = await import('/static/labels.js');
        const v = await (await fetch('/api/v1/graph/vocabularies')).json();
        return {itypes: Object.keys(v.instrument_types).map((c) => L.instrumentTypeName(c)),
                bens: Object.keys(v.beneficiaries).map((c) => L.beneficiaryName(c)),
                fns: Object.keys(v.functions).map((c) => L.functionName(c))};
    }""")
    assert len(names["itypes"]) == 23
    for group in names.values():
        assert all(re.search(r"[\u4e00-\u9fff]", n) for n in group), group
    legend_names = page.locator(".legend .legend-name").all_inner_texts()
    assert legend_names and not any(re.fullmatch(r"[a-z_]+", n) for n in legend_names)
    assert "奖励" in legend_names  # the clause's reward instruments, by type

    # distinct colours for every type, each chip at least 4.5:1 against the white legend
    colours = page.evaluate("""async () => { const S = await import('/static/graph_style.js');
        const types = ['policy','section','clause','department','function','region','beneficiary','instrument','instrument_type','target','cited'];
        return [...types.map(S.typeColour), ...Object.values(S.FUNCTION_COLOURS), ...Object.values(S.INSTRUMENT_COLOURS)]; }""")
    assert len(colours) == 11 + 27 + 23 and len(set(colours)) == len(colours)
    assert min(contrast(parse_colour(c), (255, 255, 255)) for c in colours) >= 4.5
    chips = page.locator(".legend .swatch").evaluate_all("(els) => els.map((e) => getComputedStyle(e).backgroundColor)")
    assert chips and all(contrast(parse_colour(c), (255, 255, 255)) >= 4.5 for c in chips), chips
    screenshot(page, "graph-readable")

    # a legend entry hides its type, and shows it again from the keyboard
    toggle = page.locator('.legend button[data-key="clause"]')
    toggle.click()
    assert query(page)["hide"] == ["clause"]
    assert not any(n["type"] == "clause" for n in visible_nodes(page))
    toggle = page.locator('.legend button[data-key="clause"]')
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert any(n["type"] == "clause" for n in visible_nodes(page))
    assert "hide" not in query(page)

    # the type filter
    page.locator('select[name="f_type"]').select_option("department")
    page.get_by_label("隐藏 hide").check()
    assert {n["type"] for n in visible_nodes(page)} == {"department"}
    assert query(page)["f_type"] == ["department"]

    # the state is in the URL: the same view from a fresh page
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    wait_graph_ready(page)
    assert {n["type"] for n in visible_nodes(page)} == {"department"}
    assert page.errors == []


def test_graph_pictures(live_app, page, tmp_path):
    page.goto(live_app.url + f"/?view=graph&node={quote(JINGZHOU_STB)}")
    wait_graph_ready(page)
    with page.expect_download() as info:
        page.locator(".view-graph button[data-format=png]").click()
    png = info.value
    assert png.suggested_filename.endswith(".png")
    data = open(png.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000

    name, text = read_download(page, page.locator(".view-graph button[data-format=svg]"))
    assert name.endswith(".svg") and "荆州市科学技术局" in name
    root = ET.fromstring(text.split("?>", 1)[1])
    ns = {"s": "http://www.w3.org/2000/svg"}
    ids = {g.get("data-id") for g in root.iterfind(".//s:g[@data-id]", ns)}
    assert ids == {n["id"] for n in visible_nodes(page)}
    texts = [t.text for t in root.iterfind(".//s:text", ns)]
    assert "荆州市科学技术局" in texts and not any(RAW_ID.search(t or "") for t in texts)
    assert page.errors == []


def test_shortest_path_between_two_chosen_nodes(live_app, page, screenshot):
    jingzhou, zhoukou = policy_id_of(live_app, JINGZHOU), policy_id_of(live_app, ZHOUKOU)
    page.goto(live_app.url + f"/?view=graph&node={quote(jingzhou)}")
    wait_graph_ready(page)
    page.get_by_role("button", name="路径起点 Path from here").click()
    assert query(page)["pfrom"] == [jingzhou]
    # the other end is far away: search for it; the chosen start stays chosen
    page.get_by_role("searchbox").fill("周口市支持")
    page.get_by_role("button", name=re.compile("搜索")).click()
    page.locator(f'.search-results button[data-id="{zhoukou}"]').click()
    wait_graph_ready(page)
    page.get_by_label("最多跳数 max hops").select_option("6")
    assert page.locator(".path-from strong").inner_text() == JINGZHOU
    page.get_by_role("button", name="路径终点 Path to here").click()
    page.locator(".path-note", has_text="→").wait_for()
    wait_graph_ready(page)
    expected = page.evaluate("""async ([a, b]) => (await (await fetch(`/api/v1/graph/path?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}&max_hops=6`)).json())""",
                             [jingzhou, zhoukou])
    assert expected["found"]
    path_ids = [n["id"] for n in expected["nodes"]]
    on_path = page.evaluate("() => [...window.policykgGraph.onPath]")
    assert on_path == path_ids
    note = page.locator(".path-note").inner_text()
    assert note.startswith(f"{expected['hops']} 跳") and JINGZHOU in note and ZHOUKOU in note and not RAW_ID.search(note)
    assert nodes_on_screen(page) == [] or set(nodes_on_screen(page)).isdisjoint(path_ids)
    q = query(page)
    assert q["pfrom"] == [jingzhou] and q["pto"] == [zhoukou] and q["hops"] == ["6"]
    screenshot(page, "graph-path")

    page.goto("about:blank")
    page.goto(live_app.url + f"/?view=graph&pfrom={quote(jingzhou)}&pto={quote(zhoukou)}&hops=1")
    wait_graph_ready(page)
    page.locator(".path-note", has_text="No path within 1 hops").wait_for()
    assert page.errors == []


def policy_id_of(live_app, title: str) -> str:
    import urllib.request

    with urllib.request.urlopen(live_app.url + "/api/v1/policies?limit=500") as r:
        return next(p["id"] for p in json.load(r)["items"] if p["title"] == title)


def test_reader_headings_once_script_toggle_and_corrupted_passages(live_app, page, screenshot):
    hubei = policy_id_of(live_app, HUBEI)
    page.goto(live_app.url + f"/?view=reader&policy={quote(hubei)}")
    doc = page.locator(".doc")
    doc.locator("h3", has_text="總體要求").wait_for()
    # each heading once: the heading, then the text after it
    assert doc.get_by_text("總體要求").count() == 1
    guide = doc.locator("article.doc-clause, section.doc-section").filter(has_text="指導思想").first
    assert guide.inner_text().count("指導思想") == 1

    marks = doc.locator(".doc-text mark.span-corrupted")
    assert marks.all_inner_texts() == ["咨詢橐惑w", "到規的", "專家、"]
    assert "check this passage" in marks.first.get_attribute("title")
    assert "3 corrupted passage" in doc.locator(".corrupted-note").inner_text()
    screenshot(page, "reader-corrupted")

    page.get_by_role("button", name="简体 Simplified").click()
    doc.locator("h3", has_text="总体要求").wait_for()
    assert query(page)["script"] == ["simp"]
    assert doc.get_by_text("總體要求").count() == 0 and doc.get_by_text("总体要求").count() == 1
    assert page.get_by_role("button", name="简体 Simplified").get_attribute("aria-pressed") == "true"
    assert doc.locator(".doc-text mark.span-corrupted").count() == 3
    page.reload()
    doc.locator("h3", has_text="总体要求").wait_for()
    assert page.errors == []


VIEWS = [
    "/?view=graph&node={stb}",
    "/?view=graph&node={stb}&as=list",
    "/?view=reader",
    "/?view=reader&policy={hubei}",
    "/?view=compare",
    "/?view=cypher",
]


def test_text_and_chips_meet_wcag_aa_contrast(live_app, page):
    hubei = policy_id_of(live_app, HUBEI)
    for path in VIEWS:
        page.goto(live_app.url + path.format(stb=quote(JINGZHOU_STB), hubei=quote(hubei)))
        if "graph" in path:
            wait_graph_ready(page)
        else:
            page.wait_for_load_state("networkidle")
        bad = page.evaluate(LOW_CONTRAST)
        assert bad == [], (path, bad)
    assert page.errors == []


def test_keyboard_reaches_and_activates_every_view(live_app, page):
    page.goto(live_app.url + "/?view=reader")
    page.locator("table.policies").wait_for()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert focused == "skip-link"
    # the focus is visible: an outline of at least 2px on whatever is focused
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
        assert style[0] != "none" and style[1] >= 2, style
    # Tab along the navigation to the graph and press Enter
    for _ in range(10):
        if page.evaluate("() => document.activeElement.dataset.view") == "graph":
            break
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.locator(".view-graph").wait_for()
    # a policy from the start list, chosen with the keyboard
    start = page.locator(".start-points button", has_text=JINGZHOU)
    start.focus()
    page.keyboard.press("Enter")
    wait_graph_ready(page)
    # Space on the list view button, then Enter on a node of the list selects it
    page.get_by_role("button", name="列表视图 List view").focus()
    page.keyboard.press(" ")
    node = page.locator("#graph-list button.node-select", has_text="荆州市").first
    node.focus()
    page.keyboard.press("Enter")
    assert node.get_attribute("aria-current") == "true"
    page.locator("#details h2", has_text=node.inner_text()).wait_for()
    # the compare and cypher views are reached from the navigation by keyboard too
    for view, marker in (("compare", ".view-compare"), ("cypher", ".view-cypher")):
        page.locator(f'#nav a[data-view="{view}"]').focus()
        page.keyboard.press("Enter")
        page.locator(marker).wait_for()
    assert page.errors == []


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_usable_at_390_px(live_app, phone, screenshot):
    page = phone
    page.goto(live_app.url + f"/?view=graph&node={quote(JINGZHOU_STB)}")
    wait_graph_ready(page)
    box = page.locator("#network").bounding_box()
    assert box["y"] < 600 and box["height"] > 300, box  # the canvas is on the first screen
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, "graph-390")
    page.get_by_role("button", name="列表视图 List view").click()
    assert page.locator("#graph-list").bounding_box()["y"] < 600
    screenshot(page, "graph-list-390")
    hubei = policy_id_of(live_app, HUBEI)
    page.goto(live_app.url + f"/?view=reader&policy={quote(hubei)}")
    page.locator(".doc-title").wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, "reader-390")
    assert page.errors == []


def test_cypher_console_history_saved_queries_and_results_as_graph(neo4j_app, page, screenshot):
    page.goto(neo4j_app.url + "/?view=cypher")
    editor = page.locator("textarea.cypher-editor")
    editor.wait_for()
    editor.fill("MATCH (d:Department)-[:IN_REGION]->(r:Region) RETURN d, r LIMIT 20")
    page.get_by_role("button", name="运行 Run").click()
    page.locator(".cypher-table table.results").wait_for()
    assert page.locator(".history-list li").count() == 1
    cells = page.locator(".cypher-table tbody td").all_inner_texts()
    assert cells and not any(RAW_ID.search(c.split("] ", 1)[-1]) for c in cells)

    page.get_by_role("button", name="关系图 Graph").click()
    page.locator(".cypher-graph canvas").wait_for()
    assert page.locator(".cypher-table").is_hidden() and query(page)["as"] == ["graph"]
    with page.expect_download() as info:
        page.locator(".view-cypher button[data-format=png]").click()
    assert open(info.value.path(), "rb").read()[:4] == b"\x89PNG"
    screenshot(page, "cypher-graph")

    page.locator('input[name="save-name"]').fill("各地部门")
    page.get_by_role("button", name="保存当前查询 Save this query").click()
    page.reload()
    editor.wait_for()
    assert page.locator(".history-list li").count() == 1
    saved = page.locator(".saved-list button.load-saved", has_text="各地部门")
    editor.fill("")
    saved.click()
    assert editor.input_value().startswith("MATCH (d:Department)-[:IN_REGION]")
    page.get_by_role("button", name="运行 Run").click()
    page.locator(".cypher-graph canvas").wait_for()
    page.get_by_role("button", name="表格 Table").click()
    assert page.locator(".cypher-table table.results").is_visible() and page.locator(".cypher-graph").is_hidden()
    assert "as" not in query(page)
    page.locator(".delete-saved").click()
    assert page.locator(".saved-list").count() == 0
    assert page.errors == []
