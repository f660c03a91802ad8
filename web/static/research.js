// Researchers' views (API: /api/v1/research/…): the instrument mix per region as stacked
// bars, the co-responsibility network of departments as a ranked table and a graph, and the
// diffusion of a provision across policies on a timeline. Each keeps its state in the URL and
// offers CSV/JSON (and SVG/PNG for the charts).
import { api, enc, errorText } from "./api.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar, saveText } from "./download.js";
import { CATEGORIES, functionName, instrumentTypeName } from "./labels.js";
import { go, link } from "./router.js";

const TABS = {
  mix: "政策工具结构 Instrument mix",
  network: "协同网络 Co-responsibility",
  diffusion: "政策扩散 Diffusion",
};
// Okabe–Ito colours: distinguishable with common colour-vision deficiencies
const CATEGORY_COLOURS = { supply: "#0072B2", environment: "#E69F00", demand: "#009E73", other: "#999999" };
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = String(text);
  return node;
}

/** Save an <svg> element as an SVG file or, drawn on a canvas, as PNG. */
function pictureButtons(name, getSvg) {
  const serialise = () => {
    const node = getSvg();
    if (!node) return null;
    const copy = node.cloneNode(true);
    copy.setAttribute("xmlns", SVG);
    return new XMLSerializer().serializeToString(copy);
  };
  const asSvg = el("button", { type: "button", class: "download", dataset: { format: "svg" }, on: {
    click: () => { const text = serialise(); if (text) saveText(`policykg-${name()}.svg`, text, "image/svg+xml"); },
  } }, "下载 SVG");
  const asPng = el("button", { type: "button", class: "download", dataset: { format: "png" }, on: {
    click: () => {
      const text = serialise();
      if (!text) return;
      const box = getSvg().viewBox.baseVal;
      const image = new Image();
      image.onload = () => {
        const canvas = el("canvas", { width: box.width * 2, height: box.height * 2 });
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((blob) => {
          const url = URL.createObjectURL(blob);
          const a = el("a", { href: url, download: `policykg-${name()}.png`, style: { display: "none" } });
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        }, "image/png");
      };
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    },
  } }, "下载 PNG");
  return el("span", { class: "downloads" }, asSvg, asPng);
}

function filterForm(st, tab, extra = []) {
  return el("form", {
    class: "research-form",
    on: {
      submit: (e) => {
        e.preventDefault();
        const fd = new FormData(e.target);
        const next = { view: "research", tab };
        for (const [k, v] of fd.entries()) next[k] = String(v).trim();
        go(next);
      },
    },
  },
  el("label", { class: "filter" }, "地区 regions (逗号分隔 comma-separated; 空 = 全部 all)",
    el("input", { type: "search", name: "regions", value: st.regions || "", placeholder: "荆州市,武汉市", list: "research-regions" })),
  el("datalist", { id: "research-regions" }),
  extra,
  el("button", { type: "submit", class: "primary" }, "查看 Show"));
}

function fillRegions(root) {
  api("policies", { limit: 1 }).then((p) => {
    const list = root.querySelector("#research-regions");
    if (list) replace(list, (p.facets?.region || []).map((f) => el("option", { value: f.value })));
  }).catch(() => {});
}

// --- instrument mix --------------------------------------------------------------------------

