// The console's one way to make DOM: h("button", {type: "button", onclick}, "Text"). Children that are strings
// become text nodes, so values from users (organization names) are never read as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else if (name === "value" || name === "checked") element[name] = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

let announcement = 0;

/** Says something in the page's live region (and shows it), for every user at once. */
export function announce(message, kind = "info") {
  const status = document.getElementById("status");
  const id = ++announcement;
  status.dataset.kind = kind;
  status.textContent = message;
  setTimeout(() => {
    if (announcement === id) status.textContent = "";
  }, 8000);
}

let fieldIds = 0;

/** A unique id for a field and its messages. */
export function uniqueId(prefix) {
  return `${prefix}-${++fieldIds}`;
}
