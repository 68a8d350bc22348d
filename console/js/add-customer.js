import { idempotencyKeys } from "./api.js";
import { fill, h } from "./dom.js";
import { checkedValues, choices, clearProblem, field, formAlert, showProblem } from "./forms.js";
import { describe } from "./problems.js";

// "Add customer": the API validates (the form does not second-guess it: novalidate) and names every bad field.
// One Idempotency-Key per intent: a retry of the same submission (after a lost answer) reuses it, so the customer
// is added once; anything else gets a new one: another body, or the dialog opened again to add another customer
// (with the same values, a second customer, not the first one's replay).

export function createAddCustomerDialog(dialog, context) {
  let opener = null;

  dialog.addEventListener("close", () => opener?.focus());

  function open(from) {
    opener = from;
    const keyFor = idempotencyKeys();
    const organization = h("input", { type: "text", autocomplete: "organization" });
    const email = h("input", { type: "email", autocomplete: "email" });
    const submit = h("button", { type: "submit", class: "primary" }, "Add customer");
    const form = h("form", { novalidate: true },
      formAlert(),
      field("Organization", organization, { name: "organizationName" }),
      field("Notification email", email, { name: "notificationEmail", hint: "The activation link is sent here." }),
      choices("SKU", "radio", "sku", context.catalog.skus, [context.catalog.skus[0]?.id]),
      choices("Add-ons (optional)", "checkbox", "addOns", context.catalog.addOns),
      h("div", { class: "buttons" }, submit,
        h("button", { type: "button", onclick: () => dialog.close() }, "Cancel")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = {
        organizationName: organization.value,
        notificationEmail: email.value,
        sku: checkedValues(form, "sku")[0],
        addOns: checkedValues(form, "addOns"),
      };
      submit.disabled = true;
      clearProblem(form);
      try {
        const created = await context.api.createCustomer(body, keyFor(body));
        dialog.close();
        context.customerAdded(created);
      } catch (error) {
        showProblem(form, error, describe);
      } finally {
        submit.disabled = false;
      }
    });
    fill(dialog,
      h("div", { class: "dialog-header" }, h("h2", { id: "add-title" }, "Add customer"),
        h("button", { type: "button", class: "close", "aria-label": "Close", onclick: () => dialog.close() }, "✕")),
      h("p", { class: "hint" }, "The customer starts as a trial, pending onboarding; its activation link is emailed at once."),
      form);
    dialog.showModal();
    organization.focus();
  }

  return { open };
}
