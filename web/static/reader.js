// The policy reader: the list of loaded policies, and one policy as a document with its
// table of contents, every clause's extracted entities highlighted and its citations
// linked to the policies they cite when those are loaded.
import { api, enc, errorText } from "./api.js";
import { citationsList, clauseLink, graphLink, propsTable, spanHelpers } from "./details.js";
import { el, highlighted, notice, replace, spanLegend } from "./dom.js";
import { downloadBar } from "./download.js";
import { LEVELS } from "./labels.js";
import { go, link, update } from "./router.js";

const PAGE = 50;

/** Render the reader for state st: a list of policies, or one policy (st.policy). */
export async function renderReader(root, st) {
  if (st.policy) return renderDocument(root, st);
  return renderList(root, st);
}

async function renderList(root, st) {
  const offset = Math.max(0, Number(st.offset) || 0);
  const params = { region: st.region, level: st.level, year: st.year, issuer: st.issuer, q: st.q, limit: PAGE, offset };
  let data = null;
  const body = el("div", {}, notice("加载中 Loading…"));
  const view = el("section", { class: "view view-reader" },
    el("h2", { class: "view-title" }, "政策文件 Policies"),
    el("div", { class: "toolbar" }, el("span", { class: "grow" }),
      downloadBar(() => "policies", () => ({
        columns: ["id", "title", "doc_number", "issuer", "date", "region", "level"],
        rows: (data?.items || []).map((p) => [p.id, p.title, p.doc_number, p.issuer, p.date, p.region, p.level]),
        json: data,
      }))),
    body);
  replace(root, view);
  try {
    data = await api("policies", params);
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
    return;
  }
  const facets = data.facets || {};
  const q = el("input", { type: "search", name: "q", value: st.q || "", placeholder: "标题关键词 Title words", "aria-label": "标题关键词 Title words" });
  const selects = ["region", "level", "year", "issuer"].map((key) => el("label", { class: "filter" },
    { region: "地区 region", level: "层级 level", year: "年份 year", issuer: "发文机关 issuer" }[key],
    el("select", { name: key },
      el("option", { value: "" }, "全部 all"),
      (facets[key] || []).map((f) => el("option", { value: f.value, selected: String(f.value) === st[key] },
        `${key === "level" ? LEVELS[f.value] || f.value : f.value} (${f.count})`)))));
  const form = el("form", {
    class: "facets",
    on: {
      submit: (e) => {
        e.preventDefault();
        const fd = new FormData(e.target);
        go({ view: "reader", ...Object.fromEntries([...fd.entries()].filter(([, v]) => v)) });
      },
    },
  }, q, selects, el("button", { type: "submit" }, "筛选 Filter"));
  const items = data.items || [];
  const pager = el("p", { class: "pager" },
    `共 ${data.total ?? items.length} 项 total · 第 ${offset + 1}–${offset + items.length} 项 `,
    offset > 0 ? link({ ...st, view: "reader", offset: Math.max(0, offset - PAGE) || "" }, "← 上一页 previous") : null, " ",
    offset + items.length < (data.total ?? 0) ? link({ ...st, view: "reader", offset: offset + PAGE }, "下一页 next →") : null);
  replace(body, form,
    items.length ? el("table", { class: "grid policies" },
      el("thead", {}, el("tr", {}, ["标题 title", "文号 number", "发文机关 issuer", "日期 date", "地区 region", "层级 level", ""].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, items.map((p) => el("tr", {},
        el("td", {}, link({ view: "reader", policy: p.id }, p.title || p.id)),
        el("td", {}, p.doc_number || "—"), el("td", {}, p.issuer || "—"), el("td", {}, p.date || "—"),
        el("td", {}, p.region || "—"), el("td", {}, LEVELS[p.level] || p.level || "—"),
        el("td", {}, graphLink(p.id, "图谱 graph"))))))
      : notice("没有符合条件的政策 No policy matches. 用 `policykg load` 载入政策文件 Load policy files with `policykg load`."),
    pager);
}

function tocEntry(node, index, jump) {
  const text = [node.label, node.heading].filter(Boolean).join(" ") || (node.text || "").slice(0, 20);
  return el("li", { class: `toc-depth-${Math.min(node.depth || 0, 4)}${node.is_clause ? " toc-clause" : ""}` },
    el("a", { href: `#n-${index}`, on: { click: (e) => { e.preventDefault(); jump(index); } } }, text));
}

// Full-width ASCII folded to half-width, for comparing a heading with the text it opens.
const fold = (c) => c.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/**
 * How many characters at the start of the node's text are its label and heading (with the
 * spaces and the full stop after them): the text repeats its heading, and the page shows
 * it once. Compared on the simplified text, which has the same length as the original.
 */
export function headLength(node) {
  const simp = node.text_simplified || node.text || "";
  const target = fold([node.label, node.heading].filter(Boolean).join("").replace(/\s+/g, ""));
  if (!target) return 0;
  let i = 0;
  let j = 0;
  while (j < target.length && i < simp.length) {
    if (/\s/.test(simp[i])) { i++; continue; }
    if (fold(simp[i]) !== target[j]) return 0;
    i++;
    j++;
  }
  if (j < target.length) return 0;
  while (i < simp.length && /[\s。.:：]/.test(simp[i])) i++;
  return i;
}

const shift = (spans, cut, length) => (spans || [])
  .filter((s) => s.start >= cut && s.end <= length)
  .map((s) => ({ ...s, start: s.start - cut, end: s.end - cut }));

/** Corrupted passages first: a highlight that overlaps one is left out. */
function withCorrupted(spans, corrupted) {
  const bad = corrupted || [];
  return [...bad, ...(spans || []).filter((s) => !bad.some((c) => s.start < c.end && c.start < s.end))];
}

function documentNode(node, index, script) {
  const full = (script === "simp" ? node.text_simplified : node.text) || node.text || "";
  const cut = headLength(node);
  const own = full.slice(0, cut).trim().replace(/[。.:：]$/, "");
  const body = full.slice(cut);
  const spans = shift(withCorrupted(node.spans, node.corrupted), cut, full.length);
  const describe = spanHelpers().describe;
  const helpers = { ...spanHelpers(), describe: (s) => (s.type === "corrupted" ? s.message || "" : describe(s)) };
  const text = body.trim() ? el("p", { class: "doc-text", lang: "zh" }, highlighted(body, spans, helpers)) : null;
  const heading = own || [node.label, node.heading].filter(Boolean).join(" ");
  if (node.is_clause) {
    return el("article", { class: "doc-clause", id: `n-${index}`, dataset: { clause: node.id } },
      el("header", {}, el("span", { class: "clause-label" }, heading),
        " ", el("span", { class: "clause-links" }, clauseLink(node.id, "详情 details"), " · ", graphLink(node.id, "图谱 graph"))),
      text);
  }
  const level = Math.min(6, 3 + (node.depth || 0));
  return el("section", { class: `doc-section doc-kind-${String(node.kind || "section").replace(/[^a-z_]/gi, "")}`, id: `n-${index}` },
    heading ? el(`h${level}`, {}, heading) : null,
    text);
}

async function renderDocument(root, st) {
  let doc = null;
  let info = null;
  const body = el("div", { class: "reader-layout" }, notice("加载中 Loading…"));
  replace(root, el("section", { class: "view view-document" },
    el("p", {}, link({ view: "reader" }, "← 全部政策 All policies")),
    el("div", { class: "toolbar" }, el("span", { class: "grow" }),
      downloadBar(() => `policy-${doc?.policy?.title || st.policy}`, () => ({
        columns: ["order", "kind", "label", "heading", "is_clause", "text", "departments", "amounts", "beneficiaries", "citations"],
        rows: (doc?.nodes || []).map((n, i) => {
          const of = (t) => (n.spans || []).filter((s) => s.type === t).map((s) => s.value || (n.text || "").slice(s.start, s.end)).join("; ");
          return [i + 1, n.kind, n.label, n.heading, n.is_clause, n.text, of("department"), of("amount"), of("beneficiary"), of("citation")];
        }),
        json: { ...doc, details: info },
      }))),
    body));
  try {
    [doc, info] = await Promise.all([
      api(`policies/${enc(st.policy)}/document`),
      api(`policies/${enc(st.policy)}`).catch(() => null),
    ]);
  } catch (e) {
    replace(body, notice(errorText(e), "error"), el("p", {}, link({ view: "reader" }, "查看已载入的政策 See the loaded policies")));
    return;
  }
  const p = doc.policy || {};
  document.title = `${p.title || "政策"} · policykg`;
  const nodes = doc.nodes || [];
  const script = st.script === "simp" ? "simp" : "orig";
  const sections = nodes.map((n, i) => documentNode(n, i, script));
  const corrupted = nodes.reduce((k, n) => k + (n.corrupted || []).length, 0);
  const scriptButton = (value, text) => el("button", {
    type: "button", class: "script", "aria-pressed": script === value ? "true" : "false", dataset: { script: value },
    on: { click: () => go({ ...st, script: value === "simp" ? "simp" : "" }) },
  }, text);
  const scripts = el("div", { class: "script-toggle", role: "group", "aria-label": "字形 script" }, "字形 Script: ",
    scriptButton("orig", "原文 As written (繁/简)"), scriptButton("simp", "简体 Simplified"));
  const jump = (i) => {
    // the clause read is part of the address, so a shared link opens at it
    if (nodes[i].is_clause) update({ clause: nodes[i].id });
    sections[i].scrollIntoView({ block: "start" });
    sections[i].classList.add("flash");
    setTimeout(() => sections[i].classList.remove("flash"), 1500);
  };
  const toc = el("nav", { class: "toc", "aria-label": "目录 contents" }, el("h3", {}, "目录 Contents"),
    el("ol", {}, nodes.map((n, i) => (n.label || n.heading || n.is_clause ? tocEntry(n, i, jump) : null))));
  const head = el("header", { class: "doc-head" },
    el("h2", { class: "doc-title" }, p.title || p.id),
    el("p", { class: "meta" }, [p.doc_number, p.issuer, p.date, p.region].filter(Boolean).join(" · "), " · ", graphLink(p.id)),
    el("details", {}, el("summary", {}, "元数据与引用 Metadata and citations"),
      propsTable(p, ["id", "sha256", "content_hash", "source_key", "policy_id"]),
      info ? citationsList(info.citations_out, info.citations_in) : null));
  replace(body, toc, el("div", { class: "doc" }, head, scripts,
    corrupted ? el("p", { class: "notice notice-warn corrupted-note" }, `本文有 ${corrupted} 处疑似乱码，已用虚线框标出，请对照原件。${corrupted} corrupted passage(s) in the source are marked: check them against the original.`) : null,
    spanLegend(corrupted ? ["department", "amount", "beneficiary", "citation", "corrupted"] : undefined), sections.length ? sections : notice("该政策没有正文节点 This policy has no text nodes.")));
  if (st.clause) {
    const i = nodes.findIndex((n) => n.id === st.clause);
    if (i >= 0) jump(i);
  }
}
