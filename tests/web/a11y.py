"""An accessibility check for a page open in Playwright: contrast, names, text alternatives, keyboard.

    from tests.web.a11y import check, describe
    findings = check(page)
    assert not findings, describe(findings)

``check(page)`` looks at what is on the page now and returns a list of ``Finding``s:

* ``contrast``: visible text whose WCAG 2 contrast ratio against its effective background (the
  background colours of its ancestors composed over white, opacity included) is below 4.5:1,
  or 3:1 for large text (24 px, or 18.66 px bold). Text over a background image or gradient is
  not judged; disabled controls are exempt, as WCAG allows.
* ``name``: a form control, button or link without an accessible name (label, aria-label,
  aria-labelledby, title, or its own text / value / image alt).
* ``alt``: an image without an ``alt`` attribute, or an SVG or canvas that is neither hidden
  from assistive technology nor named (aria-label, aria-labelledby, <title>, or a named
  ``role="img"`` container).
* ``keyboard``: an interactive element taken out of the Tab order (negative tabindex), or one
  that pressing Tab from the top of the page never focuses.

It changes nothing on the page except focus (the Tab walk) and a ``data-a11y`` attribute on
interactive elements, used to recognise them while tabbing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Pressing Tab more often than this is not tried: a view with more stops than that is a finding
# of its own (the elements after the cap are reported as unreached).
MAX_TABS = 600


@dataclass(frozen=True)
class Finding:
    """One accessibility problem: its kind, the element (tag#id.class "text") and what is wrong."""

    kind: str
    target: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.target}: {self.detail}"


def describe(findings: list[Finding]) -> str:
    """The findings, one a line, for an assertion message."""
    return "\n".join(str(f) for f in findings)


# Everything but the Tab walk runs in the page, in one evaluate().
_SCAN = r"""
(exclude) => {
  const out = [];
  const INTERACTIVE = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [contenteditable=""], '
    + '[contenteditable=true], [role=button], [role=link], [role=tab], [role=checkbox], [role=switch], [role=menuitem], '
    + '[role=option], [role=radio], [role=slider], [role=textbox], [role=combobox]';
  const CONTROLS = 'input:not([type=hidden]), select, textarea, button, [role=button], [role=checkbox], [role=switch], '
    + '[role=combobox], [role=textbox], [role=slider], a[href]';

  const describe = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    const cls = (typeof e.className === 'string' ? e.className : e.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean);
    if (cls.length) s += '.' + cls.slice(0, 3).join('.');
    const text = (e.textContent || e.value || e.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  const visible = (e) => {
    if (!e.isConnected || e.closest('[hidden], [inert]')) return false;
    if (exclude && e.closest(exclude)) return false;
    // the content of a closed <details> (all but its summary) is not rendered
    for (let d = e.closest('details:not([open])'); d; d = d.parentElement && d.parentElement.closest('details:not([open])')) {
      const summary = d.querySelector(':scope > summary');
      if (!summary || !summary.contains(e)) return false;
    }
    if (e.checkVisibility && !e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) return false;
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse') return false;
    const r = e.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) return false;  // screen-reader-only text, collapsed boxes
    for (let a = e; a; a = a.parentElement) if (getComputedStyle(a).opacity === '0') return false;
    return e.getClientRects().length > 0;
  };
  const hiddenFromAT = (e) => !!e.closest('[aria-hidden=true]');

  // --- colour ------------------------------------------------------------------------------
  const parse = (c) => {
    const m = c && c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (k) => (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a;
    return { r: mix('r'), g: mix('g'), b: mix('b'), a };
  };
  const lum = (c) => {
    const ch = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  // The background behind e: ancestors' background colours composed over white; null when an
  // ancestor paints an image or gradient (its colours are unknown).
  const background = (e) => {
    const layers = [];
    for (let a = e; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.backgroundImage && s.backgroundImage !== 'none') return null;
      const c = parse(s.backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const opacity = (e) => { let o = 1; for (let a = e; a; a = a.parentElement) o *= Number(getComputedStyle(a).opacity); return o; };

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const judged = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!e || judged.has(e) || !t.textContent.trim()) continue;
    judged.add(e);
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE', 'OPTION'].includes(e.tagName) || !visible(e)) continue;
    if (e.closest(':disabled, [aria-disabled=true]')) continue;
    const s = getComputedStyle(e);
    const isSvg = e instanceof SVGElement;
    let fg = parse(isSvg && s.fill && s.fill !== 'none' ? s.fill : s.color);
    const bg = background(e);
    if (!fg || !bg) continue;
    fg = { ...fg, a: fg.a * opacity(e) };
    const shown = over(fg, bg);
    const r = ratio(shown, bg);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    if (r < need - 0.005) {
      const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
      out.push({ kind: 'contrast', target: describe(e),
        detail: `${r.toFixed(2)}:1 (${hex(shown)} on ${hex(bg)}, ${size}px${large ? ' large' : ''}); needs ${need}:1` });
    }
  }

  // --- names ---------------------------------------------------------------------------------
  const byIds = (ids) => (ids || '').split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean)
    .map((n) => n.textContent).join(' ').trim();
  const ownText = (e) => {
    const alts = [...e.querySelectorAll('img[alt], [aria-label]')].map((n) => n.getAttribute('alt') || n.getAttribute('aria-label'));
    return ((e.textContent || '') + alts.join(' ')).trim();
  };
  const nameOf = (e) => {
    const aria = (e.getAttribute('aria-label') || '').trim() || byIds(e.getAttribute('aria-labelledby'));
    if (aria) return aria;
    if (e.labels && [...e.labels].some((l) => l.textContent.trim())) return 'label';
    const type = (e.getAttribute('type') || '').toLowerCase();
    if (e.tagName === 'INPUT' && ['submit', 'reset', 'button'].includes(type)) return e.value || type;
    if (e.tagName === 'INPUT' && type === 'image') return e.getAttribute('alt') || '';
    if (['BUTTON', 'A'].includes(e.tagName) || e.getAttribute('role')) { const t = ownText(e); if (t) return t; }
    return (e.getAttribute('title') || '').trim();
  };
  for (const e of document.querySelectorAll(CONTROLS)) {
    if (!visible(e) || hiddenFromAT(e)) continue;
    if (!nameOf(e)) out.push({ kind: 'name', target: describe(e), detail: 'no accessible name (label, aria-label, aria-labelledby or title)' });
  }

  // --- text alternatives -----------------------------------------------------------------------
  for (const e of document.querySelectorAll('img')) {
    if (visible(e) && !hiddenFromAT(e) && !e.hasAttribute('alt')) out.push({ kind: 'alt', target: describe(e), detail: 'image without alt' });
  }
  const namedImg = (e) => {
    const box = e.closest('[role=img]');
    return !!box && !!((box.getAttribute('aria-label') || '').trim() || byIds(box.getAttribute('aria-labelledby')));
  };
  for (const e of document.querySelectorAll('svg, canvas')) {
    if (!visible(e) || hiddenFromAT(e)) continue;
    if (e.tagName.toLowerCase() === 'svg' && e.parentElement && e.parentElement.closest('svg')) continue;  // nested svg
    const role = e.getAttribute('role');
    if (role === 'presentation' || role === 'none') continue;
    const title = e.tagName.toLowerCase() === 'svg' && [...e.children].some((c) => c.tagName.toLowerCase() === 'title' && c.textContent.trim());
    const inNamedControl = e.closest('button, a[href]') && nameOf(e.closest('button, a[href]'));
    if (!(nameOf(e) || title || namedImg(e) || inNamedControl)) {
      out.push({ kind: 'alt', target: describe(e), detail: `${e.tagName.toLowerCase()} without a text alternative (aria-label, <title> or a named role="img" container)` });
    }
  }

  // --- keyboard: mark the interactive elements for the Tab walk ---------------------------------
  const stops = [];
  let n = 0;
  for (const e of document.querySelectorAll(INTERACTIVE)) {
    if (!visible(e) || e.matches(':disabled') || e.closest('fieldset:disabled')) continue;
    const id = String(n++);
    e.setAttribute('data-a11y', id);
    const tabindex = e.getAttribute('tabindex');
    if (tabindex !== null && Number(tabindex) < 0) {
      out.push({ kind: 'keyboard', target: describe(e), detail: `tabindex=${tabindex} takes it out of the Tab order` });
      continue;
    }
    // one radio of a group is a Tab stop; the arrow keys move within the group
    const group = e.type === 'radio' && e.name ? `radio:${e.form ? 'f' : ''}:${e.name}` : null;
    stops.push({ id, target: describe(e), group });
  }
  return { findings: out, stops };
}
"""

