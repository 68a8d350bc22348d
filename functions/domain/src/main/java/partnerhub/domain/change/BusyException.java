package partnerhub.domain.change;

/**
 * The store refused a write for now, over its capacity (DynamoDB cancelled the transaction for throttling on its
 * items, which the SDK does not retry): nothing was written, and the same request succeeds a moment later. Not a
 * conflict: the customer did not change.
 */
public final class BusyException extends RuntimeException {

    public BusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
