package partnerhub.aws.dynamodb;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import partnerhub.domain.Customer;
import partnerhub.domain.Ids;
import partnerhub.domain.Lifecycle;
import partnerhub.domain.NewCustomer;
import partnerhub.domain.OnboardingStatus;
import partnerhub.domain.Source;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A table of many customers for the sweep's benchmark, written straight into DynamoDB (BatchWriteItem) as the store
 * writes them: the same item mapping, index keys included. In the adapter's package so it can use that mapping.
 */
public final class SweepTable {

    /** BatchWriteItem's limit. */
    private static final int BATCH = 25;
    /** Batches in flight at once: the emulator takes them one at a time, but the client's side of each overlaps. */
    private static final int WRITERS = 4;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final CustomerItems items;

    public SweepTable(DynamoDbClient dynamoDb, String table, Lifecycle lifecycle) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = new CustomerItems(lifecycle);
    }

    /**
     * {@code total} customers of one partner, the first {@code due} of them with a trial-ending notice due at
     * {@code now} (their trials end in 7 days); of the rest, every fourth is pending (not in the due index) and the
     * others have trials ending 30 days or more later (in the index, not due).
     */
    public void load(String partnerId, int total, int due, Instant now) throws InterruptedException {
        var ids = new Ids(new SecureRandom());
        var request = new NewCustomer("Bulk", "bulk@customer.example", "STANDARD", List.of());
        var batches = new ArrayList<List<WriteRequest>>();
        var batch = new ArrayList<WriteRequest>();
        for (int i = 0; i < total; i++) {
            Customer pending = Customer.newTrial(ids.next(now), partnerId, request, Source.MSP, null, null, now);
            Instant end = i < due ? now.plus(Duration.ofDays(7)) : now.plus(Duration.ofDays(30 + i % 300));
            Customer customer = i >= due && i % 4 == 0 ? pending
                    : pending.edit().onboardingStatus(OnboardingStatus.COMPLETED).expirationDate(end).save(now);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(items.item(customer)).build())
                    .build());
            if (batch.size() == BATCH || i == total - 1) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            var written = new ArrayList<Future<?>>();
            for (List<WriteRequest> each : batches) {
                written.add(writers.submit(() -> write(each)));
            }
            for (Future<?> future : written) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("writing the sweep's table failed", e.getCause());
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
