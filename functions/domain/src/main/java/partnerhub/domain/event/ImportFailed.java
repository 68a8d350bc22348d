package partnerhub.domain.event;

import java.util.Map;
import partnerhub.domain.customer.OnboardingStatus;

/** The data import failed: onboarding waits for a new one. */
public record ImportFailed(int importErrorCount) implements CustomerEvent {

    @Override
    public EventType type() {
        return EventType.IMPORT_FAILED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("onboardingStatus", OnboardingStatus.FAILED).put("importErrorCount", importErrorCount)
                .map();
    }
}
