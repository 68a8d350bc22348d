package partnerhub.local;

import java.util.List;
import java.util.Map;
import partnerhub.aws.AwsSettings;
import partnerhub.emulator.StreamMapping;
import partnerhub.emulator.TableStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The template's event source mappings on the table's stream, emulated: the emulator's stream is read from its start
 * and each new record goes through the mapping (its filter, batches, retries and bisection) to the function it names,
 * as Lambda's poller would hand it; the batches a mapping gives up on go to {@link Failures}. The runtime calls
 * {@link #deliver} a few times a second, and before anything that shows the effects.
 */
final class StreamRouter implements AutoCloseable {

    /** The one table the emulator is provisioned with (Provisioner), so the one stream there is to read. */
    private static final String TABLE = "CustomersTable";

    private record Target(Functions.Function function, StreamMapping mapping) {}

    private final List<Target> targets;
    private final TableStream stream;
    private final Failures failures;

    StreamRouter(AwsSettings aws, DynamoDbClient dynamoDb, String tableName, Functions functions, Failures failures) {
        this.targets = functions.all().stream().flatMap(function -> function.streams().stream().map(stream -> {
            if (!stream.table().equals(TABLE)) {
                throw new IllegalStateException("event source mapping " + stream.mappingId() + " reads "
                        + stream.table() + "'s stream; the local runtime provisions " + TABLE + " alone");
            }
            return new Target(function, stream.mapping());
        })).toList();
        this.stream = targets.isEmpty() ? null : new TableStream(aws,
                dynamoDb.describeTable(request -> request.tableName(tableName)).table().latestStreamArn());
        this.failures = failures;
    }

    /**
     * Hands the records written since the last call to every mapping's function; the lock makes sure that when it
     * returns, whatever was in the stream when it was called has been handled, whoever read it.
     *
     * @return how many records passed a mapping's filter
     */
    synchronized int deliver() {
        if (stream == null) {
            return 0;
        }
        List<Map<String, Object>> records = stream.poll();
        if (records.isEmpty()) {
            return 0;
        }
        int delivered = 0;
        for (Target target : targets) {
            int before = target.mapping().failures().size();
            delivered += target.mapping().deliver(records, target.function()::invoke);
            target.mapping().failures().stream().skip(before).forEach(failure ->
                    failures.batch(target.function().logicalId(), failure.reason(), failure));
        }
        return delivered;
    }

    @Override
    public synchronized void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
