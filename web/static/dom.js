// DOM helpers. Every string from the API reaches the page as a text node: this module
// never parses HTML (no innerHTML, no insertAdjacentHTML), so a policy that contains
// <script> or tags is shown as the characters it contains.

/**
 * Create an element. attrs: class, text, dataset {}, on {event: fn}, style {}, any other
 * attribute (set with setAttribute). children: nodes or strings (strings become text nodes).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style") {
      for (const [prop, v] of Object.entries(value)) {
        if (prop.startsWith("--")) node.style.setProperty(prop, v);
        else node.style[prop] = v;
      }
    }
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key === "value") node.value = value;
    else if (key === "checked" || key === "selected" || key === "disabled") node[key] = Boolean(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Append nodes or strings (as text) to parent, flattening arrays and skipping null. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Remove every child of node, then append children. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

const SPAN_LABELS = {
  department: "部门 department",
  amount: "数额 amount",
  beneficiary: "受益对象 beneficiary",
  citation: "引用 citation",
  corrupted: "疑似乱码 corrupted",
};

/**
 * The text with its spans highlighted: the text is cut at the span offsets into text
 * nodes and <mark class="span-TYPE"> elements. Overlapping spans keep the first (longest
 * at equal start); spans outside the text are ignored. linkFor(span) may return an href
 * to wrap the mark in a link; describe(span) gives the mark's tooltip text.
 */
export function highlighted(text, spans = [], { linkFor = null, describe = null } = {}) {
  const frag = document.createDocumentFragment();
  const str = String(text ?? "");
  const sorted = (spans || [])
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  for (const span of sorted) {
    if (span.start < pos || span.end > str.length) continue;
    if (span.start > pos) frag.appendChild(document.createTextNode(str.slice(pos, span.start)));
    const mark = el("mark", {
      class: `span span-${String(span.type || "other").replace(/[^a-z_]/gi, "")}`,
      title: `${SPAN_LABELS[span.type] || span.type}${describe ? ": " + describe(span) : span.value ? ": " + span.value : ""}`,
      dataset: { type: span.type || "" },
    }, str.slice(span.start, span.end));
    const href = linkFor ? linkFor(span) : null;
    frag.appendChild(href ? el("a", { href, class: "span-link" }, mark) : mark);
    pos = span.end;
  }
  if (pos < str.length) frag.appendChild(document.createTextNode(str.slice(pos)));
  return frag;
}

/** Highlight [start, end] pairs (search snippets). */
export function highlightPairs(text, pairs = []) {
  return highlighted(text, (pairs || []).map(([start, end]) => ({ start, end, type: "match" })));
}

/** A small status line: loading, empty or error. */
export function notice(message, kind = "info") {
  return el("p", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status" }, message);
}

/** The legend of highlight colours used with highlighted(). */
export function spanLegend(types = ["department", "amount", "beneficiary", "citation"]) {
  return el("p", { class: "span-legend" }, "标注 Highlights: ",
    types.map((t) => el("mark", { class: `span span-${t}` }, SPAN_LABELS[t])));
}
