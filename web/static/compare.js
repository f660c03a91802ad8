// The cross-city comparison: functions (or instrument types) × regions. A function's row
// holds what a unit of that function leads; with "include co-responsible" it also holds what
// such a unit only co-owns, marked 配合. Each cell lists its instruments with their numbers,
// basis and wording, lead and co units (linking to their bureau pages) and source clause;
// "more" opens the whole cell in the page, a page at a time.
import { api, errorText } from "./api.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { FUNCTIONS, functionName, INSTRUMENT_TYPES, instrumentTypeName } from "./labels.js";
import { INSTRUMENT_COLUMNS, instrumentCsvRow, instrumentItem, owners } from "./instrument_view.js";
import { regionPicker } from "./region_picker.js";
import { go, state, update } from "./router.js";

const ROWS = { function: "部门职能 department function", instrument_type: "工具类型 instrument type" };
// rows per page and instruments per cell: 8 regions × 12 rows × 5 stay under 1 MB with 300 policies
const ROW_LIMIT = 12;
const CELL_LIMITS = [3, 5, 10, 20];
const CELL_LIMIT = 5;
const CELL_PAGE = 20; // instruments per page of an opened cell
const NO_CELL = { cell: "", cell_region: "", cell_offset: "" };

const csv = (s) => String(s || "").split(",").map((x) => x.trim()).filter(Boolean);

function rowName(rows, row) {
  return rows === "function" ? functionName(row.code, row.name_zh) : instrumentTypeName(row.code, row.name_zh);
}

/** In a function row with co units included, an instrument is there "via co" when no owner has the row's function. */
function viaOf(rows, code, inst, includeCo) {
  if (rows !== "function" || !includeCo) return null;
  const { lead, mentioned } = owners(inst);
  const owning = lead.length ? lead : mentioned;
  return owning.some((d) => d.function === code) ? "lead" : "co";
}

function rowChooser(rows, codes) {
  const vocab = rows === "function" ? FUNCTIONS : INSTRUMENT_TYPES;
  const boxes = Object.entries(vocab).map(([code, zh]) => el("label", { class: "check" },
    el("input", { type: "checkbox", name: "code", value: code, checked: codes.includes(code) }), ` ${zh}`));
  return el("details", { class: "row-chooser" },
    el("summary", {}, codes.length ? `显示的行 Rows shown: ${codes.length}` : "显示的行 Rows shown: 全部 all"),
    el("p", { class: "hint" }, "不勾选则显示全部有数据的行，按工具数排序。None ticked: every row holding instruments, fullest first."),
    el("div", { class: "row-boxes" }, boxes));
}

