// Numbers as a policy reader writes them: rates as %, money in 元/万元/亿元.

function trim(n, digits) {
  return Number(n.toFixed(digits)).toLocaleString("zh-CN", { maximumFractionDigits: digits });
}

/** 1000000 → "100万元", 150000000 → "1.5亿元", 5000 → "5000元". */
export function money(yuan) {
  if (yuan === null || yuan === undefined || yuan === "" || Number.isNaN(Number(yuan))) return "";
  const v = Number(yuan);
  if (Math.abs(v) >= 1e8) return `${trim(v / 1e8, 4)}亿元`;
  if (Math.abs(v) >= 1e4) return `${trim(v / 1e4, 2)}万元`;
  return `${trim(v, 2)}元`;
}

/** 0.08 → "8%" (rates are fractions). */
export function rate(fraction) {
  if (fraction === null || fraction === undefined || fraction === "" || Number.isNaN(Number(fraction))) return "";
  return `${trim(Number(fraction) * 100, 2)}%`;
}

/** The rate of an instrument: "8%" or "70%–99%". */
export function rateOf(inst) {
  if (inst.rate !== null && inst.rate !== undefined) return rate(inst.rate);
  if (inst.rate_min != null && inst.rate_max != null) return `${rate(inst.rate_min)}–${rate(inst.rate_max)}`;
  if (inst.rate_min != null) return `≥${rate(inst.rate_min)}`;
  if (inst.rate_max != null) return `≤${rate(inst.rate_max)}`;
  return "";
}

/** The numbers of an instrument in one line: "8% · 最高100万元 · 10万元起". */
export function instrumentNumbers(inst) {
  const parts = [];
  const r = rateOf(inst);
  if (r) parts.push(inst.basis ? `${inst.basis}的${r}` : r);
  if (inst.amount_yuan != null) parts.push(money(inst.amount_yuan));
  if (inst.cap_yuan != null) parts.push(`最高${money(inst.cap_yuan)}`);
  if (inst.threshold_yuan != null) parts.push(`门槛${money(inst.threshold_yuan)}`);
  if (inst.duration_years != null) parts.push(`${inst.duration_years}年`);
  return parts.join(" · ");
}

/** A property value as text (money fields in 万元, rates in %, lists joined). */
export function propValue(key, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (/_yuan$/.test(key)) return money(value);
  if (/^rate(_min|_max)?$/.test(key)) return rate(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join("、");
  if (typeof value === "boolean") return value ? "是 yes" : "否 no";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
