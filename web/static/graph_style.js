// How graph nodes look: shape and colour by node type, departments coloured by function,
// instruments by instrument type; the legend that explains it and toggles each type.
// Every colour is distinct from every other and has a contrast of at least 4.5:1 with
// white, so a legend chip, a node on the white canvas and white text on a box node all meet
// WCAG AA.
import { el } from "./dom.js";
import { FUNCTIONS, functionName, INSTRUMENT_TYPES, instrumentTypeName, NODE_TYPES, typeName } from "./labels.js";

export const FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';

const TYPE_STYLE = {
  policy: { shape: "box", colour: "#1f3a5f", size: 22 },
  section: { shape: "dot", colour: "#5f6b7a", size: 8 },
  clause: { shape: "dot", colour: "#2b6cb0", size: 10 },
  department: { shape: "dot", colour: "#8a4b08", size: 16 },
  function: { shape: "diamond", colour: "#6b21a8", size: 12 },
  region: { shape: "hexagon", colour: "#2f6b3a", size: 20 },
  beneficiary: { shape: "square", colour: "#9a3412", size: 14 },
  instrument: { shape: "triangle", colour: "#b02a5b", size: 12 },
  instrument_type: { shape: "triangleDown", colour: "#7a5c00", size: 14 },
  target: { shape: "star", colour: "#0f766e", size: 12 },
  cited: { shape: "box", colour: "#4b5563", size: 12 },
  other: { shape: "dot", colour: "#374151", size: 10 },
};

// --- colour arithmetic (WCAG 2.x relative luminance and contrast ratio) ---
function channel(c) {
  const v = c / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of #rrggbb. */
export function luminance(hex) {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Contrast ratio of two #rrggbb colours. */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

function hslHex(h, s, l) {
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return "#" + [f(0), f(8), f(4)].map((v) => v.toString(16).padStart(2, "0")).join("");
}

// The lightest colour of hue h and saturation s whose contrast with white is >= target.
function darkEnough(h, s, target) {
  let lo = 0.05;
  let hi = 0.7;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (contrast(hslHex(h, s, mid), "#ffffff") >= target) lo = mid;
    else hi = mid;
  }
  return hslHex(h, s, lo);
}

const used = new Set(Object.values(TYPE_STYLE).map((t) => t.colour));

// n distinct colours: hues a golden angle apart, two contrast levels alternating.
function palette(codes, hueOffset) {
  const out = {};
  codes.forEach((code, i) => {
    let h = (hueOffset + i * 137.508) % 360;
    let colour = darkEnough(h, i % 3 === 2 ? 0.45 : 0.75, i % 2 ? 6.5 : 4.9);
    while (used.has(colour)) { h = (h + 7) % 360; colour = darkEnough(h, 0.7, 5.2); }
    used.add(colour);
    out[code] = colour;
  });
  return out;
}

export const FUNCTION_COLOURS = palette(Object.keys(FUNCTIONS).sort(), 12);
export const INSTRUMENT_COLOURS = palette(Object.keys(INSTRUMENT_TYPES).sort(), 71);
const extra = new Map();

function extraColour(code) {
  if (!extra.has(code)) extra.set(code, Object.values(palette([code], 200 + extra.size * 37))[0]);
  return extra.get(code);
}

export const functionColour = (code) => FUNCTION_COLOURS[code] || extraColour(`f:${code || "other"}`);
export const instrumentColour = (code) => INSTRUMENT_COLOURS[code] || extraColour(`i:${code}`);
export const typeColour = (type) => (TYPE_STYLE[type] || TYPE_STYLE.other).colour;
export const typeShape = (type) => (TYPE_STYLE[type] || TYPE_STYLE.other).shape;

/** The colour of a node given its type key and derived attributes. */
export function nodeColour(type, attrs) {
  if ((type === "department" || type === "function") && attrs.function) return functionColour(attrs.function);
  if ((type === "instrument" || type === "instrument_type") && attrs.itype) return instrumentColour(attrs.itype);
  return typeColour(type);
}

/** vis-network style fields for a node; dimmed nodes are pale but their labels stay readable. */
export function nodeStyle(type, attrs, { dimmed = false, big = false, onPath = false } = {}) {
  const base = TYPE_STYLE[type] || TYPE_STYLE.other;
  const colour = dimmed ? "#eef0f2" : nodeColour(type, attrs);
  const border = onPath ? "#d4002a" : dimmed ? "#9aa3ad" : "#1d2733";
  const box = base.shape === "box";
  const fontColour = dimmed ? "#5f6b7a" : box ? "#ffffff" : "#1d2733";
  return {
    shape: base.shape,
    size: base.size,
    color: { background: colour, border, highlight: { background: colour, border: "#000000" }, hover: { background: colour, border: "#000000" } },
    font: { color: fontColour, face: FONT_STACK, size: big ? 11 : 13, strokeWidth: box ? 0 : 3, strokeColor: "#ffffff", multi: false },
    borderWidth: onPath ? 4 : 1,
  };
}

function swatch(type, colour) {
  return el("span", { class: `swatch swatch-${typeShape(type)}`, style: { "--swatch": colour }, "aria-hidden": "true" });
}

function toggle(key, hidden, onToggle, chip, label, count) {
  const on = !hidden.has(key);
  return el("li", {}, el("button", {
    type: "button", class: "legend-toggle", "aria-pressed": on ? "true" : "false", dataset: { key },
    title: on ? "点击隐藏 click to hide" : "点击显示 click to show",
    on: { click: () => onToggle(key) },
  }, chip, el("span", { class: "legend-name" }, label), count !== undefined ? el("span", { class: "legend-count" }, ` ${count}`) : null));
}

/**
 * The legend for the node types, functions and instrument types present. Every entry is a
 * button (aria-pressed) that shows or hides its type: keys are the type ("clause"),
 * "f:<function>" for departments of a function and "i:<code>" for instruments of a type.
 */
export function legend(types, functions, itypes, { hidden = new Set(), onToggle = () => {}, counts = new Map() } = {}) {
  const order = Object.keys(NODE_TYPES);
  return el("div", { class: "legend" },
    el("h3", {}, "图例 Legend"),
    el("p", { class: "hint" }, "点击条目显示或隐藏该类型 Click an entry to show or hide its type."),
    el("ul", {}, [...types].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((t) =>
      toggle(t, hidden, onToggle, swatch(t, typeColour(t)), typeName(t), counts.get(t)))),
    functions.size ? [el("h4", {}, "部门按职能着色 Departments by function"),
      el("ul", {}, [...functions].sort().map((f) => toggle(`f:${f}`, hidden, onToggle, swatch("department", functionColour(f)), functionName(f))))] : null,
    itypes.size ? [el("h4", {}, "工具按类型着色 Instruments by type"),
      el("ul", {}, [...itypes.keys()].sort().map((c) => toggle(`i:${c}`, hidden, onToggle, swatch("instrument", instrumentColour(c)), instrumentTypeName(c, itypes.get(c)))))] : null,
    el("p", { class: "hint" }, "单击选中 click: details · 双击展开 double-click: expand · 拖动 drag · 滚轮缩放 wheel: zoom"),
  );
}
