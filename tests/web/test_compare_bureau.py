"""The advisor's question "who owns the technology-contract (技术合同) rewards in 荆州 and 武汉?"
walked in headless Chromium at desktop and phone sizes: the compare view with its region
picker, the lead bureau's cell checked against the source clause, co-responsible units
toggled in, a cell opened and paged in the page, then the bureau page reached from the cell.

Screenshots are kept as test artifacts: PNG files under ``$POLICYKG_SCREENSHOTS`` when set,
else under pytest's temporary directory (never in the repository).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

from .a11y import check, describe
from .conftest import SCREENSHOTS
from .seeds import in_seed
from .test_readable_page import LOW_CONTRAST

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
# What the two seed policies say (tests/data and policykg/corpus): both reward the buyers of
# research results with 8% of the technology transaction value, at most 100万元 a year, and
# name their science bureau as the lead unit; 荆州 adds 市财政局 among the co-responsible units.
LEADS = {"荆州市": ("市科技局", "dept:荆州市科学技术局"), "武汉市": ("市科技创新局", "dept:武汉市科技创新局")}

# Every control of the view has an accessible name: inputs and selects a label (or aria-label),
# buttons and links some text.
UNLABELLED = """(root) => [...document.querySelector(root).querySelectorAll('input, select, textarea, button, a[href], summary')]
  .filter((e) => e.offsetParent !== null || e.tagName === 'SUMMARY')
  .filter((e) => {
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName)) return !(e.labels && e.labels.length) && !e.getAttribute('aria-label');
    return !(e.getAttribute('aria-label') || e.textContent.trim());
  }).map((e) => e.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def shots_dir() -> Path:
    wanted = os.environ.get("POLICYKG_SCREENSHOTS")
    folder = Path(wanted) if wanted else SCREENSHOTS  # kept after the run, with the other walks' pictures
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(params=list(SIZES))
def sized(request, browser, shots_dir):
    """(page, size name, shot): a fresh page at the size, and shot(name) saving a PNG artifact."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.set_default_timeout(20_000)

    def shot(name: str) -> Path:
        path = shots_dir / f"{name}-{request.param}.png"
        page.screenshot(path=str(path), full_page=False)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        return path

    yield page, request.param, shot
    context.close()


def _download(page, button) -> tuple[str, bytes]:
    with page.expect_download() as info:
        button.click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def _clause(page, base: str, item) -> dict:
    """The clause an instrument item links to, from the API."""
    cid = parse_qs(urlparse(item.locator("a.to-clause").get_attribute("href")).query)["id"][0]
    return page.request.get(f"{base}/api/v1/clauses/{quote(cid, safe='')}").json()


def _no_horizontal_scroll(page, width: int) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def _eight_percent(cell):
    return cell.locator("li.cell-instrument", has=cell.page.locator(".num.rate", has_text=re.compile(r"^8%$")))


def test_who_owns_the_technology_contract_rewards_in_jingzhou_and_wuhan(live_app, sized):
    page, size, shot = sized
    base = live_app.url
    width = SIZES[size][0]
    page.goto(base + "/")
    page.locator('#nav a[data-view="compare"]').click()
    view = page.locator(".view-compare")
    view.wait_for()

    # the picker: a search box; typing a name and Enter adds the first match, by keyboard
    search = view.get_by_label(re.compile("搜索地区"))
    for name in ("荆州", "武汉"):
        search.fill(name)
        view.locator(f'.region-results button.region-option[data-region="{name}市"]').wait_for()
        search.press("Enter")
    chips = view.locator("button.region-chip")
    assert chips.evaluate_all("cs => cs.map(c => c.dataset.region)") == ["荆州市", "武汉市"]
    # without a search the regions are closed province groups, not a wall of checkboxes
    groups = view.locator(".region-results details.region-group")
    assert groups.count() >= 3 and view.locator(".region-results input[type=checkbox]").count() == 0
    assert "湖北省" in groups.evaluate_all("gs => gs.map(g => g.dataset.province)")
    view.get_by_label("行 Rows").select_option("function")
    assert not view.get_by_label(re.compile("包括配合单位")).is_checked()
    assert page.evaluate(UNLABELLED, ".view-compare") == []
    view.get_by_role("button", name=re.compile("对比 Compare")).click()
    page.wait_for_url(re.compile("regions="))
    query = parse_qs(urlparse(page.url).query)
    assert query["regions"] == ["荆州市,武汉市"] and query["rows"] == ["function"] and "include_co" not in query

    matrix = page.locator("table.matrix")
    matrix.wait_for()
    assert matrix.locator("thead th[data-region]").evaluate_all("hs => hs.map(h => h.dataset.region)") == ["荆州市", "武汉市"]
    # the fullest row first: the science bureaus lead most of both cities' provisions
    assert matrix.locator("tbody tr").first.get_attribute("data-row") == "science_tech"
    row = matrix.locator('tr[data-row="science_tech"]')
    for region, (lead, _) in LEADS.items():
        item = _eight_percent(row.locator(f'td[data-region="{region}"]')).first
        shown_lead = item.locator("a.lead-unit").inner_text()
        assert shown_lead == lead, region
        assert item.locator(".basis").inner_text() == "技术交易额的"
        cap = item.locator(".num.cap").inner_text()
        assert cap == "每家每年最高100万元"
        wording = item.locator("q.wording").inner_text()
        # the source clause holds the number, the cap, the wording and the lead unit shown
        clause = _clause(page, base, item)
        text = clause["clause"]["text"]
        assert "技术交易额的8%" in text and "最高100万元" in text and wording in text and lead in text
        assert [r["name"] for r in clause["responsible"] if r["lead"]] == [lead]
        assert clause["policy"]["region"] == region
        # and so does the bundled seed of that city
        assert in_seed(region, "技术交易额的8%") and in_seed(region, wording) and in_seed(region, lead)
    # ownership is the lead unit's: 荆州's (七), led by 市科技局, is not under 财政
    finance = matrix.locator('tr[data-row="finance"] td[data-region="荆州市"]')
    assert _eight_percent(finance).count() == 0
    shot("compare-lead")
    findings = check(page)
    assert not findings, describe(findings)

    name, data = _download(page, page.locator(".view-compare button[data-format=csv]"))
    assert name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    eight = {(r["column_region"], r["lead_units"], r["basis"]) for r in rows if r["row_code"] == "science_tech" and r["rate"] == "0.08"}
    assert eight == {("荆州市", "市科技局", "技术交易额"), ("武汉市", "市科技创新局", "技术交易额")}
    name, data = _download(page, page.locator(".view-compare button[data-format=json]"))
    assert json.loads(data)["columns"] == ["荆州市", "武汉市"]

    # include the co-responsible units: 荆州's (七) now also counts under 财政, marked 配合
    co_box = page.get_by_label(re.compile("包括配合单位"))
    co_box.focus()
    page.keyboard.press("Space")
    assert co_box.is_checked()
    page.get_by_role("button", name=re.compile("对比 Compare")).click()
    page.wait_for_url(re.compile("include_co=1"))
    finance = page.locator('table.matrix tr[data-row="finance"] td[data-region="荆州市"]')
    finance.wait_for()
    via_co = _eight_percent(finance).first
    assert "via-co" in via_co.get_attribute("class") and via_co.locator(".inst-head .role-tag.role-co").count() == 1
    assert "市财政局" in via_co.locator(".owner-co a.co-unit").all_inner_texts()
    assert via_co.locator("a.lead-unit").inner_text() == "市科技局"  # still owned by its lead
    assert "市财政局" in _clause(page, base, via_co)["clause"]["text"]
    shot("compare-co")

    # "more": 武汉's science row holds more than a cell lists; the rest opens in the page, paged
    cell = page.locator('table.matrix tr[data-row="science_tech"] td[data-region="武汉市"]')
    listed = cell.locator("li.cell-instrument").count()
    api_total = page.request.get(base + "/api/v1/compare/cell", params={
        "rows": "function", "code": "science_tech", "region": "武汉市", "include_co": "true", "limit": 1}).json()["total"]
    assert api_total > 20 and listed == 5  # a cell lists 5 (numbers first) unless asked for more
    cell.locator("button.cell-more").click()
    panel = page.locator("section.cell-panel")
    panel.locator("li.cell-instrument").first.wait_for()
    assert panel.locator(".cell-range").inner_text().strip() == f"1–20 / {api_total}"
    assert parse_qs(urlparse(page.url).query)["cell_region"] == ["武汉市"]
    panel.locator("button.cell-next").click()
    page.wait_for_function(f"() => document.querySelector('section.cell-panel .cell-range')?.textContent.trim() === '21–{api_total} / {api_total}'")
    assert panel.locator("li.cell-instrument").count() == api_total - 20
    assert parse_qs(urlparse(page.url).query)["cell_offset"] == ["20"]
    shot("compare-cell-page-2")
    page.reload()  # the open cell and its page are in the address
    page.wait_for_function(f"() => document.querySelector('section.cell-panel .cell-range')?.textContent.trim() === '21–{api_total} / {api_total}'")
    assert page.get_by_label(re.compile("包括配合单位")).is_checked()
    panel.locator("button.cell-prev").click()
    page.wait_for_function("() => document.querySelector('section.cell-panel .cell-range')?.textContent.trim().startsWith('1–20')")
    _no_horizontal_scroll(page, width)
    assert page.evaluate(LOW_CONTRAST) == []

    # the lead bureau's page, from the cell
    item = _eight_percent(page.locator('table.matrix tr[data-row="science_tech"] td[data-region="荆州市"]')).first
    item.locator("a.lead-unit").click()
    page.wait_for_url(re.compile("view=bureau"))
    assert parse_qs(urlparse(page.url).query)["id"] == [LEADS["荆州市"][1]]
    bureau = page.locator(".view-bureau")
    bureau.locator("h2.bureau-name").wait_for()
    assert bureau.locator("h2.bureau-name").inner_text() == "荆州市科学技术局"
    detail = page.request.get(base + "/api/v1/departments/" + quote(LEADS["荆州市"][1], safe="")).json()
    leads = bureau.locator('section.bureau-role[data-role="lead"]')
    assert leads.locator("section.bureau-type").evaluate_all("ss => ss.map(s => s.dataset.type)")[0] == "reward"
    rewards = leads.locator('section.bureau-type[data-type="reward"]')
    assert rewards.locator("h4 .count").inner_text() == str(detail["lead_counts"]["reward"])
    assert _eight_percent(rewards).count() == 1
    co = bureau.locator('section.bureau-role[data-role="co"]')
    assert co.locator("li.cell-instrument").count() == sum(detail["co_counts"].values()) > 0
    # policies and clauses link to the reader
    reader_links = bureau.locator("section.bureau-clauses a.clause-ref")
    assert reader_links.count() == detail["clause_total"]
    assert all("view=reader" in h and "clause=" in h for h in reader_links.evaluate_all("as => as.map(a => a.href)"))
    # counterparts (same function elsewhere) and partners (who shares its provisions) link to their pages
    counterparts = bureau.locator("table.counterparts tbody tr")
    assert "dept:武汉市科技创新局" in counterparts.evaluate_all("rs => rs.map(r => r.dataset.department)")
    partners = bureau.locator("table.partners tbody tr")
    assert "dept:荆州市财政局" in partners.evaluate_all("rs => rs.map(r => r.dataset.department)")
    assert all("view=bureau" in h for h in bureau.locator("table.related a.to-bureau").evaluate_all("as => as.map(a => a.href)"))
    assert page.evaluate(UNLABELLED, ".view-bureau") == []
    assert page.evaluate(LOW_CONTRAST) == []
    _no_horizontal_scroll(page, width)
    shot("bureau-jingzhou")
    findings = check(page)
    assert not findings, describe(findings)
    name, data = _download(page, page.locator(".view-bureau button[data-format=csv]"))
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["role"] for r in table} >= {"lead", "co", "counterpart", "partner"}
    assert any(r["role"] == "lead" and r["rate"] == "0.08" and r["lead_units"] == "市科技局" for r in table)

    # a counterpart's own page, and back
    bureau.locator('table.counterparts tr[data-department="dept:武汉市科技创新局"] a.to-bureau').click()
    page.wait_for_function("() => document.querySelector('h2.bureau-name')?.textContent === '武汉市科技创新局'")
    assert _eight_percent(page.locator('section.bureau-role[data-role="lead"]')).count() == 1
    page.go_back()
    page.wait_for_function("() => document.querySelector('h2.bureau-name')?.textContent === '荆州市科学技术局'")
    assert page.errors == []


def test_bureau_more_pages_through_a_type_in_the_page(live_app, page):
    did = LEADS["荆州市"][1]
    detail = page.request.get(live_app.url + "/api/v1/departments/" + quote(did, safe="")).json()
    total = detail["lead_counts"]["reward"]
    page.goto(live_app.url + f"/?view=bureau&id={quote(did)}&per_type=2")
    rewards = page.locator('section.bureau-role[data-role="lead"] section.bureau-type[data-type="reward"]')
    rewards.locator("li.cell-instrument").first.wait_for()
    assert rewards.locator("li.cell-instrument").count() == 2
    more = rewards.locator("button.type-more")
    assert more.inner_text() == f"更多 More ({total - 2})"
    more.click()
    page.wait_for_function(f"() => document.querySelectorAll('section.bureau-role[data-role=lead] section.bureau-type[data-type=reward] li.cell-instrument').length === {total}")
    ids = rewards.locator("li.cell-instrument").evaluate_all("ls => ls.map(l => l.dataset.instrument)")
    every = page.request.get(live_app.url + "/api/v1/instruments", params={"department": did, "role": "lead", "type": "reward", "limit": 100}).json()
    assert sorted(ids) == sorted(i["id"] for i in every["items"])  # each once, none lost
    assert more.is_hidden()
    assert page.errors == []


def test_bureau_more_is_kept_in_the_address(live_app, page):
    did = LEADS["荆州市"][1]
    page.goto(live_app.url + f"/?view=bureau&id={quote(did)}&per_type=1")
    section = 'section.bureau-role[data-role="lead"] section.bureau-type[data-type="reward"]'
    rewards = page.locator(section)
    rewards.locator("li.cell-instrument").first.wait_for()
    total = int(rewards.locator("h4 .count").inner_text())
    assert total > 2 and rewards.locator("li.cell-instrument").count() == 1
    rewards.locator("button.type-more").click()
    page.wait_for_url(re.compile(r"more=lead\.reward\.1"))
    shown = rewards.locator("li.cell-instrument").evaluate_all("ls => ls.map(l => l.dataset.instrument)")
    assert len(shown) == min(total, 21)
    # a reload, or the address opened elsewhere, shows the same list
    page.reload()
    page.locator('.view-bureau[data-ready="1"]').wait_for()
    assert rewards.locator("li.cell-instrument").evaluate_all("ls => ls.map(l => l.dataset.instrument)") == shown
    other = page.context.new_page()
    other.goto(page.url)
    other.locator('.view-bureau[data-ready="1"]').wait_for()
    assert other.locator(section + " li.cell-instrument").evaluate_all("ls => ls.map(l => l.dataset.instrument)") == shown
    other.close()
    assert page.errors == []


def test_department_list_and_graph_details_reach_the_bureau_page(live_app, page):
    page.goto(live_app.url + "/?view=bureau")
    page.get_by_label("名称 Name").fill("科技")
    page.get_by_label("地区 Region").select_option("荆州市")
    page.get_by_role("button", name=re.compile("查找")).click()
    page.wait_for_url(re.compile("region="))
    rows = page.locator("table.department-list tbody tr")
    rows.first.wait_for()
    assert "dept:荆州市科学技术局" in rows.evaluate_all("rs => rs.map(r => r.dataset.department)")
    page.locator('table.department-list tr[data-department="dept:荆州市科学技术局"] a.to-bureau').click()
    page.locator("h2.bureau-name", has_text="荆州市科学技术局").wait_for()
    # from a department node's details in the graph
    page.goto(live_app.url + "/?view=graph&node=" + quote("dept:荆州市财政局"))
    link = page.locator("#details").get_by_role("link", name=re.compile("部门页"))
    link.click()
    page.locator("h2.bureau-name", has_text="荆州市财政局").wait_for()
    assert page.errors == []


def test_region_picker_stays_usable_with_many_regions(live_app, page):
    """The picker over a long list: a search narrows it, matches grouped by province and capped."""
    page.route("**/api/v1/regions", lambda route: route.fulfill(json={
        "items": [{"name": f"{p}第{i}市", "province": p, "policies": 1} for p in ("甲省", "乙省", "丙省") for i in range(80)],
        "total": 240}))
    page.goto(live_app.url + "/?view=compare&regions=荆州市")
    picker = page.locator(".region-picker")
    picker.locator("details.region-group").first.wait_for()
    # three provinces, and the chosen region the list does not hold, kept under 其他
    assert picker.locator("details.region-group").evaluate_all("gs => gs.map(g => g.dataset.province)") == [
        "甲省", "乙省", "丙省", "其他 other"]
    assert picker.locator("button.region-option:visible").count() == 0  # all closed: no wall
    picker.get_by_label(re.compile("搜索地区")).fill("乙省第1")
    status = picker.locator(".region-results p[role=status]")
    assert status.inner_text().startswith("11 ")  # 第1, 第10 … 第19
    assert picker.locator("button.region-option:visible").count() == 11
    picker.get_by_label(re.compile("搜索地区")).fill("第")
    assert picker.locator("button.region-option:visible").count() == 40  # capped; the rest counted
    assert "200" in picker.locator(".region-results").inner_text()
    assert page.errors == []


@pytest.mark.neo4j
def test_compare_and_bureau_page_on_neo4j(neo4j_app, page):
    """The same walk's answers on Neo4j: the picker's regions, the lead cells, the bureau page."""
    page.goto(neo4j_app.url + "/?view=compare")
    search = page.get_by_label(re.compile("搜索地区"))
    for name in ("荆州", "武汉"):
        search.fill(name)
        page.locator(f'button.region-option[data-region="{name}市"]').wait_for()
        search.press("Enter")
    page.get_by_role("button", name=re.compile("对比 Compare")).click()
    row = page.locator('table.matrix tr[data-row="science_tech"]')
    row.wait_for()
    for region, (lead, _) in LEADS.items():
        item = _eight_percent(row.locator(f'td[data-region="{region}"]')).first
        assert item.locator("a.lead-unit").inner_text() == lead
    _eight_percent(row.locator('td[data-region="武汉市"]')).first.locator("a.lead-unit").click()
    page.locator("h2.bureau-name", has_text="武汉市科技创新局").wait_for()
    assert "dept:荆州市科学技术局" in page.locator("table.counterparts tbody tr").evaluate_all(
        "rs => rs.map(r => r.dataset.department)")
    assert page.errors == []


def test_rows_chosen_and_paged(live_app, page):
    """Rows are chosen in the form and paged by the server, both kept in the address."""
    base = live_app.url
    full = page.request.get(base + "/api/v1/compare", params={
        "regions": "荆州市,武汉市", "include_co": "true", "row_order": "count", "row_limit": 100}).json()
    codes = [r["code"] for r in full["rows"]]
    assert len(codes) > 12  # co units bring in 开发区, 地方政府 … rows
    page.goto(base + "/?view=compare&regions=荆州市,武汉市&include_co=1")
    page.locator("table.matrix").wait_for()
    assert page.locator("table.matrix tbody tr").evaluate_all("rs => rs.map(r => r.dataset.row)") == codes[:12]
    page.locator("nav.row-pager").first.get_by_role("button", name=re.compile("Next rows")).click()
    page.wait_for_url(re.compile("row_offset=12"))
    page.wait_for_function(f"() => document.querySelector('table.matrix tbody tr')?.dataset.row === '{codes[12]}'")
    assert page.locator("table.matrix tbody tr").evaluate_all("rs => rs.map(r => r.dataset.row)") == codes[12:24]

    # only 科技 and 财政, chosen in the row chooser
    page.locator("details.row-chooser summary").click()
    for name in ("科技", "财政"):
        page.locator("details.row-chooser").get_by_label(name, exact=True).check()
    page.get_by_role("button", name=re.compile("对比 Compare")).click()
    page.wait_for_url(re.compile("codes="))
    assert set(parse_qs(urlparse(page.url).query)["codes"][0].split(",")) == {"science_tech", "finance"}
    page.wait_for_function("() => document.querySelectorAll('table.matrix tbody tr').length === 2")
    assert page.locator("table.matrix tbody tr").evaluate_all("rs => rs.map(r => r.dataset.row)") == [
        c for c in codes if c in ("science_tech", "finance")]
    assert page.locator("nav.row-pager").count() == 0
    assert page.errors == []


def test_a_late_matrix_answer_leaves_the_next_view_alone(live_app, page):
    """Leaving compare before its matrix answers: the late answer must not touch the new view."""
    held = []
    page.route(re.compile(r"/api/v1/compare\?"), lambda route: held.append(route))
    page.goto(live_app.url + "/?view=compare")
    page.wait_for_function("() => document.querySelector('.view-compare')")
    page.wait_for_timeout(300)
    assert held, "the matrix was not asked for"
    page.locator('#nav a[data-view="bureau"]').click()
    page.locator("table.department-list").wait_for()
    for route in held:
        route.continue_()
    page.wait_for_load_state("networkidle")
    assert page.locator(".view-compare").count() == 0 and page.locator("table.department-list").count() == 1
    assert "view=bureau" in page.url
    assert page.errors == []


def test_bureau_more_clauses_and_the_date_come_from_the_store(live_app, page):
    did = LEADS["荆州市"][1]
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/v1/departments/" in r.url else None)
    page.goto(live_app.url + f"/?view=bureau&id={quote(did)}&clause_limit=5")
    page.locator('.view-bureau[data-ready="1"]').wait_for()
    clauses = page.locator("section.bureau-clauses")
    total = int(clauses.locator("h3 .count").inner_text())
    assert total > 5 and clauses.locator("a.clause-ref").count() == 5
    clauses.locator("button.clause-more").click()
    page.wait_for_function(f"() => document.querySelectorAll('section.bureau-clauses a.clause-ref').length === {total}")
    assert clauses.locator("button.clause-more").is_hidden()
    assert any("/clauses?" in u and "offset=5" in u for u in asked)
    # the header's date reaches the department answer: 荆州's measures took effect on 2025-06-06
    page.goto(live_app.url + f"/?view=bureau&id={quote(did)}&in_force_on=2025-06-05")
    page.locator('.view-bureau[data-ready="1"]').wait_for()
    assert page.locator("section.bureau-clauses h3 .count").inner_text() == "0"
    assert page.locator('section.bureau-role[data-role="lead"] h3 .count').inner_text() == "0"
    assert any("in_force_on=2025-06-05" in u for u in asked)
    assert page.errors == []
