package partnerhub.domain;

public enum Status {
    ACTIVE, EXPIRED
}
