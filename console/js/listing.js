// The listing a partner looks at: the tab, the filters and the sort, in the API's own parameters (GET /customers,
// contract section 10). It lives in the page's address, so that a filtered view can be bookmarked and shared, is
// back after a reload, and Back returns to the view before.

const SOURCES = [["MSP", "MSP"], ["DIRECT", "Direct"], ["MARKETPLACE", "Marketplace"]];

/** The choices, each offered only in the tabs where it can narrow the list. */
export const CHOICES = [
  { name: "accountType", label: "Account type", views: ["customers"],
    options: [["TRIAL", "Trial"], ["PRODUCTION", "Production"]] },
  { name: "status", label: "Status", views: ["customers"], options: [["ACTIVE", "Active"], ["EXPIRED", "Expired"]] },
  { name: "autoUpgrade", label: "Automatic upgrade", views: ["customers"], options: [["true", "On"], ["false", "Off"]] },
  { name: "onboardingStatus", label: "Onboarding", views: ["pending"],
    options: [["PENDING", "Pending"], ["IN_PROGRESS", "In progress"], ["FAILED", "Failed"]] },
  { name: "source", label: "Source", views: ["customers", "pending"], options: SOURCES },
];

/** The expiration range: instants, entered in the viewer's zone. Pending customers have no expiration to filter. */
export const RANGE = [
  { name: "expiresAfter", label: "Expires after" },
  { name: "expiresBefore", label: "Expires before" },
];
const RANGE_VIEWS = ["customers"];

export const DEFAULT_SORT = "-createdAt";

export const SORTS = [
  { value: "-createdAt", label: "Newest first", views: ["customers", "pending"] },
  { value: "createdAt", label: "Oldest first", views: ["customers", "pending"] },
  { value: "expirationDate", label: "Expiration, soonest first", views: ["customers"] },
  { value: "organizationName", label: "Organization, A to Z", views: ["customers", "pending"] },
];

/** The filters of a view, as [name, accepts(value)] pairs. */
function filtersOf(view) {
  return [
    ["q", (value) => value.trim().length > 0],
    ...CHOICES.filter((choice) => choice.views.includes(view))
      .map((choice) => [choice.name, (value) => choice.options.some(([option]) => option === value)]),
    ...(RANGE_VIEWS.includes(view) ? RANGE.map(({ name }) => [name, (value) => !Number.isNaN(Date.parse(value))]) : []),
    ["sort", (value) => SORTS.some((sort) => sort.value === value && sort.views.includes(view))],
  ];
}

/**
 * The listing an address asks for ({view, q?, accountType?, …, sort}). What does not apply to its tab, or is not a
 * value the API takes, is left out: a hand-edited or outdated link shows the nearest view rather than an error.
 */
export function readListing(search = location.search) {
  const params = new URLSearchParams(search);
  const view = params.get("view") === "pending" ? "pending" : "customers";
  const listing = { view, sort: DEFAULT_SORT };
  for (const [name, accepts] of filtersOf(view)) {
    const value = params.get(name);
    if (value !== null && accepts(value)) listing[name] = value;
  }
  return listing;
}

/** The same listing in another tab: the filters that apply there are kept. */
export function inView(listing, view) {
  return readListing(`?${searchOf({ ...listing, view })}`);
}

/** Whether anything narrows the list (the tab and the sort do not). */
export function isFiltered(listing) {
  return Object.keys(listing).some((name) => name !== "view" && name !== "sort" && listing[name] !== undefined);
}

/** The listing's query parameters for the API: every filter set, and the sort. */
export function apiParameters(listing) {
  return Object.fromEntries(Object.entries(listing).filter(([, value]) => value !== undefined));
}

/** The listing as a query string, defaults left out, so that the plain view's address stays the plain "/". */
function searchOf(listing) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(apiParameters(listing))) {
    if (!(name === "view" && value === "customers") && !(name === "sort" && value === DEFAULT_SORT)) params.set(name, value);
  }
  return params.toString();
}

/**
 * Puts the listing in the address bar. Each change is an entry for Back, except the keystrokes of one search: while
 * the partner types, the entry the typing began is updated rather than one per pause.
 */
export function showInAddress(listing, { typing = false, replace = false } = {}) {
  const search = searchOf(listing);
  const url = location.pathname + (search ? `?${search}` : "");
  if (url === location.pathname + location.search && !replace) return;
  const method = replace || (typing && history.state?.typing) ? "replaceState" : "pushState";
  history[method]({ typing }, "", url);
}

/** Whether two listings ask the API the same (defaults spelled out or not). */
export function sameListing(a, b) {
  return searchOf(a) === searchOf(b);
}
