// CSV and JSON downloads of what a view shows, built in the browser with Blob URLs.
import { el } from "./dom.js";

function csvCell(value) {
  if (value === null || value === undefined) return "";
  let s = typeof value === "object" ? JSON.stringify(value) : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text (UTF-8 with BOM so spreadsheets read the Chinese) from a header and rows. */
export function toCsv(columns, rows) {
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(columns.map((_, i) => csvCell(row[i])).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

/** Save text as a file through a temporary Blob URL. */
export function saveText(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: filename, style: { display: "none" } });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const safeName = (name) => String(name).replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 80);

/**
 * Two buttons, CSV and JSON. getData() is called at click time and returns
 * {columns: [..], rows: [[..]], json: any} for what the view shows now.
 */
export function downloadBar(name, getData) {
  const csv = el("button", {
    type: "button", class: "download", dataset: { format: "csv" },
    on: { click: () => { const d = getData(); saveText(`policykg-${safeName(name())}.csv`, toCsv(d.columns, d.rows), "text/csv;charset=utf-8"); } },
  }, "下载 CSV");
  const json = el("button", {
    type: "button", class: "download", dataset: { format: "json" },
    on: { click: () => { const d = getData(); saveText(`policykg-${safeName(name())}.json`, JSON.stringify(d.json, null, 2), "application/json"); } },
  }, "下载 JSON");
  return el("span", { class: "downloads", title: "下载当前视图的数据 Download what this view shows" }, csv, json);
}
