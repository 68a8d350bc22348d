package partnerhub.domain.change;

/** The caller acted on a state that is no longer current ({@code If-Match}, {@code expectedExpirationDate}). */
public final class StaleStateException extends RuntimeException {

    public StaleStateException(String message) {
        super(message);
    }
}
