package partnerhub.domain.sweep;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import partnerhub.domain.change.ConcurrentChangeException;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.CustomerChanges.Outcome;
import partnerhub.domain.change.CustomerStore;
import partnerhub.domain.change.DueCustomers;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.customer.NoticeSent;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.TrialEnd;
import partnerhub.domain.delivery.DeliveryRefusedException;
import partnerhub.domain.delivery.EmailComposer;
import partnerhub.domain.delivery.MailRequest;
import partnerhub.domain.delivery.Mailer;
import partnerhub.domain.delivery.Mails;
import partnerhub.domain.delivery.Redaction;
import partnerhub.domain.event.CustomerConverted;
import partnerhub.domain.event.CustomerEvent;
import partnerhub.domain.event.EventType;
import partnerhub.domain.event.SubscriptionExpired;
import partnerhub.domain.event.TrialEndingNotice;
import partnerhub.domain.event.TrialExpired;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.Lifecycle.SweepStep;

/**
 * The scheduled sweep: for every customer due, and only those, sends the trial-ending notices, upgrades or expires
 * trials at their end, and expires subscriptions past theirs. Safe to run twice, or twice at once: every change is
 * a conditional write decided again on the fresh state, and a notice is claimed before it is sent.
 */
public final class Sweep {

    public static final String ACTOR = "sweep";

    /**
     * How long a notice claim holds: longer than any run (a Lambda runs 15 minutes at most), so a claim older than
     * this belongs to a run that died, and its notice is sent again.
     */
    public static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(15);

    private static final System.Logger LOG = System.getLogger(Sweep.class.getName());

    private final CustomerStore store;
    private final CustomerChanges changes;
    private final Mailer mailer;
    private final EmailComposer composer;
    private final Lifecycle lifecycle;
    private final SweepSettings settings;
    private final SendPacer.Ticker ticker;

    public Sweep(CustomerStore store, CustomerChanges changes, Mailer mailer, EmailComposer composer,
                 Lifecycle lifecycle, SweepSettings settings) {
        this(store, changes, mailer, composer, lifecycle, settings, SendPacer.Ticker.SYSTEM);
    }

    /** The same, pacing emails by {@code ticker}'s time (the tests' own). */
    Sweep(CustomerStore store, CustomerChanges changes, Mailer mailer, EmailComposer composer, Lifecycle lifecycle,
          SweepSettings settings, SendPacer.Ticker ticker) {
        this.store = store;
        this.changes = changes;
        this.mailer = mailer;
        this.composer = composer;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.ticker = ticker;
    }

    /**
     * What a run did. {@code deferred}: upgrades waiting for a notice; {@code left}: due customers the run had no
     * time for (the next run takes them); {@code itemsRead}: index items read to find the due customers.
     */
    public record Summary(int due, int notices, int upgrades, int expiries, int deferred, int failed, int left,
                          int itemsRead, int undeliverable) {}

    /** A run's counts, kept as the run goes by all the customers in flight. */
    private static final class Tally {
        final AtomicInteger notices = new AtomicInteger();
        final AtomicInteger upgrades = new AtomicInteger();
        final AtomicInteger expiries = new AtomicInteger();
        final AtomicInteger deferred = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger undeliverable = new AtomicInteger();
    }

