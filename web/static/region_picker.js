// The region picker: the chosen regions as removable chips, a search box that lists the
// matching regions grouped by province, and the provinces as closed groups to browse.
// With 240 regions it stays one search box and ~30 closed groups, never a checkbox wall.
import { api, errorText } from "./api.js";
import { el, notice, replace } from "./dom.js";

let regionsReady = null;

/** Every region with its province and policy count (GET /api/v1/regions), fetched once. */
export function loadRegions() {
  if (!regionsReady) regionsReady = api("regions").then((r) => r.items || []).catch((e) => { regionsReady = null; throw e; });
  return regionsReady;
}

const SHOWN_MATCHES = 40; // matches listed for a search; the rest are counted

function byProvince(regions) {
  const groups = new Map();
  for (const r of regions) {
    const p = r.province || "其他 other";
    if (!groups.has(p)) groups.set(p, []);
    groups.get(p).push(r);
  }
  return groups;
}

let pickerCount = 0;

/**
 * A region picker. chosen: region names; onChange(names) after each change. Returns
 * {element, value()}.
 */
export function regionPicker(chosen = [], { onChange = () => {}, label = "地区 Regions" } = {}) {
  const picked = [...chosen];
  const n = ++pickerCount;
  const listId = `region-results-${n}`;
  const chips = el("div", { class: "region-chips", "aria-live": "polite" });
  const results = el("div", { class: "region-results", id: listId });
  const search = el("input", {
    type: "search", class: "region-search", id: `region-search-${n}`, placeholder: "输入地区名 e.g. 荆州", autocomplete: "off",
    "aria-controls": listId, "aria-describedby": `region-hint-${n}`,
  });
  let all = [];

  const toggle = (name) => {
    const at = picked.indexOf(name);
    if (at >= 0) picked.splice(at, 1);
    else picked.push(name);
    drawChips();
    drawResults();
    onChange([...picked]);
  };

  const regionButton = (r) => el("button", {
    type: "button", class: "region-option", "aria-pressed": picked.includes(r.name) ? "true" : "false",
    dataset: { region: r.name }, on: { click: () => toggle(r.name) },
  }, r.name, el("span", { class: "muted" }, ` ${r.policies}`));

  function drawChips() {
    replace(chips, picked.length
      ? picked.map((name) => el("button", {
        type: "button", class: "region-chip", dataset: { region: name }, "aria-label": `移除 ${name} remove`,
        on: { click: () => { toggle(name); search.focus(); } },
      }, name, el("span", { "aria-hidden": "true" }, " ×")))
      : el("span", { class: "muted" }, "未选：政策最多的 8 个地区 none chosen: the 8 regions with most policies"));
  }

  function drawResults() {
    const q = search.value.trim();
    if (!all.length) return;
    if (q) {
      const found = all.filter((r) => r.name.includes(q) || (r.province || "").includes(q));
      if (!found.length) {
        replace(results, el("p", { class: "muted", role: "status" }, `没有地区包含“${q}” no region matches`));
        return;
      }
      const shown = found.slice(0, SHOWN_MATCHES);
      replace(results, el("p", { class: "muted", role: "status" }, `${found.length} 个地区 regions match`),
        [...byProvince(shown).entries()].map(([p, rs]) => el("div", { class: "region-group", dataset: { province: p } },
          el("span", { class: "region-province" }, p), rs.map(regionButton))),
        found.length > shown.length ? el("p", { class: "muted" }, `另有 ${found.length - shown.length} 个，请输入更多字 ${found.length - shown.length} more: type more`) : null);
      return;
    }
    replace(results, [...byProvince(all).entries()].map(([p, rs]) => el("details", { class: "region-group", dataset: { province: p } },
      el("summary", {}, `${p} `, el("span", { class: "muted" }, `${rs.length} 个地区 · ${rs.reduce((a, r) => a + r.policies, 0)} 项政策`)),
      rs.map(regionButton))));
  }

  search.addEventListener("input", drawResults);
  search.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault(); // Enter picks the first match, it does not submit the form
    const first = results.querySelector("button.region-option[aria-pressed=false]");
    if (first && search.value.trim()) {
      toggle(first.dataset.region);
      search.value = "";
      drawResults();
    }
  });

  drawChips();
  replace(results, notice("加载地区 Loading regions…"));
  loadRegions().then((items) => {
    all = items;
    for (const name of picked) if (!all.some((r) => r.name === name)) all.push({ name, province: null, policies: 0 });
    drawResults();
  }).catch((e) => replace(results, notice(errorText(e), "error")));

  const element = el("fieldset", { class: "region-picker" },
    el("legend", {}, label),
    chips,
    el("label", { class: "region-search-label", for: search.id }, "搜索地区 Search regions "),
    search,
    el("p", { class: "hint", id: `region-hint-${n}` }, "输入后按 Enter 加入第一个匹配；或展开省份点选。Type and press Enter to add the first match, or open a province."),
    results);
  return { element, value: () => [...picked] };
}
