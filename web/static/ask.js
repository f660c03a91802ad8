// Ask: the search box in the page header (an ARIA combobox with as-you-type suggestions
// from GET /api/v1/suggest) and the view of full-text clause results (GET /api/v1/search)
// with their snippets, highlights and filters. The state is in the URL:
// ?view=ask&q=中试&region=周口市&year=2023&instrument=reward&beneficiary=enterprise.
import { api, errorText } from "./api.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { BENEFICIARIES, INSTRUMENT_TYPES, beneficiaryName, instrumentTypeName } from "./labels.js";
import { go, link, state } from "./router.js";

const KINDS = {
  search: "全文 full text",
  policy: "政策 policy",
  department: "部门 bureau",
  place: "地区 place",
  beneficiary: "受益对象 beneficiary",
};
const FILTERS = ["region", "year", "instrument", "beneficiary"];
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/** Where a suggestion leads: a policy to the reader, a bureau to its page, a place to its
 * policies, a beneficiary type to what it can get (in the place already chosen there). */
export function suggestionTarget(s, q, st = {}) {
  if (s.kind === "policy") return { view: "reader", policy: s.id };
  if (s.kind === "department") return { view: "bureau", id: s.id };
  if (s.kind === "place") return { view: "reader", region: s.name };
  if (s.kind === "beneficiary") {
    return { view: "benefits", beneficiary: s.id.replace(/^beneficiary:/, ""), region: st.view === "benefits" ? st.region : undefined };
  }
  return { view: "ask", q };
}

/**
 * Wire the header's search form: suggestions as the user types (debounced, stale answers
 * dropped), arrows move through them, Enter opens the active one or searches the text,
 * Escape closes the list (or, when closed, clears the box).
 */
export function initAskBox(form) {
  const input = form.querySelector("input[name=q]");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector("[role=status]");
  let options = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let asked = "";

  const isOpen = () => !list.hidden;
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const setActive = (i) => {
    const items = list.querySelectorAll("[role=option]");
    active = items.length ? (i + items.length) % items.length : -1;
    items.forEach((item, k) => item.setAttribute("aria-selected", k === active ? "true" : "false"));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const choose = (i) => {
    const s = options[i];
    if (!s) return;
    close();
    const q = input.value.trim();
    if (s.kind !== "search") input.value = "";
    go(suggestionTarget(s, q, state()));
  };
  const show = (q, items) => {
    options = [{ kind: "search", id: "", name: q }, ...items];
    replace(list, options.map((s, i) => el("li", {
      id: `ask-opt-${i}`, role: "option", "aria-selected": "false", class: `ask-option ask-${s.kind}`,
      dataset: { kind: s.kind, id: s.id },
      on: { click: () => choose(i) },
    },
    el("span", { class: `type-badge type-${s.kind === "place" ? "region" : s.kind}` }, KINDS[s.kind]), " ",
    s.kind === "search" ? `搜索条款 Search clauses for “${q}”` : s.name)));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (status) status.textContent = `${items.length} 条建议 suggestions`;
  };
  const suggest = async () => {
    const q = input.value.trim();
    if (!q) { close(); return; }
    if (q === asked && isOpen()) return;
    asked = q;
    if (controller) controller.abort();
    controller = new AbortController();
    let items = [];
    try {
      items = (await api("suggest", { q, limit: 8 }, { signal: controller.signal })).items || [];
    } catch (e) {
      if (e.name === "AbortError") return;
      items = [];  // the box still offers the full-text search
    }
    if (input.value.trim() !== q || document.activeElement !== input) return;
    show(q, items);
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    asked = "";
    if (!input.value.trim()) { close(); return; }
    timer = setTimeout(suggest, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!isOpen()) {
        clearTimeout(timer);
        suggest();
        return;
      }
      setActive(e.key === "ArrowDown" ? active + 1 : active < 0 ? -1 : active - 1);
    } else if (e.key === "Enter" && isOpen() && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === "Escape") {
      if (isOpen()) { e.preventDefault(); close(); }
      else if (input.value) { e.preventDefault(); input.value = ""; }
    } else if (e.key === "Tab") close();
  });
  input.addEventListener("blur", () => setTimeout(() => { if (document.activeElement !== input) close(); }, 150));
  // a click on an option must not blur the box first
  list.addEventListener("mousedown", (e) => e.preventDefault());
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    close();
    const q = input.value.trim();
    if (!q) { input.focus(); return; }
    go({ view: "ask", q });
  });
}

/** Show the query of the ask view in the header box. */
export function syncAskBox(form, st) {
  const input = form?.querySelector("input[name=q]");
  if (input && st.view === "ask" && document.activeElement !== input) input.value = st.q || "";
}

/**
 * The snippet as text nodes with <mark> around each [start, end) highlight. Offsets count
 * characters (code points), as the API counts them: the snippet is split with Array.from
 * so a character outside the BMP counts once.
 */
export function markedSnippet(snippet, highlights) {
  const chars = Array.from(String(snippet ?? ""));
  const frag = document.createDocumentFragment();
  const pairs = (highlights || [])
    .filter((h) => Array.isArray(h) && Number.isInteger(h[0]) && Number.isInteger(h[1]) && h[0] < h[1])
    .sort((a, b) => a[0] - b[0]);
  let pos = 0;
  for (const [start, end] of pairs) {
    if (start < pos || end > chars.length) continue;
    if (start > pos) frag.appendChild(document.createTextNode(chars.slice(pos, start).join("")));
    const mark = document.createElement("mark");
    mark.className = "span span-match";
    mark.textContent = chars.slice(start, end).join("");
    frag.appendChild(mark);
    pos = end;
  }
  if (pos < chars.length) frag.appendChild(document.createTextNode(chars.slice(pos).join("")));
  return frag;
}

