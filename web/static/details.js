// Details of one node: its properties with readable labels, and for clauses, policies and
// departments what the API tells about them (highlighted text, units, instruments, links).
import { api, enc, errorText } from "./api.js";
import { el, highlighted, notice, replace, spanLegend } from "./dom.js";
import { instrumentNumbers, propValue } from "./format.js";
import {
  beneficiaryName, functionName, instrumentTypeName, LEVELS, nodeType, propName, ROLES, SCOPES, typeName,
} from "./labels.js";
import { link } from "./router.js";

const targetId = (t) => (t && typeof t === "object" ? t.id : t) || null;

export const clauseLink = (id, text) => link({ view: "clause", id }, text);
export const policyLink = (id, text, extra = {}) => link({ view: "reader", policy: id, ...extra }, text);
export const graphLink = (id, text = "在图谱中查看 show in graph") => link({ view: "graph", node: id }, text);

/**
 * linkFor / describe for highlighted(): departments link to their graph node, citations
 * to the cited policy when loaded; tooltips name the beneficiary type or the numbers.
 */
export function spanHelpers(instruments = []) {
  const byId = new Map((instruments || []).map((i) => [i.id, i]));
  return {
    linkFor: (span) => {
      const t = targetId(span.target);
      if (span.type === "citation" && t) return `/?view=reader&policy=${encodeURIComponent(t)}`;
      if (span.type === "department" && /^dept:/.test(span.value || "")) return `/?view=graph&node=${encodeURIComponent(span.value)}`;
      return null;
    },
    describe: (span) => {
      const v = String(span.value ?? "");
      if (span.type === "department") return v.replace(/^dept:/, "");
      if (span.type === "beneficiary") return beneficiaryName(v);
      if (span.type === "amount" && byId.has(v)) {
        const i = byId.get(v);
        return `${instrumentTypeName(i.type, i.type_zh)} ${instrumentNumbers(i)}`;
      }
      if (span.type === "amount") return "";
      return v;
    },
  };
}

/** A two-column table of properties (skips empty values and long texts shown elsewhere). */
export function propsTable(props, skip = []) {
  const rows = Object.entries(props || {})
    .filter(([k, v]) => !skip.includes(k) && v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => {
      let shown = propValue(k, v);
      if (k === "function") shown = `${functionName(v)} (${v})`;
      else if (k === "beneficiary") shown = `${beneficiaryName(v, props.beneficiary_zh)} (${v})`;
      else if (k === "level") shown = LEVELS[v] || v;
      else if (k === "scope") shown = SCOPES[v] || v;
      return el("tr", {}, el("th", { scope: "row" }, propName(k)), el("td", {}, shown));
    });
  return el("table", { class: "props" }, el("tbody", {}, rows));
}

/** Department names as links to their graph node, lead units marked 牵头. */
export function departmentList(departments) {
  if (!departments || !departments.length) return el("span", { class: "muted" }, "—");
  return el("span", { class: "dept-list" }, departments.map((d, i) => [
    i ? "、" : "",
    d.id ? graphLink(d.id, d.name || d.canonical || d.id) : (d.name || d.canonical),
    d.role === "lead" || d.lead === true ? el("sup", { class: "lead", title: "牵头单位 lead unit" }, "牵头") : null,
  ]));
}

/** Instruments as a table: type, beneficiary, numbers, responsible units, clause. */
export function instrumentTable(instruments, { region = false, clause = true } = {}) {
  if (!instruments || !instruments.length) return notice("无量化政策工具 No quantified instruments.");
  const head = ["类型 type", "受益对象 beneficiary", "数额 numbers", "责任单位 responsible units"];
  if (region) head.unshift("地区 region");
  if (clause) head.push("条款 clause");
  return el("table", { class: "grid instruments" },
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, instruments.map((inst) => el("tr", { dataset: { instrument: inst.id || "" } },
      region ? el("td", {}, inst.region || "—") : null,
      el("td", {}, instrumentTypeName(inst.type, inst.type_zh)),
      el("td", {}, beneficiaryName(inst.beneficiary, inst.beneficiary_zh)),
      el("td", { class: "numbers" }, instrumentNumbers(inst) || "—", inst.text ? el("div", { class: "quote" }, inst.text) : null),
      el("td", {}, departmentList(inst.departments)),
      clause ? el("td", {}, inst.clause_id ? clauseLink(inst.clause_id, `${inst.clause_label || "条款"} ${inst.policy_title || ""}`) : "—") : null,
    ))));
}

