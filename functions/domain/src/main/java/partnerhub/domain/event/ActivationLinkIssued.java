package partnerhub.domain.event;

import java.time.Instant;
import java.util.Map;

/** A new activation link replaced the old one, emailed to the customer or not. */
public record ActivationLinkIssued(Instant activationLinkExpiresAt, boolean emailed) implements CustomerEvent {

    @Override
    public EventType type() {
        return EventType.ACTIVATION_LINK_ISSUED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("activationLinkExpiresAt", activationLinkExpiresAt).put("emailed", emailed).map();
    }
}
