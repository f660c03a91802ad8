// The JSON API client (docs/api.md). Errors have one shape {error, detail, status}.
import { datedParams } from "./in_force.js";

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

/** Build /api/v1/<path>?<params>, skipping empty params. */
export function apiUrl(path, params = {}) {
  const url = new URL(`/api/v1/${path}`, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  return url.pathname + url.search;
}

/** Encode a node id for a path segment. */
export const enc = (id) => encodeURIComponent(id);

/** GET (or POST with body) a JSON answer; throws ApiError with the API's detail. */
export async function api(path, params = {}, { method = "GET", body = undefined, signal, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(apiUrl(path, method === "GET" ? datedParams(path, params) : params), {
      method,
      signal,
      headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "network", `无法连接服务器 Cannot reach the server (${e.message}). Is \`policykg serve\` running?`);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, data?.error || "http_error", data?.detail || `HTTP ${response.status} ${response.statusText}`);
  }
  return data;
}

/** A readable one-line message for an error from api(). */
export function errorText(e) {
  if (e instanceof ApiError) return `出错 Error (${e.code}${e.status ? ", " + e.status : ""}): ${e.detail}`;
  return `出错 Error: ${e && e.message ? e.message : e}`;
}
