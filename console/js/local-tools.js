import { announce, fill, h } from "./dom.js";
import { formatInstant, fromLocalInput, time, toLocalInput } from "./format.js";
import { describe } from "./problems.js";

// Only where ./run-local serves the console: the simulated clock, the sweep on demand and the emails sent, so a
// trial can be walked to its end in a minute.

const DAY = 24 * 3600 * 1000;

export function createLocalTools(aside, context) {
  const clockValue = h("p", { class: "clock-value" });
  const clockInput = h("input", { type: "datetime-local", id: "clock-input" });
  const clockError = h("p", { class: "field-error", role: "alert" });
  const sweepResult = h("p", { class: "sweep-result", "aria-live": "polite" });
  const emailList = h("ul", { class: "emails" });
  let now = null;

  fill(aside,
    h("h2", { id: "local-tools-title" }, "Local runtime"),
    h("section", { "aria-labelledby": "clock-title" },
      h("h3", { id: "clock-title" }, "Clock"),
      clockValue,
      h("form", { class: "clock-form", novalidate: true, onsubmit: (event) => { event.preventDefault(); setClock(fromLocalInput(clockInput.value)); } },
        h("label", { for: "clock-input" }, "Set the time (your zone)"), clockInput,
        h("button", { type: "submit" }, "Set")),
      h("div", { class: "buttons" },
        [["+1 hour", 3600 * 1000], ["+1 day", DAY], ["+7 days", 7 * DAY], ["+15 days", 15 * DAY]].map(([label, millis]) =>
          h("button", { type: "button", onclick: () => setClock(new Date(new Date(now).getTime() + millis).toISOString()) },
            h("span", { class: "visually-hidden" }, "Advance the clock "), label)),
        h("button", { type: "button", onclick: () => setClock(null) }, "Real time")),
      clockError),
    h("section", { "aria-labelledby": "sweep-title" },
      h("h3", { id: "sweep-title" }, "Sweep"),
      h("button", { type: "button", class: "primary", onclick: sweep }, "Run the sweep now"),
      sweepResult),
    h("section", { "aria-labelledby": "emails-title" },
      h("h3", { id: "emails-title" }, "Emails sent"),
      h("button", { type: "button", onclick: refreshEmails }, "Refresh"),
      emailList));

  async function refreshClock() {
    const clock = await context.localApi.clock();
    now = clock.now;
    fill(clockValue, clock.simulated ? "Simulated: " : "Real time: ", time(clock.now));
    // Prefilled once: a later refresh never overwrites what the user is typing.
    if (!clockInput.value) clockInput.value = toLocalInput(clock.now);
  }

  async function setClock(instant) {
    clockError.textContent = "";
    try {
      await context.localApi.setClock(instant);
      await refreshClock();
      announce(instant ? `Clock set to ${formatInstant(instant)}.` : "Clock back to real time.");
      context.refreshAll();
    } catch (error) {
      clockError.textContent = describe(error);
    }
  }

  async function sweep() {
    sweepResult.textContent = "Running the sweep…";
    try {
      const summary = await context.localApi.sweep();
      const text = `Sweep at ${formatInstant(summary.now)}: ${summary.due} due, ${summary.notices} notices, `
        + `${summary.upgrades} upgrades, ${summary.expiries} expiries, ${summary.deferred} deferred, ${summary.failed} failed.`;
      sweepResult.textContent = text;
      announce(text);
      context.refreshAll();
    } catch (error) {
      sweepResult.textContent = describe(error);
    }
  }

  // An email's HTML is parsed, never rendered: its text and its links are shown (scripts never run in a parsed document).
  function renderEmail(email) {
    const body = new DOMParser().parseFromString(email.html ?? "", "text/html");
    const links = [...body.querySelectorAll("a[href]")].map((link) => link.getAttribute("href"))
      .filter((href) => /^https?:/.test(href));
    return h("li", { class: "email" },
      h("details", {},
        h("summary", {}, h("span", { class: "email-subject" }, email.subject), " → ", email.to.join(", "), " · ", time(email.at)),
        h("p", { class: "email-text" }, email.text ?? body.body.textContent.trim()),
        links.map((href) => h("p", {}, h("a", { href, target: "_blank", rel: "noopener" }, href)))));
  }

  async function refreshEmails() {
    const { items } = await context.localApi.emails();
    fill(emailList, items.slice(-20).reverse().map(renderEmail));
  }

  return {
    async refresh() {
      await Promise.all([refreshClock(), refreshEmails()]).catch((error) => announce(describe(error), "error"));
    },
  };
}
