package partnerhub.domain;

import java.util.List;

/**
 * The customers the sweep must look at, as (partner, customer) pairs, and how many index items were read to find
 * them: the measure that the sweep's cost follows the number due, not the table.
 */
public record DueCustomers(List<Ref> customers, int itemsRead) {

    public record Ref(String partnerId, String customerId) {}

    public DueCustomers {
        customers = List.copyOf(customers);
    }
}
