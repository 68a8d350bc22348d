package partnerhub.aws.dynamodb;

import static partnerhub.aws.dynamodb.Attributes.n;
import static partnerhub.aws.dynamodb.Attributes.s;
import static partnerhub.aws.dynamodb.Attributes.string;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import partnerhub.domain.change.BusyException;
import partnerhub.domain.change.Change;
import partnerhub.domain.change.ConcurrentChangeException;
import partnerhub.domain.change.CustomerStore;
import partnerhub.domain.change.DueCustomers;
import partnerhub.domain.change.IdempotencyRecord;
import partnerhub.domain.change.Page;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.listing.CustomerQuery;
import partnerhub.domain.trial.Lifecycle;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Customers in the single table. Every key starts from the partner, so no call can reach another partner's data. */
public final class DynamoDbCustomerStore implements CustomerStore {

    /** The cancellation reasons of a transaction DynamoDB refused for capacity, not for a conflict. */
    private static final Set<String> THROTTLING =
            Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final CustomerItems customers;
    private final CustomerListing listing;
    private final Clock clock;

    public DynamoDbCustomerStore(DynamoDbClient dynamoDb, String table, Lifecycle lifecycle, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.customers = new CustomerItems(lifecycle);
        this.listing = new CustomerListing(dynamoDb, table);
        this.clock = clock;
    }

    @Override
    public Optional<Customer> find(String partnerId, String customerId) {
        String pk = TableDesign.partnerKey(partnerId);
        String sk = TableDesign.customerSortKey(customerId);
        // An id from a path can be any length; DynamoDB refuses a key over its limits even to a read (a
        // ValidationException, so a 500), and no customer has one. (moto checks the limits on writes only.)
        if (!TableDesign.withinKeyLimits(pk, sk)) {
            return Optional.empty();
        }
        var item = dynamoDb.getItem(request -> request.tableName(table).consistentRead(true).key(Map.of(
                TableDesign.PK, s(pk), TableDesign.SK, s(sk))));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(CustomerItems.customer(item.item()))
                : Optional.empty();
    }

