"""The researcher's views in headless Chromium: instrument mix, co-responsibility network and
the diffusion of a provision, walked as a user would, checked against the seed texts."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest

from .a11y import check, describe
from .seeds import fold, in_seed, seed_text

pytestmark = pytest.mark.browser


def _download(page, button) -> tuple[str, bytes]:
    with page.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def test_instrument_mix_for_two_cities(live_app, page, screenshot):
    page.goto(live_app.url + "/")
    page.get_by_role("link", name=re.compile("研究视图")).first.click()
    form = page.locator("form.research-form")
    form.get_by_label(re.compile("地区")).fill("荆州市,武汉市")
    form.get_by_role("button", name=re.compile("查看")).click()
    page.wait_for_url(re.compile("regions="))
    assert parse_qs(urlparse(page.url).query)["regions"] == ["荆州市,武汉市"]
    rows = page.locator("table.mix-table tbody tr")
    rows.first.wait_for()
    assert sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.region)")) == ["武汉市", "荆州市"]
    # both cities' policies reward technology transactions (按技术交易额…给予…奖励)
    for region in ("荆州市", "武汉市"):
        cell = page.locator(f'table.mix-table tr[data-region="{region}"] td[data-type="reward"]')
        assert int(cell.inner_text()) >= 1, region
        assert re.search(r"给予[^。]{0,40}奖励", seed_text(region)), region  # as the city's own text says
    assert page.locator("svg.mix-chart rect").count() >= 2
    screenshot(page, "research-mix")
    findings = check(page)
    assert not findings, describe(findings)

    name, data = _download(page, page.locator(".view-research button[data-format=csv]"))
    assert name.endswith(".csv")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["region"] for r in table} == {"荆州市", "武汉市"}
    name, data = _download(page, page.locator(".view-research button[data-format=png]"))
    assert name.endswith(".png") and data[:8] == b"\x89PNG\r\n\x1a\n"
    name, data = _download(page, page.locator(".view-research button[data-format=svg]"))
    assert name.endswith(".svg") and b"<svg" in data and "荆州市".encode() in data
    assert page.errors == []


def test_co_responsibility_ranks_jingzhou_departments(live_app, page, screenshot):
    page.goto(live_app.url + "/?view=research&tab=network&regions=荆州市")
    table = page.locator("table.network-table tbody tr")
    table.first.wait_for()
    names = page.locator("table.network-table tbody th").all_inner_texts()
    # 荆州's 责任单位 brackets name 市科技局 together with 市财政局 again and again
    assert "荆州市科学技术局" in names and "荆州市财政局" in names
    assert not any("武汉" in n for n in names)
    # the two are named in one 责任单位 bracket of 荆州's own text
    assert re.search(r"责任单位:[^)]*市科技局[^)]*市财政局|责任单位:[^)]*市财政局[^)]*市科技局", seed_text("荆州市"))
    page.locator(".research-network canvas").wait_for()
    screenshot(page, "research-network")
    findings = check(page)
    assert not findings, describe(findings)
    assert page.errors == []


def test_diffusion_from_a_clause_page(live_app, page, screenshot):
    hits = page.request.get(live_app.url + "/api/v1/search", params={"q": "技术交易", "limit": 50}).json()["items"]
    wuhan = next(h["clause"]["id"] for h in hits if h["clause"]["region"] == "武汉市" and h["clause"]["label"] == "(十四)")
    page.goto(live_app.url + f"/?view=clause&id={wuhan}")
    page.locator("a.to-diffusion").click()
    items = page.locator("ol.diffusion-list li")
    items.first.wait_for()
    dates = [re.match(r"\d{4}-\d{2}-\d{2}", t).group(0) for t in page.locator("ol.diffusion-list li strong").all_inner_texts()
             if re.match(r"\d{4}-\d{2}-\d{2}", t)]
    assert dates == sorted(dates) and len(dates) >= 2
    assert items.filter(has_text="荆州").count() >= 1  # 荆州's clause on technology transfer is its near copy
    assert page.locator(f'ol.diffusion-list li[data-clause="{wuhan}"][data-step="0"]').count() == 1
    # each provision's date and words are its own city's, as the bundled seed writes them
    for text in items.all_inner_texts():
        found = re.match(r"(\d{4})-(\d{2})-(\d{2}) · (\S+?) · ", text)
        if not found or found.group(4) not in ("荆州市", "武汉市", "湖北省", "周口市", "岳阳市"):
            continue
        y, m, d, region = found.groups()
        assert in_seed(region, f"{y}年{int(m)}月{int(d)}日"), text[:40]
        quote = fold(text.split("\n")[-1])
        assert in_seed(region, quote[:15]), (region, quote[:40])
    screenshot(page, "research-diffusion")
    findings = check(page)
    assert not findings, describe(findings)
    assert page.errors == []


def test_two_provisions_side_by_side(live_app, page, screenshot):
    hits = page.request.get(live_app.url + "/api/v1/search", params={"q": "技术交易", "limit": 50}).json()["items"]
    wuhan = next(h["clause"]["id"] for h in hits if h["clause"]["region"] == "武汉市" and h["clause"]["label"] == "(十四)")
    page.goto(live_app.url + f"/?view=research&tab=diffusion&clause={wuhan}")
    page.locator("ol.diffusion-list li", has_text="荆州").get_by_role("link", name=re.compile("对照")).click()
    page.wait_for_url(re.compile("view=pair"))
    sides = page.locator("article.pair-side blockquote.clause-text")
    sides.first.wait_for()
    left, right = sides.all_inner_texts()
    # 武汉 supports the buyers of 高校院所 results (支持在汉企业购买…); 荆州 names 技术转移机构 and 天网
    only_left = "".join(page.locator('article.pair-side[data-side="a"] mark.diff-only').all_inner_texts())
    only_right = "".join(page.locator('article.pair-side[data-side="b"] mark.diff-only').all_inner_texts())
    assert "在汉" in only_left and "在汉" in left and "在汉" not in right
    assert "天网" in only_right
    # both grant 8% of the transaction value, at most 100万元 per enterprise a year
    rewards = page.locator('table.pair-instruments tr[data-type="reward"] td')
    assert all("8%" in t and "100万元" in t for t in rewards.all_inner_texts())
    screenshot(page, "research-side-by-side")
    assert page.errors == []


def test_network_picture_keeps_the_strongest_150_departments(live_app, page):
    page.goto(live_app.url + "/?view=research&tab=network")
    page.locator("table.network-table tbody tr").first.wait_for()
    picture = page.evaluate("""async () => {
        const { pictureOf } = await import('/static/research.js');
        // 200 departments in a chain; department i shares i provisions
        const nodes = Array.from({ length: 200 }, (_, i) => ({ id: `d${i}`, strength: i }));
        const edges = nodes.slice(1).map((n, i) => ({ source: `d${i}`, target: n.id, shared: 1 }));
        const small = pictureOf({ nodes: nodes.slice(0, 20), edges: edges.slice(0, 19) });
        const big = pictureOf({ nodes, edges });
        return { small: [small.nodes.length, small.edges.length], ids: big.nodes.map((n) => n.id), edges: big.edges.length };
    }""")
    assert picture["small"] == [20, 19]  # a small network is drawn whole
    assert sorted(picture["ids"], key=lambda i: int(i[1:])) == [f"d{i}" for i in range(50, 200)]
    assert picture["edges"] == 149  # the links among the departments kept: d50–d51 … d198–d199


def test_network_table_first_then_the_picture_and_what_is_estimated(live_app, page):
    page.goto(live_app.url + "/?view=research&tab=network")
    page.locator("table.network-table tbody[data-complete=true]").wait_for()
    page.locator(".research-network canvas").wait_for()
    answer = page.request.get(live_app.url + "/api/v1/research/co-responsibility").json()
    assert page.locator("table.network-table tbody tr").count() == len(answer["nodes"])
    # the seeds' network is small: betweenness is exact, and the page does not call it estimated
    assert answer["betweenness"]["estimated"] is False
    assert page.locator(".betweenness-estimate").count() == 0
    assert "estimated" not in page.locator("table.network-table thead").inner_text()
    notes = page.evaluate("""async () => {
        const { betweennessNote } = await import('/static/research.js');
        return [betweennessNote({ estimated: true, sources: 300, departments: 1041 }),
                betweennessNote({ estimated: false, sources: 20, departments: 20 })];
    }""")
    assert "300" in notes[0] and "1041" in notes[0] and "estimated" in notes[0] and notes[1] == ""
    assert page.errors == []


def test_a_large_network_lists_every_department_and_says_betweenness_is_estimated(live_app, page):
    """1,000 departments, as the API would answer for a large corpus: the first rows come at
    once, the rest follow, and the hint and the column say betweenness is an estimate."""
    nodes = [{"id": f"dept:d{i}", "name": f"部门{i}", "function": "science_tech", "degree": 1, "strength": 1000 - i,
              "betweenness": 0.0, "community": 0} for i in range(1000)]
    big = {"nodes": nodes, "edges": [{"source": f"dept:d{i}", "target": f"dept:d{i + 1}", "shared": 1} for i in range(999)],
           "in_force_on": None, "regions": None, "communities": 1, "truncated": False,
           "betweenness": {"estimated": True, "sources": 300, "departments": 1000}}
    page.route("**/api/v1/research/co-responsibility*", lambda route: route.fulfill(json=big))
    page.goto(live_app.url + "/?view=research&tab=network")
    page.locator("table.network-table tbody[data-complete=true]").wait_for()
    assert page.locator("table.network-table tbody tr").count() == 1000
    assert page.locator("table.network-table tbody tr").last.locator("td").first.inner_text() == "1000"
    assert "estimated" in page.locator("table.network-table thead").inner_text()
    assert "300" in page.locator(".betweenness-estimate").inner_text()
    page.locator(".research-network canvas").wait_for()
    assert page.errors == []
