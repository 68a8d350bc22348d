import { announce, h } from "./dom.js";
import { toLocalInput } from "./format.js";
import { apiParameters } from "./listing.js";
import { describe } from "./problems.js";

// "Export CSV": the listing shown (its tab, filters and sort, every page of it) as the API's CSV file. The request
// carries the Authorization header like every other, so it is fetched, not linked; a big export answers 303 to a
// short-lived link, which fetch follows by itself. The file is handed to the browser from memory.

export function createExport(button, context, currentListing) {
  // aria-disabled rather than disabled while it works: a disabled button would drop the keyboard's focus.
  button.addEventListener("click", async () => {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    announce("Preparing the export…");
    try {
      const csv = await context.api.exportCustomers(apiParameters(currentListing()));
      // The date in the viewer's zone, as every date the console shows.
      const filename = `customers-${toLocalInput(new Date().toISOString()).slice(0, 10)}.csv`;
      save(csv, filename);
      announce(`Exported to ${filename}.`);
    } catch (error) {
      if (error.status !== 401) announce(describe(error), "error");
    } finally {
      button.removeAttribute("aria-disabled");
    }
  });
}

function save(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Later, not at once: a browser may still be reading the object when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
