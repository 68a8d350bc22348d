package partnerhub.domain.registry;

/** An Idempotency-Key already used for a different request. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used with a different request");
    }
}
