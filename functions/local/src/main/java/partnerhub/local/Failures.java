package partnerhub.local;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import partnerhub.emulator.StreamMapping;

/**
 * What the template's OnFailure destinations would have received, kept for {@code GET /local/failures}: the events
 * Lambda gave up on after a function's asynchronous retries, and the stream batches a mapping gave up on. Each is
 * stamped with the simulated time, as the emails are.
 */
final class Failures {

    private final Clock clock;
    private final List<Map<String, Object>> items = new CopyOnWriteArrayList<>();

    Failures(Clock clock) {
        this.clock = clock;
    }

    /** An asynchronous invocation's event, after {@code attempts} failed invocations. */
    void event(String function, String reason, Map<String, Object> event, int attempts) {
        var item = item(function, reason);
        item.put("event", event);
        item.put("attempts", attempts);
        add(item);
    }

    /** A stream batch's description, as the mapping's OnFailure destination gets it (not the records themselves). */
    void batch(String function, String reason, StreamMapping.Failure failure) {
        var batch = new LinkedHashMap<String, Object>();
        batch.put("startSequenceNumber", failure.firstSequenceNumber());
        batch.put("endSequenceNumber", failure.lastSequenceNumber());
        batch.put("batchSize", failure.size());
        var item = item(function, reason);
        item.put("batch", batch);
        add(item);
    }

    List<Map<String, Object>> all() {
        return List.copyOf(items);
    }

    private LinkedHashMap<String, Object> item(String function, String reason) {
        var item = new LinkedHashMap<String, Object>();
        item.put("function", function);
        item.put("reason", reason);
        return item;
    }

    private void add(LinkedHashMap<String, Object> item) {
        item.put("at", clock.instant().toString());
        System.err.println(item.get("at") + " " + item.get("function") + " gave up (GET /local/failures): "
                + item.get("reason"));
        items.add(item);
    }
}
