package partnerhub.domain.event;

import java.time.Instant;
import java.util.Map;
import partnerhub.domain.customer.Status;

/** The trial ended with automatic upgrade off. */
public record TrialExpired(Instant expirationDate) implements CustomerEvent {

    @Override
    public EventType type() {
        return EventType.TRIAL_EXPIRED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("status", Status.EXPIRED).put("expirationDate", expirationDate).map();
    }
}
