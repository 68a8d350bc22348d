package partnerhub.domain.bulk;

import java.time.Instant;
import java.util.Optional;

/** Where a bulk request's Idempotency-Key is kept: who runs it, and once it ran, its answer. */
public interface BulkRecords {

    /**
     * @param runId       names the request's run (and a run that carries it on): its receipts carry it, so a key used
     *                    again once forgotten starts a run of its own, never meeting an older run's receipts
     * @param results     the answer, once the run finished; null while one runs
     * @param claimedUntil until when the run that claimed the key holds it
     * @param expiresAt   when the key is forgotten
     */
    record BulkRecord(String fingerprint, String runId, String results, Instant claimedUntil, Instant expiresAt) {}

    Optional<BulkRecord> find(String partnerId, String key);

    /**
     * Claims the key for a run until {@code until}: when it is new or forgotten, or when an unfinished run of the
     * same request let its claim lapse.
     *
     * @return false when another run holds it, finished it, or took it for another request meanwhile
     */
    boolean claim(String partnerId, String key, String fingerprint, String runId, Instant now, Instant until,
                  Instant expiresAt);

    /** Keeps the answer of the run that holds the claim. */
    void complete(String partnerId, String key, String results);

    /** Lets the claim go at once, after a run that could not finish, so that the client's retry need not wait. */
    void release(String partnerId, String key);
}
