package partnerhub.domain.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;

/** The trial became a PRODUCTION subscription: by the partner, or by the sweep at the trial's end. */
public record CustomerConverted(Mode mode, Instant expirationDate, String sku, List<String> addOns)
        implements CustomerEvent {

    public enum Mode { MANUAL, AUTOMATIC }

    public CustomerConverted {
        addOns = List.copyOf(addOns);
    }

    /** The conversion that made {@code converted}. */
    public static CustomerConverted of(Mode mode, Customer converted) {
        return new CustomerConverted(mode, converted.expirationDate(), converted.sku(), converted.addOns());
    }

    @Override
    public EventType type() {
        return EventType.CUSTOMER_CONVERTED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("mode", mode).put("accountType", AccountType.PRODUCTION)
                .put("expirationDate", expirationDate).put("sku", sku).put("addOns", addOns).map();
    }
}