function mixChart(regions) {
  const barH = 22, gap = 8, left = 110, width = 640, top = 28;
  const height = top + regions.length * (barH + gap) + 10;
  const chart = svg("svg", { viewBox: `0 0 ${left + width + 60} ${height}`, class: "mix-chart", role: "img",
    "aria-label": "各地区政策工具类别占比 Instrument categories by region" });
  let x = left;
  for (const c of Object.keys(CATEGORIES)) {
    chart.appendChild(svg("rect", { x, y: 6, width: 12, height: 12, fill: CATEGORY_COLOURS[c] }));
    chart.appendChild(svg("text", { x: x + 16, y: 17, "font-size": 12, fill: "#1b2733" }, CATEGORIES[c]));
    x += 180;
  }
  regions.forEach((r, i) => {
    const y = top + i * (barH + gap);
    chart.appendChild(svg("text", { x: left - 6, y: y + 15, "text-anchor": "end", "font-size": 13, fill: "#1b2733" }, r.region));
    let offset = left;
    for (const [c, share] of Object.entries(r.shares || {})) {
      if (!share) continue;
      const w = share * width;
      const rect = svg("rect", { x: offset, y, width: w, height: barH, fill: CATEGORY_COLOURS[c] || CATEGORY_COLOURS.other });
      rect.appendChild(svg("title", {}, `${r.region} ${CATEGORIES[c] || c}: ${r.by_category[c]} (${Math.round(share * 100)}%)`));
      chart.appendChild(rect);
      offset += w;
    }
    chart.appendChild(svg("text", { x: left + width + 6, y: y + 15, "font-size": 12, fill: "#1b2733" }, `${r.instruments}`));
  });
  return chart;
}

async function renderMix(body, st, setData) {
  const data = await api("research/instrument-mix", { regions: st.regions, in_force_on: st.in_force_on });
  setData(data);
  if (!data.regions.length) {
    replace(body, notice("没有符合条件的政策 No policies match (check the regions and the date)."));
    return;
  }
  const types = [...new Set(data.regions.flatMap((r) => r.by_type.map((t) => t.type)))].sort();
  replace(body,
    el("figure", { class: "chart" }, mixChart(data.regions),
      el("figcaption", { class: "hint" }, "条形长度为该地区政策工具中供给型、环境型、需求型的占比；右侧为工具总数。Bars: shares of supply, environment and demand instruments; the number is the region's instrument count.")),
    el("div", { class: "matrix-wrap" }, el("table", { class: "grid mix-table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "地区 region"), el("th", { scope: "col" }, "政策 policies"),
        el("th", { scope: "col" }, "工具 instruments"),
        Object.keys(CATEGORIES).map((c) => el("th", { scope: "col" }, CATEGORIES[c])),
        types.map((t) => el("th", { scope: "col", dataset: { type: t } }, instrumentTypeName(t, data.regions.flatMap((r) => r.by_type).find((x) => x.type === t)?.name_zh))))),
      el("tbody", {}, data.regions.map((r) => el("tr", { dataset: { region: r.region } },
        el("th", { scope: "row" }, r.region), el("td", {}, r.policies), el("td", {}, r.instruments),
        Object.keys(CATEGORIES).map((c) => el("td", { dataset: { category: c } }, `${r.by_category[c]} (${Math.round((r.shares[c] || 0) * 100)}%)`)),
        types.map((t) => el("td", { dataset: { type: t } }, r.by_type.find((x) => x.type === t)?.instruments || 0))))))));
}

function mixRows(data) {
  const rows = [];
  for (const r of data?.regions || []) {
    for (const t of r.by_type) rows.push([r.region, r.policies, t.type, t.name_zh, t.category, t.instruments, t.policies, r.shares[t.category] ?? ""]);
  }
  return { columns: ["region", "region_policies", "type", "type_zh", "category", "instruments", "policies", "category_share"], rows, json: data };
}

// --- co-responsibility network ---------------------------------------------------------------

let network = null;
// The picture shows at most this many departments (those sharing most provisions); the table
// lists them all. Laying out a thousand nodes would freeze the page for seconds.
const PICTURE_NODES = 150;
// table rows put in before the page is first drawn, then per step
const FIRST_ROWS = 60;
const ROWS_PER_STEP = 400;

