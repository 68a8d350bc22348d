package partnerhub.domain.bulk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import partnerhub.domain.change.Fingerprint;
import partnerhub.domain.registry.CustomerUpdate;
import partnerhub.domain.registry.ValidationException;

/**
 * A validated bulk request: the action, the customers in the order their results are wanted, and the action's
 * parameters (only those of its action are set).
 *
 * @param enabled    for {@link BulkAction#SET_AUTO_UPGRADE}
 * @param conversion for {@link BulkAction#CONVERT}; its fields may all be null
 */
public record BulkRequest(BulkAction action, List<String> customerIds, Boolean enabled, CustomerUpdate conversion) {

    public static final int MAX_CUSTOMERS = 100;

    public BulkRequest {
        customerIds = List.copyOf(customerIds);
    }

    /**
     * The customers a request names, checked: 1 to 100 ids, none empty, none twice (a customer changed twice in one
     * request would answer for one change).
     *
     * @throws ValidationException naming {@code customerIds}
     */
    public static List<String> customers(List<String> customerIds) {
        if (customerIds == null || customerIds.isEmpty() || customerIds.size() > MAX_CUSTOMERS) {
            throw ValidationException.of("customerIds", "must name 1 to " + MAX_CUSTOMERS + " customers");
        }
        var seen = new HashSet<String>();
        for (String id : customerIds) {
            if (id.isEmpty()) {
                throw ValidationException.of("customerIds", "must not hold an empty id");
            }
            if (!seen.add(id)) {
                throw ValidationException.of("customerIds", "names " + id + " more than once");
            }
        }
        return customerIds;
    }

    /** The request's digest: the same request, and only it, has the same one. */
    public String fingerprint() {
        var parts = new ArrayList<String>();
        parts.add(action.name());
        parts.add(String.valueOf(enabled));
        parts.add(conversion == null ? "-" : String.valueOf(conversion.sku()));
        parts.add(conversion == null || conversion.addOns() == null ? "-"
                : String.join(",", conversion.addOns().stream().sorted().toList()));
        parts.add(conversion == null ? "-" : String.valueOf(conversion.expirationDate()));
        parts.addAll(customerIds);
        return Fingerprint.of(parts);
    }
}
