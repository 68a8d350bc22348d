package partnerhub.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import partnerhub.domain.delivery.EffectDispatcher.Delivery;
import partnerhub.domain.event.EventType;
import partnerhub.domain.signing.ActivationLinks;
import partnerhub.domain.signing.RotatingKeys;
import partnerhub.domain.testing.InMemoryOutbox;
import partnerhub.domain.testing.TestClock;

/** What the dispatcher decides for each entry: deliver once, retry later with growing waits, or park. */
class EffectDispatcherTest {

    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");

    final TestClock clock = new TestClock(NOW);
    final InMemoryOutbox outbox = new InMemoryOutbox();
    final List<Email> sent = new ArrayList<>();
    final List<DomainEvent> published = new ArrayList<>();
    RuntimeException mailFailure;
    final EffectDispatcher dispatcher = new EffectDispatcher(
            email -> {
                if (mailFailure != null) {
                    throw mailFailure;
                }
                sent.add(email);
            },
            published::add,
            new EmailComposer(new ActivationLinks(
                    new RotatingKeys(RotatingKeys.key("keyAAAAA", "a-test-secret-of-at-least-32-bytes!")),
                    "https://app.example/activate", Duration.ofDays(7), new SecureRandom())),
            outbox, clock);

    static OutboxEntry event(String id) {
        return OutboxEntry.of(id, NOW, new DomainEvent("event-" + id, EventType.AUTO_UPGRADE_CHANGED, "msp-contoso",
                "c1", NOW, Map.of("autoUpgrade", false)));
    }

    static OutboxEntry email(String id) {
        return OutboxEntry.of(id, NOW, new MailRequest(MailTemplate.CONVERTED, List.of("it@contoso.example"),
                Map.of("organizationName", "Contoso", "sku", "STANDARD", "expirationDate", "2027-11-24T20:00:00Z")));
    }

    @Test
    void anEntryIsDeliveredOnceAndRemovedWhateverTheRedeliveries() {
        OutboxEntry entry = event("e1");
        outbox.add(entry);

        assertEquals(Delivery.DELIVERED, dispatcher.deliver(entry));
        assertEquals(Delivery.ALREADY_HANDLED, dispatcher.deliver(entry), "the stream's redelivery");

        assertEquals(1, published.size());
        assertTrue(outbox.stored("e1").isEmpty(), "removed");
    }

    @Test
    void aFailureForNowIsTriedAgainLaterWithGrowingWaitsAndNeverParked() {
        OutboxEntry entry = email("m1");
        outbox.add(entry);
        mailFailure = new IllegalStateException("SES is down");
        var waits = new ArrayList<Duration>();

        for (int attempt = 1; attempt <= 9; attempt++) {
            assertEquals(Delivery.RETRY, dispatcher.deliver(entry));
            assertEquals(Delivery.ALREADY_HANDLED, dispatcher.deliver(entry), "not tried again before it is due");
            Instant next = outbox.stored("m1").orElseThrow().nextAttemptAt();
            waits.add(Duration.between(clock.instant(), next));
            clock.set(next);
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L),
                waits.stream().map(Duration::toMinutes).toList(), "doubling, at most an hour");
        assertEquals(9, outbox.stored("m1").orElseThrow().entry().attempts());
        assertEquals(Map.of(), outbox.parkedReasons());

        mailFailure = null;
        assertEquals(Delivery.DELIVERED, dispatcher.deliver(entry));
        assertEquals(1, sent.size());
    }

    @Test
    void aRefusalForGoodIsParkedWithItsReasonAndNoAddress() {
        OutboxEntry entry = email("m2");
        outbox.add(entry);
        mailFailure = new DeliveryRefusedException("SES refused the email: it@contoso.example is on a list", null);

        assertEquals(Delivery.PARKED, dispatcher.deliver(entry));

        String reason = outbox.parkedReasons().get("m2");
        assertTrue(reason.contains("SES refused the email"), reason);
        assertFalse(reason.contains("@"), "no address in a stored reason: " + reason);
        assertTrue(outbox.stored("m2").isEmpty());
    }

    @Test
    void anEmailThatCannotBeComposedIsParkedNotRetried() {
        OutboxEntry entry = OutboxEntry.of("m3", NOW, new MailRequest(MailTemplate.CONVERTED,
                List.of("it@contoso.example"), Map.of("organizationName", "Contoso")));
        outbox.add(entry);

        assertEquals(Delivery.PARKED, dispatcher.deliver(entry));
        assertTrue(outbox.parkedReasons().get("m3").contains("no value"), outbox.parkedReasons().toString());
    }

    @Test
    void aBatchStartsEachDeliveryOnlyWhileThereIsTimeAndCountsTheRest() {
        var entries = List.of(event("e1"), event("e2"), event("e3"));
        entries.forEach(outbox::add);
        var asks = new AtomicInteger();

        EffectDispatcher.Counts counts = dispatcher.deliver(entries, () -> asks.incrementAndGet() <= 1);

        assertEquals(1, counts.of(Delivery.DELIVERED));
        assertEquals(2, counts.left());
        assertEquals(List.of("event-e1"), published.stream().map(DomainEvent::eventId).toList());
        assertTrue(outbox.stored("e2").isPresent() && outbox.stored("e3").isPresent(), "left untouched");
        assertEquals(null, outbox.stored("e2").orElseThrow().claimedUntil(), "not claimed");
    }
}
