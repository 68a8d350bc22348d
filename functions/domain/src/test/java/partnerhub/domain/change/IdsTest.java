package partnerhub.domain.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class IdsTest {

    final Ids ids = new Ids(new SecureRandom());

    @Test
    void idsSortByCreationTime() {
        Instant t = Instant.parse("2026-11-24T20:00:00.000Z");
        String earlier = ids.next(t);
        String later = ids.next(t.plusMillis(1));

        assertEquals(26, earlier.length());
        assertTrue(earlier.compareTo(later) < 0);
        assertTrue(Ids.lowest(t).compareTo(earlier) <= 0);
        assertTrue(Ids.lowest(t.plusMillis(1)).compareTo(earlier) > 0);
    }

    @Test
    void idsWithinTheSameMillisecondAreUniqueAndInOrder() {
        Instant t = Instant.parse("2026-11-24T20:00:00Z");
        var seen = new HashSet<String>();
        String previous = "";
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next(t);
            assertTrue(seen.add(id));
            assertTrue(id.compareTo(previous) > 0, id + " after " + previous);
            previous = id;
        }
    }
}
