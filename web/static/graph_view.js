// The graph browser: search for a start node, draw its neighbourhood with vis-network,
// click to see details, double-click to expand, filter by region / function /
// instrument type / beneficiary. The layout is computed once (seeded positions, then a
// capped number of physics iterations) and frozen, so 1,000+ nodes stay interactive.
import { api, enc, errorText } from "./api.js";
import { renderNodeDetails } from "./details.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { imageButtons } from "./graph_export.js";
import { FONT_STACK, legend, nodeStyle } from "./graph_style.js";
import {
  beneficiaryName, functionName, instrumentTypeName, loadVocabularies, NODE_TYPES, nodeLabel, nodeType, REL_TYPES,
  shortNodeLabel, typeName,
} from "./labels.js";
import { go, update } from "./router.js";

export const DEFAULT_LIMIT = 50;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const BIG = 400; // above this many nodes: smaller fonts, no edge labels, edges hidden while dragging
const FILTERS = [
  { key: "type", param: "f_type", label: "节点类型 node type" },
  { key: "region", param: "f_region", label: "地区 region" },
  { key: "function", param: "f_function", label: "部门职能 function" },
  { key: "itype", param: "f_itype", label: "工具类型 instrument type" },
  { key: "beneficiary", param: "f_beneficiary", label: "受益对象 beneficiary" },
];
const LIST_SEP = "\n";
const LIMIT_SEP = "\t";

/** Physics iterations allowed before the layout is frozen: fewer for bigger graphs. */
export function stabilizationIterations(n) {
  // each iteration costs ~n log n; new nodes start on a seeded spiral, so few are needed
  if (n <= 150) return 200;
  if (n <= 600) return 100;
  if (n <= 1500) return 40;
  return 20;
}

/** The vis-network options of the page for a graph of n nodes. */
export function networkOptions(n) {
  const big = n > BIG;
  return {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: {
      enabled: true,
      solver: "barnesHut",
      barnesHut: { theta: 0.7, gravitationalConstant: -3000, centralGravity: 0.15, springLength: 110, springConstant: 0.04, damping: 0.45, avoidOverlap: big ? 0 : 0.15 },
      maxVelocity: 40,
      minVelocity: 1,
      timestep: 0.5,
      adaptiveTimestep: false,
      stabilization: { enabled: true, iterations: stabilizationIterations(n), updateInterval: 25, fit: true },
    },
    nodes: { font: { face: FONT_STACK } },
    edges: {
      smooth: false,
      arrows: { to: { enabled: true, scaleFactor: 0.35 } },
      color: { color: "#b7c0c9", highlight: "#34495e", hover: "#34495e", inherit: false },
      width: 1,
      font: { face: FONT_STACK, size: 9, color: "#6b7785", strokeWidth: 2, align: "middle" },
    },
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big, navigationButtons: false, keyboard: false, multiselect: false },
  };
}

function parseExpanded(value) {
  const out = new Map();
  for (const item of (value || "").split(LIST_SEP)) {
    if (!item) continue;
    const [id, limit] = item.split(LIMIT_SEP);
    out.set(id, Number(limit) || null);
  }
  return out;
}

function tooltip(name, type, attrs) {
  // A DOM element built from text nodes: vis-network never parses it as HTML.
  return el("div", { class: "graph-tip" },
    el("strong", {}, typeName(type)), el("br"), name,
    attrs.region ? [el("br"), `地区 ${attrs.region}`] : null,
    attrs.function ? [el("br"), `职能 ${functionName(attrs.function)}`] : null);
}

let live = null;

/** Tear down the live network when leaving the view. */
export function leaveGraph() {
  if (live) live.destroy();
  live = null;
}

/** Render the graph view for the URL state st into root. */
export function renderGraphView(root, st) {
  leaveGraph();
  live = new GraphExplorer(root, st);
  return live;
}

class GraphExplorer {
  constructor(root, st) {
    this.st = st;
    this.limit = Math.max(1, Math.min(5000, Number(st.limit) || DEFAULT_LIMIT));
    this.depth = Math.max(1, Math.min(3, Number(st.depth) || 1));
    this.raw = new Map();
    this.attrs = new Map();
    this.adj = new Map();
    this.expanded = new Map();
    this.more = new Map();
    this.filters = Object.fromEntries(FILTERS.map((f) => [f.key, st[f.param] || ""]));
    this.hidden = new Set((st.hide || "").split(",").filter(Boolean));
    this.asList = st.as === "list";
    this.pathEnds = { from: st.pfrom || "", to: st.pto || "" };
    this.maxHops = Math.max(1, Math.min(6, Number(st.hops) || 4));
    this.onPath = new Set();
    this.policyTitles = new Map();
    this.mode = st.fmode === "hide" ? "hide" : "dim";
    this.network = null;
    this.detailsAbort = null;
    this.build(root);
    window.policykgGraph = this;
    // the start node's neighbourhood is asked for at once, alongside the names it is labelled
    // with, rather than after them: one round trip less before the picture
    const start = st.node || (st.pfrom && st.pto ? st.pfrom : "");
    const expanded = st.node ? parseExpanded(st.expand) : new Map();
    const first = start ? this.fetchNeighbourhood(start, this.expandedLimit(start, expanded), this.depth) : null;
    if (first) first.catch(() => {}); // load() reports its failure
    const ready = Promise.all([loadVocabularies(), this.loadPolicyTitles()]);
    ready.then(() => {
      if (window.policykgGraph !== this) return;
      this.renderPathBar();
      if (start) this.load(start, expanded, st.node ? st.sel || st.node : start, first);
      else this.showStart();
    });
  }

