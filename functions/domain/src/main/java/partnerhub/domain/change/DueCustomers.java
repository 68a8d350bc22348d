package partnerhub.domain.change;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The customers the sweep must look at, longest due first whatever shard of the index they came from, and how many
 * index items were read to find them: the measure that the sweep's cost follows the number due, not the table.
 */
public record DueCustomers(List<Ref> customers, int itemsRead) {

    public record Ref(String partnerId, String customerId, Instant dueAt) {}

    public DueCustomers {
        customers = customers.stream().sorted(Comparator.comparing(Ref::dueAt)).toList();
    }
}
