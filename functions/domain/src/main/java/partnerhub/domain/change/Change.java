package partnerhub.domain.change;

import java.util.List;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.delivery.OutboxEntry;

/**
 * Everything one action writes, saved in one transaction or not at all: the customer (conditional on
 * {@code expectedVersion}, 0 for a new one), its outbox, its event-log lines, and, when asked, the idempotency
 * record and a newly issued activation link.
 *
 * @param issuedLink  a link issued by this change, or null
 * @param retiredLink a link this change uses or revokes, or null; written only if the link is still live
 * @param idempotency the record of this request's Idempotency-Key, or null
 * @param receipt     the id of the message this change handles, kept so that a redelivery is seen; or null
 */
public record Change(Customer customer, long expectedVersion, List<OutboxEntry> outbox, List<LogEntry> log,
                     ActivationLink.State issuedLink, ActivationLink.Retirement retiredLink,
                     IdempotencyRecord idempotency, String receipt) {

    public Change {
        outbox = List.copyOf(outbox);
        log = List.copyOf(log);
    }

    /** The same change, with the record of the request's Idempotency-Key (null for none). */
    public Change withIdempotency(IdempotencyRecord record) {
        return new Change(customer, expectedVersion, outbox, log, issuedLink, retiredLink, record, receipt);
    }
}
