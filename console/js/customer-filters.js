import { fill, h } from "./dom.js";
import { fromLocalInput, toLocalInput } from "./format.js";
import { CHOICES, RANGE, SORTS, isFiltered } from "./listing.js";

// The search box and the filters above the table, for the tab shown. Every change is a new listing handed to
// onChange; the controls are built once per tab and only their values follow the listing after that, so a change
// never takes the focus (or the caret) away from the control the partner is using.

const TYPING_PAUSE_MS = 300;

export function createCustomerFilters(form, { onChange }) {
  let listing = null;
  let builtFor = null;
  let typingTimer = 0;
  const controls = new Map();

  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "Find customers");
  form.noValidate = true;
  // Enter in the search box applies it at once.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    change({ q: searchValue() });
  });

  function change(changes, options) {
    onChange({ ...listing, ...changes }, options);
  }

  function searchValue() {
    return controls.get("q").value.trim() || undefined;
  }

  function control(name, label, element) {
    element.id = `filter-${name}`;
    controls.set(name, element);
    return h("div", { class: `field filter-${name}` }, h("label", { for: element.id }, label), element);
  }

  function choice({ name, label, options }) {
    const select = h("select", { onchange: () => change({ [name]: select.value || undefined }) },
      h("option", { value: "" }, "Any"),
      options.map(([value, text]) => h("option", { value }, text)));
    return control(name, label, select);
  }

  function build(view) {
    controls.clear();
    const search = h("input", { type: "search", maxlength: 100, autocomplete: "off",
      placeholder: "Organization or email", oninput: () => {
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => change({ q: searchValue() }, { typing: true }), TYPING_PAUSE_MS);
      } });
    const sort = h("select", { onchange: () => change({ sort: sort.value }) },
      SORTS.filter((option) => option.views.includes(view)).map(({ value, label }) => h("option", { value }, label)));
    fill(form,
      control("q", "Search", search),
      CHOICES.filter((option) => option.views.includes(view)).map(choice),
      view === "customers" ? RANGE.map(({ name, label }) => {
        const input = h("input", { type: "datetime-local",
          onchange: () => change({ [name]: fromLocalInput(input.value) ?? undefined }) });
        return control(name, `${label} (your zone)`, input);
      }) : null,
      // The column headers sort too; on a phone, where the rows are cards without headers, this does.
      control("sort", "Sort by", sort),
      h("div", { class: "field filter-clear" },
        h("button", { type: "button", id: "clear-filters", onclick: () => {
          clearTimeout(typingTimer);
          onChange({ view: listing.view, sort: listing.sort });
          controls.get("q").focus();
        } }, "Clear filters")));
    builtFor = view;
  }

  return {
    /** Shows the listing's values (after a change, Back or a tab), building the tab's controls when it changed. */
    show(next) {
      listing = next;
      if (builtFor !== next.view) build(next.view);
      for (const [name, element] of controls) {
        const value = name === "expiresAfter" || name === "expiresBefore" ? toLocalInput(next[name]) : next[name] ?? "";
        // The search box as typed (spaces and all) while it already means this listing's q.
        if (name === "q" ? searchValue() !== next.q : element.value !== value) element.value = value;
      }
      form.querySelector("#clear-filters").disabled = !isFiltered(next);
    },
  };
}
