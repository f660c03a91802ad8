// How graph nodes look: shape and colour by node type, departments coloured by function,
// instruments by instrument type; the legend that explains it.
import { el } from "./dom.js";
import { functionName, instrumentTypeName, NODE_TYPES, typeName } from "./labels.js";

export const FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
  "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
  "#31a354", "#756bb1", "#636363", "#6baed6", "#fd8d3c", "#74c476", "#9e9ac8", "#969696", "#ad494a", "#a55194"];

export const FUNCTION_COLOURS = {
  science_tech: "#1f77b4", finance: "#d62728", education: "#2ca02c", human_resources: "#9467bd",
  talent: "#c5b0d5", state_assets: "#8c564b", market_ip: "#e377c2", health: "#17becf", industry_it: "#ff7f0e",
  development_reform: "#bcbd22", agriculture: "#637939", financial_regulation: "#843c39", taxation: "#7b4173",
  audit: "#393b79", judicial: "#8c6d31", association: "#9edae5", statistics: "#6b6ecf", data: "#3182bd",
  natural_resources: "#74c476", environment: "#31a354", civil_affairs: "#fd8d3c", general_office: "#636363",
  local_government: "#969696", development_zone: "#e6550d", university_institute: "#756bb1",
  state_enterprise: "#a55194", other: "#bdbdbd",
};

const INSTRUMENT_COLOURS = { reward: "#e6550d", subsidy: "#fd8d3c", grant: "#d94801", loan_interest_subsidy: "#a63603" };

function hashColour(code) {
  let h = 0;
  for (const ch of String(code)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

export const functionColour = (code) => FUNCTION_COLOURS[code] || hashColour(code || "other");
export const instrumentColour = (code) => INSTRUMENT_COLOURS[code] || hashColour(`i:${code}`);

const TYPE_STYLE = {
  policy: { shape: "box", colour: "#1f3a5f", font: "#ffffff", size: 22 },
  section: { shape: "dot", colour: "#c7ced6", size: 7 },
  clause: { shape: "dot", colour: "#7f97ab", size: 10 },
  department: { shape: "dot", colour: "#1f77b4", size: 16 },
  function: { shape: "diamond", colour: "#1f77b4", size: 12 },
  region: { shape: "hexagon", colour: "#2e8b57", size: 20 },
  beneficiary: { shape: "square", colour: "#f0a30a", size: 14 },
  instrument: { shape: "triangle", colour: "#e6550d", size: 12 },
  instrument_type: { shape: "triangleDown", colour: "#e6550d", size: 14 },
  target: { shape: "star", colour: "#8e44ad", size: 12 },
  cited: { shape: "box", colour: "#eeeeee", font: "#333333", size: 12 },
  other: { shape: "dot", colour: "#999999", size: 10 },
};

/** The colour of a node given its type key and derived attributes. */
export function nodeColour(type, attrs) {
  if ((type === "department" || type === "function") && attrs.function) return functionColour(attrs.function);
  if ((type === "instrument" || type === "instrument_type") && attrs.itype) return instrumentColour(attrs.itype);
  return (TYPE_STYLE[type] || TYPE_STYLE.other).colour;
}

/** vis-network style fields for a node; dimmed nodes are pale. */
export function nodeStyle(type, attrs, { dimmed = false, big = false } = {}) {
  const base = TYPE_STYLE[type] || TYPE_STYLE.other;
  const colour = dimmed ? "#e8e8e8" : nodeColour(type, attrs);
  const border = dimmed ? "#d5d5d5" : "#2b2b2b";
  const fontColour = dimmed ? "#c4c4c4" : base.shape === "box" ? base.font : "#222222";
  return {
    shape: base.shape,
    size: base.size,
    color: { background: colour, border, highlight: { background: colour, border: "#000000" }, hover: { background: colour, border: "#000000" } },
    font: { color: fontColour, face: FONT_STACK, size: big ? 11 : 13, strokeWidth: base.shape === "box" ? 0 : 3, strokeColor: "#ffffff" },
    borderWidth: 1,
  };
}

function swatch(type, colour) {
  const shape = (TYPE_STYLE[type] || TYPE_STYLE.other).shape;
  return el("span", { class: `swatch swatch-${shape}`, style: { "--swatch": colour } });
}

/** The legend for the node types, functions and instrument types present. */
export function legend(types, functions, itypes) {
  const order = Object.keys(NODE_TYPES);
  return el("div", { class: "legend" },
    el("h3", {}, "图例 Legend"),
    el("ul", {}, [...types].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((t) =>
      el("li", {}, swatch(t, (TYPE_STYLE[t] || TYPE_STYLE.other).colour), typeName(t)))),
    functions.size ? [el("h4", {}, "部门按职能着色 Departments by function"),
      el("ul", {}, [...functions].sort().map((f) => el("li", {}, swatch("department", functionColour(f)), functionName(f))))] : null,
    itypes.size ? [el("h4", {}, "工具按类型着色 Instruments by type"),
      el("ul", {}, [...itypes.keys()].sort().map((c) => el("li", {}, swatch("instrument", instrumentColour(c)), instrumentTypeName(c, itypes.get(c)))))] : null,
    el("p", { class: "hint" }, "单击选中 click: details · 双击展开 double-click: expand · 拖动 drag · 滚轮缩放 wheel: zoom"),
  );
}
