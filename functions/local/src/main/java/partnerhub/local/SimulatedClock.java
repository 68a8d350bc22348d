package partnerhub.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The local runtime's time: real time shifted by an offset that {@code PUT /local/clock} sets. It keeps running
 * from the instant it was set to, as a real clock would, and every handler and the sweep read it.
 */
final class SimulatedClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    void set(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    void reset() {
        offset = Duration.ZERO;
    }

    boolean isSimulated() {
        return !offset.isZero();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the product runs in UTC");
    }
}
