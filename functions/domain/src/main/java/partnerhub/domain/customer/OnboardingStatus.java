package partnerhub.domain.customer;

/** Where the tenant is in its onboarding: the data import decides when it is COMPLETED. */
public enum OnboardingStatus {
    PENDING, IN_PROGRESS, FAILED, COMPLETED
}
