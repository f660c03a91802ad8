// The Cypher console (Neo4j store only): an editor with example queries for researchers,
// results as a table and, when rows hold nodes, as a graph; CSV/JSON download.
import { api, errorText } from "./api.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { imageButtons } from "./graph_export.js";
import { nodeStyle } from "./graph_style.js";
import { networkOptions } from "./graph_view.js";
import { loadVocabularies, nodeLabel, nodeType, typeName } from "./labels.js";
import { update } from "./router.js";

const KEY_STORAGE = "policykg.apiKey";
const HISTORY_STORAGE = "policykg.cypherHistory";
const SAVED_STORAGE = "policykg.cypherSaved";
const HISTORY_MAX = 30;

function readList(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || "[]");
    return Array.isArray(v) ? v.filter((x) => x && typeof x.query === "string") : [];
  } catch {
    return [];
  }
}

const writeList = (key, list) => localStorage.setItem(key, JSON.stringify(list));

/** Remember a query that ran (most recent first, no duplicates, at most HISTORY_MAX). */
export function remember(query, params) {
  const list = readList(HISTORY_STORAGE).filter((h) => h.query !== query || h.params !== params);
  list.unshift({ query, params, at: new Date().toISOString() });
  writeList(HISTORY_STORAGE, list.slice(0, HISTORY_MAX));
}

export const EXAMPLES = [
  {
    title: "各市哪个部门牵头哪类激励 Which bureau leads which incentive, across cities",
    query: `MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(c:Clause)-[:PROVIDES]->(i:Instrument)-[:OF_TYPE]->(t:InstrumentType)
WHERE r.lead = true
MATCH (p:Policy {id: c.policy_id})
RETURN p.region AS region, d.name AS department, t.name_zh AS instrument_type, count(DISTINCT i) AS instruments
ORDER BY region, instruments DESC`,
    params: {},
  },
  {
    title: "部门共同负责网络 Co-responsibility network of departments",
    query: `MATCH (a:Department)-[:RESPONSIBLE_FOR]->(c:Clause)<-[:RESPONSIBLE_FOR]-(b:Department)
WHERE a.id < b.id
RETURN a, b, count(DISTINCT c) AS shared_clauses
ORDER BY shared_clauses DESC
LIMIT 100`,
    params: {},
  },
  {
    title: "引用某文号的政策 Policies citing a given 文号",
    query: `MATCH (x)-[:CITES]->(d)
WHERE d.doc_number = $doc_number
MATCH (p:Policy {id: x.policy_id})
RETURN DISTINCT p.title AS policy, p.region AS region, p.date AS date, d.title AS cited`,
    params: { doc_number: "国办发〔2016〕28号" },
  },
  {
    title: "各类受益对象的最高上限 The highest caps per beneficiary",
    query: `MATCH (i:Instrument)-[:FOR]->(b:BeneficiaryType)
WHERE i.cap_yuan IS NOT NULL
MATCH (p:Policy {id: i.policy_id})
WITH b, i, p ORDER BY i.cap_yuan DESC
WITH b, collect({cap_yuan: i.cap_yuan, region: p.region, policy: p.title, text: i.text})[0..3] AS top
UNWIND top AS t
RETURN b.name_zh AS beneficiary, t.cap_yuan AS cap_yuan, t.region AS region, t.policy AS policy, t.text AS text
ORDER BY beneficiary, cap_yuan DESC`,
    params: {},
  },
];

/** A node in a Cypher answer (an object with labels, or with a graph-style id), else null. */
export function asNode(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const props = value.properties && typeof value.properties === "object" ? value.properties : value;
  const labels = Array.isArray(value.labels) ? value.labels : null;
  const id = value.id ?? props.id ?? value.element_id ?? value.elementId;
  if (id === undefined || id === null) return null;
  if (!labels && !/^[a-z_]+:/.test(String(id))) return null;
  const type = labels ? labels[0] : String(id).split(":")[0];
  const node = { id: String(id), type, properties: props };
  return { ...node, label: nodeLabel(node) };
}

