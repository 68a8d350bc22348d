package partnerhub.aws.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The single table's keys and indexes, in one place (the README's "Table design" explains each access pattern).
 *
 * <pre>
 * item              pk                        sk                  index keys
 * customer          PARTNER#{partner}         CUSTOMER#{id}       viewKey, customerKey, partnerId + expiryKey,
 *                                                                 partnerId + nameKey, dueShard + dueAt (sparse)
 * idempotency key   PARTNER#{partner}         IDEMPOTENCY#{key}   -
 * bulk request      PARTNER#{partner}         BULK#{key}          -
 * activation link   LINK#{nonce}              LINK                -
 * event-log line    LOG#{partner}#{id}        {epoch ms}#{id}     -
 * outbox entry      OUTBOX#{0..3}             {entry id}          - (its stream record feeds the dispatcher)
 * parked entry      OUTBOX-PARKED             {entry id}          -
 * message receipt   RECEIPT#{message id}      RECEIPT             -
 * </pre>
 */
final class TableDesign {

    static final String PK = "pk";
    static final String SK = "sk";

    /** DynamoDB's limits on a key, in UTF-8 bytes: no item has a longer one, and no request may even name one. */
    static final int MAX_PARTITION_KEY_BYTES = 2048;
    static final int MAX_SORT_KEY_BYTES = 1024;

    static boolean withinKeyLimits(String partitionKey, String sortKey) {
        return partitionKey.getBytes(StandardCharsets.UTF_8).length <= MAX_PARTITION_KEY_BYTES
                && sortKey.getBytes(StandardCharsets.UTF_8).length <= MAX_SORT_KEY_BYTES;
    }

    /** Customers by partner and view, newest first (the view's pk, the table's sk: ids sort by creation). */
    static final String VIEW_INDEX = "ViewIndex";
    static final String VIEW_KEY = "viewKey";

    /** Customers by partner, soonest expiration first, those without a date last ({@code SortKeys.expiry}). */
    static final String EXPIRY_INDEX = "ExpiryIndex";
    /** Customers by partner, A to Z ({@code SortKeys.name}). */
    static final String NAME_INDEX = "NameIndex";
    static final String PARTNER_ID = "partnerId";
    static final String EXPIRY_KEY = "expiryKey";
    static final String NAME_KEY = "nameKey";

    /** The name and the email in lower case, which {@code q} is searched in: DynamoDB compares case-sensitively. */
    static final String SEARCH_NAME = "searchName";
    static final String SEARCH_EMAIL = "searchEmail";

    /** A customer by id alone, for callers that carry no partner (the import pipeline). Keys only. */
    static final String CUSTOMER_INDEX = "CustomerIndex";
    static final String CUSTOMER_KEY = "customerKey";

    /** Customers with a next scheduled action, sharded so the sweep reads shards in parallel. Sparse, keys only. */
    static final String DUE_INDEX = "DueIndex";
    static final String DUE_SHARD = "dueShard";
    static final String DUE_AT = "dueAt";
    static final int DUE_SHARDS = 8;

    static final int OUTBOX_SHARDS = 4;
    static final String OUTBOX_PREFIX = "OUTBOX#";

    /** Where entries refused for good wait for an operator to replay them. */
    static final String PARKED_OUTBOX = "OUTBOX-PARKED";

    /** Epoch seconds after which DynamoDB's TTL deletes the item. */
    static final String TTL = "ttl";

    private TableDesign() {}

    static String partnerKey(String partnerId) {
        return "PARTNER#" + partnerId;
    }

    static String customerSortKey(String customerId) {
        return "CUSTOMER#" + customerId;
    }

    static final String CUSTOMER_PREFIX = "CUSTOMER#";

    static String viewKey(String partnerId, partnerhub.domain.customer.View view) {
        return partnerId + "#" + view.name();
    }

    static String idempotencySortKey(String key) {
        return "IDEMPOTENCY#" + key;
    }

    static String bulkSortKey(String key) {
        return "BULK#" + key;
    }

    static String linkKey(String nonce) {
        return "LINK#" + nonce;
    }

    static final String LINK_SORT_KEY = "LINK";

    static String logKey(String partnerId, String customerId) {
        return "LOG#" + partnerId + "#" + customerId;
    }

    static String logSortKey(Instant at, String id) {
        return String.format("%013d#%s", at.toEpochMilli(), id);
    }

    static String dueShard(String customerId) {
        return dueShard(Math.floorMod(customerId.hashCode(), DUE_SHARDS));
    }

    static String dueShard(int shard) {
        return "DUE#" + shard;
    }

    static String receiptKey(String messageId) {
        return "RECEIPT#" + messageId;
    }

    static final String RECEIPT_SORT_KEY = "RECEIPT";

    static String outboxKey(String entryId) {
        return outboxKey(Math.floorMod(entryId.hashCode(), OUTBOX_SHARDS));
    }

    static String outboxKey(int shard) {
        return OUTBOX_PREFIX + shard;
    }
}
