package partnerhub.domain.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The effects saved with their changes and not yet delivered. A delivery claims its entry first, so the stream's
 * dispatcher, a redelivered stream batch and the relay never deliver one entry at the same time.
 */
public interface Outbox {

    /**
     * Takes the entry for one delivery until {@code until}.
     *
     * @return the entry as stored (with its attempts), or empty when it is gone (delivered, parked), another
     *         delivery holds it, or its next try is not due: a stream redelivery never repeats a failed send at once
     */
    Optional<OutboxEntry> claim(OutboxEntry entry, Instant now, Instant until);

    /** The entry was delivered. */
    void remove(OutboxEntry entry);

    /** A transient failure: the entry stays, released, its attempt counted, not to be tried before {@code next}. */
    void retryLater(OutboxEntry entry, String error, Instant next);

    /** A permanent refusal: the entry leaves the outbox for the parked entries an operator replays. */
    void park(OutboxEntry entry, String reason);

    /**
     * Entries created before {@code createdBefore} (the stream has had its chance) whose next try is due at
     * {@code now}, oldest first, at most {@code limit}. An entry no code of this release can read (one a newer release
     * wrote, before a rollback) is parked as it is, with the reason, and counted: it would fail every run.
     */
    Due due(Instant createdBefore, Instant now, int limit);

    /** The entries due, and how many unreadable ones the read parked. */
    record Due(List<OutboxEntry> entries, int parkedUnreadable) {}

    /**
     * The parked entries this release can read, oldest first, at most {@code limit}; the others are named, left
     * parked for the release that wrote them.
     */
    Parked parked(int limit);

    /** Parked entries: those this release can replay, and the ids of those it cannot read. */
    record Parked(List<OutboxEntry> entries, List<String> unreadable) {}

    /** Puts a parked entry back into the outbox as a new one (no attempts), which delivers it again. */
    void replay(OutboxEntry parked);
}
