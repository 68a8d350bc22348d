package partnerhub.domain.delivery;

import java.time.Instant;

/**
 * An effect saved in the same transaction as its change, removed once it has been delivered.
 *
 * @param attempts deliveries tried and failed so far (transient failures: each pushes the next try further off)
 */
public record OutboxEntry(String id, Instant createdAt, Effect effect, int attempts) {

    public static OutboxEntry of(String id, Instant createdAt, Effect effect) {
        return new OutboxEntry(id, createdAt, effect, 0);
    }
}
