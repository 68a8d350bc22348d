// What an API refusal means to the partner, in a sentence. The API's own detail is kept where there is no better one.
const REASONS = {
  SOURCE_NOT_MSP: "Refused: only customers your organization added (source MSP) can be converted to production.",
  NOT_TRIAL: "Refused: this customer is no longer a trial.",
  TRIAL_NOT_STARTED: "Refused: the trial has not started yet (it starts when the data import completes).",
  ALREADY_ACTIVATED: "The customer has already used its activation link.",
  EXPIRED: "Refused: the trial has expired; extend it instead.",
};

export function describe(error) {
  if (error.code === "STALE_STATE") {
    return "This customer changed while you were working on it. Its current state is shown; check it and try again.";
  }
  if (error.code === "INVALID_STATE" && REASONS[error.reason]) return REASONS[error.reason];
  if (error.code === "NOT_FOUND") return "This customer no longer exists, or is not one of yours.";
  if (error.status === 429) return "Too many requests right now; try again in a moment.";
  return error.message;
}
