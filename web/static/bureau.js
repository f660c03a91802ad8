// The bureau page: one department (GET /departments/{id}) — what it leads and what it
// co-owns by instrument type, with numbers and basis; the policies and clauses it is named
// in (links to the reader); its counterparts (same function, other regions) and partners
// (who shares its provisions), each linking to their own bureau page. "More" asks the store for
// the next page (GET /departments/{id}/instruments?role=lead|co&type=…&offset=… and
// /departments/{id}/clauses?offset=…, in the order of the first answer). Every call carries the
// header's in-force date. Without an id: the department list, searchable by name, region and function.
import { api, enc, errorText } from "./api.js";
import { graphLink } from "./details.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { FUNCTIONS, functionName, instrumentTypeName } from "./labels.js";
import { bureauLink, INSTRUMENT_COLUMNS, instrumentCsvRow, instrumentItem } from "./instrument_view.js";
import { loadRegions } from "./region_picker.js";
import { go, href, update } from "./router.js";

const MORE_PAGE = 20; // instruments fetched per "more"
const CLAUSE_PAGE = 50; // clauses fetched per "more" (as many as the first answer lists)
const LIST_PAGE = 30; // departments per page of the list

/** Render the bureau view: one department (st.id) or the department list. */
export async function renderBureau(root, st) {
  if (st.id) return renderDepartment(root, st);
  return renderDepartmentList(root, st);
}

// "more" is kept in the address (more=lead.reward.2,co.funding.1: pages added per role and
// type), so a reload or a shared link shows the same list
function parseMore(value) {
  const out = new Map();
  for (const part of String(value || "").split(",")) {
    const m = /^(lead|co)\.([\w-]+)\.(\d{1,3})$/.exec(part.trim());
    if (m) out.set(`${m[1]}.${m[2]}`, parseInt(m[3], 10));
  }
  return out;
}

function typeSection(data, role, code, shown, total, onMore = () => {}) {
  const items = [...shown];
  const list = el("ul", { class: "cell-list" }, items.map((i) => instrumentItem(i, { showCo: true })));
  const status = el("span", { class: "muted more-status", role: "status" });
  const more = el("button", { type: "button", class: "type-more", dataset: { type: code, role } }, "");
  const label = () => {
    more.textContent = `更多 More (${total - items.length})`;
    more.hidden = items.length >= total;
    status.textContent = `已显示 ${items.length} / ${total} shown`;
  };
  // the next page of the same list, in the department answer's order (those with a number first)
  const section = { clicks: 0, key: `${role}.${code}` };
  const loadMore = async (focus) => {
    more.disabled = true;
    try {
      const page = await api(`departments/${enc(data.department.id)}/instruments`, { role, type: code, limit: MORE_PAGE, offset: items.length });
      const seen = new Set(items.map((i) => i.id));
      const extra = page.items.filter((i) => !seen.has(i.id));
      items.push(...extra);
      for (const i of extra) list.appendChild(instrumentItem(i, { showCo: true }));
      if (extra.length && focus) list.children[list.children.length - extra.length].querySelector("a")?.focus();
      section.clicks += 1;
    } catch (e) {
      status.textContent = errorText(e);
    }
    more.disabled = false;
    label();
  };
  more.addEventListener("click", async () => { await loadMore(true); onMore(); });
  /** Add n pages again (the address's "more"), one after the other. */
  section.replay = async (n) => {
    for (let i = 0; i < n && items.length < total && list.isConnected; i += 1) await loadMore(false);
  };
  label();
  return Object.assign(section, { element: el("section", { class: "bureau-type", dataset: { type: code, role } },
    el("h4", {}, instrumentTypeName(code), " ", el("span", { class: "count" }, `${total}`)),
    list, el("div", { class: "more-row" }, more, " ", status)), items, role });
}

function roleBlock(data, role, title, byType, counts, onMore) {
  const codes = Object.keys(counts || {}).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b));
  const total = codes.reduce((a, c) => a + counts[c], 0);
  const sections = codes.map((c) => typeSection(data, role, c, byType[c] || [], counts[c], onMore));
  return {
    element: el("section", { class: `bureau-role bureau-${role}`, dataset: { role } },
      el("h3", {}, title, " ", el("span", { class: "count" }, `${total}`)),
      codes.length ? el("p", { class: "type-summary" }, codes.map((c, i) => [i ? " · " : "", `${instrumentTypeName(c)} ${counts[c]}`])) : null,
      codes.length ? sections.map((s) => s.element) : notice("无 None.")),
    sections,
  };
}

function policyClauses(clauses) {
  const byPolicy = new Map();
  for (const c of clauses) {
    if (!byPolicy.has(c.policy_id)) byPolicy.set(c.policy_id, { title: c.policy_title, clauses: [] });
    byPolicy.get(c.policy_id).clauses.push(c);
  }
  if (!byPolicy.size) return notice("无 None.");
  return el("ul", { class: "policy-clauses" }, [...byPolicy.entries()].map(([pid, p]) => el("li", { dataset: { policy: pid || "" } },
    el("a", { href: href({ view: "reader", policy: pid }), class: "to-reader" }, p.title || pid),
    el("ul", {}, p.clauses.map((c) => el("li", {},
      el("a", { href: href({ view: "reader", policy: pid, clause: c.id }), class: "to-reader clause-ref" }, `${c.label || ""} ${c.heading || ""}`.trim() || c.id),
      " ", el("span", { class: `role-tag role-${c.lead ? "lead" : "co"}` }, c.lead ? "牵头 lead" : "配合 co")))))));
}

