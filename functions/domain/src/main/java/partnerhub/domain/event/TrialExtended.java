package partnerhub.domain.event;

import java.time.Instant;
import java.util.Map;

/** The trial was extended; {@code revived} when it had expired and runs again. */
public record TrialExtended(Instant previousExpirationDate, Instant expirationDate, int trialExtensions,
                            boolean revived) implements CustomerEvent {

    @Override
    public EventType type() {
        return EventType.TRIAL_EXTENDED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("previousExpirationDate", previousExpirationDate).put("expirationDate", expirationDate)
                .put("trialExtensions", trialExtensions).put("revived", revived).map();
    }
}