  async loadPolicyTitles() {
    try {
      const data = await api("policies", { limit: 500 });
      for (const p of data.items || []) this.policyTitles.set(p.id, p.title);
    } catch {
      // labels then name clauses without their policy
    }
  }

  policyTitle(id) {
    return this.policyTitles.get(id) || this.raw.get(id)?.properties?.title || null;
  }

  label(id) {
    const node = this.raw.get(id);
    return node ? nodeLabel(node, (pid) => this.policyTitle(pid)) : "";
  }

  destroy() {
    clearTimeout(this.freezeTimer);
    clearTimeout(this.searchTimer);
    if (this.network) this.network.destroy();
    this.network = null;
    if (window.policykgGraph === this) window.policykgGraph = null;
  }

  // ----- layout of the view -----
  build(root) {
    this.searchInput = el("input", {
      type: "search", name: "q", placeholder: "搜索部门、政策、条款、地区… Search departments, policies, clauses, regions",
      "aria-label": "搜索起始节点 Search for a start node", autocomplete: "off", value: this.st.q || "",
      on: { input: () => { clearTimeout(this.searchTimer); this.searchTimer = setTimeout(() => this.search(), 300); } },
    });
    this.results = el("ul", { class: "search-results", role: "listbox" });
    const form = el("form", { class: "search", role: "search", on: { submit: (e) => { e.preventDefault(); this.search(); } } },
      this.searchInput, el("button", { type: "submit" }, "搜索 Search"), this.results);
    this.limitInput = el("input", { type: "number", min: "1", max: "5000", value: String(this.limit), class: "limit", "aria-label": "每次展开的邻居数 neighbours per expansion" });
    this.limitInput.addEventListener("change", () => {
      this.limit = Math.max(1, Math.min(5000, Number(this.limitInput.value) || DEFAULT_LIMIT));
      update({ limit: this.limit === DEFAULT_LIMIT ? "" : String(this.limit) });
    });
    const toolbar = el("div", { class: "toolbar" }, form,
      el("label", { class: "inline" }, "每次展开 neighbours per expansion ", this.limitInput),
      el("button", { type: "button", on: { click: () => this.fit() } }, "适应窗口 Fit"),
      el("button", { type: "button", on: { click: () => this.relayout() } }, "重新布局 Re-layout"),
      this.listToggle = el("button", { type: "button", class: "as-list", "aria-pressed": this.asList ? "true" : "false",
        on: { click: () => this.setList(!this.asList) } }, "列表视图 List view"),
      downloadBar(() => `graph-${this.fileStem()}`, () => this.exportData()),
      imageButtons(() => `graph-${this.fileStem()}`, () => this.imageData()));
    this.pathBar = el("div", { class: "path-bar", role: "group", "aria-label": "最短路径 shortest path" });

    this.filterBox = el("div", { class: "filters" });
    this.legendBox = el("div", {});
    this.container = el("div", { class: "network", id: "network", dataset: { state: "empty" }, tabindex: "0",
      role: "img", "aria-label": "关系图 graph (键盘用户请用“列表视图” keyboard users: use the List view)" });
    this.list = el("div", { class: "graph-list", id: "graph-list", hidden: !this.asList });
    this.progress = el("div", { class: "progress", role: "status" });
    this.details = el("aside", { class: "details", id: "details", "aria-live": "polite" },
      notice("单击节点查看详情，双击展开邻居。Click a node for details; double-click to expand its neighbours."));
    this.statusLine = el("p", { class: "graph-status", role: "status" });
    replace(root, el("section", { class: "view view-graph" },
      el("h2", { class: "view-title" }, "关系图浏览 Graph browser"),
      toolbar,
      this.pathBar,
      el("div", { class: "graph-layout" },
        el("div", { class: `network-wrap${this.asList ? " as-list" : ""}` }, this.container, this.progress, this.list),
        this.details,
        el("aside", { class: "sidebar" }, this.filterBox, this.legendBox)),
      this.statusLine));
    this.wrap = this.container.parentElement;
    this.renderFilters();
    this.renderPathBar();
  }

