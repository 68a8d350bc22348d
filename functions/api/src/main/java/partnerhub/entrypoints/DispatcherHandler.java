package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import partnerhub.aws.dynamodb.StreamRecords;
import partnerhub.domain.delivery.EffectDispatcher;
import partnerhub.domain.delivery.EffectDispatcher.Delivery;
import partnerhub.domain.delivery.OutboxEntry;
import partnerhub.observability.BusinessMetrics;
import partnerhub.observability.EmbeddedMetrics;
import partnerhub.observability.Invocation;
import partnerhub.runtime.DynamodbStreamJson;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.SnapStartHandler;

/**
 * The dispatcher, fed by the table's stream (an event source mapping that lets only outbox inserts through): it
 * delivers each new outbox entry (email through SES, event through EventBridge) and removes it. An entry that fails
 * for now is reported as a batch item failure; the mapping's redelivery claims it again only if its failure could not
 * be recorded (else its next try is not due), so a send is never repeated at once. The entry stays in the table
 * whatever happens, and the relay delivers it later with growing waits. Every entry of the batch is tried, so one
 * failing email never holds back the others.
 */
public final class DispatcherHandler extends SnapStartHandler {

    private static final System.Logger LOG = System.getLogger(DispatcherHandler.class.getName());

    /** A batch that delivers nothing: the insert of an item that is no outbox entry, which the dispatcher skips. */
    private static final String PRIMING_BATCH = """
            {"Records":[{"eventID":"snapstart-priming","eventName":"INSERT","dynamodb":{"SequenceNumber":"0",
            "Keys":{"pk":{"S":"SNAPSTART#PRIMING"},"sk":{"S":"0"}},
            "NewImage":{"pk":{"S":"SNAPSTART#PRIMING"},"sk":{"S":"0"},"n":{"N":"1"},"l":{"L":[{"BOOL":true}]}}}}]}
            """;

    public DispatcherHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public DispatcherHandler(Dependencies dependencies) {
        super(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(context, DispatcherHandler.class,
                () -> DynamodbStreamJson.write(dispatch(DynamodbStreamJson.read(input), context), output));
    }

    /** The typed entry: the same delivery as Lambda's stream entry, without the JSON. */
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Invocation.call(context, DispatcherHandler.class, () -> dispatch(event, context));
    }

    /**
     * Delivers a batch of stream records; the answer names the records to try again. A record is started only with
     * time for its delivery left: when SES hangs, the records the batch had no time for are given back as batch item
     * failures, so the mapping hands them over again at once, instead of the whole batch timing out and being
     * bisected and retried with the events behind it waiting.
     */
    private StreamsEventResponse dispatch(DynamodbEvent event, Context context) {
        BooleanSupplier hasTime = TimeBudget.keeping(context, TimeBudget.oneDelivery(dependencies()));
        var counts = new EffectDispatcher.Counts();
        var failures = new ArrayList<StreamsEventResponse.BatchItemFailure>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (int i = 0; i < records.size(); i++) {
            DynamodbEvent.DynamodbStreamRecord record = records.get(i);
            if (!hasTime.getAsBoolean()) {
                records.subList(i, records.size()).forEach(later -> failures.add(failure(later)));
                counts.left(records.size() - i);
                break;
            }
            Optional<OutboxEntry> entry;
            try {
                entry = StreamRecords.insertedEntry(record);
            } catch (RuntimeException unreadable) {
                // The relay reads the same entry from the table and parks what it cannot deliver.
                LOG.log(Level.ERROR, "Stream record " + record.getEventID() + " is no outbox entry I can read",
                        unreadable);
                continue;
            }
            if (entry.isEmpty()) {
                continue;
            }
            Delivery delivery = dependencies().dispatcher().deliver(entry.get());
            counts.add(entry.get(), delivery);
            if (delivery == Delivery.RETRY) {
                failures.add(failure(record));
            }
        }
        EmbeddedMetrics.emit("Dispatcher", BusinessMetrics.of(counts),
                Map.of("records", records.size(), "alreadyHandled", counts.of(Delivery.ALREADY_HANDLED)),
                dependencies().clock());
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private static StreamsEventResponse.BatchItemFailure failure(DynamodbEvent.DynamodbStreamRecord record) {
        return StreamsEventResponse.BatchItemFailure.builder()
                .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build();
    }

    /** A batch read and skipped through the stream entry, the table's first read, SES's and EventBridge's clients. */
    @Override
    protected void prime() {
        try {
            handleRequest(new ByteArrayInputStream(PRIMING_BATCH.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dependencies().primeStore();
        dependencies().primeDelivery();
    }
}
