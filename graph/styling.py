"""How graph nodes and edges are drawn: the shape the web page's vis-network expects.

Nodes are styled by type (policy, clause, department by function, instrument by type,
beneficiary, region); the page's legend uses the same tables via ``legend()``.
"""

from __future__ import annotations

from typing import Any

from . import schema as S

TYPE_STYLE: dict[str, dict[str, str]] = {
    S.POLICY: {"color": "#1f4e79", "shape": "box", "name_zh": "政策"},
    S.SECTION: {"color": "#9dc3e6", "shape": "box", "name_zh": "章节"},
    S.CLAUSE: {"color": "#5b9bd5", "shape": "dot", "name_zh": "条款"},
    S.DEPARTMENT: {"color": "#c55a11", "shape": "diamond", "name_zh": "部门"},
    S.FUNCTION: {"color": "#843c0c", "shape": "hexagon", "name_zh": "职能"},
    S.REGION: {"color": "#548235", "shape": "triangle", "name_zh": "地区"},
    S.BENEFICIARY_TYPE: {"color": "#7030a0", "shape": "star", "name_zh": "受益对象"},
    S.INSTRUMENT: {"color": "#bf9000", "shape": "dot", "name_zh": "政策工具"},
    S.INSTRUMENT_TYPE: {"color": "#7f6000", "shape": "square", "name_zh": "工具类型"},
    S.TARGET: {"color": "#808080", "shape": "dot", "name_zh": "目标"},
    S.CITED_DOCUMENT: {"color": "#a5a5a5", "shape": "box", "name_zh": "引用文件"},
}

FUNCTION_COLORS: dict[str, str] = {
    "science_tech": "#c00000", "finance": "#ed7d31", "education": "#ffc000", "human_resources": "#70ad47",
    "talent": "#00b050", "state_assets": "#0070c0", "market_ip": "#7030a0", "health": "#ff66cc",
    "industry_it": "#00b0f0", "development_reform": "#996633", "agriculture": "#669900",
    "financial_regulation": "#cc6600", "local_government": "#595959", "development_zone": "#8faadc",
    "university_institute": "#2f5597",
}

CATEGORY_COLORS = {"supply": "#bf9000", "environment": "#38a169", "demand": "#d53f8c"}


def display_name(node: dict[str, Any]) -> str:
    """A short human label for a node."""
    p = node["properties"]
    label = node["label"]
    if label == S.CLAUSE:
        label = p.get("label") or ""
        text = (p.get("text") or "").strip()
        head = p.get("heading") or (text[len(label):] if text.startswith(label) else text)[:18]
        return f"{label} {head}".strip()
    if label == S.INSTRUMENT:
        return format_instrument(p)
    for key in ("title", "name", "name_zh", "metric", "label", "code"):
        if p.get(key):
            return str(p[key])
    return str(node["id"])


def format_money(yuan: float | None) -> str | None:
    """Yuan as 万元 / 亿元 for display."""
    if yuan is None:
        return None
    if yuan >= 1e8:
        return f"{yuan / 1e8:g}亿元"
    if yuan >= 1e4:
        return f"{yuan / 1e4:g}万元"
    return f"{yuan:g}元"


def format_instrument(p: dict[str, Any]) -> str:
    parts = [p.get("type") or "instrument"]
    if p.get("rate") is not None:
        parts.append(f"{p['rate'] * 100:g}%")
    elif p.get("rate_min") is not None and p.get("rate_max") is not None:
        parts.append(f"{p['rate_min'] * 100:g}%–{p['rate_max'] * 100:g}%")
    for key, prefix in (("cap_yuan", "≤"), ("amount_yuan", "")):
        if p.get(key) is not None:
            parts.append(prefix + str(format_money(p[key])))
    return " ".join(parts)


def node_view(node: dict[str, Any]) -> dict[str, Any]:
    """A node as vis-network draws it (plain-text title, never HTML)."""
    label = node["label"]
    style = TYPE_STYLE.get(label, {"color": "#999999", "shape": "dot", "name_zh": label})
    p = node["properties"]
    color = style["color"]
    group = label
    if label == S.DEPARTMENT and p.get("function"):
        color = FUNCTION_COLORS.get(p["function"], color)
        group = f"{label}:{p['function']}"
    elif label in (S.INSTRUMENT, S.INSTRUMENT_TYPE) and p.get("category"):
        color = CATEGORY_COLORS.get(p["category"], color)
        group = f"{label}:{p.get('type') or p.get('code')}"
    name = display_name(node)
    short = name if len(name) <= 16 else name[:15] + "…"
    return {
        "id": node["id"], "type": label, "type_zh": style["name_zh"], "label": short, "title": name,
        "group": group, "color": color, "shape": style["shape"], "properties": p,
    }


def edge_view(rel: dict[str, Any], index: int) -> dict[str, Any]:
    """A relationship as vis-network draws it."""
    p = rel["properties"]
    label = rel["type"]
    if rel["type"] == "RESPONSIBLE_FOR":
        label = "牵头" if p.get("lead") else "配合"
    elif rel["type"] == "SIMILAR_TO" and p.get("score") is not None:
        label = f"相似 {p['score']:.2f}"
    return {"id": f"e{index}", "from": rel["start"], "to": rel["end"], "type": rel["type"], "label": label,
            "properties": p, "dashes": rel["type"] in ("SIMILAR_TO", "MENTIONS")}


def legend() -> dict[str, Any]:
    """Colours and shapes per type and per function, for the page's legend."""
    return {"types": TYPE_STYLE, "functions": FUNCTION_COLORS, "categories": CATEGORY_COLORS}