_ACTIVE = r"""
() => {
  let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  return e && e !== document.body ? (e.getAttribute('data-a11y') ?? ('other:' + e.tagName)) : null;
}
"""


def _tab_walk(page: Any, stops: list[dict[str, Any]]) -> list[Finding]:
    """Press Tab from the top of the page until focus comes round again; report the stops never reached."""
    if not stops:
        return []
    page.evaluate("() => { document.activeElement && document.activeElement.blur && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    # start before the first element of the page, as a user arriving at it does
    page.evaluate("() => { const b = document.body; b.setAttribute('tabindex', '-1'); b.focus(); b.removeAttribute('tabindex'); }")
    reached: set[str] = set()
    first: str | None = None
    for _ in range(min(MAX_TABS, 3 * len(stops) + 20)):
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE)
        if active is None:
            continue  # focus left the document (to the browser's own UI) and comes back next press
        if active == first:
            break
        first = first or active
        reached.add(active)
        if all(s["id"] in reached for s in stops):
            break
    groups = {s["group"] for s in stops if s["group"] and s["id"] in reached}
    return [Finding("keyboard", s["target"], "pressing Tab never focuses it")
            for s in stops if s["id"] not in reached and not (s["group"] and s["group"] in groups)]


def check(page: Any, keyboard: bool = True, exclude: str = "") -> list[Finding]:
    """Accessibility findings for what ``page`` shows now (see the module's docstring).

    ``exclude``: a CSS selector of elements (and their content) not to judge, for a widget whose
    problem is known and accepted; say why where you pass it.
    """
    scan = page.evaluate(_SCAN, exclude)
    findings = [Finding(**f) for f in scan["findings"]]
    if keyboard:
        findings += _tab_walk(page, scan["stops"])
    return findings
