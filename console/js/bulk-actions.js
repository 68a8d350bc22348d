import { ApiError, idempotencyKeys } from "./api.js";
import { announce, fill, h } from "./dom.js";
import { checkedValues, choices, clearProblem, field, formAlert, showProblem } from "./forms.js";
import { fromLocalInput, time } from "./format.js";
import { describe } from "./problems.js";

// The rows' selection, and one action on every customer selected (POST /customers/bulk). The selection outlives
// paging, tabs and filters, so customers found by different searches can be acted on together; that is why the
// customers are named in full before anything is applied. The answer is shown customer by customer (what was done,
// or why not, in the words of problems.js), then the list is refreshed.
//
// One Idempotency-Key per intent, as "Add customer" has it: a retry of the same confirmation (after a lost answer)
// reuses it, so nothing is applied twice; a 503 (that very request still running) is waited out with the same key.

const MAX_CUSTOMERS = 100;
const WAITS_WHILE_RUNNING = 5;

const ACTIONS = [
  { label: "Extend trial", action: "EXTEND_TRIAL",
    explain: "Each trial ends 14 days later than it does now (an expired trial runs again, for 14 days from now).",
    done: (c) => ["Trial ends ", time(c.expirationDate)] },
  { label: "Turn automatic upgrade off", action: "SET_AUTO_UPGRADE",
    parameters: { enabled: false },
    explain: "At the end of its trial, each account expires instead of becoming a production account.",
    done: () => "Automatic upgrade off" },
  { label: "Turn automatic upgrade on", action: "SET_AUTO_UPGRADE",
    parameters: { enabled: true },
    explain: "At the end of its trial, each account becomes a production account.",
    done: () => "Automatic upgrade on" },
  { label: "Convert to production", action: "CONVERT",
    explain: "Only trials your organization added (source MSP) can be converted; each keeps its add-ons.",
    fields: conversionFields, done: (c) => ["Production account until ", time(c.expirationDate)] },
];

function conversionFields(context) {
  const expiration = h("input", { type: "datetime-local" });
  return {
    controls: [
      field("New expiration date (optional)", expiration, {
        name: "expirationDate", hint: "In your time zone. Empty: one production term (a year) from now.",
      }),
      choices("SKU", "radio", "sku", [{ id: "", name: "Keep each customer's" }, ...context.catalog.skus], [""]),
    ],
    parameters(form) {
      const parameters = {};
      const sku = checkedValues(form, "sku")[0];
      const date = fromLocalInput(expiration.value);
      if (sku) parameters.sku = sku;
      if (date) parameters.expirationDate = date;
      return parameters;
    },
  };
}

