// "What can I get": pick a beneficiary type and a place, and see every provision that grants
// that type something there — the place's own policies, those of the regions containing it
// and national ones (GET /api/v1/beneficiaries/{code}/instruments) — each provision once
// with its numbers, owning bureaus (lead first), policy, validity and source clause.
// Rights and income rules (赋权, 收益分配) are incentives too. State in the URL:
// ?view=benefits&beneficiary=university_institute&region=武汉市&offset=20.
import { api, enc, errorText } from "./api.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { money, rateOf } from "./format.js";
import { SCOPES, beneficiaryName, instrumentTypeName } from "./labels.js";
import { go, link } from "./router.js";

const PAGE = 20;
const RULE_TYPES = new Set(["income_share", "rights_grant", "income_retention", "disposal_right"]);
const SCOPE_ZH = (scope) => (SCOPES[scope] || "").split(" ")[0];
// 3000万元 as policies write it, without digit grouping
const yuan = (v) => money(v).replace(/,/g, "");

/** The numbers of one instrument, each as {field, label, text}: the basis goes with the rate. */
export function numberParts(inst) {
  const parts = [];
  const r = rateOf(inst);
  if (r) parts.push({ field: "rate", label: "比例 rate", text: inst.basis ? `${inst.basis}的${r}` : r });
  if (inst.amount_yuan != null) parts.push({ field: "amount_yuan", label: "金额 amount", text: yuan(inst.amount_yuan) });
  const caps = (inst.caps || []).filter((c) => c && c.yuan != null);
  if (caps.length > 1) {
    caps.forEach((c, i) => parts.push({ field: `cap_${i}`, label: "上限 cap", text: `${SCOPE_ZH(c.scope)}最高${yuan(c.yuan)}` }));
  } else if (inst.cap_yuan != null) {
    parts.push({ field: "cap_yuan", label: "上限 cap", text: `${SCOPE_ZH(inst.scope)}最高${yuan(inst.cap_yuan)}` });
  }
  if (inst.threshold_yuan != null) parts.push({ field: "threshold_yuan", label: "门槛 threshold", text: `${yuan(inst.threshold_yuan)}以上` });
  if (inst.duration_years != null) parts.push({ field: "duration_years", label: "期限 period", text: `${inst.duration_years}年` });
  return parts;
}

function bureaus(departments) {
  const lead = departments.filter((d) => d.role === "lead");
  const co = departments.filter((d) => d.role === "co");
  const mentioned = departments.filter((d) => d.role === "mentioned");
  const names = (ds, role) => ds.map((d, i) => [i ? "、" : "",
    el("span", { class: `bureau bureau-${role}`, dataset: { role, id: d.id } },
      d.id ? link({ view: "graph", node: d.id }, d.name || d.canonical || d.id) : (d.name || d.canonical))]);
  if (!departments.length) return el("p", { class: "benefit-bureaus muted" }, "未列责任单位 No responsible bureau named.");
  return el("p", { class: "benefit-bureaus" },
    lead.length ? [el("strong", {}, "牵头 lead: "), names(lead, "lead")] : null,
    co.length ? [lead.length ? " · " : "", el("span", { class: "muted" }, "配合 co-responsible: "), names(co, "co")] : null,
    mentioned.length ? [lead.length || co.length ? " · " : "", el("span", { class: "muted" }, "出资 funding: "), names(mentioned, "mentioned")] : null);
}

function validity(item) {
  const parts = [];
  if (item.policy_date) parts.push(`发布 issued ${item.policy_date}`);
  if (item.valid_from || item.valid_until) parts.push(`有效 valid ${item.valid_from || "?"} 至 ${item.valid_until || "—"}`);
  const state = item.in_force === true ? "现行有效 in force" : item.in_force === false ? "已失效 expired" : "";
  if (!parts.length && !state) return el("span", { class: "benefit-validity muted" }, "有效期不详 validity unknown");
  return el("span", { class: `benefit-validity${item.in_force === false ? " expired" : ""}` }, [...parts, state].filter(Boolean).join(" · "));
}

function whereTag(item, data) {
  if (!data.region) return null;
  if (item.region === data.region) return el("span", { class: "type-badge where-own" }, "本地 this place");
  if ((data.regions_applied || []).includes(item.region)) return el("span", { class: "type-badge where-up" }, "上级 containing region");
  return el("span", { class: "type-badge where-national" }, "全国 national");
}

function instrumentItem(inst, sameWording) {
  const parts = numberParts(inst);
  const rule = RULE_TYPES.has(inst.type);
  return el("li", { class: "benefit-instrument", dataset: { type: inst.type || "", instrument: inst.id } },
    el("span", { class: `type-badge${rule ? " rule" : ""}` }, instrumentTypeName(inst.type, inst.type_zh)), " ",
    rule ? el("span", { class: "muted" }, "权益与收益规则 rights / income rule ") : null,
    parts.length
      ? parts.map((p) => el("span", { class: "num", dataset: { field: p.field }, title: p.label }, p.text))
      : el("span", { class: "muted no-numbers" }, rule ? "" : "无具体数额 no figure stated"),
    inst.text && !sameWording ? el("blockquote", { class: "benefit-wording", lang: "zh" }, inst.text) : null);
}

