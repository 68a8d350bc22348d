package partnerhub.domain.change;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.CustomerNotFoundException;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.delivery.MailRequest;
import partnerhub.domain.delivery.OutboxEntry;
import partnerhub.domain.event.CustomerEvent;
import partnerhub.domain.event.EventType;

/**
 * How every action on an existing customer is written: read it, decide, save the new version with its event,
 * event-log line and emails in one conditional transaction. The effects wait in the outbox, which the table's
 * stream hands to the dispatcher: no request waits on SES or EventBridge. A lost race is decided again on the fresh
 * state, unless the caller pinned the version it saw ({@code If-Match}).
 */
public final class CustomerChanges {

    private static final int ATTEMPTS = 3;

    private final CustomerStore store;
    private final Ids ids;
    private final Clock clock;
    /** The receipt every change written through this instance carries, or null; see {@link #underReceipt}. */
    private final String receipt;
    private final boolean checkReceipt;

    public CustomerChanges(CustomerStore store, Ids ids, Clock clock) {
        this(store, ids, clock, null, false);
    }

    private CustomerChanges(CustomerStore store, Ids ids, Clock clock, String receipt, boolean checkReceipt) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.receipt = receipt;
        this.checkReceipt = checkReceipt;
    }

    /**
     * The same changes, each written with {@code receipt} (at most one write can carry it), so that an action run
     * again under it, after a run that stopped half way, is not applied twice.
     *
     * @param again whether an earlier run may have written it: then the receipt is read first, and a customer that
     *              has it is left as it is
     */
    public CustomerChanges underReceipt(String receipt, boolean again) {
        return new CustomerChanges(store, ids, clock, receipt, again);
    }

    /**
     * What an action decided: the new customer, its domain event (none for bookkeeping such as a notice claim), its
     * event-log lines and emails, the links it issues or retires, and the receipt that makes a redelivered message
     * harmless. {@link #unchanged} writes nothing.
     */
    public record Outcome(Customer after, boolean write, CustomerEvent event, List<Line> log,
                          List<MailRequest> mails, ActivationLink.State issuedLink,
                          ActivationLink.Retirement retiredLink, String receipt) {

        /** One event-log line. */
        public record Line(LogEntry.Level level, String type, String message) {}

        public Outcome {
            log = List.copyOf(log);
            mails = List.copyOf(mails);
        }

        public static Outcome unchanged(Customer customer) {
            return new Outcome(customer, false, null, List.of(), List.of(), null, null, null);
        }

        /** A change with its domain event and a log line saying what happened. */
        public static Outcome of(Customer after, CustomerEvent event, String logMessage) {
            return new Outcome(after, true, event,
                    List.of(new Line(LogEntry.Level.INFO, event.type().detailType(), logMessage)), List.of(), null,
                    null, null);
        }

        /** A change with no domain event (bookkeeping, or lines for the log alone). */
        public static Outcome quiet(Customer after) {
            return new Outcome(after, true, null, List.of(), List.of(), null, null, null);
        }

        public Outcome mail(MailRequest mail) {
            return mails(List.of(mail));
        }

        public Outcome mails(List<MailRequest> more) {
            var all = new ArrayList<>(mails);
            all.addAll(more);
            return new Outcome(after, write, event, log, all, issuedLink, retiredLink, receipt);
        }

        public Outcome log(LogEntry.Level level, String lineType, String message) {
            return new Outcome(after, write, event, append(log, new Line(level, lineType, message)), mails,
                    issuedLink, retiredLink, receipt);
        }

        public Outcome links(ActivationLink.State issued, ActivationLink.Retirement retired) {
            return new Outcome(after, write, event, log, mails, issued, retired, receipt);
        }

        public Outcome receipt(String key) {
            return new Outcome(after, write, event, log, mails, issuedLink, retiredLink, key);
        }

        /** The type of the event decided, or null for none. */
        public EventType type() {
            return event == null ? null : event.type();
        }

        private static <T> List<T> append(List<T> list, T item) {
            var all = new ArrayList<>(list);
            all.add(item);
            return all;
        }
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The clock's instant, never a scheduled event's: claims and outbox ids must follow real time. */
    public Clock clock() {
        return clock;
    }

    /** The partner's customer, as it is now. */
    public Customer read(Actor actor, String customerId) {
        return store.find(actor.partnerId(), customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
    }

    /**
     * Applies {@code action} to the partner's customer.
     *
     * @param expectedVersion the version the caller saw, or null to decide again on a lost race
     */
    public Customer apply(Actor actor, String customerId, Long expectedVersion,
                          Function<Customer, Outcome> action) {
        return apply(actor.partnerId(), customerId, actor.label(), expectedVersion, action);
    }

    /** The same, for actors that are not partner users (the import pipeline, the sweep, an upstream system). */
    public Customer apply(String partnerId, String customerId, String actorLabel, Long expectedVersion,
                          Function<Customer, Outcome> action) {
        return apply(partnerId, customerId, null, actorLabel, expectedVersion, action);
    }

    /** The same, deciding first on a customer the caller just read, so the first attempt reads nothing again. */
    public Customer apply(Customer justRead, String actorLabel, Function<Customer, Outcome> action) {
        return apply(justRead.partnerId(), justRead.customerId(), justRead, actorLabel, null, action);
    }

    private Customer apply(String partnerId, String customerId, Customer justRead, String actorLabel,
                           Long expectedVersion, Function<Customer, Outcome> action) {
        for (int attempt = 1; ; attempt++) {
            Customer before = attempt == 1 && justRead != null ? justRead : store.find(partnerId, customerId)
                    .orElseThrow(() -> new CustomerNotFoundException(customerId));
            if (expectedVersion != null && before.version() != expectedVersion) {
                throw new StaleStateException("The customer is at version " + before.version() + ", not "
                        + expectedVersion + ".");
            }
            if (attempt == 1 && checkReceipt && store.hasReceipt(receipt)) {
                return before;
            }
            Outcome outcome = action.apply(before);
            if (!outcome.write()) {
                return before;
            }
            if (receipt != null) {
                outcome = outcome.receipt(receipt);
            }
            try {
                write(change(before.version(), outcome, actorLabel));
                return outcome.after();
            } catch (ConcurrentChangeException raced) {
                // A change under this receipt is in: an attempt whose answer was lost, or an earlier run's.
                if (receipt != null && store.hasReceipt(receipt)) {
                    return store.find(partnerId, customerId).orElseThrow(() -> raced);
                }
                if (expectedVersion != null) {
                    throw new StaleStateException("The customer changed while this request ran.");
                }
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** Writes an outcome decided on a customer at {@code expectedVersion}, its effects into the outbox. */
    public void save(long expectedVersion, Outcome outcome, String actorLabel) {
        write(change(expectedVersion, outcome, actorLabel));
    }

    /**
     * Writes the change. A failure that leaves the outcome unknown (a timeout, an outage) is taken as success when
     * the change is in the store after all, so that a client retrying the failed request (an extension without
     * expectedExpirationDate, a create without Idempotency-Key) does not do it twice. A conflict and a busy store
     * are known refusals: nothing was written. (A retry of the SDK's own carries the transaction's idempotency
     * token, so it never fails for the attempt before it.)
     */
    public void write(Change change) {
        try {
            store.save(change);
        } catch (ConcurrentChangeException | BusyException refused) {
            throw refused;
        } catch (RuntimeException unknown) {
            if (!committed(change)) {
                throw unknown;
            }
        }
    }

    // Asked only after a failure: a read that fails too leaves that failure to answer.
    private boolean committed(Change change) {
        try {
            return store.committed(change);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Everything an outcome writes: the customer, its outbox (the domain event first, then the emails) and its
     * event-log lines. Entry ids come from the real clock, not the decision's time (a sweep decides at its schedule's
     * time), so the relay's "older than" is real age.
     */
    public Change change(long expectedVersion, Outcome outcome, String actorLabel) {
        Customer after = outcome.after();
        Instant now = after.updatedAt();
        Instant created = clock.instant();
        var outbox = new ArrayList<OutboxEntry>();
        String eventId = ids.next(created);
        if (outcome.event() != null) {
            outbox.add(OutboxEntry.of(ids.next(created), created, new DomainEvent(eventId, outcome.type(),
                    after.partnerId(), after.customerId(), now, outcome.event().fields())));
        }
        outcome.mails().forEach(mail -> outbox.add(OutboxEntry.of(ids.next(created), created, mail)));
        var log = new ArrayList<LogEntry>();
        for (Outcome.Line line : outcome.log()) {
            // The first line shares the event's id, so a log line can be traced to the event it reports.
            String lineId = log.isEmpty() && outcome.type() != null ? eventId : ids.next(now);
            log.add(new LogEntry(lineId, now, line.type(), line.level(), line.message(), actorLabel));
        }
        return new Change(after, expectedVersion, outbox, log, outcome.issuedLink(), outcome.retiredLink(), null,
                outcome.receipt());
    }
}
