package partnerhub.domain.customer;

/** No such customer for this partner: unknown, or another partner's (the two are never told apart). */
public final class CustomerNotFoundException extends RuntimeException {

    public CustomerNotFoundException(String customerId) {
        super("No customer " + customerId);
    }
}
