package partnerhub.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import partnerhub.domain.port.CustomerStore;

/**
 * How every action on an existing customer is written: read it, decide, save the new version with its event,
 * event-log line and emails in one conditional transaction, then deliver the effects. A lost race is decided again
 * on the fresh state, unless the caller pinned the version it saw ({@code If-Match}).
 */
public final class CustomerChanges {

    private static final int ATTEMPTS = 3;

    private final CustomerStore store;
    private final EffectDispatcher dispatcher;
    private final Ids ids;
    private final Clock clock;

    public CustomerChanges(CustomerStore store, EffectDispatcher dispatcher, Ids ids, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * What an action decided. {@link #unchanged} writes nothing; otherwise the event's {@code changes} and the log
     * line describe it.
     */
    public record Outcome(Customer after, EventType type, Map<String, Object> changes, String logMessage,
                          List<MailRequest> mails, ActivationLink.State issuedLink,
                          ActivationLink.Retirement retiredLink) {

        public static Outcome unchanged(Customer customer) {
            return new Outcome(customer, null, Map.of(), null, List.of(), null, null);
        }

        public static Outcome of(Customer after, EventType type, Map<String, Object> changes, String logMessage) {
            return new Outcome(after, type, changes, logMessage, List.of(), null, null);
        }

        public Outcome mail(MailRequest mail) {
            var all = new ArrayList<>(mails);
            all.add(mail);
            return new Outcome(after, type, changes, logMessage, all, issuedLink, retiredLink);
        }

        public Outcome links(ActivationLink.State issued, ActivationLink.Retirement retired) {
            return new Outcome(after, type, changes, logMessage, mails, issued, retired);
        }

        boolean isUnchanged() {
            return type == null;
        }
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
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
        for (int attempt = 1; ; attempt++) {
            Customer before = store.find(partnerId, customerId)
                    .orElseThrow(() -> new CustomerNotFoundException(customerId));
            if (expectedVersion != null && before.version() != expectedVersion) {
                throw new StaleStateException("The customer is at version " + before.version() + ", not "
                        + expectedVersion + ".");
            }
            Outcome outcome = action.apply(before);
            if (outcome.isUnchanged()) {
                return before;
            }
            try {
                save(before.version(), outcome, actorLabel);
                return outcome.after();
            } catch (ConcurrentChangeException raced) {
                if (expectedVersion != null) {
                    throw new StaleStateException("The customer changed while this request ran.");
                }
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** Writes an outcome decided on a customer at {@code expectedVersion} and delivers its effects. */
    public void save(long expectedVersion, Outcome outcome, String actorLabel) {
        Customer after = outcome.after();
        Instant now = after.updatedAt();
        var event = new DomainEvent(ids.next(now), outcome.type(), after.partnerId(), after.customerId(), now,
                outcome.changes());
        var outbox = new ArrayList<OutboxEntry>();
        outbox.add(new OutboxEntry(ids.next(now), now, event));
        outcome.mails().forEach(mail -> outbox.add(new OutboxEntry(ids.next(now), now, mail)));
        var log = new LogEntry(event.eventId(), now, outcome.type().detailType(), LogEntry.Level.INFO,
                outcome.logMessage(), actorLabel);
        store.save(new Change(after, expectedVersion, outbox, List.of(log), outcome.issuedLink(),
                outcome.retiredLink(), null));
        dispatcher.deliver(outbox);
    }
}