    /**
     * Runs the sweep at {@code now} (the schedule's time): starts the due customers longest due first, at most
     * {@link SweepSettings#concurrency} at a time, each only while {@code hasTime} says there is time for one more
     * customer, and returns once every customer it started is done.
     */
    public Summary run(Instant now, BooleanSupplier hasTime) {
        DueCustomers due = store.due(now);
        var tally = new Tally();
        var pacer = new SendPacer(settings.maxSendRate(), ticker);
        var freeSlots = new Semaphore(settings.concurrency());
        var started = new ArrayList<Future<?>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DueCustomers.Ref ref : due.customers()) {
                // A slot first, then the time guard: the guard is asked at the moment the customer would start.
                freeSlots.acquireUninterruptibly();
                if (!hasTime.getAsBoolean()) {
                    break;
                }
                started.add(executor.submit(() -> {
                    try {
                        visit(ref, now, pacer, tally);
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "Sweep failed on customer " + ref.customerId() + " of "
                                + ref.partnerId(), e);
                        tally.failed.incrementAndGet();
                    } finally {
                        freeSlots.release();
                    }
                }));
            }
        }
        for (Future<?> customer : started) {
            // Only an Error gets here (an exception counts as failed): raised once the others are done.
            if (customer.state() == Future.State.FAILED && customer.exceptionNow() instanceof Error error) {
                throw error;
            }
        }
        return new Summary(due.customers().size(), tally.notices.get(), tally.upgrades.get(), tally.expiries.get(),
                tally.deferred.get(), tally.failed.get(), due.customers().size() - started.size(), due.itemsRead(),
                tally.undeliverable.get());
    }

    /**
     * The longest a customer started with time to spare may wait for its turn to send: behind every other customer
     * in flight, each sending as many emails as one can.
     */
    public Duration longestWaitToSend() {
        return SendPacer.longestWait(settings.concurrency(), Mails.MOST_PER_SWEEP_STEP, settings.maxSendRate());
    }

    private void visit(DueCustomers.Ref ref, Instant now, SendPacer pacer, Tally tally) {
        Customer customer = store.find(ref.partnerId(), ref.customerId()).orElse(null);
        if (customer == null) {
            return;
        }
        switch (lifecycle.sweepStep(customer, now)) {
            case SweepStep.Notice notice -> notify(customer, notice, now, pacer, tally);
            case SweepStep.Nothing nothing -> { }
            default -> {
                // The end's emails go out through the outbox within seconds of its write: paced before it.
                pacer.acquire(Mails.perSweepStep(customer));
                end(customer, now, tally);
            }
        }
    }

    // Trial and subscription ends: decided again on each attempt, so a second run finds nothing left to do.
    private void end(Customer customer, Instant now, Tally tally) {
        // Each attempt decides afresh; what the last attempt decided is what was written.
        var decided = new AtomicReference<Outcome>();
        changes.apply(customer, ACTOR, current -> {
            Outcome outcome = switch (lifecycle.sweepStep(current, now)) {
                case SweepStep.Upgrade upgrade -> upgrade(current, now);
                case SweepStep.ExpireTrial expire -> expire(current, now,
                        new TrialExpired(current.expirationDate()), "Trial ended with automatic upgrade off: expired");
                case SweepStep.ExpireSubscription expire -> expire(current, now,
                        new SubscriptionExpired(current.expirationDate()), "Subscription ended: expired");
                default -> Outcome.unchanged(current);
            };
            decided.set(outcome);
            return outcome;
        });
        EventType written = decided.get() == null ? null : decided.get().type();
        if (written == EventType.CUSTOMER_CONVERTED) {
            tally.upgrades.incrementAndGet();
        } else if (written == EventType.TRIAL_EXPIRED || written == EventType.SUBSCRIPTION_EXPIRED) {
            tally.expiries.incrementAndGet();
        }
    }

    private Outcome upgrade(Customer customer, Instant now) {
        // The production term runs on from the trial's end, so no day is lost to a late sweep.
        Instant end = customer.expirationDate().plus(lifecycle.settings().productionTerm());
        Customer after = customer.edit().accountType(AccountType.PRODUCTION).expirationDate(end).save(now);
        return Outcome.of(after, CustomerConverted.of(CustomerConverted.Mode.AUTOMATIC, after),
                "Trial ended: upgraded to PRODUCTION automatically, until " + end).mails(Mails.upgraded(after));
    }

    private Outcome expire(Customer customer, Instant now, CustomerEvent expired, String message) {
        Customer after = customer.edit().status(Status.EXPIRED).save(now);
        return Outcome.of(after, expired, message).mails(Mails.expired(after));
    }

    /**
     * Claim, send, record. The claim (a conditional write, timed by the real clock) keeps a concurrent run from
     * sending the same notice; a failed send releases it, so the next run tries again; the record says which end the
     * notice announced, and only a notice that announced the coming end lets it happen. The customer's notice is sent
     * here, since the end waits on it; the partner user's copy goes through the outbox and never holds it back.
     */
    private void notify(Customer customer, SweepStep.Notice notice, Instant now, SendPacer pacer, Tally tally) {
        if (notice.trialEnded()) {
            tally.deferred.incrementAndGet();
        }
        if (claimedByAnotherRun(customer)) {
            return;
        }
        // Paced before the claim, so a claim is never held waiting for the sending rate.
        pacer.acquire(Mails.perSweepStep(customer));
        Instant claimTime = changes.clock().instant();
        Customer claimed = customer.edit().noticeClaimedAt(claimTime).save(now);
        try {
            changes.save(customer.version(), Outcome.quiet(claimed), ACTOR);
        } catch (ConcurrentChangeException anotherRun) {
            return;
        }
        MailRequest mail = Mails.notice(claimed, notice.end());
        try {
            mailer.send(composer.compose(mail));
        } catch (DeliveryRefusedException refused) {
            if (refused.ofTheSender()) {
                // Every email is refused until an operator fixes the sender: a failure for now for this notice.
                recordFailed(claimed, notice, refused, now);
                tally.failed.incrementAndGet();
            } else {
                recordRefused(customer, claimed, notice, refused, now);
                tally.undeliverable.incrementAndGet();
            }
            return;
        } catch (RuntimeException sendFailed) {
            recordFailed(claimed, notice, sendFailed, now);
            tally.failed.incrementAndGet();
            return;
        }
        var sent = new TrialEndingNotice(notice.days(), customer.expirationDate(), notice.end());
        String message = "Trial-ending notice sent to " + customer.notificationEmail() + ": the trial ends at "
                + customer.expirationDate() + (notice.end() == TrialEnd.UPGRADE
                ? " and will be upgraded to PRODUCTION" : " and will expire");
        changes.apply(claimed, ACTOR, current -> Outcome.of(
                        handled(customer, current, notice, NoticeSent::delivered).save(now),
                        sent, message)
                .mails(Mails.partnerCopy(current, mail)));
        tally.notices.incrementAndGet();
    }

    /** A notice not sent for now: the claim released, so the next run tries again, and the event log told why. */
    private void recordFailed(Customer claimed, SweepStep.Notice notice, RuntimeException failure, Instant now) {
        // Shown to the partner in the event log: the error's own text, without the address SES may quote.
        String why = "Trial-ending notice could not be sent (" + Redaction.redact(failure.getMessage())
                + "); the next sweep tries again"
                + (notice.trialEnded() ? ". The trial's end waits until a notice announced it" : "");
        changes.apply(claimed, ACTOR, current -> Outcome.quiet(current.edit().noticeClaimedAt(null).save(now))
                .log(LogEntry.Level.WARN, EventType.TRIAL_ENDING_NOTICE.detailType(), why));
    }

    /**
     * A notice the mail service refused for good (an address it will never deliver to): recorded as such, so it is
     * not tried again for its days, and the event log says so once, with what the partner can do. An expiry goes ahead
     * without it; an upgrade waits for the partner ({@link Lifecycle#upgradeHeld}).
     */
    private void recordRefused(Customer customer, Customer claimed, SweepStep.Notice notice,
                               DeliveryRefusedException refused, Instant now) {
        String why = "Trial-ending notice refused for good by the mail service ("
                + Redaction.redact(refused.getMessage()) + "): "
                + (notice.end() == TrialEnd.UPGRADE
                ? "without a delivered notice there is no automatic upgrade. Convert the customer, extend the trial"
                        + " (its notices start over), or turn automatic upgrade off (it then expires at its end)"
                : "the trial expires at its end without it");
        changes.apply(claimed, ACTOR, current -> Outcome.quiet(
                        handled(customer, current, notice, NoticeSent::refused).save(now))
                .log(LogEntry.Level.WARN, EventType.TRIAL_ENDING_NOTICE.detailType(), why));
    }

    /**
     * The fresh state with the claim released and the notice's days recorded as {@code handled}. Recorded on the fresh
     * state: a partner's edit during the send must neither lose the record (which would send the notice again) nor
     * be lost. A new end date meanwhile has started the notices over; a switch of automatic upgrade meanwhile keeps
     * the record, which names the end it announced.
     */
    private static Customer.Editor handled(Customer before, Customer current, SweepStep.Notice notice,
                                           BiFunction<Integer, TrialEnd, NoticeSent> handled) {
        Customer.Editor editor = current.edit().noticeClaimedAt(null);
        if (before.expirationDate().equals(current.expirationDate())) {
            var sent = new LinkedHashSet<>(current.noticesSent());
            notice.days().forEach(day -> sent.add(handled.apply(day, notice.end())));
            editor.noticesSent(List.copyOf(sent));
        }
        return editor;
    }

    private boolean claimedByAnotherRun(Customer customer) {
        Instant claimedAt = customer.noticeClaimedAt();
        return claimedAt != null && changes.clock().instant().isBefore(claimedAt.plus(CLAIM_TIMEOUT));
    }
}