/** Rows for downloading a clause: every extracted item with its kind. */
export function clauseRows(data) {
  const c = data.clause || {};
  const rows = [["clause", c.label, c.text, data.policy?.title, data.policy?.region]];
  for (const s of c.spans || []) rows.push([`span:${s.type}`, s.value, c.text.slice(s.start, s.end), s.start, s.end]);
  for (const r of data.responsible || []) rows.push(["responsible", r.name, r.department?.canonical || r.department?.id || "", r.lead ? "lead" : "co", r.group]);
  for (const i of data.instruments || []) rows.push(["instrument", instrumentTypeName(i.type, i.type_zh), instrumentNumbers(i), beneficiaryName(i.beneficiary, i.beneficiary_zh), i.text]);
  for (const ci of data.citations || []) rows.push(["citation", ci.title, ci.doc_number, targetId(ci.target) || "", ""]);
  for (const s of data.similar || []) rows.push(["similar", s.clause?.label, s.clause?.policy_title, s.clause?.region, s.score]);
  return { columns: ["kind", "value", "detail", "extra", "extra2"], rows, json: data };
}

/** The whole answer of GET /clauses/{id}: highlighted text and everything linked to it. */
export function clauseView(data) {
  const c = data.clause || {};
  const p = data.policy || {};
  const groups = new Map();
  for (const r of data.responsible || []) {
    if (!groups.has(r.group)) groups.set(r.group, []);
    groups.get(r.group).push(r);
  }
  return el("article", { class: "clause", dataset: { clause: c.id || "" } },
    el("h3", {}, el("span", { class: "clause-label" }, c.label || ""), " ", c.heading || ""),
    el("p", { class: "meta" }, "出自 From ", p.id ? policyLink(p.id, p.title || p.id, { clause: c.id }) : (p.title || "—"),
      p.region ? ` · ${p.region}` : "", " · ", graphLink(c.id), " · ",
      el("a", { href: `/?view=research&tab=diffusion&clause=${encodeURIComponent(c.id || "")}`, class: "to-diffusion" }, "扩散 Diffusion")),
    spanLegend(),
    el("blockquote", { class: "clause-text", lang: "zh" }, highlighted(c.text, c.spans, spanHelpers(data.instruments))),
    c.text_simplified && c.text_simplified !== c.text
      ? el("details", {}, el("summary", {}, "简体 Simplified"), el("p", { class: "clause-text" }, c.text_simplified)) : null,
    el("h4", {}, "责任单位 (responsible units)"),
    groups.size
      ? el("ol", { class: "groups" }, [...groups.entries()].map(([g, units]) => el("li", { dataset: { group: String(g) } },
        units.map((u, i) => [i ? "、" : "", u.department?.id ? graphLink(u.department.id, u.name || u.department.canonical) : u.name,
          u.lead ? el("sup", { class: "lead", title: "牵头单位 lead unit" }, "牵头") : null]))))
      : notice("本条未列责任单位 No responsible units named in this clause."),
    data.mentions && data.mentions.length ? [el("h4", {}, "文中提及 (bodies mentioned)"),
      el("p", {}, data.mentions.map((m, i) => [i ? "、" : "", m.department?.id ? graphLink(m.department.id, m.department.canonical || m.department.name || m.department.id) : String(m.department || ""),
        m.role ? ` (${ROLES[m.role] || m.role})` : ""]))] : null,
    el("h4", {}, "政策工具 (instruments)"),
    instrumentTable(data.instruments, { clause: false }),
    data.beneficiaries && data.beneficiaries.length ? [el("h4", {}, "受益对象 (beneficiaries)"),
      el("p", {}, data.beneficiaries.map((b, i) => [i ? "、" : "", beneficiaryName(b.code, b.name_zh)]))] : null,
    data.citations && data.citations.length ? [el("h4", {}, "引用 (citations)"),
      el("ul", {}, data.citations.map((ci) => el("li", {},
        targetId(ci.target) ? policyLink(targetId(ci.target), ci.title || ci.doc_number) : (ci.title || ""),
        ci.doc_number ? ` ${ci.doc_number}` : "", targetId(ci.target) ? "" : el("span", { class: "muted" }, " (未载入 not loaded)"))))] : null,
    el("h4", {}, "相似条款 (similar clauses in other policies)"),
    data.similar && data.similar.length
      ? el("ul", { class: "similar" }, data.similar.map((s) => el("li", {},
        clauseLink(s.clause.id, `${s.clause.region || ""} ${s.clause.policy_title || ""} ${s.clause.label || ""}`),
        el("span", { class: "muted" }, ` 相似度 ${Number(s.score).toFixed(2)}`))))
      : notice("无 None found."),
    c.keywords && c.keywords.length ? el("p", { class: "keywords" }, "关键词 keywords: ", c.keywords.join("、")) : null,
  );
}

