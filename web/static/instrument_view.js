// One instrument as the compare and bureau views show it: its numbers with their basis
// (按技术交易额的8%, 每家每年最高100万元), the words of the clause that state them, the lead
// unit and the co-responsible units marked as such, and links to the reader and bureau pages.
import { el } from "./dom.js";
import { money, rateOf } from "./format.js";
import { beneficiaryName, instrumentTypeName } from "./labels.js";
import { href } from "./router.js";

const SCOPE_ZH = {
  per_entity_per_year: "每家每年", per_project: "每个项目", per_entity: "每家", per_person: "每人", per_year: "每年",
  total: "总额", per_investment: "每笔投资", one_off: "一次性",
};

/** The address of the bureau page of a department id. */
export const bureauHref = (id) => href({ view: "bureau", id });

/** The reader at the instrument's clause (the policy's full text, scrolled to the clause). */
export const readerHref = (inst) => href({ view: "reader", policy: inst.policy_id, clause: inst.clause_id });

/** A link to a department's bureau page. */
export function bureauLink(dept, text = null, cls = "to-bureau") {
  const name = text || dept.name || dept.canonical || dept.id;
  return el("a", { href: bureauHref(dept.id), class: cls, title: dept.canonical && dept.canonical !== name ? dept.canonical : null }, name);
}

/** The rate with its basis: "技术交易额的8%", or "8%" when the clause names none. */
export function rateWithBasis(inst) {
  const r = rateOf(inst);
  if (!r) return "";
  return inst.basis ? `${inst.basis}的${r}` : r;
}

/** The numbers of an instrument, each as a chip: rate (with its basis), amount, caps (with their scope), threshold. */
export function numberChips(inst) {
  const chips = [];
  const r = rateOf(inst);
  if (r) {
    chips.push(el("span", { class: "basis-rate" }, inst.basis ? el("span", { class: "basis" }, `${inst.basis}的`) : null,
      el("span", { class: "num rate" }, r)));
  }
  if (inst.amount_yuan != null) chips.push(el("span", { class: "num amount" }, money(inst.amount_yuan)));
  const caps = (inst.caps && inst.caps.length) ? inst.caps : (inst.cap_yuan != null ? [{ yuan: inst.cap_yuan, scope: inst.scope }] : []);
  for (const c of caps) {
    if (c.yuan == null) continue;
    chips.push(el("span", { class: "num cap" }, `${SCOPE_ZH[c.scope] || ""}最高${money(c.yuan)}`));
  }
  if (inst.threshold_yuan != null) chips.push(el("span", { class: "num threshold" }, `门槛${money(inst.threshold_yuan)}`));
  if (inst.duration_years != null) chips.push(el("span", { class: "num duration" }, `${inst.duration_years}年`));
  return chips.length ? el("span", { class: "numbers" }, chips) : null;
}

/** The numbers as one line of text (downloads): "技术交易额的8% · 每家每年最高100万元". */
export function numbersText(inst) {
  const parts = [];
  const r = rateWithBasis(inst);
  if (r) parts.push(r);
  if (inst.amount_yuan != null) parts.push(money(inst.amount_yuan));
  const caps = (inst.caps && inst.caps.length) ? inst.caps : (inst.cap_yuan != null ? [{ yuan: inst.cap_yuan, scope: inst.scope }] : []);
  for (const c of caps) if (c.yuan != null) parts.push(`${SCOPE_ZH[c.scope] || ""}最高${money(c.yuan)}`);
  if (inst.threshold_yuan != null) parts.push(`门槛${money(inst.threshold_yuan)}`);
  return parts.join(" · ");
}

const FIGURE = /\d[\d.,，]*\s*(%|％|万元|亿元|元|万|倍)/;

/**
 * The wording: the phrases of the instrument's sentence that state its figures
 * ("其中对技术经纪人的奖励不低于30%"), so a number is read with what it is a share of.
 * Empty when the sentence states no figure.
 */
export function wordingOf(inst) {
  const text = String(inst.text || "");
  if (!text || (rateOf(inst) === "" && inst.cap_yuan == null && inst.amount_yuan == null && inst.threshold_yuan == null)) return "";
  const phrases = text.split(/(?<=[，,；;。])/).map((p) => p.trim()).filter(Boolean);
  const withFigures = phrases.filter((p) => FIGURE.test(p));
  return withFigures.join("").replace(/[，,；;。]$/, "");
}

