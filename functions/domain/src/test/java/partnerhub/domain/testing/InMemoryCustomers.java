package partnerhub.domain.testing;

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
import partnerhub.domain.delivery.OutboxEntry;
import partnerhub.domain.listing.CustomerQuery;
import partnerhub.domain.listing.Sort;
import partnerhub.domain.trial.Lifecycle;

/**
 * The customer store in memory, for the services' unit tests: reads, the due customers (one index item each, as the
 * due index holds them), conditional saves with their outbox, log lines and receipts. {@code onFind} runs before
 * every read, on the reading thread; {@code onSave} before every save, and may throw as DynamoDB would.
 */
public final class InMemoryCustomers implements CustomerStore {

    private final Map<String, Customer> customers = new ConcurrentHashMap<>();
    private final Lifecycle lifecycle;
    /** What happened, in order: "find c1", "save c1", and whatever the test adds. */
    public final List<String> trace = new CopyOnWriteArrayList<>();
    public final List<String> finds = new CopyOnWriteArrayList<>();
    public final List<OutboxEntry> outbox = new CopyOnWriteArrayList<>();
    public final List<LogEntry> log = new CopyOnWriteArrayList<>();
    private final Set<String> receipts = ConcurrentHashMap.newKeySet();
    private final Map<String, IdempotencyRecord> idempotency = new ConcurrentHashMap<>();
    private final Map<String, ActivationLink.Record> links = new ConcurrentHashMap<>();
    public volatile Consumer<String> onFind = id -> { };
    public volatile Consumer<Change> onSave = change -> { };

    public InMemoryCustomers(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public void put(Customer customer) {
        customers.put(customer.customerId(), customer);
    }

    public Customer get(String customerId) {
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
    public synchronized void save(Change change) {
        onSave.accept(change);
        // Every condition first, then every write: one transaction, all or nothing.
        Customer after = change.customer();
        Customer stored = customers.get(after.customerId());
        long version = stored == null ? 0 : stored.version();
        if (version != change.expectedVersion()) {
            throw new ConcurrentChangeException("customer " + after.customerId() + " is at version " + version);
        }
        IdempotencyRecord record = change.idempotency();
        String idempotencyKey = record == null ? null : after.partnerId() + "#" + record.key();
        if (record != null && idempotency.containsKey(idempotencyKey)) {
            throw new ConcurrentChangeException("idempotency key " + record.key() + " taken");
        }
        if (change.receipt() != null && receipts.contains(change.receipt())) {
            throw new ConcurrentChangeException("receipt " + change.receipt() + " taken");
        }
        ActivationLink.Retirement retired = change.retiredLink();
        ActivationLink.Record link = retired == null ? null : links.get(retired.nonce());
        if (link != null && (link.usedAt() != null || link.revokedAt() != null)) {
            throw new ConcurrentChangeException("link " + retired.nonce() + " no longer live");
        }
        customers.put(after.customerId(), after);
        if (record != null) {
            idempotency.put(idempotencyKey, record);
        }
        if (change.issuedLink() != null) {
            links.put(change.issuedLink().nonce(), new ActivationLink.Record(change.issuedLink().nonce(),
                    after.partnerId(), after.customerId(), change.issuedLink().expiresAt(), null, null));
        }
        if (link != null) {
            boolean used = retired.kind() == ActivationLink.Retirement.Kind.USED;
            links.put(link.nonce(), new ActivationLink.Record(link.nonce(), link.partnerId(), link.customerId(),
                    link.expiresAt(), used ? retired.at() : null, used ? null : retired.at()));
        }
        outbox.addAll(change.outbox());
        log.addAll(change.log());
        if (change.receipt() != null) {
            receipts.add(change.receipt());
        }
        trace.add("save " + after.customerId());
    }

    @Override
    public boolean committed(Change change) {
        return !change.log().isEmpty() && log.contains(change.log().getFirst());
    }

    @Override
    public Page<Customer> list(String partnerId, CustomerQuery query, int limit, String cursor) {
        Sort sort = query.sort();
        List<Customer> matching = customers.values().stream()
                .filter(c -> c.partnerId().equals(partnerId) && query.matches(c))
                .filter(c -> cursor == null || (sort.descending() ? sort.key(c).compareTo(cursor) < 0
                        : sort.key(c).compareTo(cursor) > 0))
                .sorted(query.order())
                .toList();
        List<Customer> page = matching.subList(0, Math.min(limit, matching.size()));
        return new Page<>(page, matching.size() > limit ? sort.key(page.getLast()) : null);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(String partnerId, String key) {
        return Optional.ofNullable(idempotency.get(partnerId + "#" + key));
    }

    @Override
    public Optional<ActivationLink.Record> findLink(String nonce) {
        return Optional.ofNullable(links.get(nonce));
    }

    @Override
    public Optional<Customer> findById(String customerId) {
        trace.add("find " + customerId);
        return Optional.ofNullable(customers.get(customerId));
    }

    @Override
    public boolean hasReceipt(String receipt) {
        return receipts.contains(receipt);
    }

    @Override
    public Page<LogEntry> log(String partnerId, String customerId, int limit, String cursor) {
        throw new UnsupportedOperationException();
    }
}
