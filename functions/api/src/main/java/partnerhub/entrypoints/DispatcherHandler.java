package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import partnerhub.aws.dynamodb.StreamRecords;
import partnerhub.domain.EffectDispatcher;
import partnerhub.domain.EffectDispatcher.Delivery;
import partnerhub.domain.OutboxEntry;
import partnerhub.observability.BusinessMetrics;
import partnerhub.observability.EmbeddedMetrics;
import partnerhub.observability.Invocation;
import partnerhub.wiring.Dependencies;

/**
 * The dispatcher, fed by the table's stream (an event source mapping that lets only outbox inserts through): it
 * delivers each new outbox entry (email through SES, event through EventBridge) and removes it. An entry that fails
 * for now is reported as a batch item failure, so the mapping tries it again a bounded number of times; the entry
 * stays in the table whatever happens, and the relay delivers it later with growing waits. Every entry of the batch
 * is tried, so one failing email never holds back the others.
 */
public final class DispatcherHandler implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger(DispatcherHandler.class.getName());

    private final Dependencies dependencies;

    public DispatcherHandler() {
        this(Dependencies.fromEnvironment());
    }

    public DispatcherHandler(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(context, DispatcherHandler.class,
                () -> JSON.std.write(dispatch(JSON.std.mapFrom(input)), output));
    }

    /** Delivers a batch of stream records; the answer names the records to try again ({@code batchItemFailures}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> dispatch(Map<String, Object> event) {
        var counts = new EffectDispatcher.Counts();
        var failures = new ArrayList<Map<String, String>>();
        var records = (List<Map<String, Object>>) event.getOrDefault("Records", List.of());
        for (Map<String, Object> record : records) {
            Optional<OutboxEntry> entry;
            try {
                entry = StreamRecords.insertedEntry(record);
            } catch (RuntimeException unreadable) {
                // The relay reads the same entry from the table and parks what it cannot deliver.
                LOG.log(Level.ERROR, "Stream record " + record.get("eventID") + " is no outbox entry I can read", unreadable);
                continue;
            }
            if (entry.isEmpty()) {
                continue;
            }
            Delivery delivery = dependencies.dispatcher().deliver(entry.get());
            counts.add(entry.get(), delivery);
            if (delivery == Delivery.RETRY) {
                var dynamodb = (Map<String, Object>) record.get("dynamodb");
                failures.add(Map.of("itemIdentifier", (String) dynamodb.get("SequenceNumber")));
            }
        }
        EmbeddedMetrics.emit("Dispatcher", BusinessMetrics.of(counts),
                Map.of("records", records.size(), "alreadyHandled", counts.of(Delivery.ALREADY_HANDLED)),
                dependencies.clock());
        return Map.of("batchItemFailures", failures);
    }
}