/** Render the compare view for state st (rows, regions, include_co, codes, row_offset, cell, cell_region, cell_offset). */
export async function renderCompare(root, st) {
  const rows = st.rows === "instrument_type" ? "instrument_type" : "function";
  const chosen = csv(st.regions);
  const codes = csv(st.codes);
  const includeCo = st.include_co === "1" || st.include_co === "true";
  const rowOffset = Math.max(0, parseInt(st.row_offset || "0", 10) || 0);
  const cellLimit = Math.min(1000, Math.max(1, parseInt(st.cell_limit || String(CELL_LIMIT), 10) || CELL_LIMIT));
  let data = null;
  const body = el("div", { class: "compare-body" }, notice("加载中 Loading…"));
  const summary = el("span", { class: "compare-summary", role: "status" });
  const panel = el("section", { class: "cell-panel", hidden: true, tabindex: "-1", "aria-label": "单元格全部条目 the whole cell" });
  const picker = regionPicker(chosen);
  const form = el("form", {
    class: "compare-form",
    on: {
      submit: (e) => {
        e.preventDefault();
        const fd = new FormData(e.target);
        go({ view: "compare", rows: fd.get("rows"), regions: picker.value().join(","), include_co: fd.get("include_co") ? "1" : "",
          codes: fd.get("rows") === rows ? fd.getAll("code").join(",") : "",
          cell_limit: fd.get("cell_limit") === String(CELL_LIMIT) ? "" : fd.get("cell_limit") });
      },
    },
  },
  el("div", { class: "compare-controls" },
    el("label", { class: "filter" }, "行 Rows ", el("select", { name: "rows" },
      Object.entries(ROWS).map(([v, label]) => el("option", { value: v, selected: v === rows }, label)))),
    el("label", { class: "filter" }, "每格条数 Per cell ", el("select", { name: "cell_limit" },
      [...new Set([...CELL_LIMITS, cellLimit])].sort((a, b) => a - b).map((n) => el("option", { value: String(n), selected: n === cellLimit }, String(n))))),
    el("label", { class: "check include-co" }, el("input", { type: "checkbox", name: "include_co", value: "1", checked: includeCo }),
      " 包括配合单位 Include co-responsible units"),
    rowChooser(rows, codes),
    el("button", { type: "submit", class: "primary" }, "对比 Compare")),
  picker.element);
  replace(root, el("section", { class: "view view-compare" },
    el("h2", { class: "view-title" }, "跨市对比 Cross-city comparison"),
    el("p", { class: "hint" }, "归属按牵头单位计；勾选“包括配合单位”后，也计配合单位，并标为“配合”。数字附其计算基数与原文措辞；点击条目阅读原文，点击部门打开部门页。",
      " Ownership is the lead unit's; tick “include co-responsible” to count the co units too (marked 配合). Numbers come with their basis and the clause's wording."),
    form,
    el("div", { class: "toolbar" }, summary, el("span", { class: "grow" }),
      downloadBar(() => `compare-${rows}-${(data?.columns || chosen).join("_") || "default"}`, () => exportCompare(rows, data))),
    panel,
    body));

  try {
    data = await api("compare", { rows, regions: chosen.join(","), cell_limit: cellLimit, include_co: includeCo ? "true" : "",
      codes: codes.join(","), row_order: "count", row_limit: ROW_LIMIT, row_offset: rowOffset });
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
    return;
  }
  // a later render (another state, another view) has replaced this one: leave its page alone
  if (!body.isConnected) return;
  const columns = data.columns || [];
  replace(summary, `${columns.length} 个地区 regions${chosen.length ? "" : "（默认：政策最多的地区 default: the regions with most policies）"} · `,
    `${data.row_total} 行 rows · ${includeCo ? "牵头与配合 lead and co units" : "仅牵头单位 lead units only"}`);
  if (!(data.rows || []).length) {
    replace(body, notice("所选地区没有政策工具 No instruments in the chosen regions and rows."));
    return;
  }
  const openCell = (code, region, offset = 0) => showCell(panel, { rows, code, region, includeCo, offset, rowLabel: rowName(rows, data.rows.find((r) => r.code === code) || { code }) });
  const pager = () => (data.row_total > data.rows.length ? el("nav", { class: "pager row-pager", "aria-label": "行分页 rows pages" },
    el("button", { type: "button", disabled: rowOffset <= 0, on: { click: () => go({ ...state(), ...NO_CELL, row_offset: String(Math.max(0, rowOffset - ROW_LIMIT)) }) } }, "← 上一页 Previous rows"),
    ` 第 ${rowOffset + 1}–${rowOffset + data.rows.length} 行，共 ${data.row_total} rows `,
    el("button", { type: "button", disabled: rowOffset + data.rows.length >= data.row_total, on: { click: () => go({ ...state(), ...NO_CELL, row_offset: String(rowOffset + ROW_LIMIT) }) } }, "下一页 Next rows →")) : null);
  replace(body, pager(), el("div", { class: "matrix-wrap", tabindex: "0", role: "region", "aria-label": "对比矩阵 comparison matrix" }, el("table", { class: "grid matrix" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, ROWS[rows]), columns.map((c) => el("th", { scope: "col", dataset: { region: c } }, c)))),
    el("tbody", {}, data.rows.map((row) => el("tr", { dataset: { row: row.code } },
      el("th", { scope: "row" }, rowName(rows, row), el("div", { class: "muted code" }, row.code)),
      columns.map((c) => {
        const items = data.cells?.[row.code]?.[c] || [];
        const total = data.totals?.[row.code]?.[c] ?? items.length;
        return el("td", { dataset: { region: c } },
          items.length ? el("ul", {}, items.map((i) => instrumentItem(i, { via: viaOf(rows, row.code, i, includeCo), rowFunction: rows === "function" ? row.code : null }))) : el("span", { class: "muted" }, "—"),
          total > items.length ? el("button", { type: "button", class: "cell-more linkish", dataset: { code: row.code, region: c },
            on: { click: () => openCell(row.code, c, 0) } }, `另有 ${total - items.length} 条 · 全部 ${total} 条 ${total - items.length} more`) : null);
      })))))), pager());
  if (st.cell && st.cell_region) openCell(st.cell, st.cell_region, Math.max(0, parseInt(st.cell_offset || "0", 10) || 0));
}

