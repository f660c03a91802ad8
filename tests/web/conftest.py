"""Browser-test fixtures: the real app served by uvicorn on a free port, and headless Chromium.

The browser is Debian's chromium (``scripts/install_browser.sh`` installs it and the CJK
fonts), driven by Playwright through ``executable_path``; ``playwright install`` is never
needed. Screenshots go to ``test-artifacts/screenshots/`` (git-ignored), or to
``$POLICYKG_TEST_ARTIFACTS/screenshots/`` when that variable names another folder.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# kept after the run (CI keeps test-artifacts/; git ignores it): screenshots of the walks, of the
# accessibility check, of compare and the bureau page
ARTIFACTS = Path(os.environ.get("POLICYKG_TEST_ARTIFACTS") or REPO / "test-artifacts")
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = Path(os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# A policy whose title, clause text and unit names carry markup and scripts: the page must
# show these characters as text and never run them.
HOSTILE_POLICY = """襄阳市<script>window.__pwned=1</script>促进科技成果转化<b>若干措施</b>

各县(市、区)人民政府,市政府各部门:

一、<i>强化</i>科技成果转化激励

(一)对购买高校科技成果的企业<img src=x onerror="window.__pwned=2">,按技术交易额的8%给予每家企业每年最高100万元奖励。(责任单位:市科技局<script>window.__pwned=3</script>、市财政局)

(二)支持科研人员<a href="javascript:window.__pwned=4">转化成果</a>,给予最高50万元补贴。(责任单位:市人社局)

襄阳市人民政府
2024年3月1日
"""


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    """An ASGI app served by uvicorn in a background thread."""

    app: object
    port: int = 0

    def __post_init__(self) -> None:
        import uvicorn

        self.port = self.port or free_port()
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"policykg-web-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 180.0) -> LiveServer:
        """Start serving; waits for startup (the embedded store loads the corpus on first use)."""
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the policykg app stopped while starting; see the log above")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the policykg app did not start within {timeout:.0f} s")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory) -> Iterator[LiveServer]:
    """The real app on the embedded store, which loads the bundled corpus on first use."""
    from policykg.api.app import create_app
    from policykg.settings import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("web-embedded"), store="embedded")
    server = LiveServer(create_app(settings)).start()
    yield server
    server.stop()


@pytest.fixture
def hostile_app(tmp_path) -> Iterator[LiveServer]:
    """The real app on an embedded store holding one policy full of markup and scripts."""
    from policykg.api.app import create_app
    from policykg.loading import load_paths
    from policykg.settings import Settings
    from policykg.stores import open_store

    policy = tmp_path / "hostile_policy.txt"
    policy.write_text(HOSTILE_POLICY, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "var", store="embedded")
    opened = open_store(settings)
    report = load_paths(opened.store, [policy])
    assert report.created, f"the hostile policy was not loaded: {report}"
    opened.store.save()
    server = LiveServer(create_app(settings, opened=opened)).start()
    yield server
    server.stop()
    opened.close()


@pytest.fixture(scope="session")
def neo4j_app(neo4j_driver, neo4j_target, tmp_path_factory) -> Iterator[LiveServer]:
    """The real app on the Neo4j under test (see tests/conftest.py), seeds loaded."""
    from policykg.api.app import create_app
    from policykg.corpus import bundled_paths
    from policykg.graph.neo4j_store import Neo4jStore
    from policykg.loading import load_paths
    from policykg.settings import Settings
    from policykg.stores import OpenStore

    settings = Settings(data_dir=tmp_path_factory.mktemp("web-neo4j"), store="neo4j")
    store = Neo4jStore(neo4j_driver, database=neo4j_target.database)
    store.clear()
    store.ensure_schema()
    load_paths(store, bundled_paths())
    # the driver belongs to the session fixture: the app must not close it
    server = LiveServer(create_app(settings, opened=OpenStore("neo4j", store, neo4j_driver))).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's package) through Playwright."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: run scripts/install_browser.sh (installs chromium and CJK fonts)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page; page.errors collects uncaught script errors, which tests assert empty."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """screenshot(page, name): save a full-page PNG under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take
