package partnerhub.domain.customer;

public enum Status {
    ACTIVE, EXPIRED
}