export function createBulkActions(section, context) {
  const selected = new Map(); // customerId → organizationName
  let page = [];

  const selectPage = h("input", { type: "checkbox", id: "select-page", onchange: () => {
    page.forEach((customer) => choose(customer, selectPage.checked));
    changed();
  } });
  const count = h("span", { class: "selection-count", "aria-live": "polite" });
  const clear = h("button", { type: "button", onclick: () => { selected.clear(); changed(); selectPage.focus(); } },
    "Clear selection");
  const menuButton = h("button", { type: "button", id: "bulk-menu-button", "aria-expanded": "false",
    "aria-controls": "bulk-menu", onclick: () => toggleMenu() }, "Bulk actions", h("span", { "aria-hidden": "true" }, " ▾"));
  const menu = h("ul", { id: "bulk-menu", class: "bulk-menu", hidden: true, "aria-label": "Bulk actions",
    onkeydown: (event) => {
      if (event.key !== "Escape") return;
      toggleMenu(false);
      menuButton.focus();
    } },
  ACTIONS.map((action) => h("li", {}, h("button", { type: "button", onclick: () => confirm(action) }, action.label))));
  const slot = h("div", { class: "bulk-slot" });
  let confirming = false;

  fill(section,
    h("div", { class: "bulk-bar" },
      h("label", { class: "choice" }, selectPage, " Select all on this page"),
      count, clear,
      // The menu closes when the focus leaves it, as a menu does.
      h("div", { class: "bulk-menu-wrap", onfocusout: (event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) toggleMenu(false);
      } }, menuButton, menu)),
    slot);
  renderBar();

  function choose(customer, on) {
    if (on) selected.set(customer.customerId, customer.organizationName);
    else selected.delete(customer.customerId);
  }

  /** The bar, the rows' boxes and an open confirmation after the selection changed. */
  function changed() {
    if (confirming) closePanel();
    renderBar();
    context.selectionChanged();
  }

  function renderBar() {
    const onPage = page.filter((customer) => selected.has(customer.customerId)).length;
    selectPage.checked = page.length > 0 && onPage === page.length;
    selectPage.indeterminate = onPage > 0 && onPage < page.length;
    selectPage.disabled = page.length === 0;
    const elsewhere = selected.size - onPage;
    const text = selected.size === 0 ? "None selected"
      : `${selected.size} selected${elsewhere ? ` (${elsewhere} not on this page)` : ""}`
        + (selected.size > MAX_CUSTOMERS ? `: at most ${MAX_CUSTOMERS} at a time` : "");
    // Set only when it changes: the count is a live region, and a page redrawn says nothing new.
    if (count.textContent !== text) count.textContent = text;
    clear.hidden = selected.size === 0;
    menuButton.disabled = selected.size === 0 || selected.size > MAX_CUSTOMERS;
    if (menuButton.disabled) toggleMenu(false);
  }

  function toggleMenu(open = menu.hidden) {
    menu.hidden = !open;
    menuButton.setAttribute("aria-expanded", String(open));
    if (open) menu.querySelector("button").focus();
  }

  /** The focus back on the bar once a panel closes: on the menu, or where nothing is selected any more, the box. */
  function backToBar() {
    (menuButton.disabled ? selectPage : menuButton).focus();
  }

  function closePanel() {
    confirming = false;
    fill(slot);
  }

  function panel(titleText, ...content) {
    const title = h("h2", { id: "bulk-title", tabindex: "-1" }, titleText);
    fill(slot, h("section", { class: "action-panel bulk-panel", "aria-labelledby": "bulk-title" }, title, content));
    title.focus();
  }

  /** The action, the customers it will be applied to, and its parameters, before anything is applied. */
  function confirm(action) {
    toggleMenu(false);
    const names = new Map(selected);
    const fields = action.fields?.(context);
    const submit = h("button", { type: "submit", class: "primary" }, `${action.label} for ${plural(names.size)}`);
    const form = h("form", { novalidate: true }, formAlert(), fields?.controls,
      h("div", { class: "buttons" }, submit,
        h("button", { type: "button", onclick: () => { closePanel(); backToBar(); } }, "Cancel")));
    const keyFor = idempotencyKeys();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = { action: action.action, customerIds: [...names.keys()],
        parameters: { ...action.parameters, ...fields?.parameters(form) } };
      submit.disabled = true;
      clearProblem(form);
      try {
        showResults(action, names, await run(body, keyFor(body)));
      } catch (error) {
        // The parameters' fields are named parameters.x by the API, and x in the form.
        error.errors = error.errors.map((e) => ({ ...e, field: String(e.field ?? "").replace(/^parameters\./, "") }));
        showProblem(form, error, describe);
      } finally {
        submit.disabled = false;
      }
    });
    panel(`${action.label}: ${plural(names.size)}`,
      h("p", {}, action.explain, " A customer it does not apply to is left as it is, and said so."),
      h("ul", { class: "bulk-names" }, [...names.values()].map((name) => h("li", {}, name))),
      form);
    confirming = true;
  }

  async function run(body, key) {
    for (let wait = 0; ; wait++) {
      try {
        return (await context.api.bulk(body, key)).results;
      } catch (error) {
        if (error.status !== 503 || wait === WAITS_WHILE_RUNNING) throw error;
        announce("The same request is still running; waiting for its answer…");
        await new Promise((resolve) => setTimeout(resolve, Math.min(error.retryAfter ?? 2, 10) * 1000));
      }
    }
  }

  /** Each customer's outcome, in the order asked; the selection is spent, and the list shows the changes. */
  function showResults(action, names, results) {
    const failed = results.filter((result) => result.problem).length;
    const summary = `${action.label}: ${results.length - failed} done, ${failed} not done`;
    selected.clear();
    confirming = false;
    panel(summary,
      h("ul", { class: "bulk-results" }, results.map((result) => {
        const name = result.customer?.organizationName ?? names.get(result.customerId) ?? result.customerId;
        return h("li", { class: result.problem ? "bulk-result failed" : "bulk-result done", "data-customer-id": result.customerId },
          h("span", { class: "organization" }, name), " ",
          result.problem
            ? h("span", { class: "outcome" }, "✗ Not done: ", describe(new ApiError(result.status, result.problem)))
            : h("span", { class: "outcome" }, "✓ ", action.done(result.customer)));
      })),
      h("button", { type: "button", onclick: () => { closePanel(); backToBar(); } }, "Dismiss"));
    announce(`${summary}.`, failed ? "error" : "info");
    renderBar();
    context.selectionChanged();
    context.refreshList();
  }

  return {
    has: (customerId) => selected.has(customerId),
    set(customer, on) {
      choose(customer, on);
      changed();
    },
    /** The page the list shows now: what "select all on this page" selects. */
    pageShown(customers) {
      page = customers;
      renderBar();
    },
  };
}

function plural(count) {
  return `${count} customer${count === 1 ? "" : "s"}`;
}
