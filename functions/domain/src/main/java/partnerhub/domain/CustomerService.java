package partnerhub.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import partnerhub.domain.port.CustomerStore;

/** The partner's actions on its customers. Every method takes the acting partner and never leaves its scope. */
public final class CustomerService {

    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;
    /** How long an Idempotency-Key is remembered (the contract asks for at least 24 hours). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final CustomerStore store;
    private final EffectDispatcher dispatcher;
    private final ActivationLinks links;
    private final PageTokens pageTokens;
    private final Lifecycle lifecycle;
    private final Ids ids;
    private final Clock clock;

    public CustomerService(CustomerStore store, EffectDispatcher dispatcher, ActivationLinks links,
                           PageTokens pageTokens, Lifecycle lifecycle, Ids ids, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.links = links;
        this.pageTokens = pageTokens;
        this.lifecycle = lifecycle;
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
        if (idempotencyKey != null) {
            Optional<Created> replay = replay(actor, idempotencyKey, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = now();
        ActivationLink.State activation = links.issue(now, lifecycle.settings().activationLinkLifetime());
        Customer customer = Customer.newTrial(ids.next(clock.instant()), actor.partnerId(), request, Source.MSP,
                actor.email(), activation, now);
        var created = new DomainEvent(ids.next(now), EventType.CUSTOMER_CREATED, actor.partnerId(),
                customer.customerId(), now, createdFields(customer));
        var activationMail = new MailRequest(MailTemplate.ACTIVATION, List.of(customer.notificationEmail()), List.of(),
                Map.of("organizationName", customer.organizationName(),
                        "activationNonce", activation.nonce(),
                        "activationExpiresAt", activation.expiresAt().toString()));
        List<OutboxEntry> outbox = List.of(
                new OutboxEntry(ids.next(now), now, created),
                new OutboxEntry(ids.next(now), now, activationMail));
        var log = new LogEntry(created.eventId(), now, EventType.CUSTOMER_CREATED.detailType(), LogEntry.Level.INFO,
                "Customer added as a TRIAL; activation link emailed to " + customer.notificationEmail(), actor.label());
        IdempotencyRecord idempotency = idempotencyKey == null ? null
                : new IdempotencyRecord(idempotencyKey, fingerprint, customer, now.plus(IDEMPOTENCY_WINDOW));
        try {
            store.save(new Change(customer, 0, outbox, List.of(log), activation, idempotency));
        } catch (ConcurrentChangeException raced) {
            // Only the idempotency key can collide on a new customer: the same request ran at the same time.
            if (idempotencyKey != null) {
                return replay(actor, idempotencyKey, fingerprint).orElseThrow(() -> raced);
            }
            throw raced;
        }
        dispatcher.deliver(outbox);
        return new Created(customer, links.link(activation), false);
    }

    public Customer get(Actor actor, String customerId) {
        return store.find(actor.partnerId(), customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
    }

    /**
     * A page of the partner's customers, newest first.
     *
     * @param view      null for all customers
     * @param limit     null for the default page size
     * @param pageToken the previous page's {@code next}, or null for the first page
     */
    public Page<Customer> list(Actor actor, View view, Integer limit, String pageToken) {
        int size = limit == null ? DEFAULT_PAGE_SIZE : limit;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ValidationException.of("limit", "must be from 1 to " + MAX_PAGE_SIZE);
        }
        String scope = "customers/" + actor.partnerId() + "/" + (view == null ? "ALL" : view.name());
        String cursor = pageToken == null ? null : pageTokens.open(scope, pageToken)
                .orElseThrow(() -> ValidationException.of("nextToken", "is not a token this listing issued"));
        Page<Customer> page = store.list(actor.partnerId(), view, size, cursor);
        return new Page<>(page.items(), page.next() == null ? null : pageTokens.seal(scope, page.next()));
    }

    private Optional<Created> replay(Actor actor, String key, String fingerprint) {
        return store.findIdempotency(actor.partnerId(), key)
                .filter(record -> record.expiresAt().isAfter(clock.instant()))
                .map(record -> {
                    if (!record.fingerprint().equals(fingerprint)) {
                        throw new IdempotencyKeyReusedException();
                    }
                    Customer first = record.customer();
                    return new Created(first, links.link(first.activation()), true);
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Map<String, Object> createdFields(Customer customer) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("organizationName", customer.organizationName());
        fields.put("notificationEmail", customer.notificationEmail());
        fields.put("sku", customer.sku());
        fields.put("addOns", customer.addOns());
        fields.put("source", customer.source().name());
        fields.put("onboardingStatus", customer.onboardingStatus().name());
        fields.put("accountType", customer.accountType().name());
        fields.put("status", customer.status().name());
        fields.put("autoUpgrade", customer.autoUpgrade());
        fields.put("activationLinkExpiresAt", customer.activation().expiresAt().toString());
        if (customer.createdBy() != null) {
            fields.put("createdBy", customer.createdBy());
        }
        return fields;
    }

    /** The request's identity for the Idempotency-Key check: its validated values, not its bytes. */
    static String fingerprint(NewCustomer request) {
        var canonical = new ArrayList<String>();
        canonical.add(request.organizationName());
        canonical.add(request.notificationEmail());
        canonical.add(request.sku());
        canonical.addAll(request.addOns());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
