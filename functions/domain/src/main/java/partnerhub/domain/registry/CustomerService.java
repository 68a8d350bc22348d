package partnerhub.domain.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import partnerhub.domain.change.Change;
import partnerhub.domain.change.ConcurrentChangeException;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.CustomerStore;
import partnerhub.domain.change.Fingerprint;
import partnerhub.domain.change.IdempotencyRecord;
import partnerhub.domain.change.Ids;
import partnerhub.domain.change.Page;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.EmailAddress;
import partnerhub.domain.customer.InvalidStateException;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.delivery.MailRequest;
import partnerhub.domain.delivery.Mails;
import partnerhub.domain.event.CustomerCreated;
import partnerhub.domain.event.CustomerUpdated;
import partnerhub.domain.listing.CustomerQuery;
import partnerhub.domain.signing.ActivationLinks;
import partnerhub.domain.signing.PageTokens;

/** The partner's actions on its customers. Every method takes the acting partner and never leaves its scope. */
public final class CustomerService {

    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;
    /** The store's pages an export reads: about what one query's megabyte holds. */
    private static final int EXPORT_PAGE_SIZE = 1_000;
    /** How long an Idempotency-Key is remembered (the contract asks for at least 24 hours). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final CustomerStore store;
    private final CustomerChanges changes;
    private final ActivationLinks links;
    private final PageTokens pageTokens;
    private final Ids ids;
    private final Clock clock;

    public CustomerService(CustomerStore store, CustomerChanges changes, ActivationLinks links,
                           PageTokens pageTokens, Ids ids, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.links = links;
        this.pageTokens = pageTokens;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new customer and the activation link emailed to it. */
    public record Created(Customer customer, ActivationLink activationLink, boolean replayed) {}

    /**
     * Adds a TRIAL customer and emails its activation link. With an idempotency key, a retry of the same request
     * returns the first result and sends nothing; the same key with another request is refused.
     */
    public Created create(Actor actor, NewCustomer request, String idempotencyKey) {
        String fingerprint = fingerprint(request);
        // The partner's keys and the upstream assignments' event ids live in separate namespaces.
        String key = idempotencyKey == null ? null : "request:" + idempotencyKey;
        Optional<Customer> earlier = replay(actor.partnerId(), key, fingerprint);
        if (earlier.isPresent()) {
            return new Created(earlier.get(), links.link(earlier.get().activation()), true);
        }
        Instant now = now();
        ActivationLink.State activation = links.issue(now);
        // Signed before anything is written: a signing key that cannot be read fails the request with nothing saved
        // or sent, so the client's retry adds the customer once.
        ActivationLink link = links.link(activation);
        // The partner user gets copies of the customer's emails only at an address that can take them.
        String partnerUser = EmailAddress.isValid(actor.email()) ? actor.email() : null;
        Customer customer = Customer.newTrial(ids.next(clock.instant()), actor.partnerId(), request, Source.MSP,
                partnerUser, activation, now);
        Customer saved = insert(customer, activation, Mails.activation(customer, activation), actor.label(),
                "Customer added as a TRIAL; activation link emailed to " + customer.notificationEmail(),
                key, fingerprint);
        // insert hands back another customer only when the same request, run at the same time, won the race.
        return saved == customer ? new Created(saved, link, false)
                : new Created(saved, links.link(saved.activation()), true);
    }

