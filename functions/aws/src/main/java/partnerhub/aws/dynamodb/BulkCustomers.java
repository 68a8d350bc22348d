package partnerhub.aws.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.trial.Lifecycle;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Many customers at once, outside the request path: the tests and the benchmark load them with the very item mapping
 * the store writes (index keys included), without event-log lines or outbox entries; and the benchmark's baseline,
 * what a sweep built on a Scan would read.
 */
public final class BulkCustomers {

    /** BatchWriteItem's limit. */
    private static final int BATCH = 25;
    /** Batches in flight at once: an emulator takes them one at a time, but the client's side of each overlaps. */
    private static final int WRITERS = 4;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final CustomerItems items;

    public BulkCustomers(DynamoDbClient dynamoDb, String table, Lifecycle lifecycle) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = new CustomerItems(lifecycle);
    }

    /** Writes the customers as they are, their versions included; each batch retried until nothing is left of it. */
    public void load(List<Customer> customers) {
        var batches = new ArrayList<List<WriteRequest>>();
        for (int from = 0; from < customers.size(); from += BATCH) {
            batches.add(customers.subList(from, Math.min(from + BATCH, customers.size())).stream()
                    .map(customer -> WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(items.item(customer)).build()).build())
                    .toList());
        }
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            var written = new ArrayList<Future<?>>();
            for (List<WriteRequest> batch : batches) {
                written.add(writers.submit(() -> write(batch)));
            }
            for (Future<?> batch : written) {
                batch.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading customers failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading customers", e);
        }
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> unprocessed = Map.of(table, batch);
        while (!unprocessed.isEmpty()) {
            var pending = unprocessed;
            unprocessed = dynamoDb.batchWriteItem(request -> request.requestItems(pending)).unprocessedItems();
        }
    }

    /** What a Scan-based sweep reads: every item, to find those whose due time has come. */
    public ScanCount scanForDue(Instant now) {
        long scanned = 0;
        long found = 0;
        for (ScanResponse page : dynamoDb.scanPaginator(request -> request.tableName(table)
                .filterExpression("#dueAt <= :now")
                .expressionAttributeNames(Map.of("#dueAt", TableDesign.DUE_AT))
                .expressionAttributeValues(Map.of(":now",
                        AttributeValue.fromN(Long.toString(now.getEpochSecond())))))) {
            scanned += page.scannedCount();
            found += page.count();
        }
        return new ScanCount(scanned, found);
    }

    /** Items a Scan read, and how many of them it kept. */
    public record ScanCount(long scanned, long found) {}
}
