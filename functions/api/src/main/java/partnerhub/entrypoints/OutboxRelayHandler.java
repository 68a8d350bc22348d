package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import partnerhub.domain.delivery.EffectDispatcher;
import partnerhub.domain.delivery.Outbox;
import partnerhub.observability.BusinessMetrics;
import partnerhub.observability.EmbeddedMetrics;
import partnerhub.observability.Invocation;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.SnapStartHandler;

/**
 * The outbox's safety net, on a schedule: delivers the entries the stream's dispatcher could not (older than
 * {@link #STREAM_BOUND}, their next try due), each failure pushing its next try further off. Invoked by an operator
 * with {@code {"replayParked": true}}, it puts the parked entries (refused for good, say by an address SES
 * rejected) back into the outbox, where the dispatcher delivers them again.
 */
public final class OutboxRelayHandler extends SnapStartHandler {

    private static final System.Logger LOG = System.getLogger(OutboxRelayHandler.class.getName());

    /** The stream delivers an entry within seconds, its retries within a minute: older ones are the relay's. */
    static final Duration STREAM_BOUND = Duration.ofMinutes(5);
    static final int BATCH = 500;

    public OutboxRelayHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public OutboxRelayHandler(Dependencies dependencies) {
        super(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(context, OutboxRelayHandler.class, () -> {
            Map<String, Object> event = JSON.std.mapFrom(input);
            JSON.std.write(Boolean.TRUE.equals(event.get("replayParked")) ? replayParked()
                    : relay(TimeBudget.keeping(context, TimeBudget.oneDelivery(dependencies()))), output);
        });
    }

    /** Delivers one batch of the entries whose time has come and says how it went. */
    public Map<String, Object> relay() {
        return relay(() -> true);
    }

    /**
     * The same, starting each delivery only while {@code hasTime}: while it drains a backlog, the relay stops short of
     * its timeout rather than being killed mid-send, so its metrics (the backlog's age above all) are always written.
     * A delivery never throws: whatever became of the entries, the run gets to them.
     */
    public Map<String, Object> relay(BooleanSupplier hasTime) {
        Instant now = dependencies().clock().instant();
        Outbox.Due due = dependencies().outbox().due(now.minus(STREAM_BOUND), now, BATCH);
        var summary = new LinkedHashMap<String, Number>();
        summary.put("Due", due.entries().size());
        summary.put("OldestUndeliveredSeconds", due.entries().isEmpty() ? 0
                : Duration.between(due.entries().getFirst().createdAt(), now).toSeconds());
        EffectDispatcher.Counts counts = dependencies().dispatcher().deliver(due.entries(), hasTime);
        summary.putAll(BusinessMetrics.of(counts));
        // The Parked alarm counts the unreadable entries the read set aside too.
        summary.put("Parked", counts.of(EffectDispatcher.Delivery.PARKED) + due.parkedUnreadable());
        EmbeddedMetrics.emit("OutboxRelay", summary, Map.of(), dependencies().clock());
        return Map.copyOf(summary);
    }

    /**
     * Moves every parked entry this release can read back into the outbox, where the dispatcher delivers them as
     * new; names the others, left parked for the release that wrote them.
     */
    public Map<String, Object> replayParked() {
        Outbox.Parked parked = dependencies().outbox().parked(BATCH);
        parked.entries().forEach(dependencies().outbox()::replay);
        if (!parked.unreadable().isEmpty()) {
            LOG.log(Level.WARNING, "Parked entries left parked, unreadable by this release: " + parked.unreadable());
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("replayed", parked.entries().size());
        if (!parked.unreadable().isEmpty()) {
            answer.put("unreadable", parked.unreadable());
        }
        return answer;
    }

    /** The relay's query as of 1970 (nothing is that old, so nothing is delivered), and SES's and EventBridge's clients. */
    @Override
    protected void prime() {
        dependencies().outbox().due(Instant.EPOCH, Instant.EPOCH, 1);
        dependencies().primeDelivery();
    }
}
