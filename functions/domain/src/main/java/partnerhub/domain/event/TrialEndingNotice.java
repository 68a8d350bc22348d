package partnerhub.domain.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.TrialEnd;

/** A trial-ending notice went to the customer, covering {@code noticeDays}, announcing {@code outcome}. */
public record TrialEndingNotice(List<Integer> noticeDays, Instant expirationDate, TrialEnd outcome)
        implements CustomerEvent {

    public TrialEndingNotice {
        noticeDays = List.copyOf(noticeDays);
    }

    @Override
    public EventType type() {
        return EventType.TRIAL_ENDING_NOTICE;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("noticeDays", noticeDays).put("expirationDate", expirationDate)
                .put("outcome", outcome).map();
    }
}
