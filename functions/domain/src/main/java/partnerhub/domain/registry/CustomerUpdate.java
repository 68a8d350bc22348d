package partnerhub.domain.registry;

import java.time.Instant;
import java.util.List;

/** Validated changes to a customer; a null field is one the request left alone. */
public record CustomerUpdate(String sku, List<String> addOns, Instant expirationDate) {

    public boolean isEmpty() {
        return sku == null && addOns == null && expirationDate == null;
    }
}
