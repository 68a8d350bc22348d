package partnerhub.domain.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import partnerhub.domain.change.BusyException;
import partnerhub.domain.change.ConcurrentChangeException;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.Fingerprint;
import partnerhub.domain.change.StaleStateException;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.CustomerNotFoundException;
import partnerhub.domain.customer.InvalidStateException;
import partnerhub.domain.registry.IdempotencyKeyReusedException;
import partnerhub.domain.registry.ValidationException;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.TrialService;

/**
 * Runs a bulk request: each customer changed by the single action, on its own (its own conditional write, rules,
 * emails and events), in the order asked. The Idempotency-Key is claimed first, so two runs of one request never
 * overlap; its record keeps the answer, which a retry gets back without changing anything. A run that stops half
 * way (a failure the single route would answer 5xx, a timeout) leaves each change it made with a receipt named by
 * the key and the customer, so the retry skips the customers already changed and does the rest.
 */
public final class BulkService {

    /** As long as a create's key: at least the 24 h the contract promises. */
    static final Duration KEPT = Duration.ofHours(25);
    /** Longer than any run (API Gateway answers after 30 s); a lapsed claim is a run that stopped. */
    static final Duration CLAIM = Duration.ofSeconds(45);

    private final CustomerChanges changes;
    private final Lifecycle lifecycle;
    private final BulkRecords records;
    private final Clock clock;

    /** What became of one customer: the customer after the action, or why the action was refused. */
    public record Result(String customerId, Customer customer, RuntimeException refusal) {}

    public BulkService(CustomerChanges changes, Lifecycle lifecycle, BulkRecords records, Clock clock) {
        this.changes = changes;
        this.lifecycle = lifecycle;
        this.records = records;
        this.clock = clock;
    }

    /**
     * The answer to the request: the one kept under the key, or that of a new run.
     *
     * @param render the answer for the results, in their order. A failure that is not the customer's refusal (the
     *               store out of reach, say) stops the run, and the client's retry carries it on.
     */
    public Answer run(Actor actor, String key, BulkRequest request, Function<List<Result>, String> render) {
        String fingerprint = request.fingerprint();
        Instant now = clock.instant();
        Optional<BulkRecords.BulkRecord> earlier = records.find(actor.partnerId(), key)
                .filter(record -> record.expiresAt().isAfter(now));
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException();
            }
            if (earlier.get().results() != null) {
                return new Answer(earlier.get().results(), true);
            }
        }
        if (!records.claim(actor.partnerId(), key, fingerprint, now, now.plus(CLAIM), now.plus(KEPT))) {
            // Another run of it holds the key (or just finished it): the client's retry gets its answer.
            throw new BusyException("a run of this bulk request is in progress", null);
        }
        String results;
        try {
            results = render.apply(results(actor, key, request, earlier.isPresent()));
        } catch (RuntimeException stopped) {
            release(actor.partnerId(), key);
            throw stopped;
        }
        records.complete(actor.partnerId(), key, results);
        return new Answer(results, false);
    }

    /** The answer, and whether it is the one an earlier run of the same request kept. */
    public record Answer(String results, boolean replayed) {}

    private List<Result> results(Actor actor, String key, BulkRequest request, boolean again) {
        var results = new ArrayList<Result>(request.customerIds().size());
        for (String customerId : request.customerIds()) {
            String receipt = "bulk:" + Fingerprint.of(List.of(actor.partnerId(), key)) + ":" + customerId;
            var trials = new TrialService(changes.underReceipt(receipt, again), lifecycle);
            try {
                results.add(new Result(customerId, switch (request.action()) {
                    case EXTEND_TRIAL -> trials.extend(actor, customerId, null);
                    case SET_AUTO_UPGRADE -> trials.setAutoUpgrade(actor, customerId, request.enabled());
                    case CONVERT -> trials.convert(actor, customerId, request.conversion());
                }, null));
            } catch (CustomerNotFoundException | InvalidStateException | StaleStateException
                     | ConcurrentChangeException | ValidationException refused) {
                // What the single route answers 404 or 409; anything else stops the run.
                results.add(new Result(customerId, null, refused));
            }
        }
        return results;
    }

    private void release(String partnerId, String key) {
        try {
            records.release(partnerId, key);
        } catch (RuntimeException unreleased) {
            // The claim lapses by itself; the retry waits for it.
        }
    }
}
