package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import partnerhub.domain.sweep.Sweep;
import partnerhub.observability.EmbeddedMetrics;
import partnerhub.observability.Invocation;
import partnerhub.runtime.ScheduledEventJson;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.SnapStartHandler;

/**
 * The hourly sweep, invoked by the schedule in template.yaml. "Now" is the scheduled event's {@code time}, so a
 * late or repeated invocation decides as of its slot. It starts a customer only while the invocation has more than
 * {@link #safetyMargin} left, so it is never cut between a notice's send and its record, and leaves the rest to the
 * next run, which serves the longest due first.
 */
public final class SweepHandler extends SnapStartHandler {

    /**
     * The most SDK calls one customer takes: read, claim, send, and a record decided again on two lost races (two
     * calls each).
     */
    static final int CALLS_PER_CUSTOMER = 9;

    public SweepHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public SweepHandler(Dependencies dependencies) {
        super(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(context, SweepHandler.class, () -> JSON.std.write(run(ScheduledEventJson.read(input), context),
                output));
    }

    /** The typed entry: the same run as Lambda's stream entry, without the JSON. */
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Invocation.call(context, SweepHandler.class, () -> run(event, context));
    }

    private Map<String, Object> run(ScheduledEvent event, Context context) {
        Instant now = event.getTime() == null ? dependencies().clock().instant()
                : Instant.ofEpochMilli(event.getTime().getMillis());
        return sweep(now, TimeBudget.keeping(context, safetyMargin()));
    }

    /**
     * A schedule's event read through the stream entry's parser, a sweep as of 1970 (the due index's first query,
     * which finds no one due, so nothing is sent or written) and SES's client; no metrics are emitted.
     */
    @Override
    protected void prime() {
        try {
            ScheduledEventJson.read(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dependencies().sweep().run(Instant.EPOCH, () -> true);
        dependencies().primeDelivery();
    }

    private static final String PRIMING_EVENT = """
            {"id":"snapstart-priming","detail-type":"Scheduled Event","source":"aws.events",
            "time":"1970-01-01T00:00:00Z","resources":[],"detail":{}}
            """;

    /**
     * Time enough for one more customer, each of its calls running to the SDK's call timeout after waiting its turn
     * for SES's sending rate, and the summary.
     */
    public Duration safetyMargin() {
        return dependencies().settings().aws().callTimeout().multipliedBy(CALLS_PER_CUSTOMER).plusSeconds(5)
                .plus(dependencies().sweep().longestWaitToSend());
    }

    /** Runs the sweep and logs its summary as metrics; {@code Left} above 0 raises an alarm. */
    public Map<String, Object> sweep(Instant now, BooleanSupplier hasTime) {
        long started = System.nanoTime();
        Sweep.Summary summary = dependencies().sweep().run(now, hasTime);
        double seconds = (System.nanoTime() - started) / 1e9;
        var json = new LinkedHashMap<String, Object>();
        json.put("now", now.toString());
        json.put("due", summary.due());
        json.put("notices", summary.notices());
        json.put("upgrades", summary.upgrades());
        json.put("expiries", summary.expiries());
        json.put("deferred", summary.deferred());
        json.put("failed", summary.failed());
        json.put("undeliverable", summary.undeliverable());
        json.put("left", summary.left());
        json.put("itemsRead", summary.itemsRead());
        var metrics = new LinkedHashMap<String, Number>();
        metrics.put("Due", summary.due());
        metrics.put("Processed", summary.due() - summary.left());
        metrics.put("Deferred", summary.deferred());
        metrics.put("Failed", summary.failed());
        metrics.put("NoticesUndeliverable", summary.undeliverable());
        metrics.put("Left", summary.left());
        metrics.put("IndexItemsRead", summary.itemsRead());
        metrics.put("DurationSeconds", Math.round(seconds * 1000) / 1000.0);
        EmbeddedMetrics.emit("Sweep", metrics, Map.of("now", now.toString()), dependencies().clock());
        return json;
    }
}