/** The part of the network drawn: the PICTURE_NODES strongest departments and their links. */
export function pictureOf(data) {
  if (data.nodes.length <= PICTURE_NODES) return data;
  const keep = new Set([...data.nodes].sort((a, b) => b.strength - a.strength || (a.id < b.id ? -1 : 1))
    .slice(0, PICTURE_NODES).map((n) => n.id));
  return { nodes: data.nodes.filter((n) => keep.has(n.id)), edges: data.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

function drawNetwork(box, data) {
  if (network) { network.destroy(); network = null; }
  if (typeof vis === "undefined" || !data.nodes.length) return;
  const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8c6d1f", "#444444"];
  const nodes = data.nodes.map((n) => ({
    id: n.id, label: n.name, title: `${n.name} · ${functionName(n.function)} · 合作 ${n.degree} · 共担 ${n.strength}`,
    value: n.strength, color: palette[(n.community ?? 7) % palette.length], font: { color: "#1b2733" },
  }));
  const edges = data.edges.map((e) => ({ from: e.source, to: e.target, value: e.shared, title: `共担条款 ${e.shared}` }));
  network = new vis.Network(box, { nodes, edges }, {
    nodes: { shape: "dot", scaling: { min: 6, max: 30 } },
    edges: { color: { color: "#9aa7b4" }, scaling: { min: 1, max: 8 } },
    physics: { stabilization: { iterations: 150, updateInterval: 10 }, barnesHut: { gravitationalConstant: -6000 } },
    // the physics places the nodes; the "improved" initial layout only adds a long pause first
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { keyboard: true, tooltipDelay: 100 },
  });
  network.once("stabilizationIterationsDone", () => { network.setOptions({ physics: false }); network.fit(); });
}

async function renderNetwork(body, st, setData) {
  const data = await api("research/co-responsibility", { regions: st.regions, in_force_on: st.in_force_on, limit: st.limit });
  setData(data);
  if (!data.nodes.length) {
    replace(body, notice("这些政策中没有共同负责的部门 No departments share a provision in these policies."));
    return;
  }
  const canvas = el("div", { class: "network research-network", role: "img", "aria-label": "部门协同网络 Co-responsibility network; the table lists the same departments" });
  const estimate = betweennessNote(data.betweenness);
  const tbody = el("tbody", {});
  replace(body,
    el("p", { class: "hint" }, `${data.nodes.length} 个部门, ${data.edges.length} 条协同关系, ${data.communities} 个社群${data.truncated ? " (仅显示最强的关系 strongest links only)" : ""}.${data.nodes.length > PICTURE_NODES ? ` 图中为共担条款最多的 ${PICTURE_NODES} 个部门，表中为全部。The picture shows the ${PICTURE_NODES} departments sharing most provisions; the table lists all.` : ""} 颜色为社群 Colour = community; 大小为共担条款数 size = shared provisions.`),
    estimate ? el("p", { class: "hint betweenness-estimate" }, estimate) : null,
    el("div", { class: "research-split" },
      el("div", { class: "network-wrap" }, canvas),
      el("div", { class: "matrix-wrap" }, el("table", { class: "grid network-table" },
        el("thead", {}, el("tr", {}, ["#", "部门 department", "职能 function", "合作部门 partners", "共担条款 shared",
          estimate ? "中介中心度 betweenness (估计 estimated)" : "中介中心度 betweenness", "社群 community"]
          .map((h) => el("th", { scope: "col" }, h)))),
        tbody))));
  // The table's first rows first, the rest and then the picture once those are on screen: laying
  // out a thousand rows and the picture's physics each hold the page for a moment. Nothing more
  // is drawn if the reader has moved on meanwhile.
  const row = (n, i) => el("tr", { dataset: { id: n.id } },
    el("td", {}, i + 1), el("th", { scope: "row" }, link({ view: "graph", node: n.id }, n.name)),
    el("td", {}, functionName(n.function)), el("td", {}, n.degree), el("td", {}, n.strength),
    el("td", {}, n.betweenness.toFixed(3)), el("td", {}, n.community ?? "—"));
  const later = (fn) => requestAnimationFrame(() => setTimeout(() => { if (canvas.isConnected) fn(); }, 0));
  const addRows = (from) => {
    const to = Math.min(data.nodes.length, from + (from ? ROWS_PER_STEP : FIRST_ROWS));
    tbody.append(...data.nodes.slice(from, to).map((n, i) => row(n, from + i)));
    if (to < data.nodes.length) later(() => addRows(to));
    else {
      tbody.dataset.complete = "true";
      later(() => drawNetwork(canvas, pictureOf(data)));
    }
  };
  addRows(0);
}

/** What the answer says is estimated, in words; "" when betweenness was computed exactly. */
export function betweennessNote(b) {
  if (!b?.estimated) return "";
  return `中介中心度为估计值：以 ${b.sources} 个（共 ${b.departments} 个）部门为起点抽样计算。`
    + `Betweenness is estimated from shortest paths starting at ${b.sources} sampled departments of ${b.departments} (fixed seed); the other columns are exact.`;
}

function networkRows(data) {
  return {
    columns: ["id", "name", "function", "degree", "strength", "betweenness", "community"],
    rows: (data?.nodes || []).map((n) => [n.id, n.name, n.function, n.degree, n.strength, n.betweenness, n.community]),
    json: data,
  };
}

// --- diffusion -------------------------------------------------------------------------------

function timeline(items) {
  const dated = items.filter((i) => i.date);
  const width = 760, left = 40, right = 40, rowH = 26, top = 30;
  const height = top + dated.length * rowH + 30;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline-chart", role: "img",
    "aria-label": "相似条款按政策日期排列 Similar provisions by the date of their policy" });
  if (!dated.length) return chart;
  const times = dated.map((i) => Date.parse(i.date));
  const min = Math.min(...times), max = Math.max(...times);
  const span = Math.max(max - min, 1);
  const xOf = (t) => left + ((t - min) / span) * (width - left - right - 200);
  chart.appendChild(svg("line", { x1: left, x2: width - right - 200, y1: top - 10, y2: top - 10, stroke: "#5b6b7b" }));
  chart.appendChild(svg("text", { x: left, y: top - 16, "font-size": 11, fill: "#1b2733" }, dated[0].date));
  chart.appendChild(svg("text", { x: width - right - 200, y: top - 16, "font-size": 11, "text-anchor": "end", fill: "#1b2733" }, dated[dated.length - 1].date));
  dated.forEach((item, i) => {
    const x = xOf(Date.parse(item.date)), y = top + i * rowH + 8;
    chart.appendChild(svg("circle", { cx: x, cy: y, r: item.step === 0 ? 7 : 5, fill: item.step === 0 ? "#D55E00" : "#0072B2" }));
    chart.appendChild(svg("text", { x: x + 10, y: y + 4, "font-size": 12, fill: "#1b2733" },
      `${item.date} ${item.region || ""} ${item.label || ""}`));
  });
  return chart;
}

