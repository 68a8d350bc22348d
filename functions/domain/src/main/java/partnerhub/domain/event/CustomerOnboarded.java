package partnerhub.domain.event;

import java.time.Instant;
import java.util.Map;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.OnboardingStatus;

/**
 * The data import completed, and with it onboarding.
 *
 * @param trialStartedAt null when no trial started with it (one already ran, or the customer was converted)
 * @param expirationDate the trial's end, null with {@code trialStartedAt}
 */
public record CustomerOnboarded(Instant trialStartedAt, Instant expirationDate, AccountType accountType)
        implements CustomerEvent {

    @Override
    public EventType type() {
        return EventType.CUSTOMER_ONBOARDED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("onboardingStatus", OnboardingStatus.COMPLETED)
                .putIfPresent("trialStartedAt", trialStartedAt).putIfPresent("expirationDate", expirationDate)
                .put("accountType", accountType).map();
    }
}
