import { announce, fill, h } from "./dom.js";
import { humanize, time } from "./format.js";
import { describe } from "./problems.js";

// The two tabs' table, one page at a time (the API's nextToken; earlier pages' tokens kept for Previous). While a
// page loads, the rows it replaces stay (dimmed) or, the first time, skeleton rows hold their place.
//
// Every render replaces the whole table, so whatever held the focus is named by its data-focus-key (a customer's
// Manage button, the Next button) and its successor takes the focus back: a keyboard or screen-reader user keeps
// their place through every refresh.

const SKELETON_ROWS = 5;

export function createCustomerList(container, context) {
  const state = { view: "customers", pageSize: 10, pageTokens: [null], page: 0, nextToken: null, items: null };
  let latestRequest = 0;

  const columns = {
    pending: [
      { label: "Activation link", cell: (c) => linkCell(c) },
      { label: "Organization", cell: (c) => h("span", { class: "organization" }, c.organizationName) },
      { label: "Notification email", cell: (c) => c.notificationEmail },
      { label: "Onboarding", cell: (c) => badge(c.onboardingStatus) },
      { label: "Import errors", cell: (c) => c.importErrorCount > 0
          ? h("span", { class: "error-count" }, `⚠ ${c.importErrorCount}`) : "0" },
      { label: "Last event", cell: (c) => c.lastEventMessage ?? h("span", { class: "muted" }, "—") },
      { label: "Added", cell: (c) => time(c.createdAt) },
      { label: "Actions", cell: (c) => manageButton(c) },
    ],
    customers: [
      { label: "Organization", cell: (c) => h("span", { class: "organization" }, c.organizationName) },
      { label: "SKU", cell: (c) => c.sku },
      { label: "Account type", cell: (c) => humanize(c.accountType) },
      { label: "Status", cell: (c) => badge(c.status) },
      { label: "Expiration", cell: (c) => time(c.expirationDate) },
      { label: "Automatic upgrade", cell: (c) => c.accountType === "TRIAL" ? (c.autoUpgrade ? "On" : "Off") : "—" },
      { label: "Source", cell: (c) => c.source },
      { label: "Actions", cell: (c) => manageButton(c) },
    ],
  };

  function badge(value) {
    return h("span", { class: `badge badge-${String(value).toLowerCase()}` }, humanize(value));
  }

  function manageButton(customer) {
    return h("button", { type: "button", class: "manage", "data-focus-key": `manage:${customer.customerId}`,
      onclick: () => context.openCustomer(customer.customerId) },
      "Manage", h("span", { class: "visually-hidden" }, ` ${customer.organizationName}`));
  }

  function linkCell(customer) {
    if (customer.onboardingStatus !== "PENDING") return h("span", { class: "muted" }, "Activated");
    const message = h("span", { class: "cell-error", role: "alert" });
    const button = h("button", { type: "button", class: "copy-link", "data-focus-key": `copy-link:${customer.customerId}`,
      onclick: () => copyLink(customer, message) },
      "Copy link", h("span", { class: "visually-hidden" }, ` for ${customer.organizationName}`));
    return [button, message];
  }

  async function copyLink(customer, message) {
    message.textContent = "";
    try {
      const { activationLink } = await context.api.activationLink(customer.customerId);
      await context.copy(activationLink, `Activation link for ${customer.organizationName} copied.`);
    } catch (error) {
      message.textContent = describe(error);
    }
  }

  function table(items) {
    const view = columns[state.view];
    const rows = items === null
      ? Array.from({ length: SKELETON_ROWS }, () =>
          h("tr", { class: "skeleton", "aria-hidden": "true" }, view.map(() => h("td", {}, h("span", { class: "bone" })))))
      : items.map((customer) => h("tr", { "data-customer-id": customer.customerId },
          view.map((column) => h("td", { "data-label": column.label }, column.cell(customer)))));
    const empty = items?.length === 0
      ? h("tr", {}, h("td", { colspan: view.length, class: "empty" },
          state.view === "pending" ? "No customers waiting on onboarding." : "No onboarded customers yet."))
      : null;
    return h("table", { class: "customers-table", tabindex: "-1", "aria-busy": items === null ? "true" : "false" },
      h("caption", { class: "visually-hidden" },
        `${state.view === "pending" ? "Pending customers" : "Customers"}, page ${state.page + 1}`),
      h("thead", {}, h("tr", {}, view.map((column) => h("th", { scope: "col" }, column.label)))),
      h("tbody", {}, rows, empty));
  }

  function pagination() {
    return h("nav", { class: "pagination", "aria-label": "Pages" },
      h("button", { type: "button", "data-focus-key": "previous", disabled: state.page === 0,
        onclick: () => goTo(state.page - 1) }, "Previous"),
      h("span", { class: "page-number" }, `Page ${state.page + 1}`),
      h("button", { type: "button", "data-focus-key": "next", disabled: !state.nextToken,
        onclick: () => goTo(state.page + 1) }, "Next"),
      h("label", { class: "page-size" }, "Rows per page ",
        h("select", { "data-focus-key": "page-size", onchange: (event) => { state.pageSize = Number(event.target.value); reset(); load(); } },
          [10, 25, 50].map((size) => h("option", { value: size, selected: size === state.pageSize }, String(size))))));
  }

  function render(error) {
    const place = focusedPlace();
    fill(container,
      error ? h("p", { class: "form-alert", role: "alert" }, describe(error), " ",
        h("button", { type: "button", "data-focus-key": "try-again", onclick: load }, "Try again")) : null,
      h("div", { class: "table-scroll" }, table(state.items)),
      pagination());
    if (place) restoreFocus(place);
  }

  /** Where the focus is in the list, if it is: the focused element's key and its row's place in the page. */
  function focusedPlace() {
    const element = document.activeElement;
    if (!container.contains(element)) return null;
    return { key: element.dataset.focusKey, rowIndex: element.closest("tbody tr")?.sectionRowIndex ?? -1 };
  }

  /**
   * The focus back on the element of that key or, when it is gone or disabled (the customer left the page, Next on
   * the last page), on the row now in the same place, the other page button, or the table itself.
   */
  function restoreFocus({ key, rowIndex }) {
    const rows = container.querySelectorAll("tbody tr");
    const candidates = [
      key && container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`),
      rowIndex >= 0 && rows[Math.min(rowIndex, rows.length - 1)]?.querySelector("[data-focus-key]"),
      container.querySelector(".pagination button:not(:disabled)"),
      container.querySelector("table"),
    ];
    candidates.find((element) => element && !element.disabled)?.focus();
  }

  function setBusy(busy) {
    container.classList.toggle("is-loading", busy);
    container.setAttribute("aria-busy", String(busy));
  }

  function reset() {
    state.pageTokens = [null];
    state.page = 0;
    state.nextToken = null;
  }

  function goTo(page) {
    if (page > state.page) state.pageTokens[page] = state.nextToken;
    state.page = page;
    load();
  }

  // Only the latest request's answer is shown: a slow earlier page never overwrites a later one.
  async function load() {
    const request = ++latestRequest;
    setBusy(true);
    if (state.items === null) render();
    try {
      const page = await context.api.listCustomers({
        view: state.view, limit: state.pageSize, nextToken: state.pageTokens[state.page],
      });
      if (request !== latestRequest) return;
      state.items = page.items;
      state.nextToken = page.nextToken;
      render();
    } catch (error) {
      if (request !== latestRequest) return;
      render(error);
      if (error.status !== 401) announce(describe(error), "error");
    } finally {
      if (request === latestRequest) setBusy(false);
    }
  }

  return {
    show(view) {
      if (view !== state.view) {
        state.view = view;
        state.items = null;
        reset();
      }
      return load();
    },
    reload: load,
    /** Refreshes the list with the focus on that customer's Manage button, as it is now and after the refresh. */
    returnTo(customerId) {
      const row = [...container.querySelectorAll("tbody tr")].find((tr) => tr.dataset.customerId === customerId);
      restoreFocus({ key: `manage:${customerId}`, rowIndex: row?.sectionRowIndex ?? -1 });
      return load();
    },
    get view() {
      return state.view;
    },
  };
}