function provisionItem(item, data) {
  const at = { view: "reader", policy: item.policy_id, clause: item.clause_id };
  return el("li", { class: "benefit", dataset: { provision: item.provision_id, clause: item.clause_id || "", region: item.region || "", types: item.types.join(" ") } },
    el("h3", { class: "benefit-title" },
      item.types.map((t, i) => el("span", { class: `type-badge${RULE_TYPES.has(t) ? " rule" : ""}` }, instrumentTypeName(t, item.type_zh[i]))), " ",
      link(at, `${item.policy_title || "政策 policy"} ${item.clause_label || ""}`)),
    el("p", { class: "meta" }, el("span", { class: "benefit-region" }, item.region || "—"), " ", whereTag(item, data), " · ", validity(item)),
    bureaus(item.departments || []),
    el("ul", { class: "benefit-instruments" }, item.instruments.map((inst, i) => instrumentItem(inst, i > 0 && inst.text === item.instruments[i - 1].text))),
    el("p", { class: "benefit-links" }, link(at, "查看原文条款 Source clause in the policy"), " · ",
      link({ view: "clause", id: item.clause_id }, "条款详情 Clause details")));
}

function benefitRows(data) {
  const rows = [];
  for (const item of data?.items || []) {
    const deps = (role) => (item.departments || []).filter((d) => d.role === role).map((d) => d.name || d.canonical).join("、");
    for (const i of item.instruments) {
      rows.push([item.provision_id, item.region, item.policy_title, item.policy_date, item.valid_from, item.valid_until, item.in_force,
        item.clause_label, item.clause_id, i.type, instrumentTypeName(i.type, i.type_zh), i.rate, i.rate_min, i.rate_max, i.basis,
        i.cap_yuan, i.scope, i.amount_yuan, i.threshold_yuan, i.duration_years, deps("lead"), deps("co"), i.text]);
    }
  }
  return {
    columns: ["provision_id", "region", "policy_title", "policy_date", "valid_from", "valid_until", "in_force", "clause_label", "clause_id",
      "type", "type_zh", "rate", "rate_min", "rate_max", "basis", "cap_yuan", "scope", "amount_yuan", "threshold_yuan", "duration_years",
      "lead", "co_responsible", "wording"],
    rows,
    json: data,
  };
}

function pickForm(st, types, regions) {
  return el("form", {
    class: "benefits-form", "aria-label": "你是谁，在哪里 who and where",
    on: {
      submit: (e) => {
        e.preventDefault();
        const fd = new FormData(e.target);
        go({ view: "benefits", beneficiary: fd.get("beneficiary") || "", region: fd.get("region") || "" });
      },
    },
  },
  el("label", { class: "filter" }, "我是 I am a (受益对象 beneficiary)",
    el("select", { name: "beneficiary", required: true },
      el("option", { value: "" }, "请选择 choose…"),
      types.map((t) => el("option", { value: t.code, selected: t.code === st.beneficiary },
        `${beneficiaryName(t.code, t.name_zh)} (${t.instrument_count})`)))),
  el("label", { class: "filter" }, "在 in (地区 place)",
    el("select", { name: "region" },
      el("option", { value: "" }, "所有地区 every place"),
      regions.map((r) => el("option", { value: r.value, selected: r.value === st.region }, r.value)))),
  el("button", { type: "submit", class: "primary" }, "查看 Show"));
}

/** Render the "what can I get" view for state st (beneficiary, region, offset). */
export async function renderBenefits(root, st) {
  const offset = Math.max(0, Number(st.offset) || 0);
  let data = null;
  const body = el("div", { class: "benefits-body" }, notice("加载中 Loading…"));
  const formBox = el("div", { class: "benefits-pick" });
  replace(root, el("section", { class: "view view-benefits" },
    el("div", { class: "toolbar" }, el("h2", { class: "view-title" }, "能享受什么 What can I get"), el("span", { class: "grow" }),
      downloadBar(() => `benefits-${st.beneficiary || "all"}-${st.region || "all"}`, () => benefitRows(data))),
    formBox, body));
  let types = [];
  let regions = [];
  try {
    const [b, p] = await Promise.all([api("beneficiaries"), api("policies", { limit: 1 })]);
    types = b.items || [];
    regions = p.facets?.region || [];
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
    return;
  }
  replace(formBox, pickForm(st, types, regions));
  if (!st.beneficiary) {
    replace(body, notice("选择受益对象和地区，查看适用的全部激励政策。Choose who you are and where: every incentive that applies there is listed, with its source clause."));
    return;
  }
  try {
    data = await api(`beneficiaries/${enc(st.beneficiary)}/instruments`, { region: st.region, limit: PAGE, offset });
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
    return;
  }
  const who = beneficiaryName(data.beneficiary.code, data.beneficiary.name_zh);
  document.title = `${who}${st.region ? " · " + st.region : ""} · 能享受什么 · policykg`;
  const items = data.items || [];
  const applies = data.regions_applied
    ? `适用 applies: ${data.regions_applied.join("、")} 及全国政策 and national policies`
    : "所有地区 every place";
  const pager = el("p", { class: "pager" },
    `共 ${data.total} 条 provisions · 第 ${items.length ? offset + 1 : 0}–${offset + items.length} 条 `,
    offset > 0 ? link({ ...st, view: "benefits", offset: Math.max(0, offset - PAGE) || "" }, "← 上一页 previous") : null, " ",
    offset + items.length < data.total ? link({ ...st, view: "benefits", offset: offset + PAGE }, "下一页 next →") : null);
  replace(body,
    el("p", { class: "benefits-summary", role: "status" },
      el("strong", {}, `${who}${st.region ? " 在 " + st.region : ""}`), ` 可享受 ${data.total} 条政策条款 provisions can apply · ${applies}`),
    items.length
      ? [el("ol", { class: "benefit-list", start: offset + 1 }, items.map((item) => provisionItem(item, data))), pager]
      : notice("没有适用的政策条款；请换一个地区或受益对象。No provision grants this type anything here: try another place or type."));
}
