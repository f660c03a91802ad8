// Query-string routing: every view's state is in the URL (?view=graph&node=…), so any
// screen can be shared by copying the address.

let renderFn = () => {};

/** The current state: the query string as a plain object. */
export function state() {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

// kept from view to view unless a state names it (the "in force on" date, in_force.js)
const STICKY = ["in_force_on"];

/** href for a state (empty values dropped; a sticky key the state does not name is kept). */
export function href(params) {
  const q = new URLSearchParams();
  const current = state();
  for (const k of STICKY) if (!(k in params) && current[k]) params = { ...params, [k]: current[k] };
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  return `/?${q.toString()}`;
}

/** Go to a state and render it. */
export function go(params) {
  history.pushState(null, "", href(params));
  renderFn(state());
}

/** Record a change of the current view's state without re-rendering (selection, filters). */
export function update(changes, { push = false } = {}) {
  const next = { ...state(), ...changes };
  const url = href(next);
  if (url === window.location.pathname + window.location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

/** A link inside the app: a real href (opens in a new tab on middle-click) routed in place. */
export function link(params, ...children) {
  const a = document.createElement("a");
  a.href = href(params);
  a.dataset.route = "1";
  for (const c of children) a.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  return a;
}

/** Start routing: render(state) on load, on back/forward and on clicks of in-app links. */
export function start(render) {
  renderFn = render;
  window.addEventListener("popstate", () => renderFn(state()));
  document.addEventListener("click", (event) => {
    const a = event.target.closest && event.target.closest("a[href]");
    if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || a.target) return;
    if (a.getAttribute("href").startsWith("#")) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== "/" || a.hasAttribute("download")) return;
    event.preventDefault();
    history.pushState(null, "", href(Object.fromEntries(url.searchParams)));
    renderFn(state());
  });
  renderFn(state());
}