    /**
     * What GetItem answers for this customer, in DynamoDB's JSON: for an HTTP client that answers every call itself,
     * which SnapStart's priming runs a route against, down to its write, writing nothing.
     */
    public static String getItemAnswer(Customer customer) {
        try {
            return JSON.std.asString(Map.of("Item", DynamoDbJson.item(CustomerItems.attributes(customer))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Page<Customer> list(String partnerId, CustomerQuery query, int limit, String cursor) {
        return listing.list(partnerId, query, limit, cursor);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(String partnerId, String key) {
        var item = dynamoDb.getItem(request -> request.tableName(table).consistentRead(true).key(Map.of(
                TableDesign.PK, s(TableDesign.partnerKey(partnerId)),
                TableDesign.SK, s(TableDesign.idempotencySortKey(key))))).item();
        // An item that is not a record (the priming client answers every read with a customer) is none.
        if (item == null || item.isEmpty() || !item.containsKey("customer")) {
            return Optional.empty();
        }
        return Optional.of(new IdempotencyRecord(key, string(item, "fingerprint"),
                CustomerItems.customer(item.get("customer").m()), Attributes.instant(item, "expiresAt")));
    }

    @Override
    public Optional<ActivationLink.Record> findLink(String nonce) {
        var item = dynamoDb.getItem(request -> request.tableName(table).consistentRead(true).key(Map.of(
                TableDesign.PK, s(TableDesign.linkKey(nonce)),
                TableDesign.SK, s(TableDesign.LINK_SORT_KEY)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ActivationLink.Record(nonce, string(item, "partnerId"), string(item, "customerId"),
                Attributes.instant(item, "expiresAt"), Attributes.instant(item, "usedAt"),
                Attributes.instant(item, "revokedAt")));
    }

    @Override
    public Optional<Customer> findById(String customerId) {
        var keys = dynamoDb.query(request -> request.tableName(table).indexName(TableDesign.CUSTOMER_INDEX)
                .keyConditionExpression("customerKey = :id")
                .expressionAttributeValues(Map.of(":id", s(customerId)))).items();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String partnerKey = string(keys.getFirst(), TableDesign.PK);
        return find(partnerKey.substring("PARTNER#".length()), customerId);
    }

    @Override
    public boolean hasReceipt(String receipt) {
        var item = dynamoDb.getItem(request -> request.tableName(table).consistentRead(true)
                .key(receiptKey(receipt))).item();
        return item != null && !item.isEmpty();
    }

    // Each shard is one query (pages followed); the shards run in parallel, and items past now are never read.
    @Override
    public DueCustomers due(Instant now) {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var shards = new ArrayList<Future<DueShard>>();
            for (int shard = 0; shard < TableDesign.DUE_SHARDS; shard++) {
                String key = TableDesign.dueShard(shard);
                shards.add(pool.submit(() -> dueIn(key, now)));
            }
            var refs = new ArrayList<DueCustomers.Ref>();
            int itemsRead = 0;
            for (var future : shards) {
                DueShard shard = future.get();
                itemsRead += shard.itemsRead();
                for (var item : shard.items()) {
                    // Keys only: the table's keys name the partner and the customer.
                    refs.add(new DueCustomers.Ref(string(item, TableDesign.PK).substring("PARTNER#".length()),
                            string(item, TableDesign.SK).substring(TableDesign.CUSTOMER_PREFIX.length()),
                            Instant.ofEpochSecond(Attributes.number(item, TableDesign.DUE_AT))));
                }
            }
            return new DueCustomers(refs, itemsRead);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the due index", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private record DueShard(List<Map<String, AttributeValue>> items, int itemsRead) {}

    // itemsRead is DynamoDB's own count of the items each page read (ScannedCount), what the sweep pays for.
    private DueShard dueIn(String shard, Instant now) {
        var query = QueryRequest.builder().tableName(table).indexName(TableDesign.DUE_INDEX)
                .keyConditionExpression("dueShard = :shard AND dueAt <= :now")
                .expressionAttributeValues(Map.of(":shard", s(shard), ":now", n(now.getEpochSecond())))
                .build();
        var items = new ArrayList<Map<String, AttributeValue>>();
        int read = 0;
        for (QueryResponse page : dynamoDb.queryPaginator(query)) {
            items.addAll(page.items());
            read += page.scannedCount();
        }
        return new DueShard(items, read);
    }

    @Override
    public Page<LogEntry> log(String partnerId, String customerId, int limit, String cursor) {
        var query = QueryRequest.builder().tableName(table).scanIndexForward(false).limit(limit + 1)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(TableDesign.logKey(partnerId, customerId))));
        if (cursor != null) {
            query.exclusiveStartKey(decodeCursor(cursor));
        }
        List<Map<String, AttributeValue>> items = dynamoDb.query(query.build()).items();
        boolean more = items.size() > limit;
        List<Map<String, AttributeValue>> page = more ? items.subList(0, limit) : items;
        return new Page<>(page.stream().map(DynamoDbCustomerStore::logEntry).toList(),
                more ? encodeCursor(page.getLast()) : null);
    }

    private static LogEntry logEntry(Map<String, AttributeValue> item) {
        String sk = string(item, TableDesign.SK);
        return new LogEntry(sk.substring(sk.indexOf('#') + 1), Attributes.instant(item, "at"), string(item, "type"),
                LogEntry.Level.valueOf(string(item, "level")), string(item, "message"), string(item, "actor"));
    }

    @Override
    public void save(Change change) {
        var writes = new ArrayList<TransactWriteItem>();
        writes.add(customerPut(change));
        if (change.idempotency() != null) {
            writes.add(idempotencyPut(change.idempotency()));
        }
        if (change.issuedLink() != null) {
            writes.add(put(linkItem(change.customer(), change.issuedLink())));
        }
        if (change.retiredLink() != null) {
            writes.add(retire(change.retiredLink()));
        }
        if (change.receipt() != null) {
            writes.add(receiptPut(change.receipt()));
        }
        change.outbox().forEach(entry -> writes.add(put(OutboxItems.item(entry))));
        change.log().forEach(line -> writes.add(put(logItem(change.customer(), line))));
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (throttled(e.cancellationReasons())) {
                throw new BusyException("the write was throttled: " + codes(e.cancellationReasons()), e);
            }
            throw new ConcurrentChangeException(conflictMessage(change, e.cancellationReasons()));
        }
    }

    // Its first event-log line is written by this change alone, in its transaction, and never changed.
    @Override
    public boolean committed(Change change) {
        if (change.log().isEmpty()) {
            return false;
        }
        LogEntry line = change.log().getFirst();
        Customer customer = change.customer();
        return dynamoDb.getItem(request -> request.tableName(table).consistentRead(true).key(Map.of(
                TableDesign.PK, s(TableDesign.logKey(customer.partnerId(), customer.customerId())),
                TableDesign.SK, s(TableDesign.logSortKey(line.at(), line.id()))))).hasItem();
    }

    // Throttled on some item and in conflict with nothing: the customer did not change, the table was busy.
    private static boolean throttled(List<CancellationReason> reasons) {
        List<String> codes = codes(reasons);
        return codes.stream().anyMatch(THROTTLING::contains) && !codes.contains("ConditionalCheckFailed")
                && !codes.contains("TransactionConflict");
    }

    private static List<String> codes(List<CancellationReason> reasons) {
        return reasons.stream().map(CancellationReason::code).toList();
    }

    private TransactWriteItem customerPut(Change change) {
        var put = Put.builder().tableName(table).item(customers.item(change.customer()));
        if (change.expectedVersion() == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(change.expectedVersion())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    // An expired record still in the table (TTL deletes lazily) no longer holds its key.
    private TransactWriteItem idempotencyPut(IdempotencyRecord record) {
        Customer customer = record.customer();
        var item = new HashMap<String, AttributeValue>();
        item.put(TableDesign.PK, s(TableDesign.partnerKey(customer.partnerId())));
        item.put(TableDesign.SK, s(TableDesign.idempotencySortKey(record.key())));
        item.put("fingerprint", s(record.fingerprint()));
        item.put("customer", AttributeValue.fromM(CustomerItems.attributes(customer)));
        item.put("expiresAt", s(record.expiresAt().toString()));
        item.put(TableDesign.TTL, n(record.expiresAt().getEpochSecond()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR #ttl < :now")
                .expressionAttributeNames(Map.of("#ttl", TableDesign.TTL))
                .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond())))
                .build()).build();
    }

    private static Map<String, AttributeValue> linkItem(Customer customer, ActivationLink.State link) {
        return Map.of(
                TableDesign.PK, s(TableDesign.linkKey(link.nonce())),
                TableDesign.SK, s(TableDesign.LINK_SORT_KEY),
                "partnerId", s(customer.partnerId()),
                "customerId", s(customer.customerId()),
                "expiresAt", s(link.expiresAt().toString()),
                // Kept a while past expiry, so a late click is told "expired" rather than "unknown".
                TableDesign.TTL, n(link.expiresAt().plus(java.time.Duration.ofDays(30)).getEpochSecond()));
    }

    // Kept a week: redeliveries come within EventBridge's 24-hour retry window.
    private TransactWriteItem receiptPut(String receipt) {
        var item = new HashMap<>(receiptKey(receipt));
        item.put(TableDesign.TTL, n(clock.instant().plus(java.time.Duration.ofDays(7)).getEpochSecond()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static Map<String, AttributeValue> receiptKey(String receipt) {
        return Map.of(TableDesign.PK, s(TableDesign.receiptKey(receipt)), TableDesign.SK, s(TableDesign.RECEIPT_SORT_KEY));
    }

    // Only a live link can be used or revoked: a link spent by a concurrent request fails the whole change.
    private TransactWriteItem retire(ActivationLink.Retirement retirement) {
        String attribute = retirement.kind() == ActivationLink.Retirement.Kind.USED ? "usedAt" : "revokedAt";
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of(TableDesign.PK, s(TableDesign.linkKey(retirement.nonce())),
                        TableDesign.SK, s(TableDesign.LINK_SORT_KEY)))
                .updateExpression("SET #retired = :at")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(usedAt)"
                        + " AND attribute_not_exists(revokedAt)")
                .expressionAttributeNames(Map.of("#retired", attribute))
                .expressionAttributeValues(Map.of(":at", s(retirement.at().toString())))
                .build()).build();
    }

    private static Map<String, AttributeValue> logItem(Customer customer, LogEntry line) {
        var item = new HashMap<String, AttributeValue>();
        item.put(TableDesign.PK, s(TableDesign.logKey(customer.partnerId(), customer.customerId())));
        item.put(TableDesign.SK, s(TableDesign.logSortKey(line.at(), line.id())));
        item.put("at", s(line.at().toString()));
        item.put("type", s(line.type()));
        item.put("level", s(line.level().name()));
        item.put("message", s(line.message()));
        if (line.actor() != null) {
            item.put("actor", s(line.actor()));
        }
        return item;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private static String conflictMessage(Change change, List<CancellationReason> reasons) {
        boolean customerMoved = !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code());
        if (customerMoved) {
            return "customer " + change.customer().customerId() + " changed since version " + change.expectedVersion();
        }
        return "the write was cancelled: " + codes(reasons);
    }

    // A cursor is the last item's key; the service signs it before a partner sees it.
    private static String encodeCursor(Map<String, AttributeValue> item) {
        var key = new LinkedHashMap<String, String>();
        key.put(TableDesign.PK, string(item, TableDesign.PK));
        key.put(TableDesign.SK, string(item, TableDesign.SK));
        try {
            return JSON.std.asString(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor) {
        try {
            var key = new HashMap<String, AttributeValue>();
            JSON.std.mapFrom(cursor).forEach((name, value) -> key.put(name, s((String) value)));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