async function renderDiffusion(body, st, setData) {
  if (!st.clause) {
    replace(body, notice("输入条款标识，或在条款页点击“扩散”。Enter a clause id, or open one from a clause's page."));
    return;
  }
  const data = await api(`research/diffusion/${enc(st.clause)}`, { depth: st.depth });
  setData(data);
  const policyTitle = Object.fromEntries(data.items.map((i) => [i.policy_id, i.policy_title]));
  replace(body,
    el("p", { class: "hint" }, data.items.length > 1
      ? `${data.policies} 项政策中的 ${data.items.length} 个相似条款，按政策日期排序；最早者为首创。${data.items.length} similar provisions in ${data.policies} policies, by date: the earliest adopted first.`
      : "没有找到其他政策中的相似条款 No similar provision in other loaded policies."),
    el("figure", { class: "chart" }, timeline(data.items)),
    el("ol", { class: "diffusion-list" }, data.items.map((i) => el("li", { dataset: { clause: i.clause_id, step: i.step } },
      el("strong", {}, i.date || "日期不详 date unknown"), " · ", i.region || "", " · ",
      link({ view: "clause", id: i.clause_id }, `${i.label || ""} ${i.policy_title || ""}`),
      i.step === 0 ? el("span", { class: "type-badge" }, "本条 this provision") : [el("span", { class: "muted" }, ` 相似度 ${i.score?.toFixed(2) ?? "—"} (第${i.step}步) `),
        link({ view: "pair", a: data.origin, b: i.clause_id }, "对照 side by side")],
      el("div", { class: "quote" }, i.text)))),
    el("h3", {}, "引用关系 Citations among these policies"),
    data.citations.length
      ? el("ul", { class: "citation-list" }, data.citations.map((c) => el("li", {}, `${policyTitle[c.start] || c.start} → ${policyTitle[c.end] || c.end}`)))
      : el("p", { class: "muted" }, "无 none"));
}

