package partnerhub.domain;

import java.time.Instant;

/** What a request with an Idempotency-Key did: a retry with the same request gets the same customer back. */
public record IdempotencyRecord(String key, String fingerprint, Customer customer, Instant expiresAt) {}