/** The text of a cell: nodes as "[type] name", lists joined, objects as JSON. */
export function cellText(value) {
  if (value === null || value === undefined) return "";
  const node = asNode(value);
  if (node) return `[${typeName(nodeType(node.type)).split(" ")[0]}] ${node.label}`;
  const rel = asRelationship(value);
  if (rel) return `(${rel.start})-[${rel.type}]->(${rel.end})`;
  if (Array.isArray(value)) return value.map(cellText).join("; ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const rowValues = (row, columns) => (Array.isArray(row) ? row : columns.map((c) => row?.[c]));

let liveNetwork = null;
let liveData = null;

/** Tear down the result graph when leaving the view. */
export function leaveCypher() {
  if (liveNetwork) liveNetwork.destroy();
  liveNetwork = null;
}

/** A relationship in a Cypher answer ({type, start, end}), else null. */
function asRelationship(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  return typeof value.type === "string" && "start" in value && "end" in value ? value : null;
}

function drawGraph(container, columns, rows) {
  const nodes = new Map();
  const edges = new Map();
  for (const row of rows) {
    const values = rowValues(row, columns);
    const inRow = [];
    let rels = 0;
    let weight = null;
    const collect = (v) => {
      if (Array.isArray(v)) return v.forEach(collect);
      const n = asNode(v);
      if (n) { nodes.set(n.id, n); inRow.push(n.id); return; }
      const r = asRelationship(v);
      if (r && r.start != null && r.end != null) {
        rels++;
        const id = `${r.start}|${r.type}|${r.end}`;
        edges.set(id, { id, from: String(r.start), to: String(r.end), title: r.type, label: "" });
        return;
      }
      if (v && typeof v === "object" && Array.isArray(v.nodes)) { collect(v.nodes); collect(v.relationships || []); }
    };
    values.forEach((v, i) => {
      collect(v);
      if (typeof v === "number") weight = `${columns[i]}=${v}`;
    });
    // rows without relationships: link the nodes of the row in order
    if (!rels) {
      for (let i = 1; i < inRow.length; i++) {
        const id = `${inRow[i - 1]}→${inRow[i]}`;
        edges.set(id, { id, from: inRow[i - 1], to: inRow[i], title: weight || "", label: weight && nodes.size < 80 ? weight.split("=")[1] : "" });
      }
    }
  }
  for (const [id, e] of edges) if (!nodes.has(e.from) || !nodes.has(e.to)) edges.delete(id);
  leaveCypher();
  liveData = null;
  if (!nodes.size) return false;
  const data = {
    nodes: new vis.DataSet([...nodes.values()].map((n) => {
      const type = nodeType(n.type);
      const attrs = { function: n.properties.function, itype: type === "instrument" ? n.properties.type : null };
      const tip = el("div", {}, typeName(type), el("br"), n.label);
      return { id: n.id, label: n.label.length > 14 ? n.label.slice(0, 14) + "…" : n.label, title: tip, ...nodeStyle(type, attrs) };
    })),
    edges: new vis.DataSet([...edges.values()]),
  };
  const options = networkOptions(nodes.size);
  options.edges.arrows = { to: { enabled: false } };
  liveNetwork = new vis.Network(container, data, options);
  liveData = data;
  const net = liveNetwork;
  net.once("stabilizationIterationsDone", () => net.setOptions({ physics: { enabled: false } }));
  setTimeout(() => { if (liveNetwork === net) net.setOptions({ physics: { enabled: false } }); }, 4000);
  return true;
}

function needsNeo4j(root, health) {
  replace(root, el("section", { class: "view view-cypher" },
    el("h2", { class: "view-title" }, "Cypher 查询 Cypher console"),
    el("div", { class: "notice notice-info explain" },
      el("p", {}, `Cypher 查询需要 Neo4j 存储。当前存储为 “${health?.store || "未知 unknown"}”。Cypher queries need the Neo4j store; this server runs on “${health?.store || "unknown"}”.`),
      el("p", {}, "启动本地 Neo4j 并以 Neo4j 存储运行 Start the local Neo4j and serve from it:"),
      el("pre", {}, "policykg neo4j start\npolicykg serve --store neo4j"),
      el("p", {}, "其他视图（图谱、政策阅读、跨市对比）不需要 Neo4j。The graph, reader and compare views work without it."))));
}

/** What the result graph draws now, for the PNG and SVG downloads. */
function resultImage(container) {
  if (!liveNetwork || !liveData) return null;
  const ids = liveData.nodes.getIds();
  const pos = liveNetwork.getPositions(ids);
  return {
    canvas: container.querySelector("canvas"),
    nodes: liveData.nodes.get().map((n) => ({ id: n.id, x: pos[n.id].x, y: pos[n.id].y, label: n.label, shape: n.shape, size: n.size,
      fill: n.color?.background || "#999999", stroke: n.color?.border || "#333333" })),
    edges: liveData.edges.get().map((e) => ({ from: e.from, to: e.to, label: e.title || "", onPath: false })),
  };
}

/** Render the Cypher console (or the explanation when the store is not Neo4j). */
export async function renderCypher(root, st, health) {
  if (!health || health.store !== "neo4j") return needsNeo4j(root, health);
  await loadVocabularies();
  let answer = null;
  let shownAs = st.as === "graph" ? "graph" : "table";
  const editor = el("textarea", { class: "cypher-editor", name: "query", rows: "9", spellcheck: "false", "aria-label": "Cypher 查询 query" });
  editor.value = st.q || EXAMPLES[0].query;
  const paramsBox = el("textarea", { class: "cypher-params", name: "params", rows: "2", spellcheck: "false", "aria-label": "参数 parameters (JSON)" });
  paramsBox.value = st.params || (st.q ? "{}" : JSON.stringify(EXAMPLES[0].params));
  const table = el("div", { class: "cypher-table", id: "cypher-table" });
  const graph = el("div", { class: "network cypher-graph", id: "cypher-graph", hidden: true, role: "img",
    "aria-label": "查询结果的关系图 the rows as a graph (the table shows the same rows)" });
  const historyBox = el("div", { class: "cypher-history" });
  const savedBox = el("div", { class: "cypher-saved" });
  const saveName = el("input", { type: "text", name: "save-name", placeholder: "名称 name", "aria-label": "保存为 save as (name)" });
  const asButtons = ["table", "graph"].map((v) => el("button", {
    type: "button", class: "result-as", dataset: { as: v }, "aria-pressed": shownAs === v ? "true" : "false",
    "aria-controls": v === "table" ? "cypher-table" : "cypher-graph",
    on: { click: () => showAs(v) },
  }, v === "table" ? "表格 Table" : "关系图 Graph"));
  const showAs = (v) => {
    shownAs = v;
    update({ as: v === "graph" ? "graph" : "" });
    for (const b of asButtons) b.setAttribute("aria-pressed", b.dataset.as === v ? "true" : "false");
    const drawable = Boolean(liveNetwork);
    // rows without nodes cannot be drawn: the table stays, with a note
    table.hidden = v === "graph" && drawable;
    graph.hidden = v !== "graph" || !drawable;
    if (v === "graph" && drawable) liveNetwork.fit({ animation: false });
    replace(graphNote, v === "graph" && !drawable && answer ? "结果中没有节点，无法画图，显示表格。The rows hold no nodes to draw: showing the table." : "");
  };
  const graphNote = el("p", { class: "hint graph-note", role: "status" });
  const load = (query, params) => {
    editor.value = query;
    paramsBox.value = params || "{}";
    editor.focus();
  };
  const renderHistory = () => {
    const list = readList(HISTORY_STORAGE);
    replace(historyBox, el("h3", {}, `历史 History (${list.length})`),
      list.length ? el("ol", { class: "history-list" }, list.map((h) => el("li", {},
        el("button", { type: "button", class: "linkish load-history", title: h.query, on: { click: () => load(h.query, h.params) } },
          h.query.replace(/\s+/g, " ").slice(0, 90)),
        el("span", { class: "muted" }, ` ${String(h.at || "").slice(0, 16).replace("T", " ")}`))))
        : el("p", { class: "muted" }, "运行过的查询会保存在本浏览器。Queries you run are kept in this browser."),
      list.length ? el("button", { type: "button", class: "small", on: { click: () => { writeList(HISTORY_STORAGE, []); renderHistory(); } } }, "清空历史 Clear history") : null);
  };
  const renderSaved = () => {
    const list = readList(SAVED_STORAGE);
    replace(savedBox, el("h3", {}, `已保存 Saved queries (${list.length})`),
      el("div", { class: "save-row" }, saveName, el("button", { type: "button", class: "save-query", on: { click: () => {
        const name = saveName.value.trim() || editor.value.replace(/\s+/g, " ").slice(0, 40);
        writeList(SAVED_STORAGE, [{ name, query: editor.value, params: paramsBox.value.trim() }, ...list.filter((q) => q.name !== name)]);
        saveName.value = "";
        renderSaved();
      } } }, "保存当前查询 Save this query")),
      list.length ? el("ul", { class: "saved-list" }, list.map((q) => el("li", {},
        el("button", { type: "button", class: "linkish load-saved", title: q.query, on: { click: () => load(q.query, q.params) } }, q.name || q.query.slice(0, 40)),
        " ", el("button", { type: "button", class: "small delete-saved", "aria-label": `删除 delete ${q.name}`, on: { click: () => {
          writeList(SAVED_STORAGE, readList(SAVED_STORAGE).filter((x) => x.name !== q.name));
          renderSaved();
        } } }, "删除 delete")))) : null);
  };
  const status = el("p", { class: "cypher-status", role: "status" });
  // the key stays in this tab only (sessionStorage), never in the URL
  const keyBox = el("input", { class: "cypher-key", type: "password", name: "api-key", autocomplete: "off",
    "aria-label": "API 密钥 API key" });
  keyBox.value = sessionStorage.getItem(KEY_STORAGE) || "";
  const run = async () => {
    let params = {};
    try {
      params = paramsBox.value.trim() ? JSON.parse(paramsBox.value) : {};
    } catch (e) {
      replace(status, notice(`参数不是合法的 JSON Parameters are not valid JSON: ${e.message}`, "error"));
      return;
    }
    update({ q: editor.value, params: paramsBox.value.trim() && paramsBox.value.trim() !== "{}" ? paramsBox.value.trim() : "" });
    remember(editor.value, paramsBox.value.trim());
    renderHistory();
    replace(status, notice("查询中 Running…"));
    const t0 = performance.now();
    try {
      const key = keyBox.value.trim();
      sessionStorage.setItem(KEY_STORAGE, key);
      answer = await api("cypher", {}, { method: "POST", body: { query: editor.value, params },
        headers: key ? { "X-API-Key": key } : {} });
    } catch (e) {
      answer = null;
      replace(status, notice(errorText(e), "error"));
      if (e.status === 401) keyBox.focus();
      replace(table);
      graph.hidden = true;
      leaveCypher();
      return;
    }
    const columns = answer.columns || [];
    const rows = answer.rows || [];
    replace(status, `${answer.row_count ?? rows.length} 行 rows · ${Math.round(performance.now() - t0)} ms`,
      answer.truncated ? " · 结果已截断 truncated (加 LIMIT add a LIMIT)" : "");
    replace(table, rows.length ? el("table", { class: "grid results" },
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, rowValues(r, columns).map((v) => el("td", {}, cellText(v)))))))
      : notice("没有结果 No rows."));
    graph.hidden = false;
    drawGraph(graph, columns, rows);
    showAs(shownAs);
  };
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  replace(root, el("section", { class: "view view-cypher" },
    el("h2", { class: "view-title" }, "Cypher 查询 Cypher console"),
    el("p", { class: "hint" }, "只读查询，超时与行数有上限。Read-only; time and row limits apply. Ctrl+Enter 运行 runs."),
    el("div", { class: "examples" }, el("span", {}, "示例 Examples: "), EXAMPLES.map((ex) => el("button", {
      type: "button", class: "example",
      on: { click: () => { editor.value = ex.query; paramsBox.value = JSON.stringify(ex.params); run(); } },
    }, ex.title))),
    editor,
    el("label", { class: "params-label" }, "参数 parameters (JSON) ", paramsBox),
    el("label", { class: "params-label" }, "API 密钥 API key (服务器设置了 POLICYKG_API_KEY 时需要 if the server sets POLICYKG_API_KEY) ", keyBox),
    el("div", { class: "toolbar" },
      el("button", { type: "button", class: "run primary", on: { click: run } }, "运行 Run"),
      el("span", { class: "result-toggle", role: "group", "aria-label": "结果显示为 show results as" }, "结果 Results: ", asButtons),
      el("span", { class: "grow" }),
      downloadBar(() => "cypher", () => {
        const columns = answer?.columns || [];
        return { columns, rows: (answer?.rows || []).map((r) => rowValues(r, columns).map(cellText)), json: answer };
      }),
      imageButtons(() => "cypher-graph", () => resultImage(graph))),
    status, graphNote, table, graph,
    el("div", { class: "cypher-side" }, savedBox, historyBox)));
  renderHistory();
  renderSaved();
  // A query from the URL is only filled in, never run: a link must not run Cypher for whoever clicks it.
  if (st.q) replace(status, notice("查询来自链接，检查后按“运行”。The query comes from the link: read it, then press Run."));
}
