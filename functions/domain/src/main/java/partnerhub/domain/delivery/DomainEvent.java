package partnerhub.domain.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import partnerhub.domain.event.EventType;

/**
 * A fact about a customer. {@code changes} holds the changed fields as plain JSON values (strings, numbers,
 * booleans, lists); {@code eventId} lets consumers drop the duplicate an at-least-once retry can make.
 */
public record DomainEvent(String eventId, EventType type, String partnerId, String customerId, Instant occurredAt,
                          Map<String, Object> changes) implements Effect {

    public DomainEvent {
        changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** The event's {@code detail}: who, when, and what changed. */
    public Map<String, Object> detail() {
        var detail = new LinkedHashMap<String, Object>();
        detail.put("eventId", eventId);
        detail.put("partnerId", partnerId);
        detail.put("customerId", customerId);
        detail.put("occurredAt", occurredAt.toString());
        detail.putAll(changes);
        return detail;
    }
}
