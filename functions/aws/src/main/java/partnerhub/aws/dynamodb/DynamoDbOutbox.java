package partnerhub.aws.dynamodb;

import static partnerhub.aws.dynamodb.Attributes.n;
import static partnerhub.aws.dynamodb.Attributes.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import partnerhub.domain.Ids;
import partnerhub.domain.OutboxEntry;
import partnerhub.domain.port.Outbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The outbox's shards: entries sort by id, and ids sort by creation time, so "older than" is a key condition. */
public final class DynamoDbOutbox implements Outbox {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbOutbox(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public List<OutboxEntry> pending(Instant before, int limit) {
        var entries = new ArrayList<OutboxEntry>();
        for (int shard = 0; shard < TableDesign.OUTBOX_SHARDS; shard++) {
            var query = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("pk = :pk AND sk < :before")
                    .expressionAttributeValues(Map.of(
                            ":pk", s(TableDesign.outboxKey(shard)),
                            ":before", s(Ids.lowest(before))))
                    .consistentRead(true)
                    .build();
            dynamoDb.queryPaginator(query).items().stream().limit(limit).map(OutboxItems::entry).forEach(entries::add);
        }
        return entries.stream().sorted(Comparator.comparing(OutboxEntry::id)).limit(limit).toList();
    }

    @Override
    public void remove(OutboxEntry entry) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(OutboxItems.key(entry)));
    }

    @Override
    public boolean failed(OutboxEntry entry, String error) {
        var counted = dynamoDb.updateItem(request -> request.tableName(table).key(OutboxItems.key(entry))
                .updateExpression("ADD attempts :one SET lastError = :error")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":one", n(1), ":error", s(error)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        if (Attributes.number(counted, "attempts") < MAX_ATTEMPTS) {
            return false;
        }
        // Parked in one transaction: a copy under OUTBOX-PARKED, the original gone from the relay's shards.
        var parked = new HashMap<>(counted);
        parked.put(TableDesign.PK, s(TableDesign.PARKED_OUTBOX));
        dynamoDb.transactWriteItems(request -> request.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(parked).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(OutboxItems.key(entry))
                        .build()).build()));
        return true;
    }
}
