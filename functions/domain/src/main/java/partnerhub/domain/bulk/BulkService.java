package partnerhub.domain.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import partnerhub.domain.change.BusyException;
import partnerhub.domain.change.ConcurrentChangeException;
import partnerhub.domain.change.CustomerChanges;
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
 * emails and events), answered in the order asked. The Idempotency-Key is claimed first, so two runs of one request never
 * overlap; its record keeps the answer, which a retry gets back without changing anything. A run that stops half
 * way (a failure the single route would answer 5xx, a timeout) leaves each change it made with a receipt named by
 * the key and the customer, so the retry skips the customers already changed and does the rest.
 */
public final class BulkService {

    /** As long as a create's key: at least the 24 h the contract promises. */
    static final Duration KEPT = Duration.ofHours(25);
    /** Customers changed at once, within what one function's HTTP connections and DynamoDB's partitions take. */
    static final int CONCURRENCY = 8;
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
        // A run that carries on an unfinished one keeps its id, so it finds that run's receipts; a new run gets its own.
        String runId = earlier.map(BulkRecords.BulkRecord::runId).orElseGet(() -> UUID.randomUUID().toString());
        if (!records.claim(actor.partnerId(), key, fingerprint, runId, now, now.plus(CLAIM), now.plus(KEPT))) {
            // Another run of it holds the key (or just finished it): the client's retry gets its answer.
            throw new BusyException("a run of this bulk request is in progress", null);
        }
        String results;
        try {
            results = render.apply(results(actor, runId, request, earlier.isPresent()));
        } catch (RuntimeException stopped) {
            release(actor.partnerId(), key);
            throw stopped;
        }
        records.complete(actor.partnerId(), key, results);
        return new Answer(results, false);
    }

    /** The answer, and whether it is the one an earlier run of the same request kept. */
    public record Answer(String results, boolean replayed) {}

    /**
     * Each customer's result, in the order asked. Up to {@link #CONCURRENCY} customers are changed at once: each is
     * its own item and transaction, so they never contend, and 100 of them fit API Gateway's 30 s however slow the
     * calls. A failure that is not a refusal (the store out of reach) does not stop the others, which the retry then
     * skips by their receipts; the first such failure is thrown once all have run.
     */
    private List<Result> results(Actor actor, String runId, BulkRequest request, boolean again) {
        String prefix = "bulk:" + runId + ":";
        var permits = new Semaphore(CONCURRENCY);
        var futures = new ArrayList<Future<Result>>(request.customerIds().size());
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String customerId : request.customerIds()) {
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return result(actor, customerId, request, changes.underReceipt(prefix + customerId, again));
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        var results = new ArrayList<Result>(futures.size());
        for (Future<Result> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", interrupted);
            }
        }
        return results;
    }

    private Result result(Actor actor, String customerId, BulkRequest request, CustomerChanges underReceipt) {
        var trials = new TrialService(underReceipt, lifecycle);
        try {
            return new Result(customerId, switch (request.action()) {
                case EXTEND_TRIAL -> trials.extend(actor, customerId, null);
                case SET_AUTO_UPGRADE -> trials.setAutoUpgrade(actor, customerId, request.enabled());
                case CONVERT -> trials.convert(actor, customerId, request.conversion());
            }, null);
        } catch (CustomerNotFoundException | InvalidStateException | StaleStateException
                 | ConcurrentChangeException | ValidationException refused) {
            // What the single route answers 404 or 409; anything else stops the run.
            return new Result(customerId, null, refused);
        }
    }

    private void release(String partnerId, String key) {
        try {
            records.release(partnerId, key);
        } catch (RuntimeException unreleased) {
            // The claim lapses by itself; the retry waits for it.
        }
    }
}
