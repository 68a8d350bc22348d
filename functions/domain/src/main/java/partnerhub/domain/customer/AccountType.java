package partnerhub.domain.customer;

public enum AccountType {
    TRIAL, PRODUCTION
}
