package partnerhub.aws.dynamodb;

import static partnerhub.aws.dynamodb.Attributes.n;
import static partnerhub.aws.dynamodb.Attributes.s;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import partnerhub.domain.change.Ids;
import partnerhub.domain.delivery.Outbox;
import partnerhub.domain.delivery.OutboxEntry;
import partnerhub.domain.delivery.Redaction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The outbox's shards: entries sort by id, and ids sort by creation time, so "older than" is a key condition.
 * {@code claimedUntil} and {@code nextAttemptAt} are epoch milliseconds, compared in conditions and filters.
 */
public final class DynamoDbOutbox implements Outbox {

    private static final System.Logger LOG = System.getLogger(DynamoDbOutbox.class.getName());

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbOutbox(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<OutboxEntry> claim(OutboxEntry entry, Instant now, Instant until) {
        try {
            var claimed = dynamoDb.updateItem(request -> request.tableName(table).key(OutboxItems.key(entry))
                    .updateExpression("SET claimedUntil = :until")
                    .conditionExpression("attribute_exists(pk)"
                            + " AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)"
                            + " AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)")
                    .expressionAttributeValues(Map.of(":until", n(until.toEpochMilli()), ":now", n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(OutboxItems.entry(claimed));
        } catch (ConditionalCheckFailedException goneHeldOrNotDue) {
            return Optional.empty();
        }
    }

    @Override
    public void remove(OutboxEntry entry) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(OutboxItems.key(entry)));
    }

    @Override
    public void retryLater(OutboxEntry entry, String error, Instant next) {
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(OutboxItems.key(entry))
                    .updateExpression("SET attempts = :attempts, lastError = :error, nextAttemptAt = :next"
                            + " REMOVE claimedUntil")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":attempts", n(entry.attempts() + 1L), ":error", s(error),
                            ":next", n(next.toEpochMilli()))));
        } catch (ConditionalCheckFailedException gone) {
            // Delivered meanwhile by the delivery that took over an expired claim: nothing left to retry.
        }
    }

    // In one transaction: the copy under OUTBOX-PARKED, the original gone from the shards.
    @Override
    public void park(OutboxEntry entry, String reason) {
        dynamoDb.transactWriteItems(request -> request.transactItems(
                put(OutboxItems.parkedItem(entry, reason, clock.instant()), "attribute_not_exists(pk)"),
                delete(OutboxItems.key(entry))));
    }

    @Override
    public Due due(Instant createdBefore, Instant now, int limit) {
        var entries = new ArrayList<OutboxEntry>();
        int parkedUnreadable = 0;
        for (int shard = 0; shard < TableDesign.OUTBOX_SHARDS; shard++) {
            var query = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("pk = :pk AND sk < :before")
                    .filterExpression("(attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)"
                            + " AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)")
                    .expressionAttributeValues(Map.of(
                            ":pk", s(TableDesign.outboxKey(shard)),
                            ":before", s(Ids.lowest(createdBefore)),
                            ":now", n(now.toEpochMilli())))
                    .consistentRead(true)
                    .build();
            for (var item : dynamoDb.queryPaginator(query).items().stream().limit(limit).toList()) {
                try {
                    entries.add(OutboxItems.entry(item));
                } catch (RuntimeException unreadable) {
                    parkUnreadable(item, unreadable);
                    parkedUnreadable++;
                }
            }
        }
        return new Due(entries.stream().sorted(Comparator.comparing(OutboxEntry::id)).limit(limit).toList(),
                parkedUnreadable);
    }

    // Parked as it is, so that the release that wrote it can replay it after a roll forward.
    private void parkUnreadable(Map<String, AttributeValue> item, RuntimeException unreadable) {
        String reason = "unreadable: " + Redaction.redact(unreadable);
        var parked = new HashMap<>(item);
        parked.put(TableDesign.PK, s(TableDesign.PARKED_OUTBOX));
        parked.put("reason", s(reason));
        parked.put("parkedAt", s(clock.instant().toString()));
        dynamoDb.transactWriteItems(request -> request.transactItems(put(parked, "attribute_not_exists(pk)"),
                delete(Map.of(TableDesign.PK, item.get(TableDesign.PK), TableDesign.SK, item.get(TableDesign.SK)))));
        LOG.log(Level.ERROR, "Outbox entry " + item.get(TableDesign.SK).s() + " parked, " + reason);
    }

    @Override
    public Parked parked(int limit) {
        var entries = new ArrayList<OutboxEntry>();
        var unreadable = new ArrayList<String>();
        dynamoDb.queryPaginator(request -> request.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(TableDesign.PARKED_OUTBOX))))
                .items().stream().limit(limit).forEach(item -> {
                    try {
                        entries.add(OutboxItems.entry(item));
                    } catch (RuntimeException notOfThisRelease) {
                        unreadable.add(item.get(TableDesign.SK).s());
                    }
                });
        return new Parked(entries, unreadable);
    }

    // Back as a new entry, whose stream record the dispatcher delivers; a replay that ran already changes nothing.
    @Override
    public void replay(OutboxEntry parked) {
        var fresh = new OutboxEntry(parked.id(), parked.createdAt(), parked.effect(), 0);
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(
                    put(OutboxItems.item(fresh), "attribute_not_exists(pk)"),
                    TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                            .key(OutboxItems.parkedKey(parked)).conditionExpression("attribute_exists(pk)").build())
                            .build()));
        } catch (TransactionCanceledException alreadyReplayed) {
            // Another replay moved it first.
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(condition).build()).build();
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key).build()).build();
    }
}
