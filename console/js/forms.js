import { h, uniqueId } from "./dom.js";

// Form fields with their labels and a place for the API's message about them, and the mapping of a problem+json
// answer onto them: a field the API names gets its message beside it; the rest goes to the form's own alert.

/** A labelled control; `name` is the API field whose errors show beneath it. */
export function field(label, control, { name, hint } = {}) {
  const id = control.id || (control.id = uniqueId(name ?? "field"));
  const hintElement = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const error = h("p", { class: "field-error", id: `${id}-error`, "data-error-for": name ?? "" });
  control.setAttribute("aria-describedby", [hintElement?.id, error.id].filter(Boolean).join(" "));
  if (name) control.name = name;
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hintElement, error);
}

/** Radio buttons (exactly one) or checkboxes (any), in a fieldset whose legend names them. */
export function choices(legend, type, name, options, selected = []) {
  const error = h("p", { class: "field-error", id: uniqueId(`${name}-error`), "data-error-for": name });
  return h("fieldset", { class: "choices", "aria-describedby": error.id },
    h("legend", {}, legend),
    options.map((option) => h("label", { class: "choice" },
      h("input", { type, name, value: option.id, checked: selected.includes(option.id) }),
      ` ${option.name}`)),
    error);
}

export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
}

/** The form-level alert, first in the form. */
export function formAlert() {
  return h("p", { class: "form-alert", role: "alert", "data-form-alert": "" });
}

export function clearProblem(form) {
  form.querySelectorAll("[data-error-for]").forEach((error) => (error.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((control) => control.removeAttribute("aria-invalid"));
  const alert = form.querySelector("[data-form-alert]");
  if (alert) alert.textContent = "";
}

/** Shows an ApiError on a form and moves focus to the first thing to fix. */
export function showProblem(form, error, describe) {
  clearProblem(form);
  const unplaced = [];
  let first = null;
  for (const { field: name, message } of error.errors) {
    const root = String(name ?? "").split(/[.[]/)[0];
    const slot = root && form.querySelector(`[data-error-for="${root}"]`);
    if (!slot) {
      unplaced.push(name ? `${name}: ${message}` : message);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    const control = form.querySelector(`[name="${root}"]`);
    control?.setAttribute("aria-invalid", "true");
    first ??= control;
  }
  const alert = form.querySelector("[data-form-alert]");
  if (alert && (unplaced.length || !error.errors.length)) {
    alert.textContent = [error.errors.length ? "Please correct the fields marked below." : describe(error), ...unplaced]
      .filter(Boolean).join(" ");
  }
  if (first) {
    first.focus();
  } else if (alert) {
    alert.tabIndex = -1;
    alert.focus();
  }
}
