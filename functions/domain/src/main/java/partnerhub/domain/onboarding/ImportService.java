package partnerhub.domain.onboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.CustomerChanges.Outcome;
import partnerhub.domain.change.CustomerStore;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.CustomerNotFoundException;
import partnerhub.domain.customer.ImportState;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.event.CustomerOnboarded;
import partnerhub.domain.event.ImportFailed;
import partnerhub.domain.trial.Lifecycle;

/**
 * The import pipeline's progress reports: messages and errors go to the event log and onto the customer, FAILED
 * marks onboarding failed (a later STARTED retries), COMPLETED completes onboarding and starts the trial at the
 * report's time. Each report is handled once, whatever the redeliveries, and in the order of its {@code time}: a
 * report older than the one that set the state still logs and counts its errors, but never moves the state back.
 * Two rules keep the outcome independent of the order reports arrive in, and of the producer's clock: COMPLETED is
 * final whenever it arrives (a late one still completes onboarding), and a report dated more than
 * {@link #MAX_CLOCK_SKEW} ahead of this service's clock is taken as of its arrival, so it cannot freeze onboarding by
 * making every later report look older.
 */
public final class ImportService {

    public static final String ACTOR = "import pipeline";

    /** Error lines logged per report; the count on the customer includes every error. */
    static final int MAX_ERROR_LINES = 20;
    static final int MAX_TEXT = 1_000;
    /** How far ahead of this service's clock a report's time is believed. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public record ImportError(String code, String message) {}

    /** One report, as the pipeline sent it; {@code messageId} is the EventBridge event id. */
    public record Progress(String messageId, String customerId, ImportState state, String message,
                           List<ImportError> errors, Instant at) {

        public Progress {
            errors = List.copyOf(errors);
        }

        /** The same report, as of another time. */
        Progress at(Instant time) {
            return new Progress(messageId, customerId, state, message, errors, time);
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

    private Outcome apply(Customer customer, Progress reported) {
        Instant now = changes.now();
        boolean ahead = reported.at().isAfter(now.plus(MAX_CLOCK_SKEW));
        Progress progress = ahead ? reported.at(now) : reported;
        Customer.Editor editor = customer.edit();
        if (!progress.errors().isEmpty()) {
            editor.importErrorCount(customer.importErrorCount() + progress.errors().size());
        }
        boolean current = current(customer, progress);
        boolean completes = progress.state() == ImportState.COMPLETED
                && customer.onboardingStatus() != OnboardingStatus.COMPLETED;
        Outcome outcome;
        if (current || completes) {
            if (current && progress.message() != null) {
                editor.lastEventMessage(clip(progress.message()));
            }
            // A late COMPLETED keeps the newest time, so the reports after it are still ordered against it.
            Instant stateAt = current ? progress.at() : customer.importStateAt();
            outcome = transition(customer, editor.importState(progress.state(), stateAt), progress, now);
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
        if (ahead) {
            outcome = outcome.log(LogEntry.Level.WARN, "ImportClockSkew", "A " + progress.state() + " report dated "
                    + reported.at() + " is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of this"
                    + " service's clock: taken as of its arrival, " + now);
        }
        return outcome;
    }

    // The state change of a current report: COMPLETED is final, FAILED waits for a retry's STARTED.
    private Outcome transition(Customer customer, Customer.Editor editor, Progress progress, Instant now) {
        boolean completed = customer.onboardingStatus() == OnboardingStatus.COMPLETED;
        return switch (progress.state()) {
            case STARTED, RUNNING -> {
                if (!completed) {
                    editor.onboardingStatus(OnboardingStatus.IN_PROGRESS);
                }
                Outcome outcome = Outcome.quiet(editor.save(now));
                yield progress.state() == ImportState.STARTED
                        ? outcome.log(LogEntry.Level.INFO, "ImportStarted", "Data import started") : outcome;
            }
            case FAILED -> {
                if (completed) {
                    yield Outcome.quiet(editor.save(now));
                }
                yield Outcome.of(editor.onboardingStatus(OnboardingStatus.FAILED).save(now),
                        new ImportFailed(customer.importErrorCount() + progress.errors().size()),
                        "Data import failed; onboarding waits for a new import");
            }
            case COMPLETED -> {
                if (completed) {
                    yield Outcome.quiet(editor.save(now));
                }
                editor.onboardingStatus(OnboardingStatus.COMPLETED).activation(null);
                String message = "Data import completed";
                Instant trialStartedAt = null;
                Instant end = null;
                // The trial starts now, unless it already runs (or the partner converted the customer meanwhile).
                if (customer.accountType() == AccountType.TRIAL && customer.expirationDate() == null) {
                    trialStartedAt = progress.at();
                    end = trialStartedAt.plus(lifecycle.settings().trialLength());
                    editor.expirationDate(end);
                    message += "; the trial runs until " + end;
                }
                Customer after = editor.save(now);
                yield Outcome.of(after, new CustomerOnboarded(trialStartedAt, end, after.accountType()), message);
            }
        };
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
