package partnerhub.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import partnerhub.domain.CustomerChanges.Outcome;
import partnerhub.domain.port.CustomerStore;

/**
 * The import pipeline's progress reports: messages and errors go to the event log and onto the customer, FAILED
 * marks onboarding failed (a later STARTED retries), COMPLETED completes onboarding and starts the trial at the
 * report's time. Each report is handled once, whatever the redeliveries, and in the order of its {@code time}: a
 * report older than the one that set the state still logs and counts its errors, but never moves the state back.
 */
public final class ImportService {

    public static final String ACTOR = "import pipeline";

    /** Error lines logged per report; the count on the customer includes every error. */
    static final int MAX_ERROR_LINES = 20;
    static final int MAX_TEXT = 1_000;

    /** In the order an import goes through them: within one second, a later state wins over an earlier one. */
    public enum State { STARTED, RUNNING, FAILED, COMPLETED }

    public record ImportError(String code, String message) {}

    /** One report, as the pipeline sent it; {@code messageId} is the EventBridge event id. */
    public record Progress(String messageId, String customerId, State state, String message,
                           List<ImportError> errors, Instant at) {

        public Progress {
            errors = List.copyOf(errors);
        }
    }

    private final CustomerStore store;
    private final CustomerChanges changes;
    private final Lifecycle lifecycle;

    public ImportService(CustomerStore store, CustomerChanges changes, Lifecycle lifecycle) {
        this.store = store;
        this.changes = changes;
        this.lifecycle = lifecycle;
    }

    public Customer record(Progress progress) {
        String receipt = "import:" + progress.messageId();
        Customer customer = store.findById(progress.customerId())
                .orElseThrow(() -> new CustomerNotFoundException(progress.customerId()));
        return changes.apply(customer, ACTOR, current -> {
            // Checked on every attempt: a redelivery that ran at the same time may have won.
            if (store.hasReceipt(receipt)) {
                return Outcome.unchanged(current);
            }
            return apply(current, progress).receipt(receipt);
        });
    }

    /**
     * Whether a report is newer than the one that set the customer's state. EventBridge times have whole seconds,
     * so within one second the state further along the import wins.
     */
    static boolean current(Customer customer, Progress progress) {
        Instant last = customer.importStateAt();
        if (last == null || progress.at().isAfter(last)) {
            return true;
        }
        return progress.at().equals(last) && progress.state().compareTo(customer.importState()) > 0;
    }

    private Outcome apply(Customer customer, Progress progress) {
        Instant now = changes.now();
        Customer.Editor editor = customer.edit();
        if (!progress.errors().isEmpty()) {
            editor.importErrorCount(customer.importErrorCount() + progress.errors().size());
        }
        Outcome outcome;
        if (current(customer, progress)) {
            if (progress.message() != null) {
                editor.lastEventMessage(clip(progress.message()));
            }
            outcome = transition(customer, editor.importState(progress.state(), progress.at()), progress, now);
        } else {
            outcome = Outcome.quiet(editor.save(now)).log(LogEntry.Level.WARN, "ImportLateReport", "A "
                    + progress.state() + " report of " + progress.at() + " arrived after the one of "
                    + customer.importStateAt() + ": its errors and message are logged, onboarding stays "
                    + customer.onboardingStatus());
        }
        // One change is one transaction (at most 100 items): a long error list is logged in part and summed up.
        List<ImportError> errors = progress.errors();
        for (ImportError error : errors.subList(0, Math.min(errors.size(), MAX_ERROR_LINES))) {
            outcome = outcome.log(LogEntry.Level.ERROR, "ImportError",
                    clip(error.code()) + ": " + clip(error.message()));
        }
        if (errors.size() > MAX_ERROR_LINES) {
            outcome = outcome.log(LogEntry.Level.ERROR, "ImportError", "... and " + (errors.size() - MAX_ERROR_LINES)
                    + " more errors in this report (" + errors.size() + " in all)");
        }
        if (progress.message() != null) {
            outcome = outcome.log(LogEntry.Level.INFO, "ImportMessage", clip(progress.message()));
        }
        return outcome;
    }

    // The state change of a current report: COMPLETED is final, FAILED waits for a retry's STARTED.
    private Outcome transition(Customer customer, Customer.Editor editor, Progress progress, Instant now) {
        boolean completed = customer.onboardingStatus() == OnboardingStatus.COMPLETED;
        var fields = new LinkedHashMap<String, Object>();
        return switch (progress.state()) {
            case STARTED, RUNNING -> {
                if (!completed) {
                    editor.onboardingStatus(OnboardingStatus.IN_PROGRESS);
                }
                Outcome outcome = Outcome.quiet(editor.save(now));
                yield progress.state() == State.STARTED
                        ? outcome.log(LogEntry.Level.INFO, "ImportStarted", "Data import started") : outcome;
            }
            case FAILED -> {
                if (completed) {
                    yield Outcome.quiet(editor.save(now));
                }
                fields.put("onboardingStatus", OnboardingStatus.FAILED.name());
                fields.put("importErrorCount", customer.importErrorCount() + progress.errors().size());
                yield Outcome.of(editor.onboardingStatus(OnboardingStatus.FAILED).save(now),
                        EventType.IMPORT_FAILED, fields, "Data import failed; onboarding waits for a new import");
            }
            case COMPLETED -> {
                if (completed) {
                    yield Outcome.quiet(editor.save(now));
                }
                fields.put("onboardingStatus", OnboardingStatus.COMPLETED.name());
                editor.onboardingStatus(OnboardingStatus.COMPLETED).activation(null);
                String message = "Data import completed";
                // The trial starts now, unless it already runs (or the partner converted the customer meanwhile).
                if (customer.accountType() == AccountType.TRIAL && customer.expirationDate() == null) {
                    Instant end = progress.at().plus(lifecycle.settings().trialLength());
                    editor.expirationDate(end);
                    fields.put("trialStartedAt", progress.at().toString());
                    fields.put("expirationDate", end.toString());
                    message += "; the trial runs until " + end;
                }
                Customer after = editor.save(now);
                fields.put("accountType", after.accountType().name());
                yield Outcome.of(after, EventType.CUSTOMER_ONBOARDED, fields, message);
            }
        };
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