/** The whole of one cell in the page, CELL_PAGE instruments at a time (GET /compare/cell). */
async function showCell(panel, { rows, code, region, includeCo, offset, rowLabel }) {
  panel.hidden = false;
  update({ cell: code, cell_region: region, cell_offset: offset ? String(offset) : "" });
  const list = el("div", {}, notice("加载中 Loading…"));
  let page = null;
  replace(panel,
    el("div", { class: "toolbar" },
      el("h3", { class: "cell-title" }, `${region} · ${rowLabel}`, includeCo ? "（含配合单位 with co units）" : "（牵头单位 lead units）"),
      el("span", { class: "grow" }),
      downloadBar(() => `compare-cell-${code}-${region}-${offset}`, () => ({ columns: INSTRUMENT_COLUMNS, rows: (page?.items || []).map(instrumentCsvRow), json: page })),
      el("button", { type: "button", class: "cell-close", on: { click: () => { panel.hidden = true; replace(panel); update(NO_CELL); } } }, "关闭 Close")),
    list);
  panel.focus();
  try {
    page = await api("compare/cell", { rows, code, region, include_co: includeCo ? "true" : "", limit: CELL_PAGE, offset });
  } catch (e) {
    replace(list, notice(errorText(e), "error"));
    return;
  }
  const nav = () => el("nav", { class: "pager cell-pager", "aria-label": "单元格分页 cell pages" },
    el("button", { type: "button", class: "cell-prev", disabled: offset <= 0,
      on: { click: () => showCell(panel, { rows, code, region, includeCo, offset: Math.max(0, offset - CELL_PAGE), rowLabel }) } }, "← 上一页 Previous"),
    el("span", { class: "cell-range" }, ` ${page.total ? offset + 1 : 0}–${offset + page.items.length} / ${page.total} `),
    el("button", { type: "button", class: "cell-next", disabled: offset + page.items.length >= page.total,
      on: { click: () => showCell(panel, { rows, code, region, includeCo, offset: offset + CELL_PAGE, rowLabel }) } }, "下一页 Next →"));
  replace(list, nav(), el("ul", { class: "cell-list" }, page.items.map((i) => instrumentItem(i, { via: viaOf(rows, code, i, includeCo), rowFunction: rows === "function" ? code : null }))));
}

function exportCompare(rows, data) {
  const out = [];
  for (const row of data?.rows || []) {
    for (const region of data.columns || []) {
      for (const i of data.cells?.[row.code]?.[region] || []) {
        out.push([row.code, rowName(rows, row), region, viaOf(rows, row.code, i, data.include_co) || "lead", ...instrumentCsvRow(i)]);
      }
    }
  }
  return { columns: ["row_code", "row_name", "column_region", "row_role", ...INSTRUMENT_COLUMNS], rows: out, json: data };
}
