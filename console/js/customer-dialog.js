import { announce, fill, h } from "./dom.js";
import { checkedValues, choices, clearProblem, field, formAlert, showProblem } from "./forms.js";
import { formatInstant, fromLocalInput, humanize, time, toLocalInput } from "./format.js";
import { describe } from "./problems.js";

// One customer: what it is, what can be done to it (each action in its own panel, one open at a time), and its
// event log. Every answer that returns the customer shows it; a STALE_STATE answer re-reads it and says so.

export function createCustomerDialog(dialog, context) {
  let customer = null;
  let openedId = null;
  let openPanel = null;
  let eventsNextToken = null;

  const title = h("h2", { id: "customer-title", tabindex: "-1" });
  const notice = h("p", { class: "notice", role: "alert" });
  const summary = h("dl", { class: "summary" });
  const actions = h("div", { class: "actions", role: "group", "aria-label": "Actions" });
  const panel = h("div", { class: "panel-slot" });
  const eventRows = h("tbody");
  const moreEvents = h("button", { type: "button", onclick: () => loadEvents(false) }, "Load older events");
  fill(dialog,
    h("div", { class: "dialog-header" }, title,
      h("button", { type: "button", class: "close", "aria-label": "Close", onclick: () => dialog.close() }, "✕")),
    notice, summary,
    h("section", { "aria-labelledby": "actions-title" }, h("h3", { id: "actions-title" }, "Actions"), actions, panel),
    h("section", { "aria-labelledby": "events-title" }, h("h3", { id: "events-title" }, "Event log"),
      h("div", { class: "table-scroll" }, h("table", { class: "events-table" },
        h("thead", {}, h("tr", {}, ["When", "Level", "What", "Message", "By"].map((label) => h("th", { scope: "col" }, label)))),
        eventRows)),
      moreEvents));
  // Back to where the partner was: the list, refreshed, with the focus on this customer's Manage button (the
  // button that opened the dialog may have been replaced by a refresh meanwhile).
  dialog.addEventListener("close", () => context.returnToCustomer(openedId));

  async function open(customerId) {
    openedId = customerId;
    openPanel = null;
    customer = null;
    notice.textContent = "";
    fill(title, "Loading…");
    fill(summary, h("div", { class: "bone wide" }));
    fill(actions);
    fill(panel);
    fill(eventRows);
    moreEvents.hidden = true;
    dialog.showModal();
    title.focus();
    try {
      await Promise.all([reload(customerId), loadEvents(true, customerId)]);
    } catch (error) {
      fill(title, "Customer");
      notice.textContent = describe(error);
    }
  }

  async function reload(customerId = customer.customerId) {
    show(await context.api.getCustomer(customerId));
  }

  function show(fresh) {
    customer = fresh;
    fill(title, customer.organizationName);
    renderSummary();
    renderActions();
  }

  function renderSummary() {
    const c = customer;
    const rows = [
      ["Notification email", c.notificationEmail],
      ["SKU", c.sku],
      ["Add-ons", c.addOns.length ? c.addOns.join(", ") : "none"],
      ["Source", c.source],
      ["Onboarding", humanize(c.onboardingStatus)],
      ["Account type", humanize(c.accountType)],
      ["Status", humanize(c.status)],
      ["Expiration", time(c.expirationDate)],
      ["Automatic upgrade", c.accountType === "TRIAL" ? (c.autoUpgrade ? "On" : "Off") : "—"],
      ["Trial extensions", String(c.trialExtensions)],
      ["Import errors", String(c.importErrorCount)],
      ["Last event", c.lastEventMessage ?? "—"],
    ];
    fill(summary, rows.map(([term, value]) => h("div", { "data-term": term }, h("dt", {}, term), h("dd", {}, value))));
  }

  // ------------------------------------------------------------------ actions

  function actionList() {
    const c = customer;
    const trial = c.accountType === "TRIAL";
    if (!context.canChange) return [];
    return [
      c.onboardingStatus === "PENDING" && { id: "link", label: "Regenerate activation link", render: linkPanel },
      trial && c.expirationDate && { id: "extend", label: "Extend trial", render: extendPanel },
      trial && { id: "upgrade", label: "Manage subscription upgrade", render: upgradePanel },
      trial && c.source === "MSP" && { id: "convert", label: "Convert to production account", render: convertPanel },
      { id: "edit", label: "Edit SKUs, add-ons and expiration", render: editPanel },
      context.local && c.onboardingStatus !== "COMPLETED"
        && { id: "import", label: "Simulate import progress (local)", render: importPanel },
    ].filter(Boolean);
  }

  function renderActions() {
    const list = actionList();
    const notConvertible = context.canChange && customer.accountType === "TRIAL" && customer.source !== "MSP";
    const readOnly = context.canChange ? null : h("p", { class: "read-only" },
      "You are signed in as a viewer: you can read this customer and its event log, but not change it.");
    fill(actions, readOnly, list.map((action) => h("button", {
      type: "button",
      "aria-expanded": String(openPanel === action.id),
      "aria-controls": "action-panel",
      onclick: () => toggle(action),
    }, action.label)), notConvertible ? h("p", { class: "refusal" },
      `Conversion to production is not offered: this customer came from ${humanize(customer.source)}; only customers `
        + "your organization added (source MSP) can be converted.") : null);
    const current = list.find((action) => action.id === openPanel);
    if (!current) {
      openPanel = null;
      fill(panel);
    }
  }

  function toggle(action) {
    notice.textContent = "";
    if (openPanel === action.id) {
      openPanel = null;
      fill(panel);
    } else {
      openPanel = action.id;
      renderPanel(action);
    }
    renderActions();
  }

  function renderPanel(action, staleMessage) {
    const content = h("section", { id: "action-panel", class: "action-panel", "aria-label": action.label });
    fill(panel, content);
    action.render(content, staleMessage);
    (content.querySelector("input, select, button:not([data-cancel])") ?? content).focus();
  }

  function cancelButton() {
    return h("button", { type: "button", "data-cancel": "", onclick: () => { openPanel = null; fill(panel); renderActions(); } }, "Cancel");
  }

  /** After a change: the customer as answered, the log, the list behind the dialog; the panel closes. */
  async function applied(fresh, message) {
    openPanel = null;
    notice.textContent = "";
    fill(panel);
    show(fresh);
    announce(message);
    actions.querySelector("button")?.focus();
    await loadEvents(true);
    context.refreshList();
  }

  /** STALE_STATE: the fresh customer, said so, and the same panel again on its state. */
  async function stale(error) {
    await reload();
    notice.textContent = describe(error);
    const action = actionList().find((candidate) => candidate.id === openPanel);
    if (action) renderPanel(action, true);
  }

  async function submitting(form, work) {
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => (button.disabled = true));
    clearProblem(form);
    try {
      await work();
    } catch (error) {
      if (error.code === "STALE_STATE") return stale(error);
      if (form.isConnected) showProblem(form, error, describe);
    } finally {
      buttons.forEach((button) => (button.disabled = false));
    }
  }

  function linkPanel(content) {
    const form = h("form", { novalidate: true },
      formAlert(),
      h("p", {}, "A new link replaces the current one at once (the old one stops working) and is emailed to ",
        customer.notificationEmail, "."),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, "Regenerate and email"), cancelButton()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitting(form, async () => {
        const { activationLink } = await context.api.regenerateActivationLink(customer.customerId);
        await context.copy(activationLink, `A new activation link for ${customer.organizationName} was emailed and copied.`);
        await applied(await context.api.getCustomer(customer.customerId), "A new activation link was emailed and copied.");
      });
    });
    fill(content, form);
  }

  function extendPanel(content) {
    const preview = h("p", { class: "preview", "aria-live": "polite" }, "Working out the new expiration date…");
    const submit = h("button", { type: "submit", class: "primary", disabled: true }, "Submit");
    const form = h("form", { novalidate: true }, formAlert(), preview, h("div", { class: "buttons" }, submit, cancelButton()));
    let current = null;
    fill(content, form);
    context.api.previewExtension(customer.customerId).then((answer) => {
      current = answer;
      fill(preview, "The trial will end on ", h("strong", { class: "new-expiration" }, time(answer.newExpirationDate)),
        " instead of ", time(answer.currentExpirationDate), ` (${answer.extensionDays} days more).`);
      submit.disabled = false;
    }, (error) => showProblem(form, error, describe));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!current) return;
      submitting(form, async () => {
        const fresh = await context.api.extendTrial(customer.customerId, current.currentExpirationDate);
        await applied(fresh, `Trial extended to ${formatInstant(fresh.expirationDate)}.`);
      });
    });
  }

  function upgradePanel(content) {
    const toggle = h("input", { type: "checkbox", role: "switch", checked: customer.autoUpgrade });
    const form = h("form", { novalidate: true }, formAlert(),
      h("label", { class: "switch" }, toggle, " Upgrade to a production account automatically when the trial ends"),
      h("p", { class: "hint" }, customer.expirationDate
        ? ["The trial ends on ", time(customer.expirationDate), ". Off: it expires then instead."]
        : "The trial has not started yet."),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, "Save"), cancelButton()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitting(form, async () => {
        const fresh = await context.api.setAutoUpgrade(customer.customerId, toggle.checked);
        await applied(fresh, `Automatic upgrade turned ${fresh.autoUpgrade ? "on" : "off"}.`);
      });
    });
    fill(content, form);
  }

  function convertPanel(content) {
    const expiration = h("input", { type: "datetime-local" });
    const form = h("form", { novalidate: true }, formAlert(),
      field("New expiration date (optional)", expiration, {
        name: "expirationDate", hint: "In your time zone. Empty: one production term (a year) from now.",
      }),
      choices("SKU", "radio", "sku", context.catalog.skus, [customer.sku]),
      choices("Add-ons", "checkbox", "addOns", context.catalog.addOns, customer.addOns),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, "Convert to production"), cancelButton()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitting(form, async () => {
        const body = { sku: checkedValues(form, "sku")[0], addOns: checkedValues(form, "addOns") };
        const date = fromLocalInput(expiration.value);
        if (date) body.expirationDate = date;
        const fresh = await context.api.convert(customer.customerId, body);
        await applied(fresh, `${fresh.organizationName} is now a production account.`);
      });
    });
    fill(content, form);
  }

  function editPanel(content, staleMessage) {
    const expiration = h("input", { type: "datetime-local", value: customer.expirationDate ? toLocalInput(customer.expirationDate) : "" });
    const form = h("form", { novalidate: true }, formAlert(),
      staleMessage ? h("p", { class: "hint" }, "The form shows the customer's current values.") : null,
      choices("SKU", "radio", "sku", context.catalog.skus, [customer.sku]),
      choices("Add-ons", "checkbox", "addOns", context.catalog.addOns, customer.addOns),
      field("Expiration date", expiration, { name: "expirationDate", hint: "In your time zone." }),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, "Save changes"), cancelButton()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const changes = {};
      const sku = checkedValues(form, "sku")[0];
      const addOns = checkedValues(form, "addOns");
      const date = fromLocalInput(expiration.value);
      if (sku !== customer.sku) changes.sku = sku;
      if ([...addOns].sort().join() !== [...customer.addOns].sort().join()) changes.addOns = addOns;
      if (date && toLocalInput(date) !== (customer.expirationDate ? toLocalInput(customer.expirationDate) : "")) changes.expirationDate = date;
      if (!Object.keys(changes).length) {
        form.querySelector("[data-form-alert]").textContent = "Nothing changed.";
        return;
      }
      // If-Match: a change someone made since this form was filled is not overwritten (409 STALE_STATE).
      submitting(form, async () => {
        const fresh = await context.api.updateCustomer(customer.customerId, changes, customer.version);
        await applied(fresh, `${fresh.organizationName} saved.`);
      });
    });
    fill(content, form);
  }

  function importPanel(content) {
    const state = h("select", {}, ["STARTED", "RUNNING", "COMPLETED", "FAILED"].map((value) => h("option", { value }, value)));
    const message = h("input", { type: "text" });
    const errorCode = h("input", { type: "text" });
    const errorMessage = h("input", { type: "text" });
    const form = h("form", { novalidate: true }, formAlert(),
      h("p", { class: "hint" }, "What the import pipeline would report, put on the local event bus as ImportProgress."),
      field("State", state, { name: "state" }),
      field("Message (optional)", message, { name: "message" }),
      field("Error code (optional)", errorCode, { name: "errorCode" }),
      field("Error message (optional)", errorMessage, { name: "errorMessage" }),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, "Report"), cancelButton()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitting(form, async () => {
        const detail = { customerId: customer.customerId, state: state.value };
        if (message.value.trim()) detail.message = message.value.trim();
        if (errorCode.value.trim() || errorMessage.value.trim()) {
          detail.errors = [{ code: errorCode.value.trim() || "ERROR", message: errorMessage.value.trim() || errorCode.value.trim() }];
        }
        await context.localApi.importEvent(detail);
        await applied(await context.api.getCustomer(customer.customerId), `Import progress ${state.value} reported.`);
      });
    });
    fill(content, form);
  }

  // ------------------------------------------------------------------ event log

  async function loadEvents(first, customerId = customer.customerId) {
    const page = await context.api.events(customerId, first ? null : eventsNextToken);
    eventsNextToken = page.nextToken;
    const rows = page.items.map((entry) => h("tr", { class: entry.level === "ERROR" ? "level-error" : "" },
      h("td", { "data-label": "When" }, time(entry.at)),
      h("td", { "data-label": "Level" }, entry.level === "ERROR" ? h("span", { class: "badge badge-error" }, "⚠ Error") : humanize(entry.level)),
      h("td", { "data-label": "What" }, entry.type),
      h("td", { "data-label": "Message" }, entry.message),
      h("td", { "data-label": "By" }, entry.actor ?? "—")));
    if (first) fill(eventRows, rows);
    else eventRows.append(...rows);
    moreEvents.hidden = !eventsNextToken;
  }

  return { open };
}
