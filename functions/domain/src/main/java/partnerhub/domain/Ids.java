package partnerhub.domain;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Identifiers that sort by creation time (the ULID layout: 48 bits of milliseconds, 80 random bits, Crockford
 * base32), so a partner's customers come out of the table newest first without a separate sort key.
 */
public final class Ids {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final SecureRandom random;

    public Ids(SecureRandom random) {
        this.random = random;
    }

    public String next(Instant now) {
        char[] id = new char[26];
        writeTime(id, now);
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 5] & 0xff);
        }
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
