package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import partnerhub.domain.Sweep;
import partnerhub.wiring.Dependencies;

/**
 * The hourly sweep, invoked by the schedule in template.yaml. "Now" is the scheduled event's {@code time}, so a
 * late or repeated invocation decides as of its slot. It stops while the invocation still has
 * {@link #SAFETY_MARGIN_MILLIS} left and leaves the rest to the next run.
 */
public final class SweepHandler implements RequestStreamHandler {

    /** More than one customer's work takes, with room to return the summary. */
    static final long SAFETY_MARGIN_MILLIS = 10_000;

    private final Dependencies dependencies;

    public SweepHandler() {
        this(Dependencies.fromEnvironment());
    }

    public SweepHandler(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(input);
        Object time = event.get("time");
        Instant now = time instanceof String text ? Instant.parse(text) : dependencies.clock().instant();
        BooleanSupplier hasTime = context == null ? () -> true
                : () -> context.getRemainingTimeInMillis() > SAFETY_MARGIN_MILLIS;
        JSON.std.write(sweep(now, hasTime), output);
    }

    /** Runs the sweep and logs its summary as one JSON line. */
    public Map<String, Object> sweep(Instant now, BooleanSupplier hasTime) {
        Sweep.Summary summary = dependencies.sweep().run(now, hasTime);
        var json = new LinkedHashMap<String, Object>();
        json.put("now", now.toString());
        json.put("due", summary.due());
        json.put("notices", summary.notices());
        json.put("upgrades", summary.upgrades());
        json.put("expiries", summary.expiries());
        json.put("deferred", summary.deferred());
        json.put("failed", summary.failed());
        json.put("left", summary.left());
        json.put("itemsRead", summary.itemsRead());
        try {
            System.out.println(JSON.std.asString(Map.of("sweep", json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json;
    }
}
