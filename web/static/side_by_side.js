// Two provisions side by side (?view=pair&a=CLAUSE&b=CLAUSE): their texts aligned by a
// character-level longest common subsequence, what only one of them says highlighted, and
// their instruments aligned by type so the numbers can be read across.
import { api, enc, errorText } from "./api.js";
import { el, notice, replace } from "./dom.js";
import { downloadBar } from "./download.js";
import { instrumentNumbers } from "./format.js";
import { beneficiaryName, instrumentTypeName } from "./labels.js";
import { go, link } from "./router.js";

const MAX_DIFF_CHARS = 3000; // the table below is |a| × |b| small integers

/**
 * For texts a and b, two lists of [text, same] runs: `same` marks characters of the longest
 * common subsequence, the rest is what only that text says.
 */
export function alignTexts(a, b) {
  const x = [...String(a || "")].slice(0, MAX_DIFF_CHARS);
  const y = [...String(b || "")].slice(0, MAX_DIFF_CHARS);
  const n = x.length, m = y.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = x[i] === y[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const left = [], right = [];
  const push = (runs, ch, same) => {
    const last = runs[runs.length - 1];
    if (last && last[1] === same) last[0] += ch;
    else runs.push([ch, same]);
  };
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) { push(left, x[i++], true); push(right, y[j++], true); }
    else if (table[i + 1][j] >= table[i][j + 1]) push(left, x[i++], false);
    else push(right, y[j++], false);
  }
  while (i < n) push(left, x[i++], false);
  while (j < m) push(right, y[j++], false);
  const shared = n + m ? (2 * table[0][0]) / (n + m) : 1;
  return { left: tidy(left), right: tidy(right), shared };
}

// A lone shared character between two differences (的, 企) is chance, not agreement: fold it
// into the difference so the marks read as phrases.
function tidy(runs) {
  const out = [];
  runs.forEach(([text, same], k) => {
    const chance = same && [...text].length <= 1 && k > 0 && k < runs.length - 1 && !runs[k - 1][1] && !runs[k + 1][1];
    const keep = same && !chance;
    const last = out[out.length - 1];
    if (last && last[1] === keep) last[0] += text;
    else out.push([text, keep]);
  });
  return out;
}

function runsView(runs) {
  return runs.map(([text, same]) => (same ? text : el("mark", { class: "diff-only", title: "仅此条有 only in this provision" }, text)));
}

function side(data) {
  const c = data.clause || {};
  const p = data.policy || {};
  return { c, p, title: `${p.region || ""} ${c.label || ""}`.trim() };
}

function instrumentRows(left, right) {
  const types = [...new Set([...(left.instruments || []), ...(right.instruments || [])].map((i) => i.type))].sort();
  return types.map((t) => {
    const a = (left.instruments || []).filter((i) => i.type === t);
    const b = (right.instruments || []).filter((i) => i.type === t);
    const cell = (list) => (list.length
      ? list.map((i) => el("div", {}, `${beneficiaryName(i.beneficiary, i.beneficiary_zh)} · ${instrumentNumbers(i) || "无数额 no numbers"}`))
      : el("span", { class: "muted" }, "—"));
    const name = instrumentTypeName(t, (a[0] || b[0])?.type_zh);
    const differs = JSON.stringify(a.map(instrumentNumbers)) !== JSON.stringify(b.map(instrumentNumbers));
    return { type: t, name, a, b, row: el("tr", { dataset: { type: t }, class: differs ? "differs" : "" },
      el("th", { scope: "row" }, name), el("td", {}, cell(a)), el("td", {}, cell(b))) };
  });
}

/** Render two provisions side by side for state st (a, b: clause ids). */
export async function renderPair(root, st) {
  let answer = null;
  const body = el("div", {}, notice("加载中 Loading…"));
  const form = el("form", { class: "research-form", on: { submit: (e) => {
    e.preventDefault();
    const fd = new FormData(e.target);
    go({ view: "pair", a: String(fd.get("a")).trim(), b: String(fd.get("b")).trim() });
  } } },
  el("label", { class: "filter" }, "条款 A clause id", el("input", { type: "search", name: "a", value: st.a || "", size: 40 })),
  el("label", { class: "filter" }, "条款 B clause id", el("input", { type: "search", name: "b", value: st.b || "", size: 40 })),
  el("button", { type: "submit", class: "primary" }, "对照 Align"));
  replace(root, el("section", { class: "view view-pair" },
    el("h2", { class: "view-title" }, "条款对照 Two provisions side by side"),
    el("div", { class: "toolbar" }, form, el("span", { class: "grow" }), downloadBar(() => "pair", () => pairRows(answer))),
    body));
  if (!st.a || !st.b) {
    replace(body, notice("选两个条款：在“政策扩散”中点击“对照”，或输入两个条款标识。Pick two clauses: use “对照” in the diffusion view, or enter two clause ids."));
    return;
  }
  let left, right;
  try {
    [left, right] = await Promise.all([api(`clauses/${enc(st.a)}`), api(`clauses/${enc(st.b)}`)]);
  } catch (e) {
    replace(body, notice(errorText(e), "error"));
    return;
  }
  const A = side(left), B = side(right);
  const aligned = alignTexts(A.c.text, B.c.text);
  const rows = instrumentRows(left, right);
  answer = { a: left, b: right, shared_share: aligned.shared, instruments: rows.map(({ type, name, a, b }) => ({ type, name, a, b })) };
  document.title = `${A.title} ↔ ${B.title} · policykg`;
  replace(body,
    el("p", { class: "hint" }, `共同文字占 ${Math.round(aligned.shared * 100)}%；标出的是仅一方有的文字。${Math.round(aligned.shared * 100)}% of the characters are shared; marked text is in one provision only.`),
    el("div", { class: "pair-grid" },
      [[A, aligned.left, st.a], [B, aligned.right, st.b]].map(([s, runs, id], k) => el("article", { class: "pair-side", dataset: { side: k ? "b" : "a" } },
        el("h3", {}, link({ view: "clause", id }, `${s.c.label || ""} ${s.p.title || ""}`)),
        el("p", { class: "meta" }, `${s.p.region || ""}`),
        el("blockquote", { class: "clause-text", lang: "zh" }, runsView(runs))))),
    el("h3", {}, "政策工具对照 Instruments by type"),
    rows.length
      ? el("table", { class: "grid pair-instruments" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "类型 type"), el("th", { scope: "col" }, A.title), el("th", { scope: "col" }, B.title))),
        el("tbody", {}, rows.map((r) => r.row)))
      : notice("两条均无量化工具 Neither provision has quantified instruments."));
}

function pairRows(answer) {
  if (!answer) return { columns: [], rows: [], json: null };
  return {
    columns: ["type", "type_zh", "a_numbers", "b_numbers"],
    rows: answer.instruments.map((r) => [r.type, r.name, r.a.map(instrumentNumbers).join("; "), r.b.map(instrumentNumbers).join("; ")]),
    json: answer,
  };
}
