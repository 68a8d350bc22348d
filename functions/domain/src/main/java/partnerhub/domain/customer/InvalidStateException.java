package partnerhub.domain.customer;

/** The action is not allowed in the customer's state; {@link #reason()} says why, in the contract's words. */
public final class InvalidStateException extends RuntimeException {

    public static final String SOURCE_NOT_MSP = "SOURCE_NOT_MSP";
    public static final String NOT_TRIAL = "NOT_TRIAL";
    public static final String TRIAL_NOT_STARTED = "TRIAL_NOT_STARTED";
    public static final String ALREADY_ACTIVATED = "ALREADY_ACTIVATED";
    public static final String EXPIRED = "EXPIRED";

    private final String reason;

    public InvalidStateException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
