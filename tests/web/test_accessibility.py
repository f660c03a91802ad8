"""Every view passes the accessibility check (tests/web/a11y.py) on a desktop and a phone screen:
text contrast (WCAG AA), names of controls, text alternatives of pictures, keyboard reach.

Screenshots of each view go to test-artifacts/a11y/ ($POLICYKG_TEST_ARTIFACTS/a11y/ when set)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from .a11y import Finding, check, describe
from .conftest import ARTIFACTS
from .test_page import JINGZHOU_STB

pytestmark = pytest.mark.browser

# Swagger UI's arrow buttons beside each operation are out of the Tab order on purpose: the
# operation's summary, a button that is in it, opens and closes the same panel.
EXCLUDE = {"docs": ".opblock-control-arrow"}
SCREENS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
JINGZHOU = "荆州市促进科技成果转化和科创供应链平台建设若干政策措施"


@pytest.fixture(scope="module")
def ids(live_app, browser) -> dict[str, str]:
    """Real ids of the bundled corpus: 荆州's policy, 武汉's clause (十四) on technology transactions and its near copy."""
    context = browser.new_context()
    try:
        request = context.request
        policies = request.get(live_app.url + "/api/v1/policies", params={"limit": 200}).json()["items"]
        policy = next(p["id"] for p in policies if p["title"] == JINGZHOU)
        hits = request.get(live_app.url + "/api/v1/search", params={"q": "技术交易", "limit": 50}).json()["items"]
        clause = next(h["clause"]["id"] for h in hits if h["clause"]["region"] == "武汉市" and h["clause"]["label"] == "(十四)")
        similar = request.get(live_app.url + "/api/v1/clauses/" + clause.replace("/", "%2F")).json()["similar"]
        assert similar, "武汉's clause (十四) has no similar clause: the bundled corpus changed"
        return {"policy": policy, "clause": clause, "similar": similar[0]["clause"]["id"]}
    finally:
        context.close()


def views(ids: dict[str, str]) -> dict[str, tuple[str, str]]:
    """view name → (address, selector of its content once loaded)."""
    def at(**state: str) -> str:
        return "/?" + urlencode(state)

    return {
        "home": ("/", ".start-points li button"),
        "graph": (at(view="graph", node=JINGZHOU_STB), "#network[data-state=ready]"),
        "graph-list": (at(view="graph", node=JINGZHOU_STB, **{"as": "list"}), "ul.node-list li"),
        "reader-list": (at(view="reader"), "table.policies tbody tr"),
        "reader": (at(view="reader", policy=ids["policy"]), ".view-document p.doc-text"),
        "clause": (at(view="clause", id=ids["clause"]), "blockquote.clause-text"),
        "compare": (at(view="compare", regions="荆州市,武汉市"), "table.matrix"),
        "research-mix": (at(view="research", tab="mix"), "table.mix-table tbody tr"),
        "research-network": (at(view="research", tab="network", regions="荆州市"), ".research-network canvas"),
        "research-diffusion": (at(view="research", tab="diffusion", clause=ids["clause"]), "ol.diffusion-list li"),
        "side-by-side": (at(view="pair", a=ids["clause"], b=ids["similar"]), ".pair-grid article.pair-side"),
        "console": (at(view="cypher"), ".view-cypher .explain, .view-cypher textarea.cypher-editor"),
        "docs": ("/docs", ".opblock"),
        "ask": (at(view="ask", q="中试", region="周口市"), "li.ask-hit"),
        "benefits": (at(view="benefits", beneficiary="university_institute", region="武汉市"), "li.benefit"),
        "benefits-in-force": (at(view="benefits", beneficiary="university_institute", region="武汉市",
                                 in_force_on="2024-01-01"), "li.benefit"),
        "bureau": (at(view="bureau", id=JINGZHOU_STB), ".bureau-main"),
    }


VIEW_NAMES = list(views({"policy": "", "clause": "", "similar": ""}))


@pytest.fixture(scope="module")
def artifacts() -> Path:
    path = ARTIFACTS / "a11y"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("name", VIEW_NAMES)
def test_view_is_accessible(live_app, browser, ids, artifacts, name, screen):
    address, ready = views(ids)[name]
    context = browser.new_context(viewport=SCREENS[screen], locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        page.goto(live_app.url + address)
        page.locator(ready).first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(artifacts / f"{name}-{screen}.png"), full_page=False)
        findings = check(page, exclude=EXCLUDE.get(name, ""))
    finally:
        context.close()
    assert not findings, f"{len(findings)} accessibility findings in {name} at {screen}:\n{describe(findings)}"
    assert errors == []


# The checker itself, on small pages whose problems are known.

def _findings(browser, html: str, keyboard: bool = True, exclude: str = "") -> list[Finding]:
    context = browser.new_context(viewport={"width": 800, "height": 600})
    page = context.new_page()
    try:
        page.set_content(html)
        return check(page, keyboard=keyboard, exclude=exclude)
    finally:
        context.close()


def test_checker_finds_low_contrast_and_passes_enough(browser):
    found = _findings(browser, """
        <p style="color:#777">grey 4.48:1</p>
        <p style="color:#767676">grey 4.54:1</p>
        <p style="color:#949494;font-size:24px">large grey 3.03:1</p>
        <p style="color:#959595;font-size:18px">small grey 2.99:1</p>
        <div style="background:#1b2733"><span style="color:#5b6b7b">dark on dark</span></div>
        <div style="background:rgba(0,0,0,0.7)"><span style="color:#fff">white on 70% black</span></div>
        <p style="color:#000;opacity:0.3">faded</p>
        <button disabled style="color:#bbb">disabled is exempt</button>""", keyboard=False)
    contrast = sorted(f.target for f in found if f.kind == "contrast")
    assert contrast == ['p "faded"', 'p "grey 4.48:1"', 'p "small grey 2.99:1"', 'span "dark on dark"'], describe(found)


def test_checker_finds_unnamed_controls_and_pictures(browser):
    found = _findings(browser, """
        <label>Region <input name="a"></label>
        <input name="b" aria-label="year">
        <span id="l">type</span><select aria-labelledby="l"><option>x</option></select>
        <input name="c" title="level">
        <input name="nameless" id="nameless">
        <textarea id="bare"></textarea>
        <button id="empty"></button>
        <button><svg width="10" height="10"></svg>Save</button>
        <img src="data:," width="10" height="10" id="noalt">
        <img src="data:," width="10" height="10" alt="">
        <svg id="chart" width="50" height="50"><rect width="50" height="50"/></svg>
        <svg width="50" height="50" role="img" aria-label="chart"><rect width="50" height="50"/></svg>
        <svg width="50" height="50" aria-hidden="true"></svg>
        <div role="img" aria-label="network"><canvas width="50" height="50"></canvas></div>
        <canvas id="bare-canvas" width="50" height="50"></canvas>""", keyboard=False)
    assert sorted((f.kind, f.target.split(" ")[0]) for f in found) == [
        ("alt", "canvas#bare-canvas"), ("alt", "img#noalt"), ("alt", "svg#chart"),
        ("name", "button#empty"), ("name", "input#nameless"), ("name", "textarea#bare")], describe(found)


def test_checker_finds_elements_out_of_the_tab_order(browser):
    found = _findings(browser, """
        <a href="#a">first</a>
        <button tabindex="-1" id="skipped">not reachable</button>
        <label><input type="radio" name="r" value="1" checked> one</label>
        <label><input type="radio" name="r" value="2"> two</label>
        <div role="button" id="fake">pseudo button without tabindex</div>
        <div role="button" tabindex="0">pseudo button with tabindex</div>
        <button hidden>hidden button</button>
        <details><summary>more</summary><a href="#c">inside a closed details</a></details>
        <div class="widget"><button tabindex="-1">excluded</button></div>
        <a href="#b">last</a>""", exclude=".widget")
    keyboard = sorted(f.target.split(" ")[0] + " " + f.detail for f in found if f.kind == "keyboard")
    assert keyboard == ["button#skipped tabindex=-1 takes it out of the Tab order",
                        "div#fake pressing Tab never focuses it"], describe(found)
