import { h } from "./dom.js";

// Times in the viewer's zone; the UTC instant the API gave on hover (title) and for machines (datetime).
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The instant as a Date, or null where a browser cannot hold it (a year past 275760, a malformed value). */
function dateOf(instant) {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function time(instant) {
  if (!instant) return h("span", { class: "muted" }, "—");
  return h("time", { datetime: instant, title: instant }, formatInstant(instant));
}

/** In the viewer's zone; the instant as the API gave it where no Date can hold it, so one value never breaks a page. */
export function formatInstant(instant) {
  const date = dateOf(instant);
  return date ? dateTime.format(date) : String(instant);
}

/** The value of a datetime-local input (the viewer's zone) for an instant, to the minute; empty where none fits. */
export function toLocalInput(instant) {
  const date = dateOf(instant);
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return Number.isNaN(local.getTime()) || local.getUTCFullYear() > 9999 ? "" : local.toISOString().slice(0, 16);
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
