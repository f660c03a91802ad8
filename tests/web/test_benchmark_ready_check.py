"""The explorer benchmark's readiness check in real Chromium: a view counts as ready only when
its content is on screen, and is seen within a frame or two of getting there."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "explorer_benchmark.py"

PAGE = """<style>.later { display: none }</style>
<div id="net" class="later">graph</div>
<script>
  // the element exists from the start but is shown only after a while, as the graph page's is
  setTimeout(() => {
    document.getElementById("net").className = "";
    document.getElementById("net").dataset.state = "ready";
    window.shownAt = performance.now();
  }, %d);
</script>"""


def _benchmark():
    sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("explorer_benchmark_for_wait", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_hidden_element_is_not_ready_and_a_shown_one_is(page):
    eb = _benchmark()
    page.set_content(PAGE % 300)
    eb.wait_until_shown(page, "#net")
    assert page.evaluate("window.shownAt") is not None
    assert page.locator("#net").is_visible()


def test_readiness_is_seen_at_the_next_frames_not_at_a_backed_off_poll(page):
    eb = _benchmark()
    page.set_content(PAGE % 900)
    start = page.evaluate("performance.now()")
    eb.wait_until_shown(page, "#net[data-state=ready]")
    seen_after = page.evaluate("performance.now() - window.shownAt")
    assert page.evaluate("window.shownAt") - start > 800
    # by then a locator wait checks only every 500 ms; a check per animation frame sees it at once
    assert seen_after < 250