  async showStart() {
    replace(this.details, el("div", {},
      el("h3", {}, "从这里开始 Start here"),
      el("p", {}, "在上方搜索框输入部门、政策或地区名称，例如 “市科技局”、“荆州”。Type a department, policy or region name above."),
      el("div", { class: "start-points" }, notice("加载中 Loading…"))));
    try {
      const data = await api("policies", { limit: 50 });
      const box = this.details.querySelector(".start-points");
      replace(box, el("h4", {}, "已载入的政策 Loaded policies"),
        el("ul", {}, (data.items || []).map((p) => el("li", {},
          el("button", { type: "button", class: "linkish", on: { click: () => go({ view: "graph", node: p.id }) } }, p.title || p.id),
          p.region ? el("span", { class: "muted" }, ` ${p.region}`) : null))));
    } catch (e) {
      replace(this.details.querySelector(".start-points"), notice(errorText(e), "error"));
    }
  }

  async search() {
    const q = this.searchInput.value.trim();
    if (!q) { replace(this.results); return; }
    try {
      const data = await api("graph/search", { q });
      const items = data.items || [];
      replace(this.results, items.length ? items.map((item) => {
        const t = nodeType(item.type);
        return el("li", { role: "option" }, el("button", {
          type: "button", class: "result", dataset: { id: item.id },
          // a chosen path end stays chosen, so a path can join two distant nodes
          on: { click: () => { replace(this.results); go({ view: "graph", node: item.id, q, pfrom: this.pathEnds.from, pto: this.pathEnds.to, as: this.asList ? "list" : "" }); } },
        }, el("span", { class: `type-badge type-${t}` }, typeName(t)), " ", item.label || typeName(t)));
      }) : el("li", { class: "muted" }, `没有找到 “${q}” Nothing found`));
    } catch (e) {
      replace(this.results, el("li", {}, notice(errorText(e), "error")));
    }
  }

  // ----- data -----
  derive(node) {
    const p = node.properties || {};
    const t = nodeType(node.type);
    const idTail = String(node.id).split(":").pop();
    const policy = p.policy_id ? this.raw.get(p.policy_id) : null;
    return {
      type: t,
      region: p.region || (t === "region" ? p.name || node.label : null) || policy?.properties?.region || null,
      function: p.function || (t === "function" ? p.code || idTail : null),
      itype: t === "instrument" ? p.instrument_type || p.type || null : t === "instrument_type" ? p.code || idTail : null,
      itypeZh: t === "instrument" ? p.type_zh || null : t === "instrument_type" ? p.name_zh || node.label : null,
      beneficiary: t === "instrument" ? p.beneficiary || null : t === "beneficiary" ? p.code || idTail : null,
      beneficiaryZh: t === "instrument" ? p.beneficiary_zh || null : t === "beneficiary" ? p.name_zh || node.label : null,
    };
  }

  visNode(node, attrs, position) {
    const big = this.raw.size > BIG;
    const len = attrs.type === "policy" ? 16 : attrs.type === "clause" || attrs.type === "instrument" ? 20 : 14;
    const name = this.label(node.id);
    return {
      id: node.id,
      label: shortNodeLabel(node, (pid) => this.policyTitle(pid), len),
      title: tooltip(name, attrs.type, attrs),
      ...nodeStyle(attrs.type, attrs, { big }),
      ...(position ? { x: position.x, y: position.y } : {}),
    };
  }

