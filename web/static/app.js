// policykg web explorer: routes the URL state (?view=…) to one of the views. Every view
// reads only the JSON API under /api/v1 (docs/api.md).
import { api, enc, errorText } from "./api.js";
import { initAskBox, renderAsk, syncAskBox } from "./ask.js";
import { renderBenefits } from "./benefits.js";
import { renderBureau } from "./bureau.js";
import { renderCompare } from "./compare.js";
import { leaveCypher, renderCypher } from "./cypher.js";
import { clauseRows, clauseView } from "./details.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { leaveGraph, renderGraphView } from "./graph_view.js";
import { initInForce, syncInForce } from "./in_force.js";
import { loadVocabularies } from "./labels.js";
import { renderReader } from "./reader.js";
import { leaveResearch, renderResearch } from "./research.js";
import { link, start } from "./router.js";
import { renderPair } from "./side_by_side.js";

const VIEWS = {
  graph: "图谱 Graph",
  reader: "政策阅读 Policies",
  compare: "跨市对比 Compare",
  bureau: "部门 Bureaus",
  research: "研究视图 Research",
  cypher: "Cypher 查询",
  ask: "问 Ask",
  benefits: "能享受什么 What can I get",
};

let health = null;
const healthReady = api("health").then((h) => { health = h; showHealth(); return h; }).catch((e) => {
  health = { status: "unreachable", store: null, error: errorText(e) };
  showHealth();
  return health;
});

function showHealth() {
  const box = document.getElementById("store-status");
  if (!box) return;
  if (!health || health.status === "unreachable") {
    replace(box, el("span", { class: "bad" }, "服务不可用 API unreachable"));
    return;
  }
  const counts = health.counts?.nodes || {};
  replace(box, `存储 store: ${health.store || "?"}`,
    counts.Policy !== undefined ? ` · 政策 ${counts.Policy}` : "",
    counts.Clause !== undefined ? ` · 条款 ${counts.Clause}` : "",
    counts.Department !== undefined ? ` · 部门 ${counts.Department}` : "");
}

async function renderClause(root, st) {
  let data = null;
  const body = el("div", {}, notice("加载中 Loading…"));
  replace(root, el("section", { class: "view view-clause" },
    el("div", { class: "toolbar" }, el("h2", { class: "view-title" }, "条款 Clause"), el("span", { class: "grow" }),
      downloadBar(() => `clause-${data?.clause?.label || st.id}`, () => (data ? clauseRows(data) : { columns: [], rows: [], json: null }))),
    body));
  if (!st.id) {
    replace(body, notice("缺少条款标识 No clause id in the address (?view=clause&id=…).", "error"));
    return;
  }
  try {
    data = await api(`clauses/${enc(st.id)}`);
  } catch (e) {
    replace(body, notice(errorText(e), "error"), el("p", {}, link({ view: "reader" }, "浏览政策 Browse the policies")));
    return;
  }
  document.title = `${data.clause?.label || "条款"} ${data.policy?.title || ""} · policykg`;
  replace(body, clauseView(data));
}

function render(st) {
  const view = st.view in VIEWS || st.view === "clause" || st.view === "pair" ? st.view : "graph";
  document.title = `${VIEWS[view] || (view === "pair" ? "条款对照 Side by side" : "条款 Clause")} · policykg`;
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const root = document.getElementById("app");
  document.body.dataset.view = view;
  if (view !== "graph") leaveGraph();
  if (view !== "cypher") leaveCypher();
  if (view !== "research") leaveResearch();
  syncAskBox(document.getElementById("ask-box"), st);
  syncInForce(document.getElementById("in-force"), st);
  window.scrollTo(0, 0);
  if (typeof vis === "undefined" && (view === "graph" || view === "cypher")) {
    replace(root, notice("图形库未加载 The graph library (/static/vendor/vis-network.min.js) did not load; check that the server mounts the pyvis files.", "error"));
    return;
  }
  if (view === "graph") renderGraphView(root, st);
  else if (view === "reader") renderReader(root, st);
  else if (view === "compare") renderCompare(root, st);
  else if (view === "bureau") renderBureau(root, st);
  else if (view === "research") renderResearch(root, st);
  else if (view === "pair") renderPair(root, st);
  else if (view === "clause") renderClause(root, st);
  else if (view === "ask") renderAsk(root, st);
  else if (view === "benefits") renderBenefits(root, st);
  else if (view === "cypher") {
    replace(root, notice("检查存储 Checking the store…"));
    healthReady.then((h) => renderCypher(root, st, h));
  }
}

// vocabulary names first, so every view shows Chinese names rather than codes
if (document.getElementById("ask-box")) initAskBox(document.getElementById("ask-box"));
initInForce(document.getElementById("in-force"));
loadVocabularies().finally(() => start(render));
