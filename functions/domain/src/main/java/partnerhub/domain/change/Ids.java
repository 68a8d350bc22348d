package partnerhub.domain.change;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Identifiers that sort by creation time (the ULID layout: 48 bits of milliseconds, 80 random bits, Crockford
 * base32), so a partner's customers come out of the table newest first without a separate sort key. Monotonic, as
 * the ULID spec allows: within one millisecond each id is the previous one plus one, so the lines a change writes
 * keep their order.
 */
public final class Ids {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private static final long FORTY_BITS = (1L << 40) - 1;

    private final SecureRandom random;
    private long lastMillis = -1;
    private long lastHigh;
    private long lastLow;

    public Ids(SecureRandom random) {
        this.random = random;
    }

    public synchronized String next(Instant now) {
        char[] id = new char[26];
        writeTime(id, now);
        long high;
        long low;
        if (now.toEpochMilli() == lastMillis) {
            low = (lastLow + 1) & FORTY_BITS;
            high = low == 0 ? lastHigh + 1 : lastHigh;
        } else {
            byte[] bytes = new byte[10];
            random.nextBytes(bytes);
            high = 0;
            low = 0;
            for (int i = 0; i < 5; i++) {
                high = (high << 8) | (bytes[i] & 0xff);
                low = (low << 8) | (bytes[i + 5] & 0xff);
            }
            // Keep headroom so that a burst within one millisecond never overflows the random part.
            high &= FORTY_BITS >>> 1;
        }
        lastMillis = now.toEpochMilli();
        lastHigh = high;
        lastLow = low;
        for (int i = 17; i >= 10; i--) {
            id[i] = CROCKFORD[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            id[i] = CROCKFORD[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(id);
    }

    /** The smallest id that {@link #next} can make at {@code time}: every id made earlier sorts before it. */
    public static String lowest(Instant time) {
        char[] id = new char[26];
        java.util.Arrays.fill(id, '0');
        writeTime(id, time);
        return new String(id);
    }

    private static void writeTime(char[] id, Instant at) {
        long time = at.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            id[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
    }
}