function searchRows(data) {
  return {
    columns: ["rank", "score", "region", "province", "policy_title", "date", "clause_label", "clause_heading", "clause_id", "policy_id", "snippet", "matched"],
    rows: (data?.items || []).map((h, i) => {
      const chars = Array.from(h.snippet || "");
      const matched = (h.highlights || []).map(([s, e]) => chars.slice(s, e).join("")).join("; ");
      const c = h.clause;
      return [i + 1, h.score, c.region, c.province, c.policy_title, c.date, c.label, c.heading, c.id, c.policy_id, h.snippet, matched];
    }),
    json: data,
  };
}

function filterForm(st, facets) {
  const select = (name, label, values) => el("label", { class: "filter" }, label,
    el("select", { name },
      el("option", { value: "" }, "全部 all"),
      values.map(([value, text]) => el("option", { value, selected: String(value) === String(st[name] ?? "") }, text))));
  const entries = (table) => Object.entries(table).sort((a, b) => a[1].localeCompare(b[1], "zh-CN"));
  return el("form", {
    class: "ask-filters", "aria-label": "筛选结果 filter the results",
    on: {
      submit: (e) => {
        e.preventDefault();
        const next = { view: "ask", q: st.q };
        for (const [k, v] of new FormData(e.target).entries()) if (v) next[k] = String(v);
        go(next);
      },
    },
  },
  select("region", "地区 region", (facets.region || []).map((f) => [f.value, f.value])),
  select("year", "年份 year", (facets.year || []).map((f) => [f.value, f.value]).sort((a, b) => b[0] - a[0])),
  select("instrument", "工具类型 instrument type", entries(INSTRUMENT_TYPES)),
  select("beneficiary", "受益对象 beneficiary", entries(BENEFICIARIES)),
  el("button", { type: "submit", class: "primary" }, "筛选 Filter"),
  FILTERS.some((k) => st[k]) ? link({ view: "ask", q: st.q }, "清除筛选 Clear filters") : null);
}

function hitItem(hit) {
  const c = hit.clause;
  const at = { view: "reader", policy: c.policy_id, clause: c.id };
  return el("li", { class: "ask-hit", dataset: { clause: c.id, region: c.region || "" } },
    el("h3", { class: "ask-hit-title" }, link(at, `${c.label || ""} ${c.heading || ""}`.trim() || "条款 clause")),
    el("p", { class: "meta" },
      el("span", { class: "ask-region" }, c.region || c.province || "地区不详 region unknown"), " · ",
      el("span", { class: "ask-policy" }, c.policy_title || "—"), " · ",
      el("span", { class: "ask-date" }, c.date || "日期不详 date unknown")),
    el("p", { class: "ask-snippet", lang: "zh" }, markedSnippet(hit.snippet, hit.highlights)),
    el("p", { class: "ask-links" }, link(at, "在原文中阅读 Read in the policy"), " · ",
      link({ view: "clause", id: c.id }, "条款详情 Clause details")));
}

/** Render the ask view for state st (q, region, year, instrument, beneficiary, limit). */
export async function renderAsk(root, st) {
  const q = (st.q || "").trim();
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(st.limit) || DEFAULT_LIMIT));
  let data = null;
  const body = el("div", { class: "ask-body" }, notice("搜索中 Searching…"));
  const title = el("h2", { class: "view-title" }, q ? `问 Ask: “${q}”` : "问 Ask");
  replace(root, el("section", { class: "view view-ask" },
    el("div", { class: "toolbar" }, title, el("span", { class: "grow" }),
      downloadBar(() => `search-${q}${st.region ? "-" + st.region : ""}`, () => searchRows(data))),
    body));
  if (!q) {
    replace(body, notice("在页首的搜索框输入词语，如“中试”或“技术经纪人”。Type words in the search box at the top of the page."),
      el("p", {}, "例如 For example: ", ["中试", "技术经纪人", "收益分配"].map((w, i) => [i ? " · " : "", link({ view: "ask", q: w }, w)])));
    return;
  }
  document.title = `${q} · 问 Ask · policykg`;
  let facets = {};
  try {
    const [found, policies] = await Promise.all([
      api("search", { q, limit, region: st.region, year: st.year, instrument: st.instrument, beneficiary: st.beneficiary }),
      api("policies", { limit: 1 }).catch(() => ({ facets: {} })),
    ]);
    data = found;
    facets = policies.facets || {};
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
    return;
  }
  const items = data.items || [];
  const applied = FILTERS.filter((k) => st[k]).map((k) => {
    if (k === "instrument") return instrumentTypeName(st[k]);
    if (k === "beneficiary") return beneficiaryName(st[k]);
    return st[k];
  });
  replace(body,
    filterForm(st, facets),
    el("p", { class: "ask-count", role: "status" },
      `${items.length}${items.length >= limit ? "+" : ""} 条结果 clauses found`,
      applied.length ? ` · 筛选 filtered by ${applied.join("、")}` : "", " ",
      items.length >= limit && limit < MAX_LIMIT ? link({ ...st, view: "ask", limit: Math.min(MAX_LIMIT, limit * 2) }, "显示更多 Show more") : null),
    items.length
      ? el("ol", { class: "ask-results" }, items.map(hitItem))
      : notice(applied.length
        ? "筛选后没有结果；请放宽筛选条件。No clause matches with these filters: clear or change a filter."
        : "没有包含全部词语的条款；请减少或更换词语。No clause holds every word: try fewer or other words."));
}
