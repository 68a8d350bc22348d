package partnerhub.domain.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.Status;

/**
 * The partner edited the customer. Each field is null when the edit left it as it was.
 *
 * @param status ACTIVE when a new end date renewed an expired subscription
 */
public record CustomerUpdated(String sku, List<String> addOns, Instant expirationDate, Status status)
        implements CustomerEvent {

    public CustomerUpdated {
        addOns = addOns == null ? null : List.copyOf(addOns);
    }

    @Override
    public EventType type() {
        return EventType.CUSTOMER_UPDATED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().putIfPresent("sku", sku).putIfPresent("addOns", addOns)
                .putIfPresent("expirationDate", expirationDate).putIfPresent("status", status).map();
    }
}
