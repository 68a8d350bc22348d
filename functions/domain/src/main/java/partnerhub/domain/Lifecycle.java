package partnerhub.domain;

import java.time.Instant;
import java.util.Optional;

/** The lifecycle's time rules: when a customer next needs the sweep's attention. */
public final class Lifecycle {

    private final LifecycleSettings settings;

    public Lifecycle(LifecycleSettings settings) {
        this.settings = settings;
    }

    public LifecycleSettings settings() {
        return settings;
    }

    /**
     * The next instant the sweep must look at this customer: an unsent notice, the end of the trial, or the end of a
     * subscription. Empty when nothing is scheduled (trial not started, or already expired), which keeps the
     * customer out of the due index.
     */
    public Optional<Instant> nextDueAt(Customer customer) {
        if (customer.status() == Status.EXPIRED || customer.expirationDate() == null) {
            return Optional.empty();
        }
        Instant end = customer.expirationDate();
        if (customer.accountType() == AccountType.PRODUCTION) {
            return Optional.of(end);
        }
        return settings.noticeDays().stream()
                .filter(day -> !customer.noticesSent().contains(day))
                .map(day -> end.minus(java.time.Duration.ofDays(day)))
                .min(Instant::compareTo)
                .or(() -> Optional.of(end));
    }
}
