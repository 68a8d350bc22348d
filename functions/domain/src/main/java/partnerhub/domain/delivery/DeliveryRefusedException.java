package partnerhub.domain.delivery;

/**
 * A refusal that retrying cannot change (SES rejects the message or an address for good, an email that cannot be
 * composed): the entry is parked for an operator instead of being tried again. Any other failure is taken as
 * transient.
 * <p>
 * {@link #ofTheSender} tells a refusal of the stack's own sender identity (not verified, say) from a refusal of this
 * email: the first refuses every email until an operator fixes it, so it says nothing about the recipient.
 */
public final class DeliveryRefusedException extends RuntimeException {

    private final boolean ofTheSender;

    public DeliveryRefusedException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public DeliveryRefusedException(String message, Throwable cause, boolean ofTheSender) {
        super(message, cause);
        this.ofTheSender = ofTheSender;
    }

    public boolean ofTheSender() {
        return ofTheSender;
    }
}
