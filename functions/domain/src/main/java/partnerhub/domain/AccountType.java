package partnerhub.domain;

public enum AccountType {
    TRIAL, PRODUCTION
}
