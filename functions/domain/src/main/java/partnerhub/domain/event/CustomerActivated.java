package partnerhub.domain.event;

import java.util.Map;
import partnerhub.domain.customer.OnboardingStatus;

/** The customer opened its activation link: its import starts. */
public record CustomerActivated(OnboardingStatus onboardingStatus) implements CustomerEvent {

    @Override
    public EventType type() {
        return EventType.CUSTOMER_ACTIVATED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("onboardingStatus", onboardingStatus).map();
    }
}
