package partnerhub.aws.dynamodb;

import static partnerhub.aws.dynamodb.Attributes.n;
import static partnerhub.aws.dynamodb.Attributes.s;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import partnerhub.domain.trial.Lifecycle;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * An operator's one-off pass over every customer item, writing the keys a newer release derives from the customer
 * (the listing's {@link #DERIVED} keys) where an item lacks them or holds stale ones: customers written before the
 * release have none, so the new indexes and {@code q} would miss them until their next change. The one Scan in the
 * product, run by hand once per upgrade, never on a request's path. Each rewrite is conditional on the version read,
 * so a customer changed meanwhile (whose write already carries the keys) is left alone.
 */
public final class CustomerReindex {

    /** The keys derived from the customer that a listing reads. */
    static final List<String> DERIVED = List.of(TableDesign.PARTNER_ID, TableDesign.EXPIRY_KEY, TableDesign.NAME_KEY,
            TableDesign.SEARCH_NAME, TableDesign.SEARCH_EMAIL);
    private static final int PAGE = 500;

    /** What a pass did; {@code next} is where the next pass starts, null when every item was read. */
    public record Pass(int read, int rewritten, int changedMeanwhile, String next) {}

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final CustomerItems customers;

    public CustomerReindex(DynamoDbClient dynamoDb, String table, Lifecycle lifecycle) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.customers = new CustomerItems(lifecycle);
    }

    /**
     * Reads the table from {@code from} (null: the start), rewriting what needs it, while {@code hasTime}: asked
     * before each customer, so a pass ends after the last customer it handled, whose key is the next pass's start.
     */
    public Pass run(String from, BooleanSupplier hasTime) {
        Map<String, AttributeValue> start = from == null ? null : key(from);
        int read = 0;
        int rewritten = 0;
        int changedMeanwhile = 0;
        do {
            Map<String, AttributeValue> at = start;
            ScanResponse page = dynamoDb.scan(request -> request.tableName(table).limit(PAGE)
                    .filterExpression("begins_with(#sk, :customer)")
                    .expressionAttributeNames(Map.of("#sk", TableDesign.SK))
                    .expressionAttributeValues(Map.of(":customer", s(TableDesign.CUSTOMER_PREFIX)))
                    .exclusiveStartKey(at));
            for (var item : page.items()) {
                if (!hasTime.getAsBoolean()) {
                    return new Pass(read, rewritten, changedMeanwhile, start == null ? from : cursor(start));
                }
                read++;
                switch (rewrite(item)) {
                    case REWRITTEN -> rewritten++;
                    case CHANGED_MEANWHILE -> changedMeanwhile++;
                    case CURRENT -> { }
                }
                start = item;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && hasTime.getAsBoolean());
        return new Pass(read, rewritten, changedMeanwhile, start == null ? null : cursor(start));
    }

    private enum Outcome { CURRENT, REWRITTEN, CHANGED_MEANWHILE }

    private Outcome rewrite(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> current = customers.item(CustomerItems.customer(item));
        var stale = new LinkedHashMap<String, AttributeValue>();
        DERIVED.forEach(name -> {
            if (!current.get(name).equals(item.get(name))) {
                stale.put(name, current.get(name));
            }
        });
        if (stale.isEmpty()) {
            return Outcome.CURRENT;
        }
        var names = new HashMap<String, String>();
        var values = new HashMap<String, AttributeValue>();
        var sets = new StringBuilder();
        stale.forEach((name, value) -> {
            names.put("#" + name, name);
            values.put(":" + name, value);
            sets.append(sets.isEmpty() ? "SET " : ", ").append("#").append(name).append(" = :").append(name);
        });
        names.put("#version", "version");
        values.put(":version", n(Attributes.number(item, "version")));
        try {
            dynamoDb.updateItem(request -> request.tableName(table)
                    .key(Map.of(TableDesign.PK, item.get(TableDesign.PK), TableDesign.SK, item.get(TableDesign.SK)))
                    .updateExpression(sets.toString()).conditionExpression("#version = :version")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return Outcome.REWRITTEN;
        } catch (ConditionalCheckFailedException changed) {
            return Outcome.CHANGED_MEANWHILE;
        }
    }

    private static String cursor(Map<String, AttributeValue> key) {
        try {
            return JSON.std.asString(Map.of(TableDesign.PK, key.get(TableDesign.PK).s(),
                    TableDesign.SK, key.get(TableDesign.SK).s()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, AttributeValue> key(String cursor) {
        try {
            var key = new HashMap<String, AttributeValue>();
            JSON.std.mapFrom(cursor).forEach((name, value) -> key.put(name, s((String) value)));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
