package partnerhub.domain;

/**
 * A refusal that retrying cannot change (SES rejects the message or an address for good, an email that cannot be
 * composed): the entry is parked for an operator instead of being tried again. Any other failure is taken as
 * transient.
 */
public final class DeliveryRefusedException extends RuntimeException {

    public DeliveryRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
