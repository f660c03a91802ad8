// Pictures of a graph: PNG (the canvas as drawn, on white) and SVG (rebuilt from the node
// positions, labels as SVG text nodes, never parsed markup).
import { el } from "./dom.js";
import { saveText } from "./download.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const safeName = (name) => String(name).replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 80);

function svgEl(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function shapeFor(n) {
  const r = n.size || 10;
  const { x, y } = n;
  const poly = (pts) => svgEl("polygon", { points: pts.map(([a, b]) => `${(x + a * r).toFixed(1)},${(y + b * r).toFixed(1)}`).join(" ") });
  switch (n.shape) {
    case "box": {
      const w = Math.max(40, n.label.length * 13 + 12);
      return svgEl("rect", { x: x - w / 2, y: y - 12, width: w, height: 24, rx: 3 });
    }
    case "square": return svgEl("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r });
    case "diamond": return poly([[0, -1], [1, 0], [0, 1], [-1, 0]]);
    case "triangle": return poly([[0, -1], [0.87, 0.5], [-0.87, 0.5]]);
    case "triangleDown": return poly([[0, 1], [0.87, -0.5], [-0.87, -0.5]]);
    case "hexagon": return poly([[1, 0], [0.5, 0.87], [-0.5, 0.87], [-1, 0], [-0.5, -0.87], [0.5, -0.87]]);
    case "star": return poly([[0, -1], [0.22, -0.31], [0.95, -0.31], [0.36, 0.12], [0.59, 0.81], [0, 0.38], [-0.59, 0.81], [-0.36, 0.12], [-0.95, -0.31], [-0.22, -0.31]]);
    default: return svgEl("circle", { cx: x, cy: y, r });
  }
}

/** An SVG document (text) of the graph: edges, nodes with their colours and shapes, labels. */
export function graphSvg(data, title = "policykg") {
  const xs = data.nodes.map((n) => n.x);
  const ys = data.nodes.map((n) => n.y);
  const pad = 120;
  const minX = Math.min(...xs, 0) - pad;
  const minY = Math.min(...ys, 0) - pad;
  const width = Math.max(...xs, 0) + pad - minX;
  const height = Math.max(...ys, 0) + pad - minY;
  const svg = svgEl("svg", { xmlns: SVG_NS, viewBox: `${minX.toFixed(0)} ${minY.toFixed(0)} ${width.toFixed(0)} ${height.toFixed(0)}`,
    width: width.toFixed(0), height: height.toFixed(0), "font-family": "Noto Sans CJK SC, sans-serif" });
  svg.appendChild(svgEl("title", {}, title));
  svg.appendChild(svgEl("rect", { x: minX, y: minY, width, height, fill: "#ffffff" }));
  const at = new Map(data.nodes.map((n) => [n.id, n]));
  const edges = svgEl("g", { class: "edges" });
  for (const e of data.edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    const line = svgEl("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: e.onPath ? "#d4002a" : "#8a949e", "stroke-width": e.onPath ? 4 : 1 });
    line.appendChild(svgEl("title", {}, e.label));
    edges.appendChild(line);
  }
  svg.appendChild(edges);
  const nodes = svgEl("g", { class: "nodes" });
  for (const n of data.nodes) {
    const g = svgEl("g", { "data-id": n.id });
    const shape = shapeFor(n);
    shape.setAttribute("fill", n.fill);
    shape.setAttribute("stroke", n.stroke);
    g.appendChild(shape);
    const box = n.shape === "box";
    g.appendChild(svgEl("text", { x: n.x, y: box ? n.y + 5 : n.y + (n.size || 10) + 15, "text-anchor": "middle", "font-size": 13,
      fill: box ? "#ffffff" : "#1d2733", ...(box ? {} : { stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" }) }, n.label));
    nodes.appendChild(g);
  }
  svg.appendChild(nodes);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

/** The canvas as a PNG data URL, drawn on a white background. */
export function canvasPng(canvas) {
  const out = document.createElement("canvas");
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return out.toDataURL("image/png");
}

function saveUrl(filename, url) {
  const a = el("a", { href: url, download: filename, style: { display: "none" } });
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Two buttons, PNG and SVG. getData() returns {canvas, nodes: [{id, x, y, label, shape,
 * size, fill, stroke}], edges: [{from, to, label, onPath}]} for what is drawn now, or null.
 */
export function imageButtons(name, getData) {
  const png = el("button", {
    type: "button", class: "download", dataset: { format: "png" },
    on: { click: () => { const d = getData(); if (d && d.canvas) saveUrl(`policykg-${safeName(name())}.png`, canvasPng(d.canvas)); } },
  }, "下载 PNG");
  const svg = el("button", {
    type: "button", class: "download", dataset: { format: "svg" },
    on: { click: () => { const d = getData(); if (d) saveText(`policykg-${safeName(name())}.svg`, graphSvg(d, name()), "image/svg+xml"); } },
  }, "下载 SVG");
  return el("span", { class: "downloads", title: "下载图片 Download the picture" }, png, svg);
}
