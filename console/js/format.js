import { h } from "./dom.js";

// Times in the viewer's zone; the UTC instant the API gave on hover (title) and for machines (datetime).
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function time(instant) {
  if (!instant) return h("span", { class: "muted" }, "—");
  return h("time", { datetime: instant, title: instant }, dateTime.format(new Date(instant)));
}

export function formatInstant(instant) {
  return dateTime.format(new Date(instant));
}

/** The value of a datetime-local input (the viewer's zone) for an instant, to the minute. */
export function toLocalInput(instant) {
  const date = new Date(instant);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

/** The UTC instant a datetime-local input's value means in the viewer's zone, or null when empty or invalid. */
export function fromLocalInput(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace(/\.000Z$/, "Z");
}

export function humanize(enumValue) {
  if (!enumValue) return "—";
  const words = enumValue.replaceAll("_", " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
