package partnerhub.aws.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import partnerhub.domain.Customer;
import partnerhub.domain.Lifecycle;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Loads many customers at once for the tests (BatchWriteItem, 25 at a time), with the very item mapping the store
 * writes, index keys included. In the adapter's package so it can use that mapping.
 */
public final class BulkLoad {

    private BulkLoad() {}

    public static void customers(DynamoDbClient dynamoDb, String table, Lifecycle lifecycle, List<Customer> all) {
        var items = new CustomerItems(lifecycle);
        for (int from = 0; from < all.size(); from += 25) {
            var batch = new ArrayList<WriteRequest>();
            for (Customer customer : all.subList(from, Math.min(from + 25, all.size()))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(items.item(customer)).build())
                        .build());
            }
            Map<String, List<WriteRequest>> unprocessed = Map.of(table, batch);
            while (!unprocessed.isEmpty()) {
                var pending = unprocessed;
                unprocessed = dynamoDb.batchWriteItem(request -> request.requestItems(pending)).unprocessedItems();
            }
        }
    }
}
