package partnerhub.domain.port;

import java.time.Instant;
import java.util.List;
import partnerhub.domain.OutboxEntry;

/** The effects saved with their changes and not yet delivered. */
public interface Outbox {

    /** The oldest undelivered entries created before {@code before}, at most {@code limit}. */
    List<OutboxEntry> pending(Instant before, int limit);

    void remove(OutboxEntry entry);

    /**
     * Counts a failed delivery. After {@link #MAX_ATTEMPTS} the entry is parked: out of the relay's way, kept with
     * its last error for an operator.
     *
     * @return true when this failure parked the entry
     */
    boolean failed(OutboxEntry entry, String error);

    int MAX_ATTEMPTS = 8;
}
