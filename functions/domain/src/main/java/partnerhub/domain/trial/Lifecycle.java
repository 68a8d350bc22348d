package partnerhub.domain.trial;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.InvalidStateException;
import partnerhub.domain.customer.NoticeSent;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.TrialEnd;

/** The lifecycle's time rules: when a customer next needs the sweep's attention. */
public final class Lifecycle {

    private final LifecycleSettings settings;

    public Lifecycle(LifecycleSettings settings) {
        this.settings = settings;
    }

    public LifecycleSettings settings() {
        return settings;
    }

    /** What extending the trial would do; submitting applies exactly this (both come from here). */
    public record ExtensionPreview(Instant currentExpirationDate, Instant newExpirationDate, long extensionDays) {}

    /**
     * Extending adds the extension to the current end, or to now when the trial already ended (an expired trial is
     * revived), so the customer never gets less than a full extension from today.
     */
    public ExtensionPreview previewExtension(Customer customer, Instant now) {
        requireTrial(customer);
        if (customer.expirationDate() == null) {
            throw new InvalidStateException(InvalidStateException.TRIAL_NOT_STARTED,
                    "The trial starts when onboarding completes; there is nothing to extend yet.");
        }
        Instant end = customer.expirationDate();
        Instant from = end.isAfter(now) ? end : now;
        return new ExtensionPreview(end, from.plus(settings.extension()), settings.extension().toDays());
    }

    public void requireTrial(Customer customer) {
        if (customer.accountType() != AccountType.TRIAL) {
            throw new InvalidStateException(InvalidStateException.NOT_TRIAL,
                    "Only a TRIAL customer allows this; this one is " + customer.accountType() + ".");
        }
    }

    /** Partners convert only trials they brought themselves; other sources convert through their own channel. */
    public void requireConvertible(Customer customer) {
        requireTrial(customer);
        if (customer.source() != Source.MSP) {
            throw new InvalidStateException(InvalidStateException.SOURCE_NOT_MSP,
                    "Only customers whose source is MSP can be converted by the partner; this one's is "
                            + customer.source() + ".");
        }
    }

    /** What the sweep does for a customer at {@code now}; {@link Nothing} for a customer no longer due. */
    public sealed interface SweepStep {

        /**
         * Email a notice announcing {@code end}. {@code days} are all the notice days whose time has come (one email
         * covers them), and {@code trialEnded} says the trial is over but no notice announced {@code end} yet, so
         * the upgrade or expiry waits for this one.
         */
        record Notice(List<Integer> days, TrialEnd end, boolean trialEnded) implements SweepStep {}

        record Upgrade() implements SweepStep {}

        record ExpireTrial() implements SweepStep {}

        record ExpireSubscription() implements SweepStep {}

        record Nothing() implements SweepStep {}
    }

    /**
     * A trial's end happens only after a notice for the current expiration date announced that very end: a notice
     * that said "will expire" does not count for an upgrade after the partner turned automatic upgrade back on.
     */
    public SweepStep sweepStep(Customer customer, Instant now) {
        Instant expiration = customer.expirationDate();
        if (customer.status() != Status.ACTIVE || expiration == null) {
            return new SweepStep.Nothing();
        }
        if (customer.accountType() == AccountType.PRODUCTION) {
            return now.isBefore(expiration) ? new SweepStep.Nothing() : new SweepStep.ExpireSubscription();
        }
        TrialEnd end = customer.trialEnd();
        if (!now.isBefore(expiration)) {
            if (customer.announced(end)) {
                return end == TrialEnd.UPGRADE ? new SweepStep.Upgrade() : new SweepStep.ExpireTrial();
            }
            if (upgradeHeld(customer)) {
                return new SweepStep.Nothing();
            }
            // An expiry needs no delivered notice: one the mail service refused for good does not hold it.
            if (end == TrialEnd.EXPIRE && customer.noticeRefused(end)) {
                return new SweepStep.ExpireTrial();
            }
            return new SweepStep.Notice(List.of(settings.noticeDays().getLast()), end, true);
        }
        List<Integer> come = settings.noticeDays().stream()
                .filter(day -> !customer.announced(day, end))
                .filter(day -> !now.isBefore(expiration.minus(Duration.ofDays(day))))
                .toList();
        return come.isEmpty() ? new SweepStep.Nothing() : new SweepStep.Notice(come, end, false);
    }

    /**
     * An upgrade no notice can announce: no upgrade notice delivered, and the last one (the notice day nearest the
     * end, also the one sent at the end) refused for good. No upgrade without its notice, and no point in asking the
     * mail service again: the customer waits, out of the sweep's way, until the partner acts (converts, extends,
     * which starts the notices over, or turns automatic upgrade off, which lets the trial expire at its end).
     */
    public boolean upgradeHeld(Customer customer) {
        return customer.accountType() == AccountType.TRIAL && customer.trialEnd() == TrialEnd.UPGRADE
                && !customer.announced(TrialEnd.UPGRADE)
                && customer.noticesSent().contains(NoticeSent.refused(settings.noticeDays().getLast(), TrialEnd.UPGRADE));
    }

    /** The end of a production term that starts now. */
    public Instant productionEnd(Instant now) {
        return now.plus(settings.productionTerm());
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
        if (upgradeHeld(customer)) {
            return Optional.empty();
        }
        TrialEnd announced = customer.trialEnd();
        return settings.noticeDays().stream()
                .filter(day -> !customer.announced(day, announced))
                .map(day -> end.minus(Duration.ofDays(day)))
                .min(Instant::compareTo)
                .or(() -> Optional.of(end));
    }
}