/** The departments of an instrument split by role: the lead unit(s) and the co-responsible ones. */
export function owners(inst) {
  const deps = inst.departments || [];
  return {
    lead: deps.filter((d) => d.role === "lead"),
    co: deps.filter((d) => d.role === "co"),
    mentioned: deps.filter((d) => d.role === "mentioned"),
  };
}

/** "牵头 市科技局 · 配合 市财政局、…": lead and co units, each linking to its bureau page. */
export function ownerLine(inst, { showCo = true, coLimit = 4, rowFunction = null } = {}) {
  const { lead, mentioned } = owners(inst);
  // the units of the row's function first, so the one that puts the item in the row is never cut off
  const co = [...owners(inst).co].sort((a, b) => (b.function === rowFunction) - (a.function === rowFunction));
  const parts = [];
  if (lead.length) {
    parts.push(el("span", { class: "owner-lead" }, el("span", { class: "role-tag role-lead" }, "牵头 lead"), " ",
      lead.map((d, i) => [i ? "、" : "", bureauLink(d, null, "to-bureau lead-unit")])));
  } else if (mentioned.length) {
    parts.push(el("span", { class: "owner-lead" }, el("span", { class: "role-tag role-funding" }, "出资 funding"), " ",
      mentioned.map((d, i) => [i ? "、" : "", bureauLink(d, null, "to-bureau lead-unit")])));
  }
  if (showCo && co.length) {
    const shown = co.slice(0, coLimit);
    parts.push(el("span", { class: "owner-co" }, el("span", { class: "role-tag role-co" }, "配合 co"), " ",
      shown.map((d, i) => [i ? "、" : "", bureauLink(d, null, `to-bureau co-unit${rowFunction && d.function === rowFunction ? " row-unit" : ""}`)]),
      co.length > shown.length ? el("span", { class: "muted", title: co.slice(coLimit).map((d) => d.name || d.canonical).join("、") }, ` 等${co.length}个`) : null));
  }
  return el("div", { class: "owner-line" }, parts.length ? parts : el("span", { class: "muted" }, "未列责任单位 no unit named"));
}

/** One instrument as a list item: type and beneficiary (to the clause), numbers, wording, owners, source. */
export function instrumentItem(inst, { via = null, showCo = true, rowFunction = null } = {}) {
  const wording = wordingOf(inst);
  return el("li", { class: `cell-instrument${via === "co" ? " via-co" : ""}`, title: inst.text || "", dataset: { instrument: inst.id || "", type: inst.type || "", via: via || "" } },
    el("div", { class: "inst-head" },
      el("a", { href: href({ view: "clause", id: inst.clause_id }), class: "to-clause" },
        el("span", { class: "itype" }, instrumentTypeName(inst.type, inst.type_zh)), " · ",
        beneficiaryName(inst.beneficiary, inst.beneficiary_zh)),
      via === "co" ? el("span", { class: "role-tag role-co", title: "本行职能的单位只是配合单位 a unit of this row co-owns it" }, "配合 co") : null,
      " ", numberChips(inst)),
    wording ? el("q", { class: "wording", lang: "zh" }, wording) : null,
    ownerLine(inst, { showCo, rowFunction }),
    el("div", { class: "cell-source" },
      el("a", { href: readerHref(inst), class: "to-reader" }, `${inst.clause_label || ""} ${inst.policy_title || ""}`.trim() || "原文 source")));
}

/** Columns and a row for CSV downloads of instruments. */
export const INSTRUMENT_COLUMNS = ["instrument_type", "instrument_type_zh", "beneficiary", "numbers", "rate", "rate_min", "rate_max",
  "basis", "cap_yuan", "amount_yuan", "threshold_yuan", "scope", "wording", "lead_units", "co_units", "clause_label",
  "policy_title", "region", "clause_id", "text"];

export function instrumentCsvRow(i) {
  const { lead, co, mentioned } = owners(i);
  const names = (ds) => ds.map((d) => d.name || d.canonical).join("、");
  return [i.type, instrumentTypeName(i.type, i.type_zh), beneficiaryName(i.beneficiary, i.beneficiary_zh), numbersText(i),
    i.rate, i.rate_min, i.rate_max, i.basis, i.cap_yuan, i.amount_yuan, i.threshold_yuan, i.scope, wordingOf(i),
    names(lead.length ? lead : mentioned), names(co), i.clause_label, i.policy_title, i.region, i.clause_id, i.text];
}
