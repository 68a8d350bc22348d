package partnerhub.domain.change;

/** The store refused a write because the item changed (or appeared) since it was read. */
public final class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String message) {
        super(message);
    }
}