function diffusionRows(data) {
  return {
    columns: ["date", "region", "policy_title", "clause_label", "clause_id", "step", "score", "text"],
    rows: (data?.items || []).map((i) => [i.date, i.region, i.policy_title, i.label, i.clause_id, i.step, i.score, i.text]),
    json: data,
  };
}

// --- the view --------------------------------------------------------------------------------

/** Leave the research view: free the network canvas. */
export function leaveResearch() {
  if (network) { network.destroy(); network = null; }
}

/** Render the research view for state st (tab, regions, in_force_on, limit, clause, depth). */
export async function renderResearch(root, st) {
  const tab = st.tab in TABS ? st.tab : "mix";
  let data = null;
  const setData = (d) => { data = d; };
  const body = el("div", { class: "research-body" }, notice("加载中 Loading…"));
  const extra = tab === "network"
    ? el("label", { class: "filter" }, "最强关系数 links", el("input", { type: "number", name: "limit", min: 1, max: 5000, value: st.limit || 2000, class: "limit" }))
    : tab === "diffusion"
      ? [el("label", { class: "filter" }, "条款标识 clause id", el("input", { type: "search", name: "clause", value: st.clause || "", size: 50 })),
        el("label", { class: "filter" }, "步数 steps", el("select", { name: "depth" },
          ["2", "1"].map((d) => el("option", { value: d, selected: (st.depth || "2") === d }, d))))]
      : [];
  const form = tab === "diffusion"
    ? el("form", { class: "research-form", on: { submit: (e) => {
      e.preventDefault();
      const fd = new FormData(e.target);
      go({ view: "research", tab, clause: String(fd.get("clause")).trim(), depth: fd.get("depth") });
    } } }, extra, el("button", { type: "submit", class: "primary" }, "查看 Show"))
    : filterForm(st, tab, extra);
  const chartSvg = () => body.querySelector("svg.mix-chart, svg.timeline-chart");
  const rows = { mix: mixRows, network: networkRows, diffusion: diffusionRows }[tab];
  const name = () => `research-${tab}-${st.regions || st.clause || "all"}`;
  replace(root, el("section", { class: "view view-research" },
    el("h2", { class: "view-title" }, "研究视图 Research views"),
    el("nav", { class: "tabs", "aria-label": "研究视图 research views" }, Object.entries(TABS).map(([key, label]) =>
      link({ view: "research", tab: key, regions: key === "diffusion" ? undefined : st.regions }, label))),
    el("div", { class: "toolbar" }, form, el("span", { class: "grow" }),
      downloadBar(name, () => rows(data)), tab !== "network" ? pictureButtons(name, chartSvg) : null),
    body));
  for (const a of root.querySelectorAll("nav.tabs a")) {
    if (new URL(a.href).searchParams.get("tab") === tab) a.setAttribute("aria-current", "page");
  }
  fillRegions(root);
  try {
    if (tab === "mix") await renderMix(body, st, setData);
    else if (tab === "network") await renderNetwork(body, st, setData);
    else await renderDiffusion(body, st, setData);
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
  }
}
