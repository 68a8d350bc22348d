package partnerhub.domain.change;

import java.time.Instant;
import java.util.Optional;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.listing.CustomerQuery;

/** Where customers live. Every read names the partner: no method can reach another partner's data. */
public interface CustomerStore {

    Optional<Customer> find(String partnerId, String customerId);

    /**
     * A partner's customers that the query matches, in its order. A page may hold fewer than {@code limit} customers
     * and still have a next one, when the store stopped reading for this request before it found them all.
     *
     * @param cursor where the previous page stopped, or null for the first page
     */
    Page<Customer> list(String partnerId, CustomerQuery query, int limit, String cursor);

    Optional<IdempotencyRecord> findIdempotency(String partnerId, String key);

    Optional<ActivationLink.Record> findLink(String nonce);

    /** A customer found by its id alone, for callers that carry no partner (the import pipeline). */
    Optional<Customer> findById(String customerId);

    /** Whether a change already handled the message with this id (see {@link Change#receipt()}). */
    boolean hasReceipt(String receipt);

    /**
     * The customers whose next scheduled action (notice, trial end, subscription end) is at or before {@code now}:
     * only those are read, whatever the size of the table.
     */
    DueCustomers due(Instant now);

    /** A customer's event log, newest first. */
    Page<LogEntry> log(String partnerId, String customerId, int limit, String cursor);

    /**
     * Writes the whole change in one transaction.
     *
     * @throws partnerhub.domain.change.ConcurrentChangeException when the customer's version moved, or the idempotency
     *         key was taken, since they were read
     */
    void save(Change change);

    /**
     * Whether this very change was written, after a save whose outcome is unknown (a timeout, an outage).
     * Recognised by its first event-log line, which no other
     * change writes; a change without one is never recognised.
     */
    boolean committed(Change change);
}
