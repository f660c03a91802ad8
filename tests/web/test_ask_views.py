"""The advisor's questions in headless Chromium, on a desktop and a phone screen: "what can a
高校 in 武汉 get?" in the beneficiary view, and "find 中试 in 周口" with the header's search box,
each answer checked against the text of the source clause it links to."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from policykg.graph.model import to_simplified

from .a11y import check, describe
from .seeds import fold, in_seed

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:%|万元|亿元|元|年)")


@pytest.fixture(params=list(SIZES))
def sized_page(request, browser):
    """A fresh page at 1440×900 or 390×844; .size names it, .errors collects script errors."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.size = request.param
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _download(page, button) -> bytes:
    with page.expect_download() as info:
        button.click()
    return open(info.value.path(), "rb").read()


def _clause_text(page, clause_id: str) -> str:
    """The text of a clause as the reader shows it, whitespace removed, in simplified characters
    (the reader shows a text as written, traditional or simplified; the views quote it simplified)."""
    article = page.locator(f'article.doc-clause[data-clause="{clause_id}"]')
    article.wait_for()
    return to_simplified(re.sub(r"\s+", "", article.inner_text()))


def _fits_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _unlabelled_fields(page) -> list[str]:
    """Every visible input, select and textarea without an accessible name."""
    return page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter((f) => f.type !== 'hidden' && f.getClientRects().length)
        .filter((f) => !(f.labels && [...f.labels].some((l) => l.textContent.trim()))
                       && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))
        .map((f) => f.outerHTML.slice(0, 120))""")


def test_what_can_a_university_in_wuhan_get(live_app, sized_page, screenshot):
    page = sized_page
    page.goto(live_app.url + "/")
    page.get_by_role("link", name=re.compile("能享受什么")).click()
    page.get_by_label(re.compile("受益对象")).select_option("university_institute")
    page.get_by_label(re.compile("地区 place")).select_option("武汉市")
    page.get_by_role("button", name=re.compile("查看")).click()
    page.wait_for_url(re.compile("beneficiary=university_institute"))
    assert _query(page)["region"] == ["武汉市"] and _query(page)["view"] == ["benefits"]
    items = page.locator("li.benefit")
    items.first.wait_for()
    regions = items.evaluate_all("ls => ls.map(l => l.dataset.region)")
    # Wuhan's own measures and Hubei's plan apply; another city's (荆州) never do
    assert "武汉市" in regions and "湖北省" in regions and set(regions) <= {"武汉市", "湖北省"}
    provisions = items.evaluate_all("ls => ls.map(l => l.dataset.provision)")
    assert len(provisions) == len(set(provisions)), "a provision is listed twice"
    # rights and income rules count: Wuhan's own policy lets the unit keep its transfer income and
    # transfer without approval, each shown once with the rule badge
    own_types = items.evaluate_all(
        "ls => ls.filter(l => l.dataset.region === '武汉市').flatMap(l => l.dataset.types.split(' '))")
    assert {"income_retention", "disposal_right"} <= set(own_types), own_types
    rule_badges = page.locator("li.benefit[data-region='武汉市'] .type-badge.rule").all_inner_texts()
    assert "收益留归单位" in rule_badges and "自主转化处置权" in rule_badges, rule_badges
    assert _unlabelled_fields(page) == []
    assert _fits_width(page), "the view is wider than the screen"
    screenshot(page, f"benefits-wuhan-university-{page.size}")
    findings = check(page)
    assert not findings, describe(findings)

    # every number and wording shown is written in the bundled seed of the region it is listed under
    for i in range(items.count()):
        item = items.nth(i)
        region = item.get_attribute("data-region")
        for n in [n for s in item.locator("span.num").all_inner_texts() for n in NUMBER.findall(s.replace(",", ""))]:
            assert in_seed(region, n), (region, n)
        for w in item.locator(".benefit-wording").all_inner_texts():
            assert in_seed(region, fold(w)[:12]), (region, w)

    # Wuhan (十四): 2% of the technology-transaction value, at most 1 million yuan a year, led by 市科技创新局
    reward = items.filter(has=page.locator("span.num[data-field=rate]")).filter(has_text="(十四)")
    assert reward.count() == 1
    shown = reward.locator("span.num").all_inner_texts()
    assert "技术交易额的2%" in shown and any("最高100万元" in s for s in shown)
    assert reward.locator(".bureau-lead").all_inner_texts() == ["市科技创新局"]
    assert reward.locator(".benefit-validity").inner_text().startswith("发布 issued 2024-01-28")

    # every number shown on the first listed provisions is in the clause it links to
    checked = 0
    for i in range(items.count()):
        item = items.nth(i)
        numbers = [n for s in item.locator("span.num").all_inner_texts() for n in NUMBER.findall(s.replace(",", ""))]
        wording = [re.sub(r"\s+", "", w) for w in item.locator(".benefit-wording").all_inner_texts()]
        if not numbers:
            continue
        clause_id = item.get_attribute("data-clause")
        item.get_by_role("link", name=re.compile("查看原文条款")).click()
        page.wait_for_url(re.compile("view=reader"))
        assert _query(page)["clause"] == [clause_id]
        text = _clause_text(page, clause_id)
        for n in numbers:
            assert n in text, (n, clause_id)
        for w in wording:
            assert w[:12] in text, (w, clause_id)
        checked += 1
        page.go_back()
        page.wait_for_url(re.compile("view=benefits"))
        items.first.wait_for()
    assert checked >= 2

    # a rights rule counts as an incentive: Hubei's plan grants 高校院所 autonomy over transfers
    rights = items.filter(has=page.locator('li.benefit-instrument[data-type="rights_grant"]'))
    assert rights.count() >= 1
    rule = rights.first
    assert "赋权" in rule.locator(".type-badge").first.inner_text()
    wording = re.sub(r"\s+", "", rule.locator(".benefit-wording").first.inner_text())
    clause_id = rule.get_attribute("data-clause")
    rule.get_by_role("link", name=re.compile("查看原文条款")).click()
    text = _clause_text(page, clause_id)
    assert "自主权" in text and wording.rstrip("。")[-8:] in text
    page.go_back()
    items.first.wait_for()

    table = list(csv.DictReader(io.StringIO(_download(page, page.locator(".view-benefits button[data-format=csv]")).decode("utf-8-sig"))))
    assert {r["provision_id"] for r in table} == set(provisions)
    row = next(r for r in table if r["clause_label"] == "(十四)" and r["rate"])
    assert (float(row["rate"]), float(row["cap_yuan"]), row["basis"], row["lead"]) == (0.02, 1e6, "技术交易额", "市科技创新局")
    data = json.loads(_download(page, page.locator(".view-benefits button[data-format=json]")))
    assert data["regions_applied"] == ["武汉市", "湖北省"]
    assert page.errors == []


def test_find_zhongshi_in_zhoukou(live_app, sized_page, screenshot):
    page = sized_page
    page.goto(live_app.url + "/?view=reader")
    box = page.get_by_role("combobox", name=re.compile("问 Ask"))
    # the box is reached with Tab from the top of the page, past the skip link and the menu
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ask-q":
            break
    assert page.evaluate("document.activeElement.id") == "ask-q"
    page.keyboard.type("中试")
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert "中试" in options.first.inner_text() and "搜索条款" in options.first.inner_text()
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    screenshot(page, f"ask-suggest-{page.size}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("view=ask"))
    assert _query(page)["q"] == ["中试"]
    hits = page.locator("li.ask-hit")
    hits.first.wait_for()
    assert len(set(hits.evaluate_all("hs => hs.map(h => h.dataset.region)"))) >= 2  # 中试 is in several cities' policies

    page.get_by_label(re.compile("地区 region")).select_option("周口市")
    page.get_by_role("button", name=re.compile("筛选")).click()
    page.wait_for_url(re.compile("region="))
    assert _query(page)["region"] == ["周口市"] and _query(page)["q"] == ["中试"]
    page.locator('li.ask-hit[data-region="周口市"]').first.wait_for()
    assert set(hits.evaluate_all("hs => hs.map(h => h.dataset.region)")) == {"周口市"}
    for i in range(hits.count()):
        hit = hits.nth(i)
        marks = hit.locator(".ask-snippet mark").all_inner_texts()
        assert marks and set(marks) == {"中试"}, marks
        assert "周口市" in hit.locator(".ask-policy").inner_text()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", hit.locator(".ask-date").inner_text())
    assert _unlabelled_fields(page) == []
    assert _fits_width(page), "the view is wider than the screen"
    screenshot(page, f"ask-zhoukou-{page.size}")
    findings = check(page)
    assert not findings, describe(findings)
    # each snippet is 周口's own text around 中试, as its bundled seed writes it
    for snippet in hits.locator(".ask-snippet").all_inner_texts():
        text = fold(snippet)
        at = text.index("中试")
        assert in_seed("周口市", text[max(0, at - 6):at + 8]), snippet

    table = list(csv.DictReader(io.StringIO(_download(page, page.locator(".view-ask button[data-format=csv]")).decode("utf-8-sig"))))
    assert len(table) == hits.count() and {r["region"] for r in table} == {"周口市"}
    assert all(set(r["matched"].split("; ")) == {"中试"} for r in table)

    # the result opens its clause in the policy, and the snippet is that clause's text
    first = hits.first
    clause_id = first.get_attribute("data-clause")
    snippet = re.sub(r"\s+", "", first.locator(".ask-snippet").inner_text())
    first.locator(".ask-hit-title a").click()
    page.wait_for_url(re.compile("view=reader"))
    assert _query(page)["clause"] == [clause_id]
    text = _clause_text(page, clause_id)
    assert "中试" in text
    body = snippet.split("。", 1)[1] if "。" in snippet[:20] else snippet  # the reader shows the heading apart
    assert body[:30] in text
    assert page.errors == []


def test_keyboard_picks_a_suggestion_and_escape_closes(live_app, page):
    page.goto(live_app.url + "/?view=graph")
    box = page.locator("#ask-q")
    box.focus()
    # Enter with no suggestion chosen searches the clause text
    page.keyboard.type("技术经纪人")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("view=ask"))
    assert _query(page)["q"] == ["技术经纪人"]
    page.locator("li.ask-hit").first.wait_for()
    assert box.input_value() == "技术经纪人"
    box.fill("")
    page.keyboard.type("武汉")
    listbox = page.locator("#ask-suggestions")
    listbox.locator("[role=option][data-kind=place]").wait_for()
    page.keyboard.press("Escape")
    assert listbox.is_hidden() and box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "武汉"
    page.keyboard.press("Escape")
    assert box.input_value() == ""

    # 高校 suggests the beneficiary type 高校院所: the arrows reach it, Enter opens what it can get
    page.keyboard.type("高校")
    listbox.locator("[role=option][data-kind=beneficiary]").wait_for()
    kinds = listbox.locator("[role=option]").evaluate_all("os => os.map(o => o.dataset.kind)")
    for _ in range(kinds.index("beneficiary") + 1):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#{box.get_attribute('aria-activedescendant')}").get_attribute("data-kind") == "beneficiary"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("view=benefits"))
    assert _query(page)["beneficiary"] == ["university_institute"]
    page.locator("li.benefit").first.wait_for()
    assert page.get_by_label(re.compile("受益对象")).input_value() == "university_institute"

    # a place opens its policies; the arrows wrap from the first option to the last
    box.fill("")
    box.focus()
    page.keyboard.type("周口")
    listbox.locator("[role=option][data-kind=place]").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator(f"#{box.get_attribute('aria-activedescendant')}").get_attribute("data-kind") == "place"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("view=reader"))
    assert _query(page)["region"] == ["周口市"]
    rows = page.locator("table.policies tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1 and "周口市" in rows.first.inner_text()
    assert page.errors == []


def test_search_and_suggestions_show_markup_as_text(hostile_app, page):
    page.goto(hostile_app.url + "/?view=ask&q=" + "奖励")
    hit = page.locator("li.ask-hit").first
    hit.wait_for()
    snippet = hit.locator(".ask-snippet")
    assert '<img src=x onerror="window.__pwned=2">' in snippet.inner_text()
    assert snippet.locator("mark").all_inner_texts() == ["奖励"]
    page.locator("#ask-q").fill("襄阳")
    page.locator("#ask-suggestions [data-kind=department]").first.wait_for()
    assert any("window.__pwned=3" in t for t in page.locator("#ask-suggestions [data-kind=department]").all_inner_texts())
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#app img, #app script, #ask-suggestions script").count() == 0
    assert page.errors == []


def _shown(page, url: str) -> list[tuple[str, str, list[str], list[str]]]:
    """What the beneficiary view lists at url: each provision's policy region, clause label,
    numbers and lead bureaus."""
    page.goto(url)
    page.locator("li.benefit").first.wait_for()
    return page.locator("li.benefit").evaluate_all("""ls => ls.map(l => [
        l.dataset.region,
        l.querySelector('.benefit-title a').textContent.trim().split(' ').pop(),
        [...l.querySelectorAll('span.num')].map(n => n.textContent),
        [...l.querySelectorAll('.bureau-lead')].map(b => b.textContent)])""")


@pytest.mark.neo4j
def test_both_stores_answer_the_beneficiary_and_search_views_alike(live_app, neo4j_app, page):
    path = "/?view=benefits&beneficiary=university_institute&region=武汉市"
    embedded = _shown(page, live_app.url + path)
    assert embedded and embedded == _shown(page, neo4j_app.url + path)
    hits = []
    for app in (live_app, neo4j_app):
        page.goto(app.url + "/?view=ask&q=中试&region=周口市")
        page.locator("li.ask-hit").first.wait_for()
        hits.append(page.locator("li.ask-hit").evaluate_all(
            "hs => hs.map(h => [h.dataset.region, h.querySelector('.ask-snippet').textContent])"))
    assert hits[0] and hits[0] == hits[1]
    assert page.errors == []
