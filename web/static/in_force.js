// "In force on" a date, one control for every view (docs/api.md, Validity): a date field in
// the header, kept in the address as in_force_on (router.js carries it from view to view) and
// added to every API call that takes it (api.js asks datedParams). A view that wants its calls
// undated passes in_force_on: "" itself.
import { el, replace } from "./dom.js";
import { go, state } from "./router.js";

// GET paths (under /api/v1/) that take in_force_on: the page sends the header's date to these only
const DATED = [
  /^instruments$/,
  /^beneficiaries\/[^/]+\/instruments$/,
  /^search$/,
  /^graph\/(?!search$|vocabularies$)/,
  /^research\/(instrument-mix|co-responsibility)$/,
  /^compare(\/cell)?$/,
  /^departments(\/.+)?$/,
];

/** The date of the address (in_force_on), or "". */
export function inForceOn() {
  return state().in_force_on || "";
}

/** Whether the API path takes in_force_on. */
export function takesDate(path) {
  return DATED.some((re) => re.test(path));
}

/** params with the address's date added when the path takes one and params do not say otherwise. */
export function datedParams(path, params = {}) {
  const on = inForceOn();
  if (!on || "in_force_on" in params || !takesDate(path)) return params;
  return { ...params, in_force_on: on };
}

/** Build the header's date control inside box (an empty element of index.html). */
export function initInForce(box) {
  if (!box) return;
  const input = el("input", { type: "date", id: "in-force-on", name: "in_force_on", "aria-describedby": "in-force-note" });
  const clear = el("button", { type: "button", class: "in-force-clear" }, "任何日期 Any date");
  const note = el("span", { id: "in-force-note", class: "in-force-note", role: "status" });
  input.addEventListener("change", () => {
    if (input.value && !/^\d{4}-\d{2}-\d{2}$/.test(input.value)) return;
    go({ ...state(), in_force_on: input.value });
  });
  clear.addEventListener("click", () => { go({ ...state(), in_force_on: "" }); input.focus(); });
  replace(box, el("label", { for: "in-force-on" }, "有效日期 In force on"), input, clear, note);
}

/** Show the address's date in the header control. */
export function syncInForce(box, st) {
  const input = box?.querySelector("input[name=in_force_on]");
  if (!input) return;
  const on = st.in_force_on || "";
  if (document.activeElement !== input) input.value = on;
  box.querySelector(".in-force-clear").hidden = !on;
  box.dataset.active = on ? "1" : "";
  box.querySelector(".in-force-note").textContent = on ? `只看 ${on} 有效的政策 only policies in force that day` : "";
}