    /**
     * A customer that another system brought (its {@code source} is not the partner's), assigned to the partner with
     * its trial already running. Redelivery of the same assignment changes nothing.
     */
    public Customer assign(String assignmentId, String partnerId, NewCustomer request, Source source,
                           Instant expirationDate) {
        String key = "assignment:" + assignmentId;
        String fingerprint = fingerprint(request);
        Optional<Customer> earlier = replay(partnerId, key, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Customer customer = Customer.assigned(ids.next(clock.instant()), partnerId, request, source,
                expirationDate, now());
        return insert(customer, null, null, "source " + source,
                "Customer assigned to the partner by its source (" + source + "), trial until " + expirationDate,
                key, fingerprint);
    }

    // Writes a new customer with its event, log line and email, and the idempotency record when there is a key.
    // Returns the customer an earlier request with the same key made, when that request won a race.
    private Customer insert(Customer customer, ActivationLink.State activation, MailRequest mail, String actorLabel,
                            String logMessage, String idempotencyKey, String fingerprint) {
        var outcome = CustomerChanges.Outcome.of(customer, CustomerCreated.of(customer),
                logMessage).mails(mail == null ? List.of() : List.of(mail)).links(activation, null);
        IdempotencyRecord idempotency = idempotencyKey == null ? null : new IdempotencyRecord(idempotencyKey,
                fingerprint, customer, customer.createdAt().plus(IDEMPOTENCY_WINDOW));
        Change change = changes.change(0, outcome, actorLabel).withIdempotency(idempotency);
        for (int attempt = 1; ; attempt++) {
            try {
                changes.write(change);
                return customer;
            } catch (ConcurrentChangeException raced) {
                // Only the idempotency key can collide on a new customer: the same request runs at the same time.
                // DynamoDB cancels a transaction that meets another one in flight on the same item, so the winner
                // may not have committed yet: wait for its record, and write again only if it never comes (the
                // winner failed).
                if (idempotencyKey == null) {
                    throw raced;
                }
                Optional<Customer> winner = awaitReplay(customer.partnerId(), idempotencyKey, fingerprint);
                if (winner.isPresent()) {
                    return winner.get();
                }
                if (attempt == CREATE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private static final int CREATE_ATTEMPTS = 3;
    private static final List<Duration> REPLAY_WAITS = List.of(Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));

    // The record a concurrent request with the same key is committing; empty if it does not appear in about 1.5 s.
    private Optional<Customer> awaitReplay(String partnerId, String key, String fingerprint) {
        for (Duration wait : REPLAY_WAITS) {
            Optional<Customer> winner = replay(partnerId, key, fingerprint);
            if (winner.isPresent()) {
                return winner;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return replay(partnerId, key, fingerprint);
    }

    /**
     * Edits SKU, add-ons or the expiration date. On a TRIAL whose trial started, the expiration date moves the
     * trial's end; a trial that has not started has no end to move.
     *
     * @param ifMatch the version the caller saw ({@code If-Match}), or null
     */
    public Customer update(Actor actor, String customerId, Long ifMatch, CustomerUpdate update) {
        if (update.isEmpty()) {
            throw ValidationException.of("body", CustomerRules.NOTHING_TO_CHANGE);
        }
        return changes.apply(actor, customerId, ifMatch, customer -> {
            Customer.Editor editor = customer.edit();
            String sku = null;
            List<String> addOns = null;
            Instant expirationDate = null;
            Status status = null;
            if (update.sku() != null && !update.sku().equals(customer.sku())) {
                editor.sku(sku = update.sku());
            }
            if (update.addOns() != null && !update.addOns().equals(customer.addOns())) {
                editor.addOns(addOns = update.addOns());
            }
            if (update.expirationDate() != null && !update.expirationDate().equals(customer.expirationDate())) {
                requireMovableEnd(customer);
                editor.expirationDate(expirationDate = update.expirationDate());
                if (customer.status() == Status.EXPIRED) {
                    editor.status(status = Status.ACTIVE);
                }
            }
            var edited = new CustomerUpdated(sku, addOns, expirationDate, status);
            if (edited.fields().isEmpty()) {
                return CustomerChanges.Outcome.unchanged(customer);
            }
            return CustomerChanges.Outcome.of(editor.save(changes.now()), edited,
                    "Edited: " + String.join(", ", edited.fields().keySet()));
        });
    }

    // A trial's end moves only once the trial runs; an expired trial comes back through an extension instead.
    private static void requireMovableEnd(Customer customer) {
        if (customer.accountType() != AccountType.TRIAL) {
            return;
        }
        if (customer.expirationDate() == null) {
            throw new InvalidStateException(InvalidStateException.TRIAL_NOT_STARTED,
                    "The trial starts when onboarding completes; it has no end date to move yet.");
        }
        if (customer.status() == Status.EXPIRED) {
            throw new InvalidStateException(InvalidStateException.EXPIRED,
                    "The trial expired; extend it (POST /customers/{id}/trial-extension) to revive it.");
        }
    }

    /** A customer's event log, newest first. */
    public Page<LogEntry> events(Actor actor, String customerId, Integer limit, String pageToken) {
        get(actor, customerId);
        int size = pageSize(limit);
        String scope = "events/" + actor.partnerId() + "/" + customerId;
        Page<LogEntry> page = store.log(actor.partnerId(), customerId, size, openToken(scope, pageToken));
        return new Page<>(page.items(), sealToken(scope, page.next()));
    }

    public Customer get(Actor actor, String customerId) {
        return changes.read(actor, customerId);
    }

    /**
     * A page of the partner's customers that the query matches, in its order.
     *
     * @param limit     null for the default page size
     * @param pageToken the previous page's {@code next}, or null for the first page
     */
    public Page<Customer> list(Actor actor, CustomerQuery query, Integer limit, String pageToken) {
        int size = pageSize(limit);
        String scope = "customers/" + actor.partnerId() + "/" + query.scope();
        Page<Customer> page = store.list(actor.partnerId(), query, size, openToken(scope, pageToken));
        return new Page<>(page.items(), sealToken(scope, page.next()));
    }

    /** Every customer of the partner that the query matches, in its order: an export's rows. */
    public List<Customer> all(Actor actor, CustomerQuery query) {
        var all = new ArrayList<Customer>();
        String cursor = null;
        do {
            Page<Customer> page = store.list(actor.partnerId(), query, EXPORT_PAGE_SIZE, cursor);
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return all;
    }

    private static int pageSize(Integer limit) {
        int size = limit == null ? DEFAULT_PAGE_SIZE : limit;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ValidationException.of("limit", "must be from 1 to " + MAX_PAGE_SIZE);
        }
        return size;
    }

    // Page tokens are signed with the partner and the listing: another partner's or listing's token does not open.
    private String openToken(String scope, String pageToken) {
        return pageToken == null ? null : pageTokens.open(scope, pageToken)
                .orElseThrow(() -> ValidationException.of("nextToken", "is not a token this listing issued"));
    }

    private String sealToken(String scope, String cursor) {
        return cursor == null ? null : pageTokens.seal(scope, cursor);
    }

    private Optional<Customer> replay(String partnerId, String key, String fingerprint) {
        if (key == null) {
            return Optional.empty();
        }
        return store.findIdempotency(partnerId, key)
                .filter(record -> record.expiresAt().isAfter(clock.instant()))
                .map(record -> {
                    if (!record.fingerprint().equals(fingerprint)) {
                        throw new IdempotencyKeyReusedException();
                    }
                    return record.customer();
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The request's identity for the Idempotency-Key check: its validated values, not its bytes. */
    static String fingerprint(NewCustomer request) {
        var canonical = new ArrayList<String>();
        canonical.add(request.organizationName());
        canonical.add(request.notificationEmail());
        canonical.add(request.sku());
        canonical.addAll(request.addOns().stream().sorted().toList());
        return Fingerprint.of(canonical);
    }
}