  addResult(result, parentId) {
    const fresh = [];
    for (const n of result.nodes || []) {
      if (!n || n.id === undefined || n.id === null) continue;
      if (!this.raw.has(n.id)) fresh.push(n);
      this.raw.set(n.id, n);
    }
    for (const n of fresh) this.attrs.set(n.id, this.derive(n));
    const newEdgesFor = (result.edges || []).filter((e) => this.raw.has(e.from) && this.raw.has(e.to));
    for (const e of newEdgesFor) {
      // a department's region is the Region node it is IN_REGION of
      if (e.type !== "IN_REGION") continue;
      const a = this.attrs.get(e.from);
      const r = this.attrs.get(e.to);
      if (a && r && r.type === "region" && !a.region) a.region = r.region;
    }
    // owned nodes inherit their policy's region once the policy is known
    for (const [id, a] of this.attrs) if (!a.region) a.region = this.derive(this.raw.get(id)).region;

    const newEdges = [];
    const seen = new Set();
    for (const e of result.edges || []) {
      // edge ids are only unique within one answer, so the key is built from the ends
      const id = `${e.from}|${e.type}|${e.to}`;
      if (seen.has(id) || this.edges.get(id) || !this.raw.has(e.from) || !this.raw.has(e.to)) continue;
      seen.add(id);
      for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
        if (!this.adj.has(a)) this.adj.set(a, new Set());
        this.adj.get(a).add(b);
      }
      newEdges.push({ id, from: e.from, to: e.to, type: e.type, label: "", title: REL_TYPES[e.type] || e.label || e.type || "" });
    }
    const positions = this.placeNew(fresh.map((n) => n.id), parentId);
    this.nodes.add(fresh.map((n) => this.visNode(n, this.attrs.get(n.id), positions.get(n.id))));
    this.edges.add(newEdges);
    if (this.raw.size <= 150) {
      // edge labels only while they stay readable
      this.edges.update(this.edges.get().map((e) => ({ id: e.id, label: (REL_TYPES[e.type] || e.type || "").split(" ")[0] })));
    } else if (this.edges.length && this.edges.get()[0].label) {
      this.edges.update(this.edges.get().map((e) => ({ id: e.id, label: "" })));
    }
    return fresh.length;
  }

  positionsOf(ids) {
    if (this.network) return this.network.getPositions(ids);
    const out = {};
    for (const n of this.nodes.get(ids ? { filter: (x) => ids.includes(x.id) } : undefined)) if (n.x !== undefined) out[n.id] = { x: n.x, y: n.y };
    return out;
  }

  // New nodes go on a sunflower spiral around their parent, pushed away from the graph's
  // centre, so few physics iterations are needed to untangle them.
  placeNew(ids, parentId) {
    const out = new Map();
    if (!ids.length) return out;
    let centre = { x: 0, y: 0 };
    let outward = { x: 0, y: 0 };
    const pos = parentId ? this.positionsOf([parentId])[parentId] : null;
    if (pos) {
      centre = pos;
      const all = Object.values(this.positionsOf());
      const mean = all.reduce((acc, p) => ({ x: acc.x + p.x / all.length, y: acc.y + p.y / all.length }), { x: 0, y: 0 });
      const dx = pos.x - mean.x;
      const dy = pos.y - mean.y;
      const d = Math.hypot(dx, dy);
      if (d > 1) outward = { x: (dx / d) * 80, y: (dy / d) * 80 };
    }
    const seeds = ids.filter((id) => id !== parentId);
    const spacing = seeds.length > 200 ? 28 : 45;
    seeds.forEach((id, i) => {
      const r = spacing * Math.sqrt(i + 2);
      const a = i * GOLDEN_ANGLE;
      out.set(id, { x: centre.x + outward.x + r * Math.cos(a), y: centre.y + outward.y + r * Math.sin(a) });
    });
    if (ids.includes(parentId)) out.set(parentId, { x: centre.x, y: centre.y });
    return out;
  }

  async fetchNeighbourhood(id, limit, depth = 1) {
    return api(`graph/${enc(id)}`, { depth, limit });
  }

  async load(startId, expanded, selectId, asked = null) {
    const t0 = performance.now();
    this.setState("loading");
    this.progress.textContent = "加载中 Loading…";
    let result;
    try {
      result = await (asked || this.fetchNeighbourhood(startId, this.expandedLimit(startId, expanded), this.depth));
    } catch (e) {
      this.setState("error");
      this.progress.textContent = "";
      replace(this.details, notice(errorText(e), "error"), el("p", {}, "请用上方搜索框选择起始节点。Pick a start node with the search box above."));
      return;
    }
    const tFetched = performance.now();
    this.nodes = new vis.DataSet();
    this.edges = new vis.DataSet();
    this.addResult(result, startId);
    this.noteMore(startId, result, this.expandedLimit(startId, expanded));
    for (const [id, limit] of expanded) {
      if (id === startId) continue;
      this.expanded.set(id, limit);
    }
    if (expanded.has(startId)) this.expanded.set(startId, expanded.get(startId));
    // replay the expansions recorded in the URL before the one layout run
    for (const [id, limit] of expanded) {
      if (id === startId || !this.raw.has(id)) continue;
      try {
        const r = await this.fetchNeighbourhood(id, limit || this.limit);
        this.addResult(r, id);
        this.noteMore(id, r, limit || this.limit);
      } catch {
        this.expanded.delete(id);
      }
    }
    this.startId = startId;
    // the details of the selected node are asked for first, and shown while the picture is laid out
    const chosen = selectId && this.raw.has(selectId) ? selectId : startId;
    this.selected = chosen;
    this.showDetails(chosen);
    const n = this.nodes.length;
    const options = networkOptions(n);
    this.iterations = options.physics.stabilization.iterations;
    this.network = new vis.Network(this.container, { nodes: this.nodes, edges: this.edges }, options);
    this.bindEvents();
    this.renderFilters();
    this.applyFilters();
    this.network.selectNodes([chosen]);
    this.markListSelection();
    this.afterLayout(() => {
      const tReady = performance.now();
      this.timing = { nodes: n, edges: this.edges.length, iterations: this.iterations, fetchMs: tFetched - t0, layoutMs: tReady - tFetched, totalMs: tReady - t0, readyAt: tReady };
      this.updateStatus();
      if (this.selected && this.raw.has(this.selected)) this.network.selectNodes([this.selected]);
      if (this.pathEnds.from && this.pathEnds.to) this.findPath({ record: false });
    });
  }

  expandedLimit(id, expanded) {
    return (expanded && expanded.get(id)) || this.limit;
  }

  noteMore(id, result, limit) {
    const total = Number(result.total_neighbours);
    if (result.truncated) this.more.set(id, { limit, total: Number.isFinite(total) ? total : null });
    else this.more.delete(id);
  }

  bindEvents() {
    const net = this.network;
    net.on("stabilizationProgress", (p) => {
      this.progress.textContent = `布局中 Laying out… ${Math.round((100 * p.iterations) / p.total)}%`;
    });
    net.on("stabilizationIterationsDone", () => this.freeze());
    net.on("click", (p) => {
      if (p.nodes.length) this.select(p.nodes[0]);
    });
    net.on("doubleClick", (p) => {
      if (p.nodes.length) this.expand(p.nodes[0]);
    });
  }

  // Runs callback once the layout is frozen. A timer guarantees it even when vis emits
  // no stabilisation event (e.g. a graph of one node).
  afterLayout(callback) {
    this.setState("stabilizing");
    this.onFrozen = callback;
    clearTimeout(this.freezeTimer);
    this.freezeTimer = setTimeout(() => this.freeze(), 4000);
  }

  freeze() {
    clearTimeout(this.freezeTimer);
    if (!this.network) return;
    this.network.setOptions({ physics: { enabled: false } });
    this.network.stopSimulation();
    if (this.fixedDuringExpand) {
      this.nodes.update(this.fixedDuringExpand.map((id) => ({ id, fixed: false })));
      this.fixedDuringExpand = null;
    }
    this.progress.textContent = "";
    this.setState("ready");
    this.updateStatus();
    const cb = this.onFrozen;
    this.onFrozen = null;
    if (cb) cb();
  }

  setState(s) {
    this.container.dataset.state = s;
    this.container.dataset.nodes = String(this.nodes ? this.nodes.length : 0);
  }

  // Bounded re-layout: only the given nodes move (the others are pinned), then freeze.
  settle(movingIds, callback) {
    const moving = new Set(movingIds);
    const pinned = this.nodes.getIds().filter((id) => !moving.has(id));
    this.fixedDuringExpand = pinned;
    this.nodes.update(pinned.map((id) => ({ id, fixed: true })));
    this.network.setOptions({ physics: { enabled: true, stabilization: { fit: false } } });
    this.afterLayout(callback);
    this.network.stabilize(Math.min(120, stabilizationIterations(this.nodes.length)));
  }

  relayout() {
    if (!this.network) return;
    this.network.setOptions({ physics: { enabled: true, stabilization: { fit: true } } });
    this.afterLayout(() => {});
    this.network.stabilize(stabilizationIterations(this.nodes.length));
  }

  async expand(id, limit = null) {
    if (!this.network || this.container.dataset.state === "loading") return;
    const lim = limit || this.expanded.get(id) || this.limit;
    this.setState("loading");
    this.progress.textContent = "展开中 Expanding…";
    let result;
    try {
      result = await this.fetchNeighbourhood(id, lim);
    } catch (e) {
      this.progress.textContent = "";
      this.setState("ready");
      replace(this.details, notice(errorText(e), "error"));
      return;
    }
    const before = new Set(this.nodes.getIds());
    const added = this.addResult(result, id);
    this.expanded.set(id, lim);
    this.noteMore(id, result, lim);
    this.recordExpanded();
    this.renderFilters();
    this.applyFilters();
    const fresh = this.nodes.getIds().filter((x) => !before.has(x));
    // the new nodes are placed around the parent, possibly off screen: fit the view to show them
    const done = () => { this.fit(); this.updateStatus(); if (this.selected === id) this.select(id, { record: false }); };
    if (added) this.settle(fresh, done);
    else { this.progress.textContent = ""; this.setState("ready"); done(); }
  }

  fit() {
    if (this.network) this.network.fit({ animation: false });
  }

  fileStem() {
    const start = this.startId ? this.label(this.startId) : "";
    return start || "empty";
  }

  showMore(id) {
    const info = this.more.get(id);
    const current = (info && info.limit) || this.expanded.get(id) || this.limit;
    const next = info && info.total ? Math.min(info.total, current + this.limit) : current + this.limit;
    this.expand(id, next);
  }

  recordExpanded() {
    const value = [...this.expanded.entries()].map(([id, lim]) => (lim && lim !== this.limit ? `${id}${LIMIT_SEP}${lim}` : id)).join(LIST_SEP);
    update({ expand: value });
  }

  select(id, { record = true } = {}) {
    if (!this.raw.has(id) || !this.network) return;
    this.selected = id;
    this.network.selectNodes([id]);
    if (record) update({ sel: id === this.startId ? "" : id });
    this.showDetails(id);
    this.markListSelection();
  }

  /** The details panel of node id: its actions, and what the API says of it. */
  showDetails(id) {
    const node = this.raw.get(id);
    if (this.detailsAbort) this.detailsAbort.abort();
    this.detailsAbort = new AbortController();
    const more = this.more.get(id);
    const shown = (this.adj.get(id) || new Set()).size;
    const actions = el("div", { class: "node-actions" },
      el("button", { type: "button", class: "expand", on: { click: () => this.expand(id) } },
        this.expanded.has(id) || id === this.startId ? "刷新邻居 Reload neighbours" : "展开邻居 Expand neighbours"),
      more ? el("button", { type: "button", class: "show-more", on: { click: () => this.showMore(id) } },
        `显示更多 Show more (${shown}/${more.total ?? "?"})`) : null,
      id !== this.startId ? el("button", { type: "button", on: { click: () => go({ view: "graph", node: id }) } }, "以此为起点 Start from here") : null,
      el("button", { type: "button", class: "path-from", on: { click: () => this.setPathEnd("from", id) } }, "路径起点 Path from here"),
      el("button", { type: "button", class: "path-to", on: { click: () => this.setPathEnd("to", id) } }, "路径终点 Path to here"));
    const panel = el("div", {});
    replace(this.details, actions, panel);
    renderNodeDetails(panel, { ...node, label: this.label(id) }, { signal: this.detailsAbort.signal });
  }

  // ----- filters -----
  optionValues() {
    const values = { type: new Map(), region: new Map(), function: new Map(), itype: new Map(), beneficiary: new Map() };
    for (const a of this.attrs.values()) {
      if (a.region) values.region.set(a.region, a.region);
      if (a.function) values.function.set(a.function, functionName(a.function));
      if (a.itype) values.itype.set(a.itype, instrumentTypeName(a.itype, a.itypeZh));
      if (a.beneficiary) values.beneficiary.set(a.beneficiary, beneficiaryName(a.beneficiary, a.beneficiaryZh));
    }
    return values;
  }

  renderFilters() {
    const values = this.optionValues();
    values.type = new Map([...new Set([...this.attrs.values()].map((a) => a.type))].map((t) => [t, typeName(t)]));
    const selects = FILTERS.map((f) => {
      const opts = new Map(values[f.key]);
      if (this.filters[f.key] && !opts.has(this.filters[f.key])) opts.set(this.filters[f.key], this.filters[f.key]);
      const select = el("select", { name: f.param, dataset: { filter: f.key }, on: { change: (e) => this.setFilter(f, e.target.value) } },
        el("option", { value: "" }, "全部 all"),
        [...opts.entries()].sort((a, b) => String(a[1]).localeCompare(String(b[1]), "zh")).map(([v, label]) =>
          el("option", { value: v, selected: v === this.filters[f.key] }, label)));
      return el("label", { class: "filter" }, f.label, select);
    });
    const mode = el("fieldset", { class: "filter-mode" }, el("legend", {}, "不符合的节点 Non-matching nodes"),
      ["dim", "hide"].map((m) => el("label", {}, el("input", {
        type: "radio", name: "fmode", value: m, checked: this.mode === m,
        on: { change: () => { this.mode = m; update({ fmode: m === "dim" ? "" : m }); this.applyFilters(); } },
      }), m === "dim" ? "淡化 dim" : "隐藏 hide")));
    replace(this.filterBox, el("h3", {}, "筛选 Filters"), selects, mode);
    const types = new Set([...this.attrs.values()].map((a) => a.type));
    const functions = new Set([...this.attrs.values()].filter((a) => a.type === "department" && a.function).map((a) => a.function));
    const counts = new Map();
    for (const a of this.attrs.values()) counts.set(a.type, (counts.get(a.type) || 0) + 1);
    replace(this.legendBox, legend(types, functions, values.itype, { hidden: this.hidden, counts, onToggle: (key) => this.toggleType(key) }));
  }

  toggleType(key) {
    if (this.hidden.has(key)) this.hidden.delete(key);
    else this.hidden.add(key);
    update({ hide: [...this.hidden].sort().join(",") });
    this.applyFilters();
    this.renderFilters();
    const button = this.legendBox.querySelector(`button[data-key="${CSS.escape(key)}"]`);
    if (button) button.focus();
  }

  // Hidden by the legend: its type, its function (departments) or its instrument type.
  legendHidden(id) {
    const a = this.attrs.get(id);
    if (!a) return false;
    if (this.hidden.has(a.type)) return true;
    if (a.type === "department" && a.function && this.hidden.has(`f:${a.function}`)) return true;
    return (a.type === "instrument" || a.type === "instrument_type") && a.itype && this.hidden.has(`i:${a.itype}`);
  }

  setFilter(f, value) {
    this.filters[f.key] = value;
    update({ [f.param]: value });
    this.applyFilters();
  }

  // A node matches a filter when its own attribute matches, or, lacking that attribute
  // (a clause has no function), when a neighbour's does.
  matches(id, key, value) {
    const own = this.attrs.get(id)?.[key];
    if (own) return own === value;
    for (const nb of this.adj.get(id) || []) if (this.attrs.get(nb)?.[key] === value) return true;
    return false;
  }

  passes(id) {
    return FILTERS.every((f) => !this.filters[f.key] || this.matches(id, f.key, this.filters[f.key]));
  }

  applyFilters() {
    if (!this.nodes) return;
    const big = this.raw.size > BIG;
    const active = FILTERS.some((f) => this.filters[f.key]);
    const updates = [];
    let shown = 0;
    for (const id of this.nodes.getIds()) {
      const a = this.attrs.get(id);
      const ok = !active || this.passes(id);
      const off = this.legendHidden(id);
      if (ok && !off) shown++;
      updates.push({ id, hidden: off || (this.mode === "hide" && !ok), ...nodeStyle(a.type, a, { dimmed: this.mode === "dim" && !ok, big, onPath: this.onPath.has(id) }) });
    }
    this.nodes.update(updates);
    this.shownCount = shown;
    this.updateStatus();
    this.renderList();
  }

  updateStatus() {
    if (!this.nodes) return;
    const truncated = this.more.size;
    replace(this.statusLine,
      `节点 ${this.nodes.length} nodes · 边 ${this.edges.length} edges`,
      this.shownCount !== undefined && this.shownCount !== this.nodes.length ? ` · 符合筛选 ${this.shownCount} match the filters` : "",
      truncated ? ` · ${truncated} 个节点还有未显示的邻居 nodes have more neighbours (选中后点 “显示更多” select one, then “Show more”)` : "",
      this.timing ? ` · 布局 ${Math.round(this.timing.layoutMs)} ms layout` : "");
  }

  // ----- list view: the same nodes and edges as the canvas, as a navigable list -----
  setList(on) {
    this.asList = on;
    this.listToggle.setAttribute("aria-pressed", on ? "true" : "false");
    this.wrap.classList.toggle("as-list", on);
    this.list.hidden = !on;
    update({ as: on ? "list" : "" });
    this.renderList();
    if (!on) this.fit();
  }

  renderList() {
    if (!this.asList || !this.nodes) return;
    const visible = this.nodes.get({ filter: (n) => !n.hidden });
    const ids = new Set(visible.map((n) => n.id));
    const order = Object.keys(NODE_TYPES);
    visible.sort((a, b) => order.indexOf(this.attrs.get(a.id).type) - order.indexOf(this.attrs.get(b.id).type)
      || this.label(a.id).localeCompare(this.label(b.id), "zh"));
    const edges = this.edges.get().filter((e) => ids.has(e.from) && ids.has(e.to));
    replace(this.list,
      el("h3", { id: "graph-list-nodes" }, `节点 Nodes (${visible.length})`),
      el("ul", { class: "node-list", "aria-labelledby": "graph-list-nodes" }, visible.map((n) => {
        const t = this.attrs.get(n.id).type;
        return el("li", { dataset: { id: n.id } },
          el("span", { class: `type-badge type-${t}` }, typeName(t)), " ",
          el("button", { type: "button", class: "linkish node-select", dataset: { id: n.id },
            "aria-current": this.selected === n.id ? "true" : null, on: { click: () => this.select(n.id) } }, this.label(n.id)),
          " ", el("button", { type: "button", class: "small node-expand", "aria-label": `展开 expand ${this.label(n.id)}`,
            on: { click: () => this.expand(n.id) } }, "展开 expand"));
      })),
      el("h3", { id: "graph-list-edges" }, `关系 Edges (${edges.length})`),
      el("ul", { class: "edge-list", "aria-labelledby": "graph-list-edges" }, edges.map((e) => el("li", {},
        el("button", { type: "button", class: "linkish", on: { click: () => this.select(e.from) } }, this.label(e.from)),
        ` —${(REL_TYPES[e.type] || e.type).split(" ")[0]}→ `,
        el("button", { type: "button", class: "linkish", on: { click: () => this.select(e.to) } }, this.label(e.to))))));
  }

  markListSelection() {
    for (const b of this.list.querySelectorAll("button.node-select")) {
      if (b.dataset.id === this.selected) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
  }

  // ----- shortest path between two chosen nodes -----
  renderPathBar() {
    const end = (key, text) => el("span", { class: `path-end path-${key}` }, text, ": ",
      this.pathEnds[key] ? el("strong", {}, this.endLabel(this.pathEnds[key])) : el("span", { class: "muted" }, "未选 not chosen"));
    const hops = el("select", { name: "hops", "aria-label": "最多跳数 max hops", on: { change: (e) => { this.maxHops = Number(e.target.value); update({ hops: this.maxHops === 4 ? "" : String(this.maxHops) }); } } },
      [1, 2, 3, 4, 5, 6].map((h) => el("option", { value: String(h), selected: h === this.maxHops }, `≤ ${h} 跳 hops`)));
    const ready = this.pathEnds.from && this.pathEnds.to;
    replace(this.pathBar,
      el("span", { class: "path-title" }, "最短路径 Shortest path"), end("from", "起点 from"), end("to", "终点 to"), hops,
      el("button", { type: "button", class: "find-path", disabled: !ready, on: { click: () => this.findPath() } }, "查找路径 Find path"),
      this.pathEnds.from || this.pathEnds.to ? el("button", { type: "button", class: "clear-path", on: { click: () => this.clearPath() } }, "清除 Clear") : null,
      this.pathNote ? el("span", { class: "path-note", role: "status" }, this.pathNote) : null);
  }

  endLabel(id) {
    const known = this.label(id) || this.policyTitle(id) || (this.lastPath?.nodes || []).find((n) => n.id === id)?.title;
    return known || "已选节点 chosen node";
  }

  setPathEnd(key, id) {
    this.pathEnds[key] = id;
    this.pathNote = "";
    update({ [key === "from" ? "pfrom" : "pto"]: id });
    this.renderPathBar();
    if (this.pathEnds.from && this.pathEnds.to) this.findPath();
  }

  clearPath() {
    this.pathEnds = { from: "", to: "" };
    this.pathNote = "";
    this.markPath([], []);
    update({ pfrom: "", pto: "" });
    this.renderPathBar();
  }

  markPath(nodeIds, edgeKeys) {
    this.onPath = new Set(nodeIds);
    const keys = new Set(edgeKeys);
    if (this.edges) {
      this.edges.update(this.edges.get().map((e) => ({ id: e.id, width: keys.has(e.id) ? 4 : 1,
        color: keys.has(e.id) ? { color: "#d4002a", highlight: "#d4002a", inherit: false } : { color: "#b7c0c9", highlight: "#34495e", inherit: false } })));
    }
    this.applyFilters();
  }

  async findPath({ record = true } = {}) {
    const { from, to } = this.pathEnds;
    if (!from || !to || !this.network) return;
    if (record) update({ pfrom: from, pto: to });
    this.pathNote = "查找中 Searching…";
    this.renderPathBar();
    let result;
    try {
      result = await api("graph/path", { from, to, max_hops: this.maxHops });
    } catch (e) {
      this.pathNote = errorText(e);
      this.renderPathBar();
      return;
    }
    this.lastPath = result;
    // the header's date went with the request (in_force.js): say the path keeps to that day's policies
    const dated = result.in_force_on ? ` (${result.in_force_on} 有效的政策 through policies in force on ${result.in_force_on})` : "";
    if (!result.found) {
      this.pathNote = `${this.maxHops} 跳内没有路径 No path within ${this.maxHops} hops${dated}`;
      this.markPath([], []);
      this.renderPathBar();
      return;
    }
    const before = new Set(this.nodes.getIds());
    const added = this.addResult(result, from);
    this.renderFilters();
    const ids = result.nodes.map((n) => n.id);
    const edgeKeys = result.edges.map((e) => `${e.from}|${e.type}|${e.to}`);
    const show = () => {
      this.markPath(ids, edgeKeys);
      if (this.network) this.network.fit({ nodes: ids, animation: false });
      this.pathNote = `${result.hops} 跳 hops${dated}: ` + ids.map((id) => this.label(id)).join(" → ");
      this.renderPathBar();
    };
    if (added) this.settle(this.nodes.getIds().filter((x) => !before.has(x)), show);
    else show();
  }

  // ----- pictures: what the canvas shows, for PNG and SVG downloads -----
  imageData() {
    if (!this.network || !this.nodes) return null;
    const visible = this.nodes.get({ filter: (n) => !n.hidden });
    const ids = new Set(visible.map((n) => n.id));
    const pos = this.network.getPositions([...ids]);
    return {
      canvas: this.container.querySelector("canvas"),
      nodes: visible.map((n) => ({ id: n.id, x: pos[n.id].x, y: pos[n.id].y, label: this.label(n.id), shape: n.shape, size: n.size,
        fill: n.color?.background || "#999999", stroke: n.color?.border || "#333333", text: n.font?.color || "#1d2733" })),
      edges: this.edges.get().filter((e) => ids.has(e.from) && ids.has(e.to))
        .map((e) => ({ from: e.from, to: e.to, label: (REL_TYPES[e.type] || e.type).split(" ")[0], onPath: (e.width || 1) > 1 })),
    };
  }

  exportData() {
    const visible = this.nodes ? this.nodes.get({ filter: (n) => !n.hidden }) : [];
    const ids = new Set(visible.map((n) => n.id));
    const nodes = visible.map((n) => {
      const raw = this.raw.get(n.id);
      const a = this.attrs.get(n.id);
      return { id: n.id, type: a.type, label: this.label(n.id), region: a.region, function: a.function, instrument_type: a.itype, beneficiary: a.beneficiary, matches_filters: this.passes(n.id), properties: raw.properties };
    });
    const edges = this.edges ? this.edges.get().filter((e) => ids.has(e.from) && ids.has(e.to)).map((e) => ({ id: e.id, from: e.from, to: e.to, type: e.type })) : [];
    const columns = ["kind", "id", "type", "label", "region", "function", "instrument_type", "beneficiary", "from", "to"];
    const rows = [
      ...nodes.map((n) => ["node", n.id, n.type, n.label, n.region, n.function, n.instrument_type, n.beneficiary, "", ""]),
      ...edges.map((e) => ["edge", e.id, e.type, `${this.label(e.from)} —${(REL_TYPES[e.type] || e.type).split(" ")[0]}→ ${this.label(e.to)}`, "", "", "", "", e.from, e.to]),
    ];
    return { columns, rows, json: { start: this.startId || null, filters: this.filters, nodes, edges } };
  }
}

export { GraphExplorer };