function policySummary(data) {
  const p = data.policy || {};
  const v = data.validity || {};
  return el("div", {},
    el("p", {}, link({ view: "reader", policy: p.id }, "阅读全文 Read the document →")),
    propsTable(p, ["id", "sha256", "content_hash", "source_key", "policy_id"]),
    el("p", {}, "有效性 validity: ", v.in_force === true ? "现行有效 in force" : v.in_force === false ? "已失效 expired" : "未知 unknown",
      v.from ? ` · 自 ${v.from}` : "", v.until ? ` · 至 ${v.until}` : ""),
    citationsList(data.citations_out, data.citations_in),
  );
}

/** Outgoing and incoming citations, linked where the cited policy is loaded. */
export function citationsList(out = [], incoming = []) {
  return el("div", { class: "citations" },
    el("h4", {}, "引用文件 (cites)"),
    out && out.length ? el("ul", {}, out.map((c) => el("li", {},
      c.target ? policyLink(targetId(c.target), c.title || c.target.title || c.doc_number) : (c.title || ""),
      c.doc_number ? ` ${c.doc_number}` : "",
      c.target ? "" : el("span", { class: "muted" }, " (未载入 not loaded)")))) : notice("无 None."),
    el("h4", {}, "被引用 (cited by)"),
    incoming && incoming.length ? el("ul", {}, incoming.map((c) => el("li", {}, policyLink(c.policy.id, c.policy.title || c.policy.id)))) : notice("无 None."),
  );
}

function departmentSummary(data) {
  const d = data.department || {};
  // the answer lists a few instruments per type (those with numbers first) and counts them all
  const more = (n) => (n > 0 ? el("p", { class: "muted more" }, `另有 ${n} 条未列出 ${n} more not listed`) : null);
  const section = (title, byType, counts) => {
    const all = Object.values(byType || {}).flat();
    const total = Object.values(counts || {}).reduce((a, b) => a + b, 0);
    return [el("h4", {}, title), instrumentTable(all, { region: false }), more(total - all.length)];
  };
  return el("div", {},
    el("p", {}, link({ view: "bureau", id: d.id }, "部门页 Open the bureau page →")),
    propsTable({ ...d, function: undefined, function_zh: undefined }, ["id"]),
    el("p", {}, "职能 function: ", functionName(d.function, d.function_zh), d.function ? ` (${d.function})` : ""),
    section("牵头的政策工具 (instruments it leads)", data.leads, data.lead_counts),
    section("配合的政策工具 (instruments it co-owns)", data.co_owns, data.co_counts),
    el("h4", {}, "负责的条款 (clauses)"),
    data.clauses && data.clauses.length ? el("ul", {}, data.clauses.map((c) => el("li", {},
      clauseLink(c.id, `${c.label || ""} ${c.policy_title || ""}`), c.lead ? el("sup", { class: "lead" }, "牵头") : null))) : notice("无 None."),
    more((data.clause_total || 0) - (data.clauses || []).length),
  );
}

/** Fill container with the details of a graph node (fetching clause/policy/department data). */
export async function renderNodeDetails(container, node, { signal } = {}) {
  const type = nodeType(node.type);
  const props = node.properties || {};
  replace(container,
    el("h2", {}, el("span", { class: `type-badge type-${type}` }, typeName(type)), " ", node.label || typeName(type)));
  const body = el("div", { class: "details-body" }, notice("加载中 Loading…"));
  container.appendChild(body);
  try {
    if (type === "clause") {
      replace(body, clauseView(await api(`clauses/${enc(node.id)}`, {}, { signal })));
    } else if (type === "policy") {
      replace(body, policySummary(await api(`policies/${enc(node.id)}`, {}, { signal })));
    } else if (type === "department") {
      // a summary beside the graph: a few of each; the bureau page it links to holds them all
      replace(body, departmentSummary(await api(`departments/${enc(node.id)}`,
        { per_type: 5, clause_limit: 50, related_limit: 1 }, { signal })));
    } else {
      const extra = [];
      if (type === "instrument" && props.clause_id) extra.push(el("p", {}, clauseLink(props.clause_id, "查看条款 Open the clause →")));
      if (type === "instrument" && props.policy_id && !props.clause_id) extra.push(el("p", {}, policyLink(props.policy_id, "阅读政策 Open the policy →")));
      if ((type === "clause" || type === "section" || type === "target") && props.policy_id) extra.push(el("p", {}, policyLink(props.policy_id, "阅读政策 Open the policy →")));
      replace(body, extra, propsTable(props, ["id", "policy_id", "clause_id"]));
    }
  } catch (e) {
    if (e.name === "AbortError") return;
    replace(body, notice(errorText(e), "error"), propsTable(props, ["id", "policy_id", "clause_id"]));
  }
}
