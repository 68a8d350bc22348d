package partnerhub.aws.dynamodb;

import static partnerhub.aws.dynamodb.Attributes.bool;
import static partnerhub.aws.dynamodb.Attributes.s;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import partnerhub.domain.change.Page;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.View;
import partnerhub.domain.listing.CustomerFilter;
import partnerhub.domain.listing.CustomerQuery;
import partnerhub.domain.listing.Sort;
import partnerhub.domain.listing.SortKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A partner's customers, filtered and sorted, as queries of the partner's own items: the sort picks the index whose
 * key gives its order (and an expiry range, on the expiry index, becomes the key's range); every other filter is a
 * filter expression on that query. Nothing is read outside the partner's key, so no listing can return another
 * partner's customer.
 *
 * <p>A filter is applied after DynamoDB read the items, so a page that few customers match may take several reads.
 * The first asks for one item more than the page, each further one for what the page still needs at the share of
 * matches seen so far ({@link #nextAsk}, at most {@link #MAX_ASK}), until the page is full or {@link #READ_BUDGET}
 * items were read; then the page ends where reading stopped, possibly short, with a token for the rest.
 */
final class CustomerListing {

    /** Items read for one page at most: about 1 MB each query, 10 queries, well within a request's time. */
    static final int READ_BUDGET = 10_000;
    static final int MAX_ASK = 2_000;

    private final DynamoDbClient dynamoDb;
    private final String table;

    CustomerListing(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    Page<Customer> list(String partnerId, CustomerQuery query, int limit, String cursor) {
        Plan plan = Plan.of(partnerId, query);
        if (plan == null) {
            return new Page<>(List.of(), null);
        }
        var found = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = cursor == null ? null : plan.start(cursor);
        int read = 0;
        int ask = limit + 1;
        while (true) {
            QueryResponse response = dynamoDb.query(plan.request(table, ask, start));
            // DynamoDB always counts; the priming client's canned answer does not.
            read += response.scannedCount() == null ? response.items().size() : response.scannedCount();
            for (var item : response.items()) {
                found.add(item);
                // One match more than the page tells that another page exists; the page ends at its last customer.
                if (found.size() > limit) {
                    return page(found.subList(0, limit), plan.cursor(found.get(limit - 1)));
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            if (start == null) {
                return page(found, null);
            }
            if (read >= READ_BUDGET) {
                return page(found, plan.cursor(start));
            }
            if (plan.filtered()) {
                ask = nextAsk(limit + 1 - found.size(), found.size(), read, ask);
            }
        }
    }

    /**
     * How many items the next read asks for: what the page still needs, at the share of matches read so far, with a
     * quarter more; four times the last ask while nothing matched. Whatever a read returns past the page's last
     * customer is read again by the next page, so asking for much more than the page needs costs twice.
     */
    static int nextAsk(int needed, int matched, int read, int lastAsk) {
        if (matched == 0) {
            return Math.min(MAX_ASK, lastAsk * 4);
        }
        double share = (double) matched / read;
        return (int) Math.min(MAX_ASK, Math.max(needed, Math.ceil(needed / share * 1.25)));
    }

    private static Page<Customer> page(List<Map<String, AttributeValue>> items, String next) {
        return new Page<>(items.stream().map(CustomerItems::customer).toList(), next);
    }

    /** One listing as a query: its index, its key condition and its filter expression. */
    private record Plan(String index, List<String> keyAttributes, String hashAttribute, String hashValue,
                        String keyCondition, String filter, Map<String, String> names,
                        Map<String, AttributeValue> values, boolean forward) {

        /** The plan for a query, or null when no customer can match (an expiry range that is empty). */
        static Plan of(String partnerId, CustomerQuery query) {
            CustomerFilter filter = query.filter();
            var names = new HashMap<String, String>();
            var values = new HashMap<String, AttributeValue>();
            var conditions = new StringJoiner(" AND ");
            String index;
            String hash;
            String hashValue;
            String keyCondition;
            List<String> keys;
            boolean expiryInKey = false;
            View view = filter.impliedView();
            Sort sort = query.sort();
            switch (sort) {
                case NEWEST_FIRST, OLDEST_FIRST -> {
                    if (view != null) {
                        index = TableDesign.VIEW_INDEX;
                        hash = TableDesign.VIEW_KEY;
                        hashValue = TableDesign.viewKey(partnerId, view);
                        keyCondition = "#hash = :hash";
                        keys = List.of(TableDesign.PK, TableDesign.SK, TableDesign.VIEW_KEY);
                        view = null;
                    } else {
                        index = null;
                        hash = TableDesign.PK;
                        hashValue = TableDesign.partnerKey(partnerId);
                        keyCondition = "#hash = :hash AND begins_with(#range, :customers)";
                        names.put("#range", TableDesign.SK);
                        values.put(":customers", s(TableDesign.CUSTOMER_PREFIX));
                        keys = List.of(TableDesign.PK, TableDesign.SK);
                    }
                }
                case EXPIRATION_DATE -> {
                    index = TableDesign.EXPIRY_INDEX;
                    hash = TableDesign.PARTNER_ID;
                    hashValue = partnerId;
                    keys = List.of(TableDesign.PK, TableDesign.SK, TableDesign.PARTNER_ID, TableDesign.EXPIRY_KEY);
                    String range = expiryRange(filter, names, values);
                    if (range != null && range.isEmpty()) {
                        return null;
                    }
                    keyCondition = range == null ? "#hash = :hash" : "#hash = :hash AND " + range;
                    expiryInKey = true;
                }
                case ORGANIZATION_NAME -> {
                    index = TableDesign.NAME_INDEX;
                    hash = TableDesign.PARTNER_ID;
                    hashValue = partnerId;
                    keyCondition = "#hash = :hash";
                    keys = List.of(TableDesign.PK, TableDesign.SK, TableDesign.PARTNER_ID, TableDesign.NAME_KEY);
                }
                default -> throw new IllegalArgumentException("unknown sort " + sort);
            }
            names.put("#hash", hash);
            values.put(":hash", s(hashValue));
            if (view != null) {
                equal(conditions, names, values, TableDesign.VIEW_KEY, s(TableDesign.viewKey(partnerId, view)));
            }
            if (filter.q() != null) {
                names.put("#searchName", TableDesign.SEARCH_NAME);
                names.put("#searchEmail", TableDesign.SEARCH_EMAIL);
                values.put(":q", s(SortKeys.lower(filter.q())));
                conditions.add("(contains(#searchName, :q) OR contains(#searchEmail, :q))");
            }
            equal(conditions, names, values, "accountType", filter.accountType());
            equal(conditions, names, values, "status", filter.status());
            equal(conditions, names, values, "onboardingStatus", filter.onboardingStatus());
            equal(conditions, names, values, "source", filter.source());
            if (filter.autoUpgrade() != null) {
                equal(conditions, names, values, "autoUpgrade", bool(filter.autoUpgrade()));
            }
            if (!expiryInKey) {
                String range = expiryRange(filter, names, values);
                if (range != null && range.isEmpty()) {
                    return null;
                }
                if (range != null) {
                    conditions.add(range);
                }
            }
            String filterExpression = conditions.length() == 0 ? null : conditions.toString();
            return new Plan(index, keys, hash, hashValue, keyCondition, filterExpression, names, values,
                    !sort.descending());
        }

        /**
         * The expiry bounds as a condition on the expiry key, null without bounds, or "" when none can match. Keys
         * of customers without a date ({@code ~#id}) sort after every date's, so "at or after" stops before them.
         */
        private static String expiryRange(CustomerFilter filter, Map<String, String> names,
                                          Map<String, AttributeValue> values) {
            Instant before = filter.expiresBefore();
            Instant after = filter.expiresAfter();
            if (before == null && after == null) {
                return null;
            }
            if (before != null && after != null && !after.isBefore(before)) {
                return "";
            }
            names.put("#expiry", TableDesign.EXPIRY_KEY);
            if (after == null) {
                values.put(":before", s(SortKeys.bound(before)));
                return "#expiry < :before";
            }
            values.put(":after", s(SortKeys.bound(after)));
            // A key at "before" itself is "<before>#id", after the bound: BETWEEN leaves it out, as "before" must.
            values.put(":before", s(before == null ? SortKeys.NO_EXPIRY : SortKeys.bound(before)));
            return "#expiry BETWEEN :after AND :before";
        }

        private static void equal(StringJoiner conditions, Map<String, String> names,
                                  Map<String, AttributeValue> values, String attribute, Object value) {
            if (value == null) {
                return;
            }
            String name = "#" + attribute;
            String placeholder = ":" + attribute;
            names.put(name, attribute);
            values.put(placeholder, value instanceof AttributeValue v ? v : s(value.toString()));
            conditions.add(name + " = " + placeholder);
        }

        boolean filtered() {
            return filter != null;
        }

        QueryRequest request(String table, int ask, Map<String, AttributeValue> start) {
            var request = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression(keyCondition).filterExpression(filter)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .scanIndexForward(forward).limit(ask);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            return request.build();
        }

        /** A cursor is the key of the last item read, in the query's index: the service seals it for the partner. */
        String cursor(Map<String, AttributeValue> item) {
            var key = new LinkedHashMap<String, String>();
            keyAttributes.forEach(name -> key.put(name, Attributes.string(item, name)));
            try {
                return JSON.std.asString(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Where a cursor starts, checked to lie in this partner's key: a sealed cursor always does. */
        Map<String, AttributeValue> start(String cursor) {
            Map<String, Object> key;
            try {
                key = JSON.std.mapFrom(cursor);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!hashValue.equals(key.get(hashAttribute)) || !key.keySet().equals(Set.copyOf(keyAttributes))) {
                throw new IllegalStateException("a cursor outside its listing: " + key.keySet());
            }
            var start = new HashMap<String, AttributeValue>();
            key.forEach((name, value) -> start.put(name, s((String) value)));
            return start;
        }
    }
}
