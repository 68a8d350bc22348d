package partnerhub.domain.event;

import java.util.Map;

/** The partner turned automatic upgrade on or off. */
public record AutoUpgradeChanged(boolean autoUpgrade) implements CustomerEvent {

    @Override
    public EventType type() {
        return EventType.AUTO_UPGRADE_CHANGED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("autoUpgrade", autoUpgrade).map();
    }
}
