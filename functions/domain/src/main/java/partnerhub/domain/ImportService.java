package partnerhub.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import partnerhub.domain.CustomerChanges.Outcome;
import partnerhub.domain.port.CustomerStore;

/**
 * The import pipeline's progress reports: messages and errors go to the event log and onto the customer, FAILED
 * marks onboarding failed (a later STARTED retries), COMPLETED completes onboarding and starts the trial at the
 * report's time. Each report is handled once, whatever the redeliveries.
 */
public final class ImportService {

    public static final String ACTOR = "import pipeline";

    public enum State { STARTED, RUNNING, COMPLETED, FAILED }

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

    private Outcome apply(Customer customer, Progress progress) {
        Instant now = changes.now();
        Customer.Editor editor = customer.edit();
        boolean completed = customer.onboardingStatus() == OnboardingStatus.COMPLETED;
        if (!progress.errors().isEmpty()) {
            editor.importErrorCount(customer.importErrorCount() + progress.errors().size());
        }
        if (progress.message() != null) {
            editor.lastEventMessage(progress.message());
        }
        Outcome outcome;
        var fields = new LinkedHashMap<String, Object>();
        switch (progress.state()) {
            case STARTED, RUNNING -> {
                if (!completed) {
                    editor.onboardingStatus(OnboardingStatus.IN_PROGRESS);
                }
                outcome = Outcome.quiet(editor.save(now));
                if (progress.state() == State.STARTED) {
                    outcome = outcome.log(LogEntry.Level.INFO, "ImportStarted", "Data import started");
                }
            }
            case FAILED -> {
                if (completed) {
                    outcome = Outcome.quiet(editor.save(now));
                } else {
                    fields.put("onboardingStatus", OnboardingStatus.FAILED.name());
                    fields.put("importErrorCount", customer.importErrorCount() + progress.errors().size());
                    outcome = Outcome.of(editor.onboardingStatus(OnboardingStatus.FAILED).save(now),
                            EventType.IMPORT_FAILED, fields, "Data import failed; onboarding waits for a new import");
                }
            }
            case COMPLETED -> {
                if (completed) {
                    outcome = Outcome.quiet(editor.save(now));
                } else {
                    Instant end = progress.at().plus(lifecycle.settings().trialLength());
                    fields.put("onboardingStatus", OnboardingStatus.COMPLETED.name());
                    fields.put("expirationDate", end.toString());
                    outcome = Outcome.of(editor.onboardingStatus(OnboardingStatus.COMPLETED).expirationDate(end)
                                    .save(now), EventType.CUSTOMER_ONBOARDED, fields,
                            "Data import completed; the trial runs until " + end);
                }
            }
            default -> throw new IllegalStateException("unknown import state " + progress.state());
        }
        for (ImportError error : progress.errors()) {
            outcome = outcome.log(LogEntry.Level.ERROR, "ImportError", error.code() + ": " + error.message());
        }
        if (progress.message() != null) {
            outcome = outcome.log(LogEntry.Level.INFO, "ImportMessage", progress.message());
        }
        return outcome;
    }
}
