package partnerhub.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.delivery.EffectDispatcher.Counts;
import partnerhub.domain.delivery.EffectDispatcher.Delivery;
import partnerhub.domain.delivery.OutboxEntry;
import partnerhub.domain.event.EventType;

class BusinessMetricsTest {

    private static final Instant AT = Instant.parse("2026-11-24T20:00:00Z");

    private static OutboxEntry event(EventType type, Map<String, Object> changes) {
        return OutboxEntry.of("e-" + type, AT, new DomainEvent("id", type, "p", "c", AT, changes));
    }

    @Test
    void publishedEventsCountWhatHappenedAndOnlyDeliveredOnesCount() {
        var counts = new Counts();
        counts.add(event(EventType.CUSTOMER_CREATED, Map.of()), Delivery.DELIVERED);
        counts.add(event(EventType.CUSTOMER_CONVERTED, Map.of("mode", "AUTOMATIC")), Delivery.DELIVERED);
        counts.add(event(EventType.CUSTOMER_CONVERTED, Map.of("mode", "MANUAL")), Delivery.DELIVERED);
        counts.add(event(EventType.TRIAL_EXPIRED, Map.of()), Delivery.DELIVERED);
        counts.add(event(EventType.SUBSCRIPTION_EXPIRED, Map.of()), Delivery.DELIVERED);
        counts.add(event(EventType.TRIAL_EXTENDED, Map.of()), Delivery.RETRY);
        counts.add(event(EventType.IMPORT_FAILED, Map.of()), Delivery.ALREADY_HANDLED);

        Map<String, Integer> metrics = BusinessMetrics.of(counts);

        assertEquals(1, metrics.get("CustomersAdded"));
        assertEquals(1, metrics.get("Upgrades"));
        assertEquals(1, metrics.get("Conversions"));
        assertEquals(2, metrics.get("Expiries"));
        assertEquals(0, metrics.get("Extensions"), "a delivery that failed counts nothing yet");
        assertEquals(0, metrics.get("OnboardingsFailed"), "a repeat another delivery handled counts nothing");
        assertEquals(5, metrics.get("Delivered"));
        assertEquals(1, metrics.get("Retried"));
    }
}
