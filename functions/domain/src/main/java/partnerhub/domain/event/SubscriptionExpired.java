package partnerhub.domain.event;

import java.time.Instant;
import java.util.Map;
import partnerhub.domain.customer.Status;

/** A PRODUCTION subscription passed its end. */
public record SubscriptionExpired(Instant expirationDate) implements CustomerEvent {

    @Override
    public EventType type() {
        return EventType.SUBSCRIPTION_EXPIRED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("status", Status.EXPIRED).put("expirationDate", expirationDate).map();
    }
}
