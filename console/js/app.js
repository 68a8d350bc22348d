import config from "../config.js";
import { createAddCustomerDialog } from "./add-customer.js";
import { createApi, createLocalApi } from "./api.js";
import { beginSignIn, completeSignIn, currentSession, signInLocally, signOut } from "./auth.js";
import { createBulkActions } from "./bulk-actions.js";
import { createCustomerDialog } from "./customer-dialog.js";
import { createExport } from "./customer-export.js";
import { createCustomerFilters } from "./customer-filters.js";
import { createCustomerList } from "./customer-list.js";
import { announce, fill, h } from "./dom.js";
import { viewerZone } from "./format.js";
import { DEFAULT_SORT, inView, readListing, showInAddress } from "./listing.js";
import { createLocalTools } from "./local-tools.js";
import { describe } from "./problems.js";

// The console's entry point: signs in (or finishes an OpenID Connect sign-in), then shows the workspace.

const local = config.mode === "local";
const localApi = local ? createLocalApi(config.apiUrl) : null;
const byId = (id) => document.getElementById(id);
const SIGNED_OUT_MESSAGE = "partnerhub.signedOutMessage";

async function start() {
  let signInError = sessionStorage.getItem(SIGNED_OUT_MESSAGE);
  sessionStorage.removeItem(SIGNED_OUT_MESSAGE);
  if (!local) {
    try {
      await completeSignIn(config);
    } catch (error) {
      signInError = error.message;
    }
  }
  const session = currentSession();
  if (session) await showWorkspace(session);
  else showSignIn(signInError);
}

function showSignIn(message) {
  byId("workspace").hidden = true;
  fill(byId("account"));
  const alert = h("p", { class: "form-alert", role: "alert" }, message ?? "");
  const section = byId("sign-in");
  const signedIn = (session) => {
    section.hidden = true;
    showWorkspace(session);
  };
  const failed = (error) => (alert.textContent = describe(error));
  const partnerId = h("input", { type: "text", id: "partner-id", value: "demo" });
  const email = h("input", { type: "email", id: "partner-email", value: "alice@demo-msp.example" });
  const role = h("select", { id: "partner-role" },
    h("option", { value: "ADMIN" }, "Admin: every action"), h("option", { value: "VIEWER" }, "Viewer: read only"));
  fill(section,
    h("h1", { id: "sign-in-title" }, "Sign in to Partner Hub"),
    alert,
    local
      ? [h("button", { type: "button", class: "primary", onclick: () => signInLocally(localApi, "demo", "alice@demo-msp.example").then(signedIn, failed) },
          "Sign in as the demo partner"),
        h("details", { class: "other-partner" },
          h("summary", {}, "Sign in as another partner (local)"),
          h("form", { novalidate: true, onsubmit: (event) => {
            event.preventDefault();
            signInLocally(localApi, partnerId.value.trim(), email.value.trim(), role.value).then(signedIn, failed);
          } },
            h("div", { class: "field" }, h("label", { for: "partner-id" }, "Partner id"), partnerId),
            h("div", { class: "field" }, h("label", { for: "partner-email" }, "Email (optional)"), email),
            h("div", { class: "field" }, h("label", { for: "partner-role" }, "Role"), role),
            h("button", { type: "submit" }, "Sign in")))]
      : h("button", { type: "button", class: "primary", onclick: () => beginSignIn(config).catch((error) => (alert.textContent = error.message)) },
          "Sign in"));
  section.hidden = false;
  section.querySelector("button")?.focus();
}

async function showWorkspace(session) {
  const api = createApi({
    baseUrl: config.apiUrl,
    token: () => session.token,
    onUnauthenticated: () => {
      signOut();
      sessionStorage.setItem(SIGNED_OUT_MESSAGE, "Your session has ended. Sign in again.");
      location.reload();
    },
  });
  fill(byId("account"),
    h("span", { class: "who" }, session.email ?? "", session.partnerId ? ` (partner ${session.partnerId})` : ""),
    h("span", { class: "role" }, session.role === "ADMIN" ? "Admin" : "Viewer: read only"),
    h("span", { class: "zone", title: "Times are shown in this zone; hover one for its UTC instant" }, `Times in ${viewerZone}`),
    h("button", { type: "button", onclick: () => { signOut(); location.reload(); } }, "Sign out"));

  // A viewer is offered no action it may not take: the API would refuse it (403 ROLE_VIEWER) anyway.
  const context = { api, localApi, local, canChange: session.role === "ADMIN", catalog: { skus: [], addOns: [] } };
  context.selection = context.canChange ? createBulkActions(byId("bulk-actions"), context) : null;
  const list = createCustomerList(byId("customer-list"), context);
  const customerDialog = createCustomerDialog(byId("customer-dialog"), context);
  const addDialog = createAddCustomerDialog(byId("add-dialog"), context);
  const tools = local ? createLocalTools(byId("local-tools"), context) : null;
  const filters = createCustomerFilters(byId("customer-filters"), { onChange: navigate });
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  // The listing shown: the one in the address (listing.js), from the first load and on every Back and Forward.
  let listing = readListing();

  function selectTab(view) {
    for (const tab of tabs) {
      const selected = tab.dataset.view === view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected) byId("customer-panel").setAttribute("aria-labelledby", tab.id);
    }
  }

  function show(next) {
    listing = next;
    selectTab(next.view);
    filters.show(next);
    return list.show(next);
  }

  function navigate(next, options) {
    showInAddress(next, options);
    return show(next);
  }

  addEventListener("popstate", () => show(readListing()));
  createExport(byId("export-customers"), context, () => listing);

  Object.assign(context, {
    refreshList: () => list.reload(),
    refreshAll: () => {
      list.reload();
      tools?.refresh();
    },
    openCustomer: (customerId) => customerDialog.open(customerId),
    returnToCustomer: (customerId) => list.returnTo(customerId),
    changeListing: (changes) => navigate({ ...listing, ...changes }),
    selectionChanged: () => list.selectionChanged(),
    customerAdded: (customer) => {
      announce(`${customer.organizationName} added; its activation link was emailed to ${customer.notificationEmail}.`);
      // Unfiltered, so that the new customer is in sight.
      navigate({ view: "pending", sort: DEFAULT_SORT });
      tools?.refresh();
    },
    async copy(text, message) {
      try {
        await navigator.clipboard.writeText(text);
        announce(message);
      } catch {
        // No clipboard (permission refused, an insecure origin): the link to copy by hand.
        announce(`Copy this link: ${text}`);
      }
    },
  });

  // Tabs as the ARIA pattern has them: one tab stop, arrow keys move between tabs.
  // Another tab keeps the filters that apply there.
  for (const tab of tabs) {
    tab.onclick = () => navigate(inView(listing, tab.dataset.view));
    tab.onkeydown = (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
      navigate(inView(listing, next.dataset.view));
      next.focus();
    };
  }
  const add = byId("add-customer");
  add.onclick = (event) => addDialog.open(event.currentTarget);
  add.disabled = true;
  add.hidden = !context.canChange;

  byId("sign-in").hidden = true;
  byId("workspace").hidden = false;
  byId("local-tools").hidden = !local;
  byId("bulk-actions").hidden = !context.canChange;
  // The address as the listing reads it: what a hand-edited link asked and no tab takes is left out.
  showInAddress(listing, { replace: true });
  show(listing);
  tools?.refresh();
  try {
    context.catalog = await api.catalog();
    add.disabled = false;
  } catch (error) {
    announce(describe(error), "error");
  }
}

start();
