// The cross-city comparison: function or instrument type × region, each cell listing the
// instruments with their numbers and a link to the clause they come from.
import { api, errorText } from "./api.js";
import { departmentList } from "./details.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { money, rateOf } from "./format.js";
import { beneficiaryName, functionName, instrumentTypeName } from "./labels.js";
import { go } from "./router.js";

const ROWS = { function: "部门职能 department function", instrument_type: "工具类型 instrument type" };

function instrumentItem(inst) {
  const numbers = [];
  const r = rateOf(inst);
  if (r) numbers.push(el("span", { class: "num rate" }, r));
  if (inst.amount_yuan != null) numbers.push(el("span", { class: "num amount" }, money(inst.amount_yuan)));
  if (inst.cap_yuan != null) numbers.push(el("span", { class: "num cap" }, `最高${money(inst.cap_yuan)}`));
  if (inst.threshold_yuan != null) numbers.push(el("span", { class: "num threshold" }, `门槛${money(inst.threshold_yuan)}`));
  return el("li", { class: "cell-instrument", title: inst.text || "" },
    el("a", { href: `/?view=clause&id=${encodeURIComponent(inst.clause_id || "")}`, class: "to-clause" },
      el("span", { class: "itype" }, instrumentTypeName(inst.type, inst.type_zh)), " · ",
      beneficiaryName(inst.beneficiary, inst.beneficiary_zh), " ", numbers),
    el("div", { class: "cell-source muted" }, `${inst.clause_label || ""} ${inst.policy_title || ""}`),
    inst.departments && inst.departments.length ? el("div", { class: "cell-depts" }, departmentList(inst.departments)) : null);
}

// a cell lists its first instruments only (cell_limit); the link pages through the whole cell
function moreLink(rows, code, region, more) {
  const query = new URLSearchParams({ rows, code, region, limit: "1000" });
  return el("a", { class: "cell-more", href: `/api/v1/compare/cell?${query}`, title: code }, `另有 ${more} 条 ${more} more (JSON)`);
}

function rowName(rows, row) {
  return rows === "function" ? functionName(row.code, row.name_zh) : instrumentTypeName(row.code, row.name_zh);
}

/** Render the compare view for state st (rows, regions). */
export async function renderCompare(root, st) {
  const rows = st.rows === "instrument_type" ? "instrument_type" : "function";
  const chosen = (st.regions || "").split(",").map((s) => s.trim()).filter(Boolean);
  let data = null;
  const body = el("div", {}, notice("加载中 Loading…"));
  const regionBox = el("span", { class: "region-choices" }, notice("加载地区 Loading regions…"));
  const form = el("form", {
    class: "compare-form",
    on: {
      submit: (e) => {
        e.preventDefault();
        const fd = new FormData(e.target);
        go({ view: "compare", rows: fd.get("rows"), regions: fd.getAll("region").join(",") });
      },
    },
  },
  el("label", { class: "filter" }, "行 rows ", el("select", { name: "rows" },
    Object.entries(ROWS).map(([v, label]) => el("option", { value: v, selected: v === rows }, label)))),
  el("fieldset", {}, el("legend", {}, "地区 regions (不选则全部 none = all)"), regionBox),
  el("button", { type: "submit" }, "对比 Compare"));
  replace(root, el("section", { class: "view view-compare" },
    el("h2", { class: "view-title" }, "跨市对比 Cross-city comparison"),
    el("p", { class: "hint" }, "每格列出该地区政策中的量化工具：比例、金额上限；点击进入条款原文。Each cell lists the quantified instruments of that region's policies; click one to read its clause."),
    el("div", { class: "toolbar" }, form, el("span", { class: "grow" }),
      downloadBar(() => `compare-${rows}-${chosen.join("_") || "all"}`, () => exportCompare(rows, data))),
    body));

  api("policies", { limit: 1 }).then((p) => {
    const regions = (p.facets?.region || []).map((f) => f.value);
    for (const r of chosen) if (!regions.includes(r)) regions.push(r);
    replace(regionBox, regions.map((r) => el("label", { class: "check" },
      el("input", { type: "checkbox", name: "region", value: r, checked: chosen.includes(r) }), r)));
  }).catch((e) => replace(regionBox, notice(errorText(e), "error")));

  try {
    data = await api("compare", { rows, regions: chosen.join(","), cell_limit: st.cell_limit });
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
    return;
  }
  const columns = data.columns || [];
  if (!(data.rows || []).length) {
    replace(body, notice("所选地区没有量化工具 No quantified instruments in the chosen regions."));
    return;
  }
  replace(body, el("div", { class: "matrix-wrap" }, el("table", { class: "grid matrix" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, ROWS[rows]), columns.map((c) => el("th", { scope: "col", dataset: { region: c } }, c)))),
    el("tbody", {}, data.rows.map((row) => el("tr", { dataset: { row: row.code } },
      el("th", { scope: "row" }, rowName(rows, row), el("div", { class: "muted code" }, row.code)),
      columns.map((c) => {
        const items = data.cells?.[row.code]?.[c] || [];
        const more = (data.totals?.[row.code]?.[c] || items.length) - items.length;
        return el("td", { dataset: { region: c } }, items.length ? el("ul", {}, items.map(instrumentItem)) : el("span", { class: "muted" }, "—"),
          more > 0 ? moreLink(rows, row.code, c, more) : null);
      })))))));
}

function exportCompare(rows, data) {
  const out = [];
  for (const row of data?.rows || []) {
    for (const region of data.columns || []) {
      for (const i of data.cells?.[row.code]?.[region] || []) {
        out.push([row.code, rowName(rows, row), region, i.type, instrumentTypeName(i.type, i.type_zh), beneficiaryName(i.beneficiary, i.beneficiary_zh),
          rateOf(i), i.rate, i.cap_yuan, money(i.cap_yuan), i.amount_yuan, money(i.amount_yuan), i.threshold_yuan,
          (i.departments || []).map((d) => d.name || d.canonical).join("、"), i.clause_label, i.policy_title, i.clause_id, i.text]);
      }
    }
  }
  return {
    columns: ["row_code", "row_name", "region", "instrument_type", "instrument_type_zh", "beneficiary", "rate_pct", "rate", "cap_yuan", "cap",
      "amount_yuan", "amount", "threshold_yuan", "departments", "clause_label", "policy_title", "clause_id", "text"],
    rows: out,
    json: data,
  };
}

