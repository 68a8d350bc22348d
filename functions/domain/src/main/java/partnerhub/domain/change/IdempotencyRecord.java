package partnerhub.domain.change;

import java.time.Instant;
import partnerhub.domain.customer.Customer;

/** What a request with an Idempotency-Key did: a retry with the same request gets the same customer back. */
public record IdempotencyRecord(String key, String fingerprint, Customer customer, Instant expiresAt) {}
