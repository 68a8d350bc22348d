package partnerhub.aws.dynamodb;

import static partnerhub.aws.dynamodb.Attributes.n;
import static partnerhub.aws.dynamodb.Attributes.s;
import static partnerhub.aws.dynamodb.Attributes.string;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import partnerhub.domain.bulk.BulkRecords;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Bulk requests' Idempotency-Keys, beside the partner's customers: {@code PARTNER#p / BULK#key}, with the request's
 * fingerprint, the claim of the run (epoch ms), the answer once it ran, and DynamoDB's TTL.
 */
public final class DynamoDbBulkRecords implements BulkRecords {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbBulkRecords(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<BulkRecord> find(String partnerId, String key) {
        var item = dynamoDb.getItem(request -> request.tableName(table).consistentRead(true)
                .key(key(partnerId, key))).item();
        if (item == null || string(item, "fingerprint") == null) {
            return Optional.empty();
        }
        return Optional.of(new BulkRecord(string(item, "fingerprint"), string(item, "runId"), string(item, "results"),
                Instant.ofEpochMilli(Attributes.number(item, "claimedUntil")),
                Instant.ofEpochMilli(Attributes.number(item, "expiresAt"))));
    }

    @Override
    public boolean claim(String partnerId, String key, String fingerprint, String runId, Instant now, Instant until,
                         Instant expiresAt) {
        var item = new HashMap<>(key(partnerId, key));
        item.put("fingerprint", s(fingerprint));
        item.put("runId", s(runId));
        item.put("claimedUntil", n(until.toEpochMilli()));
        item.put("expiresAt", n(expiresAt.toEpochMilli()));
        item.put(TableDesign.TTL, n(expiresAt.getEpochSecond()));
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now"
                            + " OR (fingerprint = :fingerprint AND attribute_not_exists(results)"
                            + " AND claimedUntil < :now)")
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()),
                            ":fingerprint", s(fingerprint))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void complete(String partnerId, String key, String results) {
        dynamoDb.updateItem(request -> request.tableName(table).key(key(partnerId, key))
                .updateExpression("SET results = :results REMOVE claimedUntil")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":results", s(results))));
    }

    @Override
    public void release(String partnerId, String key) {
        dynamoDb.updateItem(request -> request.tableName(table).key(key(partnerId, key))
                .updateExpression("SET claimedUntil = :released")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(results)")
                .expressionAttributeValues(Map.of(":released", n(0))));
    }

    private static Map<String, AttributeValue> key(String partnerId, String key) {
        return Map.of(TableDesign.PK, s(TableDesign.partnerKey(partnerId)),
                TableDesign.SK, s(TableDesign.bulkSortKey(key)));
    }
}
