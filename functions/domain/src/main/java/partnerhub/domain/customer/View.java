package partnerhub.domain.customer;

/** The partner's two lists: customers still onboarding, and customers whose onboarding completed. */
public enum View {
    PENDING, CUSTOMERS;

    public static View of(OnboardingStatus onboarding) {
        return onboarding == OnboardingStatus.COMPLETED ? CUSTOMERS : PENDING;
    }
}
