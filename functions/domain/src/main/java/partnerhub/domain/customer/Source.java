package partnerhub.domain.customer;

/** Who brought the customer: only customers a partner added itself ({@link #MSP}) may be converted by the partner. */
public enum Source {
    MSP, DIRECT, MARKETPLACE
}
