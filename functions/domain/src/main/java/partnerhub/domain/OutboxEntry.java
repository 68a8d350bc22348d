package partnerhub.domain;

import java.time.Instant;

/** An effect saved in the same transaction as its change, removed once it has been delivered. */
public record OutboxEntry(String id, Instant createdAt, Effect effect) {}
