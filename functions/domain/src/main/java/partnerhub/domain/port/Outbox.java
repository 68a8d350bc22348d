package partnerhub.domain.port;

import java.time.Instant;
import java.util.List;
import partnerhub.domain.OutboxEntry;

/** The effects saved with their changes and not yet delivered. */
public interface Outbox {

    /** The oldest undelivered entries created before {@code before}, at most {@code limit}. */
    List<OutboxEntry> pending(Instant before, int limit);

    void remove(OutboxEntry entry);
}
