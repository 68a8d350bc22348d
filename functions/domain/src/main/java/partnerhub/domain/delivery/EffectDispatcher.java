package partnerhub.domain.delivery;

import static partnerhub.domain.delivery.Redaction.redact;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Delivers outbox entries: claims each, sends or publishes it, then removes it. A transient failure leaves the entry
 * for a later try, further off after each failure; only a permanent refusal parks it. So a saved change always gets
 * its effects, at least once (events carry an id for consumers to drop a repeat), however long an outage lasts.
 * Errors are stored and logged redacted: SES puts the address it refused in its message.
 */
public final class EffectDispatcher {

    /** How long a delivery holds its entry: well past the SDK's call timeouts, so a claim outlives its delivery. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    /** The most AWS calls one delivery makes: claim, the signing key's read, send or publish, remove (or record). */
    public static final int CALLS_PER_DELIVERY = 4;
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private static final System.Logger LOG = System.getLogger(EffectDispatcher.class.getName());

    /** What became of one entry. */
    public enum Delivery {
        DELIVERED,
        /** Gone or held by another delivery: nothing done, nothing to retry. */
        ALREADY_HANDLED,
        /** Failed for now: kept, with its next try scheduled. */
        RETRY,
        PARKED
    }

    private final Mailer mailer;
    private final EventPublisher publisher;
    private final EmailComposer composer;
    private final Outbox outbox;
    private final Clock clock;

    public EffectDispatcher(Mailer mailer, EventPublisher publisher, EmailComposer composer, Outbox outbox,
                            Clock clock) {
        this.mailer = mailer;
        this.publisher = publisher;
        this.composer = composer;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Delivers one entry once: claim, deliver, remove. Never throws. */
    public Delivery deliver(OutboxEntry entry) {
        Instant now = clock.instant();
        Optional<OutboxEntry> claim;
        try {
            claim = outbox.claim(entry, now, now.plus(LEASE));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox entry " + entry.id() + " not claimed, left for a later try: " + redact(e));
            return Delivery.RETRY;
        }
        if (claim.isEmpty()) {
            return Delivery.ALREADY_HANDLED;
        }
        OutboxEntry claimed = claim.get();
        try {
            send(claimed.effect());
        } catch (DeliveryRefusedException refused) {
            return park(claimed, refused);
        } catch (RuntimeException failed) {
            return retryLater(claimed, failed, now);
        }
        try {
            outbox.remove(claimed);
        } catch (RuntimeException e) {
            // The claim runs out and a later delivery repeats this one: at least once, never lost.
            LOG.log(Level.WARNING, "Outbox entry " + entry.id() + " delivered but not removed: " + redact(e));
        }
        return Delivery.DELIVERED;
    }

    /**
     * Delivers each entry in order, each only while {@code hasTime} says one more delivery fits; the entries after
     * that are left for a later run, untouched, and counted.
     */
    public Counts deliver(List<OutboxEntry> entries, BooleanSupplier hasTime) {
        var counts = new Counts();
        for (OutboxEntry entry : entries) {
            if (!hasTime.getAsBoolean()) {
                counts.left(entries.size() - counts.total());
                break;
            }
            counts.add(entry, deliver(entry));
        }
        return counts;
    }

    /** How many entries ended each way, and the domain events published: what happened to the business. */
    public static final class Counts {
        private final int[] byDelivery = new int[Delivery.values().length];
        private final List<DomainEvent> published = new java.util.ArrayList<>();
        private int left;

        public void add(OutboxEntry entry, Delivery delivery) {
            byDelivery[delivery.ordinal()]++;
            if (delivery == Delivery.DELIVERED && entry.effect() instanceof DomainEvent event) {
                published.add(event);
            }
        }

        /** Entries not tried for want of time. */
        public void left(int entries) {
            left += entries;
        }

        public int of(Delivery delivery) {
            return byDelivery[delivery.ordinal()];
        }

        public int left() {
            return left;
        }

        private int total() {
            return java.util.Arrays.stream(byDelivery).sum();
        }

        public List<DomainEvent> published() {
            return List.copyOf(published);
        }
    }

    /** The wait before the next try after {@code attempts} failures: one minute, doubling, at most an hour. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private void send(Effect effect) {
        switch (effect) {
            case DomainEvent event -> publisher.publish(event);
            // The composer refuses what can never be composed; a key read that fails for now is retried.
            case MailRequest mail -> mailer.send(composer.compose(mail));
        }
    }

    private Delivery retryLater(OutboxEntry entry, RuntimeException failure, Instant now) {
        int attempts = entry.attempts() + 1;
        Instant next = now.plus(backoff(attempts));
        try {
            outbox.retryLater(entry, redact(failure), next);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox entry " + entry.id() + ": failure not recorded: " + redact(e));
        }
        LOG.log(Level.WARNING, "Outbox entry " + entry.id() + " not delivered (attempt " + attempts
                + "), next try after " + next + ": " + redact(failure));
        return Delivery.RETRY;
    }

    private Delivery park(OutboxEntry entry, DeliveryRefusedException refused) {
        try {
            outbox.park(entry, redact(refused));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox entry " + entry.id() + " refused but not parked: " + redact(e));
            return Delivery.RETRY;
        }
        LOG.log(Level.ERROR, "Outbox entry " + entry.id() + " parked, refused for good: " + redact(refused));
        return Delivery.PARKED;
    }
}

