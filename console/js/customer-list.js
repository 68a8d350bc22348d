import { announce, fill, h } from "./dom.js";
import { humanize, time } from "./format.js";
import { apiParameters, isFiltered, sameListing } from "./listing.js";
import { describe } from "./problems.js";

// The two tabs' table for a listing (listing.js: the tab, the filters, the sort), one page at a time (the API's
// nextToken; earlier pages' tokens kept for Previous). While a page loads, the rows it replaces stay (dimmed) or, the
// first time, skeleton rows hold their place. The sortable columns' headers are buttons that change the listing.
//
// A filtered page may come back short, or empty, with a nextToken (the API reads at most 10,000 customers a
// request): the list asks on by itself, a few requests at most, to fill the page, and says nothing "matches" while a
// token remains; Next stays offered as long as there is one.
//
// Every render replaces the whole table, so whatever held the focus is named by its data-focus-key (a customer's
// Manage button, the Next button) and its successor takes the focus back: a keyboard or screen-reader user keeps
// their place through every refresh.

const SKELETON_ROWS = 5;
const REQUESTS_PER_PAGE = 3;

// Each sortable column's sorts: the first is the one a click picks; a column with two toggles between them.
const BY_NAME = ["organizationName"];
const BY_EXPIRATION = ["expirationDate"];
const BY_CREATION = ["-createdAt", "createdAt"];

export function createCustomerList(container, context) {
  const state = { listing: null, pageSize: 10, pageTokens: [null], page: 0, nextToken: null, items: null };
  let latestRequest = 0;

  const columns = {
    pending: [
      { label: "Activation link", cell: (c) => linkCell(c) },
      { label: "Organization", sorts: BY_NAME, cell: (c) => h("span", { class: "organization" }, c.organizationName) },
      { label: "Notification email", cell: (c) => c.notificationEmail },
      { label: "Onboarding", cell: (c) => badge(c.onboardingStatus) },
      { label: "Import errors", cell: (c) => c.importErrorCount > 0
          ? h("span", { class: "error-count" }, `⚠ ${c.importErrorCount}`) : "0" },
      { label: "Last event", cell: (c) => c.lastEventMessage ?? h("span", { class: "muted" }, "—") },
      { label: "Added", sorts: BY_CREATION, cell: (c) => time(c.createdAt) },
      { label: "Actions", cell: (c) => manageButton(c) },
    ],
    customers: [
      { label: "Organization", sorts: BY_NAME, cell: (c) => h("span", { class: "organization" }, c.organizationName) },
      { label: "SKU", cell: (c) => c.sku },
      { label: "Account type", cell: (c) => humanize(c.accountType) },
      { label: "Status", cell: (c) => badge(c.status) },
      { label: "Expiration", sorts: BY_EXPIRATION, cell: (c) => time(c.expirationDate) },
      { label: "Automatic upgrade", cell: (c) => c.accountType === "TRIAL" ? (c.autoUpgrade ? "On" : "Off") : "—" },
      { label: "Source", cell: (c) => c.source },
      { label: "Added", sorts: BY_CREATION, cell: (c) => time(c.createdAt) },
      { label: "Actions", cell: (c) => manageButton(c) },
    ],
  };

  // Only for whoever may act on many customers at once (bulk-actions.js): a box to select each row.
  const selectColumn = { label: "Select", labelHidden: true, cell: (c) => h("input", { type: "checkbox", class: "select-row",
    "data-focus-key": `select:${c.customerId}`, "aria-label": `Select ${c.organizationName}`,
    checked: context.selection.has(c.customerId), onchange: (event) => context.selection.set(c, event.target.checked) }) };

  function columnsShown() {
    const view = columns[state.listing.view];
    return context.selection ? [selectColumn, ...view] : view;
  }

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

  /** A sortable column's header: a button, the current order in aria-sort (and an arrow for the eye). */
  function header(column) {
    if (!column.sorts) {
      return h("th", { scope: "col" }, column.labelHidden ? h("span", { class: "visually-hidden" }, column.label) : column.label);
    }
    const current = column.sorts.indexOf(state.listing.sort);
    const sort = column.sorts[(current + 1) % column.sorts.length];
    const order = current < 0 ? null : state.listing.sort.startsWith("-") ? "descending" : "ascending";
    return h("th", { scope: "col", "aria-sort": order },
      h("button", { type: "button", class: "sort", "data-focus-key": `sort:${column.label}`,
        onclick: () => context.changeListing({ sort }) },
        column.label, h("span", { class: "sort-arrow", "aria-hidden": "true" },
          order === "ascending" ? " ▲" : order === "descending" ? " ▼" : " ↕")));
  }

  function emptyMessage() {
    // More may match beyond what was read: Next reads on.
    if (state.nextToken) return "No match among the customers read so far. Next reads further.";
    if (isFiltered(state.listing)) return "No customers match these filters.";
    return state.listing.view === "pending" ? "No customers waiting on onboarding." : "No onboarded customers yet.";
  }

  function table(items) {
    const view = columnsShown();
    const rows = items === null
      ? Array.from({ length: SKELETON_ROWS }, () =>
          h("tr", { class: "skeleton", "aria-hidden": "true" }, view.map(() => h("td", {}, h("span", { class: "bone" })))))
      : items.map((customer) => h("tr", { "data-customer-id": customer.customerId },
          view.map((column) => h("td", { "data-label": column.label }, column.cell(customer)))));
    const empty = items?.length === 0
      ? h("tr", {}, h("td", { colspan: view.length, class: "empty" }, emptyMessage()))
      : null;
    return h("table", { class: "customers-table", tabindex: "-1", "aria-busy": items === null ? "true" : "false" },
      h("caption", { class: "visually-hidden" },
        `${state.listing.view === "pending" ? "Pending customers" : "Customers"}, page ${state.page + 1}`),
      h("thead", {}, h("tr", {}, view.map(header))),
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
    context.selection?.pageShown(state.items ?? []);
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
      const items = [];
      let nextToken = state.pageTokens[state.page];
      let asked = 0;
      do {
        const page = await context.api.listCustomers(apiParameters(state.listing),
          { limit: state.pageSize - items.length, nextToken });
        if (request !== latestRequest) return;
        items.push(...page.items);
        nextToken = page.nextToken;
      } while (nextToken && items.length < state.pageSize && ++asked < REQUESTS_PER_PAGE);
      state.items = items;
      state.nextToken = nextToken;
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
    /** Shows the listing: from its first page when it is another one (and without the old rows when in another tab). */
    show(listing) {
      if (!state.listing || !sameListing(listing, state.listing)) {
        if (listing.view !== state.listing?.view) state.items = null;
        state.listing = listing;
        reset();
      }
      return load();
    },
    /** The boxes as the selection has them now (it changed elsewhere: select all, cleared, applied). */
    selectionChanged() {
      container.querySelectorAll(".select-row").forEach((box) => {
        box.checked = context.selection.has(box.closest("tr").dataset.customerId);
      });
    },
    reload: load,
    /** Refreshes the list with the focus on that customer's Manage button, as it is now and after the refresh. */
    returnTo(customerId) {
      const row = [...container.querySelectorAll("tbody tr")].find((tr) => tr.dataset.customerId === customerId);
      restoreFocus({ key: `manage:${customerId}`, rowIndex: row?.sectionRowIndex ?? -1 });
      return load();
    },
  };
}
