package partnerhub.domain.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import partnerhub.domain.change.Change;
import partnerhub.domain.change.ConcurrentChangeException;
import partnerhub.domain.change.CustomerStore;
import partnerhub.domain.change.DueCustomers;
import partnerhub.domain.change.IdempotencyRecord;
import partnerhub.domain.change.Page;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.customer.View;
import partnerhub.domain.delivery.OutboxEntry;
import partnerhub.domain.trial.Lifecycle;

/**
 * The customer store as the sweep uses it, in memory: reads, the due customers (one index item each, as the due
 * index holds them) and conditional saves. {@code onFind} runs before every read, on the reading thread.
 */
final class InMemoryCustomers implements CustomerStore {

    private final Map<String, Customer> customers = new ConcurrentHashMap<>();
    private final Lifecycle lifecycle;
    /** What happened, in order: "find c1", "save c1", and whatever the test adds. */
    final List<String> trace = new CopyOnWriteArrayList<>();
    final List<String> finds = new CopyOnWriteArrayList<>();
    final List<OutboxEntry> outbox = new CopyOnWriteArrayList<>();
    private final Set<String> logIds = ConcurrentHashMap.newKeySet();
    volatile Consumer<String> onFind = id -> { };

    InMemoryCustomers(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void put(Customer customer) {
        customers.put(customer.customerId(), customer);
    }

    Customer get(String customerId) {
        return customers.get(customerId);
    }

    @Override
    public Optional<Customer> find(String partnerId, String customerId) {
        finds.add(customerId);
        trace.add("find " + customerId);
        onFind.accept(customerId);
        return Optional.ofNullable(customers.get(customerId)).filter(c -> c.partnerId().equals(partnerId));
    }

    @Override
    public DueCustomers due(Instant now) {
        var refs = new ArrayList<DueCustomers.Ref>();
        customers.values().forEach(c -> lifecycle.nextDueAt(c).filter(due -> !due.isAfter(now))
                .ifPresent(due -> refs.add(new DueCustomers.Ref(c.partnerId(), c.customerId(), due))));
        return new DueCustomers(refs, refs.size());
    }

    @Override
    public void save(Change change) {
        Customer after = change.customer();
        customers.compute(after.customerId(), (id, stored) -> {
            long version = stored == null ? 0 : stored.version();
            if (version != change.expectedVersion()) {
                throw new ConcurrentChangeException("customer " + id + " is at version " + version);
            }
            return after;
        });
        outbox.addAll(change.outbox());
        change.log().forEach(line -> logIds.add(line.id()));
        trace.add("save " + after.customerId());
    }

    @Override
    public boolean committed(Change change) {
        return !change.log().isEmpty() && logIds.contains(change.log().getFirst().id());
    }

    @Override
    public Page<Customer> list(String partnerId, View view, int limit, String cursor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(String partnerId, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ActivationLink.Record> findLink(String nonce) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Customer> findById(String customerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasReceipt(String receipt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<LogEntry> log(String partnerId, String customerId, int limit, String cursor) {
        throw new UnsupportedOperationException();
    }
}
