// The public HTTP API (infrastructure/openapi.yaml), and locally the runtime's development routes. Every failure
// is an ApiError carrying the problem+json the API answered (RFC 9457).

export class ApiError extends Error {
  /** retryAfter: the seconds a 503 or 429 asked to wait (Retry-After), or null. */
  constructor(status, problem, retryAfter = null) {
    super(problem.detail || problem.title || problem.message || `The API answered ${status}`);
    this.status = status;
    this.code = problem.code;
    this.reason = problem.reason;
    this.errors = problem.errors ?? [];
    this.retryAfter = retryAfter;
  }

  /** The message for one field, when the API named it. */
  fieldMessage(field) {
    return this.errors.find((error) => error.field === field)?.message;
  }
}

export function createApi({ baseUrl, token, onUnauthenticated }) {
  // The answer's JSON or, with as: "blob", its bytes (a file); a failure is an ApiError either way.
  async function request(method, path, { body, headers = {}, as = "json" } = {}) {
    const init = { method, headers: { ...headers } };
    if (token) init.headers.Authorization = `Bearer ${token()}`;
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(baseUrl + path, init);
    } catch {
      throw new ApiError(0, { detail: "The API could not be reached. Check your connection and try again." });
    }
    if (response.ok && as === "blob") return response.blob();
    const text = await response.text();
    let json = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { detail: text };
    }
    if (!response.ok) {
      const retryAfter = Number.parseInt(response.headers.get("Retry-After"), 10);
      const error = new ApiError(response.status, json, Number.isNaN(retryAfter) ? null : retryAfter);
      if (response.status === 401 && onUnauthenticated) onUnauthenticated(error);
      throw error;
    }
    return json;
  }

  const customer = (id) => `/customers/${encodeURIComponent(id)}`;
  const query = (params) => {
    const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value != null && value !== ""));
    return search.size ? `?${search}` : "";
  };

  return {
    catalog: () => request("GET", "/catalog"),
    /** One page; listing holds the view, the filters and the sort (listing.js's apiParameters). */
    listCustomers: (listing, { limit, nextToken }) => request("GET", `/customers${query({ ...listing, limit, nextToken })}`),
    /** Every customer of the listing as the API's CSV file (a Blob), fetched with the same Authorization. */
    exportCustomers: (listing) => request("GET", `/customers/export${query(listing)}`, { as: "blob" }),
    getCustomer: (id) => request("GET", customer(id)),
    createCustomer: (body, idempotencyKey) =>
      request("POST", "/customers", { body, headers: { "Idempotency-Key": idempotencyKey } }),
    /** {action, customerIds, parameters}: {results: [{customerId, status, customer | problem}]}, in the order asked. */
    bulk: (body, idempotencyKey) =>
      request("POST", "/customers/bulk", { body, headers: { "Idempotency-Key": idempotencyKey } }),
    updateCustomer: (id, changes, version) =>
      request("PATCH", customer(id), { body: changes, headers: version ? { "If-Match": `"${version}"` } : {} }),
    activationLink: (id) => request("GET", `${customer(id)}/activation-link`),
    regenerateActivationLink: (id) => request("POST", `${customer(id)}/activation-link`, { body: { sendEmail: true } }),
    previewExtension: (id) => request("GET", `${customer(id)}/trial-extension`),
    extendTrial: (id, expectedExpirationDate) =>
      request("POST", `${customer(id)}/trial-extension`, { body: { expectedExpirationDate } }),
    setAutoUpgrade: (id, enabled) => request("PUT", `${customer(id)}/auto-upgrade`, { body: { enabled } }),
    convert: (id, body) => request("POST", `${customer(id)}/conversion`, { body }),
    events: (id, nextToken) => request("GET", `${customer(id)}/events${query({ limit: 20, nextToken })}`),
  };
}

/**
 * Idempotency-Keys for one intent (a dialog, a confirmation): the same body again, a retry after a lost answer, gets
 * the same key, so the API applies it once; another body gets a new one.
 */
export function idempotencyKeys() {
  let last = { body: null, key: null };
  return (body) => {
    const serialized = JSON.stringify(body);
    if (serialized !== last.body) last = { body: serialized, key: crypto.randomUUID() };
    return last.key;
  };
}

/** The local runtime's development routes (never deployed). */
export function createLocalApi(baseUrl) {
  async function call(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(baseUrl + path, init).catch(() => {
      throw new ApiError(0, { detail: "The local runtime could not be reached." });
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }
  return {
    token: (partnerId, email, role) => call("POST", "/local/tokens", email ? { partnerId, email, role } : { partnerId, role }),
    clock: () => call("GET", "/local/clock"),
    setClock: (now) => call("PUT", "/local/clock", { now }),
    sweep: () => call("POST", "/local/sweep", {}),
    emails: () => call("GET", "/local/emails"),
    importEvent: (detail) => call("POST", "/local/import-events", detail),
  };
}