function clausesBlock(data) {
  const clauses = [...(data.clauses || [])];
  const total = data.clause_total || 0;
  const list = el("div", {}, policyClauses(clauses));
  const status = el("span", { class: "muted more-status", role: "status" });
  const more = el("button", { type: "button", class: "clause-more" }, "");
  const label = () => {
    more.textContent = `更多条款 More clauses (${total - clauses.length})`;
    more.hidden = clauses.length >= total;
    status.textContent = clauses.length < total ? `已显示 ${clauses.length} / ${total} shown` : "";
  };
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const page = await api(`departments/${enc(data.department.id)}/clauses`, { limit: CLAUSE_PAGE, offset: clauses.length });
      clauses.push(...page.items);
      replace(list, policyClauses(clauses));
    } catch (e) {
      status.textContent = errorText(e);
    }
    more.disabled = false;
    label();
  });
  label();
  return el("section", { class: "bureau-clauses" },
    el("h3", {}, "政策与条款 Policies and clauses ", el("span", { class: "count" }, `${total}`)),
    list, el("div", { class: "more-row" }, more, " ", status));
}

function relatedTable(kind, rows, columns) {
  if (!rows || !rows.length) return notice("无 None.");
  return el("div", { class: "table-scroll" }, el("table", { class: `grid related ${kind}` },
    el("thead", {}, el("tr", {}, columns.map(([h]) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((d) => el("tr", { dataset: { department: d.id } }, columns.map(([, f], i) => (i === 0
      ? el("th", { scope: "row" }, f(d)) : el("td", {}, f(d)))))))));
}

async function renderDepartment(root, st) {
  let data = null;
  let blocks = [];
  const body = el("div", {}, notice("加载中 Loading…"));
  replace(root, el("section", { class: "view view-bureau" },
    el("div", { class: "toolbar" }, el("h2", { class: "view-title" }, "部门 Bureau"), el("span", { class: "grow" }),
      el("a", { href: href({ view: "bureau" }), class: "to-list" }, "部门列表 All bureaus"),
      downloadBar(() => `bureau-${data?.department?.name || st.id}`, () => exportBureau(data, blocks))),
    body));
  try {
    data = await api(`departments/${enc(st.id)}`, { per_type: st.per_type, clause_limit: st.clause_limit });
  } catch (e) {
    replace(body, notice(errorText(e), "error"), el("p", {}, el("a", { href: href({ view: "bureau" }) }, "浏览部门 Browse the bureaus")));
    return;
  }
  if (!body.isConnected) return; // another view has been rendered meanwhile
  const d = data.department || {};
  document.title = `${d.name || d.id} · 部门 · policykg`;
  const names = (d.names || []).filter((n) => n !== d.name);
  const remember = () => update({ more: blocks.filter((b) => b.clicks).map((b) => `${b.key}.${b.clicks}`).join(",") });
  const leads = roleBlock(data, "lead", "牵头 Leads", data.leads, data.lead_counts, remember);
  const co = roleBlock(data, "co", "配合 Co-owns", data.co_owns, data.co_counts, remember);
  blocks = [...leads.sections, ...co.sections];
  replace(body,
    el("header", { class: "bureau-head" },
      el("h2", { class: "bureau-name" }, d.name || d.id),
      el("p", { class: "meta" },
        "职能 function: ", functionName(d.function, d.function_zh), d.region ? ` · 地区 region: ${d.region}` : "",
        names.length ? ` · 文中写作 written as: ${names.join("、")}` : "", " · ", graphLink(d.id)),
      el("p", { class: "bureau-counts" },
        `牵头 ${Object.values(data.lead_counts || {}).reduce((a, b) => a + b, 0)} 项 lead · `,
        `配合 ${Object.values(data.co_counts || {}).reduce((a, b) => a + b, 0)} 项 co · `,
        `条款 ${data.clause_total || 0} clauses · `,
        `政策 ${data.policy_count ?? 0} policies`)),
    el("div", { class: "bureau-grid" },
      el("div", { class: "bureau-main" }, leads.element, co.element, clausesBlock(data)),
      el("aside", { class: "bureau-side" },
        el("section", { class: "bureau-counterparts" },
          el("h3", {}, "其他地区同职能部门 Counterparts"),
          el("p", { class: "hint" }, `职能相同（${functionName(d.function, d.function_zh)}）的其他地区部门 same function, other regions`),
          relatedTable("counterparts", data.counterparts, [
            ["部门 bureau", (x) => bureauLink(x, x.canonical)], ["地区 region", (x) => x.region || "—"],
            ["牵头 lead", (x) => String(x.lead_count ?? "—")], ["配合 co", (x) => String(x.co_count ?? "—")]])),
        el("section", { class: "bureau-partners" },
          el("h3", {}, "合作部门 Partners"),
          el("p", { class: "hint" }, "共同负责同一条措施的部门 bureaus named for the same provisions"),
          relatedTable("partners", data.partners, [
            ["部门 bureau", (x) => bureauLink(x, x.canonical)], ["职能 function", (x) => functionName(x.function, x.function_zh)],
            ["共同措施 shared", (x) => String(x.shared_provisions)]])))));
  const again = parseMore(st.more);
  for (const b of blocks) if (again.get(b.key)) await b.replay(again.get(b.key));
  root.querySelector(".view-bureau")?.setAttribute("data-ready", "1");
}

function exportBureau(data, blocks) {
  const rows = [];
  for (const s of blocks) for (const i of s.items) rows.push([s.role, ...instrumentCsvRow(i), ""]);
  const other = (role, d, note) => {
    const row = Object.fromEntries(INSTRUMENT_COLUMNS.map((c) => [c, ""]));
    Object.assign(row, { lead_units: d.canonical, region: d.region || "", numbers: note });
    return [role, ...INSTRUMENT_COLUMNS.map((c) => row[c]), d.id];
  };
  for (const c of data?.counterparts || []) rows.push(other("counterpart", c, `牵头 ${c.lead_count ?? ""} 配合 ${c.co_count ?? ""}`));
  for (const p of data?.partners || []) rows.push(other("partner", p, `${p.shared_provisions} 项共同措施 shared provisions`));
  return { columns: ["role", ...INSTRUMENT_COLUMNS, "department_id"], rows, json: data };
}

async function renderDepartmentList(root, st) {
  const offset = Math.max(0, parseInt(st.offset || "0", 10) || 0);
  let data = null;
  const body = el("div", {}, notice("加载中 Loading…"));
  const regionSelect = el("select", { name: "region", id: "bureau-region" }, el("option", { value: "" }, "全部 all"));
  const form = el("form", {
    class: "bureau-filters",
    on: { submit: (e) => { e.preventDefault(); const fd = new FormData(e.target); go({ view: "bureau", q: fd.get("q"), region: fd.get("region"), function: fd.get("function") }); } },
  },
  el("label", { class: "filter" }, "名称 Name", el("input", { type: "search", name: "q", value: st.q || "", placeholder: "科技局" })),
  el("label", { class: "filter", for: "bureau-region" }, "地区 Region", regionSelect),
  el("label", { class: "filter" }, "职能 Function", el("select", { name: "function" }, el("option", { value: "" }, "全部 all"),
    Object.entries(FUNCTIONS).map(([code, zh]) => el("option", { value: code, selected: code === st.function }, zh)))),
  el("button", { type: "submit", class: "primary" }, "查找 Find"));
  replace(root, el("section", { class: "view view-bureau view-bureau-list" },
    el("div", { class: "toolbar" }, el("h2", { class: "view-title" }, "部门 Bureaus"), el("span", { class: "grow" }),
      downloadBar(() => `bureaus-${st.region || "all"}-${st.function || "all"}`, () => ({
        columns: ["id", "canonical", "function", "region", "lead_count", "co_count"],
        rows: (data?.items || []).map((d) => [d.id, d.canonical, d.function, d.region, d.lead_count, d.co_count]), json: data }))),
    form, body));
  loadRegions().then((regions) => {
    const byProvince = new Map();
    for (const r of regions) {
      if (!byProvince.has(r.province)) byProvince.set(r.province, []);
      byProvince.get(r.province).push(r);
    }
    for (const [p, rs] of byProvince) {
      regionSelect.appendChild(el("optgroup", { label: p || "其他 other" }, rs.map((r) => el("option", { value: r.name, selected: r.name === st.region }, r.name))));
    }
  }).catch(() => {});
  try {
    data = await api("departments", { q: st.q, region: st.region, function: st.function, limit: LIST_PAGE, offset });
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
    return;
  }
  const pageLink = (to, text) => el("a", { href: href({ ...st, view: "bureau", offset: String(to) }) }, text);
  replace(body,
    el("p", { class: "muted", role: "status" }, `${data.total} 个部门 bureaus`),
    relatedTable("department-list", data.items, [
      ["部门 bureau", (x) => bureauLink(x, x.canonical)], ["职能 function", (x) => functionName(x.function, x.function_zh)],
      ["地区 region", (x) => x.region || "—"], ["牵头 lead", (x) => String(x.lead_count ?? "—")], ["配合 co", (x) => String(x.co_count ?? "—")]]),
    el("nav", { class: "pager", "aria-label": "分页 pages" },
      offset > 0 ? pageLink(Math.max(0, offset - LIST_PAGE), "← 上一页 Previous") : null, " ",
      `${data.total ? offset + 1 : 0}–${offset + data.items.length} / ${data.total}`, " ",
      offset + data.items.length < data.total ? pageLink(offset + LIST_PAGE, "下一页 Next →") : null));
}
