package partnerhub.domain.customer;

import java.time.Instant;

/** A line of a customer's event log: what happened, and who did it (a partner user's email, or the system). */
public record LogEntry(String id, Instant at, String type, Level level, String message, String actor) {

    public enum Level { INFO, WARN, ERROR }
}
