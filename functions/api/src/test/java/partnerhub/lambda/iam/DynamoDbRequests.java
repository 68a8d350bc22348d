package partnerhub.lambda.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import partnerhub.emulator.Template;

/**
 * DynamoDB calls as IAM authorizes them: each on its table's ARN (a Query on an index, on the index's), with
 * {@code dynamodb:LeadingKeys} the partition key values it touches (of the index, for a Query on one). A transaction
 * is no action of its own: each of its items is authorized as the single-item action it is.
 */
final class DynamoDbRequests {

    private static final Pattern EQUALITY = Pattern.compile("(#?[A-Za-z0-9_.]+)\\s*=\\s*(:[A-Za-z0-9_]+)");
    private static final Map<String, String> TRANSACT_WRITES = Map.of(
            "Put", "dynamodb:PutItem", "Update", "dynamodb:UpdateItem", "Delete", "dynamodb:DeleteItem",
            "ConditionCheck", "dynamodb:ConditionCheckItem");

    private final String arnPrefix;
    private final String tablePartitionKey;
    private final Map<String, String> indexPartitionKeys;

    DynamoDbRequests(String region, String account, String tablePartitionKey, Map<String, String> indexPartitionKeys) {
        this.arnPrefix = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
        this.tablePartitionKey = tablePartitionKey;
        this.indexPartitionKeys = Map.copyOf(indexPartitionKeys);
    }

    /** The partition keys of template.yaml's table and its global secondary indexes (one table in this stack). */
    @SuppressWarnings("unchecked")
    static DynamoDbRequests of(Template template, String tableId, String region, String account) {
        Map<String, Object> table = template.properties(tableId);
        var indexes = new LinkedHashMap<String, String>();
        for (var index : (List<Map<String, Object>>) table.getOrDefault("GlobalSecondaryIndexes", List.of())) {
            indexes.put((String) index.get("IndexName"), hashKey(index.get("KeySchema")));
        }
        return new DynamoDbRequests(region, account, hashKey(table.get("KeySchema")), indexes);
    }

    @SuppressWarnings("unchecked")
    private static String hashKey(Object keySchema) {
        return ((List<Map<String, String>>) keySchema).stream().filter(key -> "HASH".equals(key.get("KeyType")))
                .map(key -> key.get("AttributeName")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    List<Request> of(String operation, Map<String, Object> body) {
        return switch (operation) {
            case "GetItem", "DeleteItem", "UpdateItem" -> List.of(item("dynamodb:" + operation, body, "Key"));
            case "PutItem" -> List.of(item("dynamodb:PutItem", body, "Item"));
            case "Query" -> List.of(query(body));
            case "TransactWriteItems" -> transactWrites((List<Map<String, Map<String, Object>>>) body.get("TransactItems"));
            case "TransactGetItems" -> ((List<Map<String, Map<String, Object>>>) body.get("TransactItems")).stream()
                    .map(item -> item("dynamodb:GetItem", item.get("Get"), "Key")).toList();
            case "BatchWriteItem", "BatchGetItem" -> batch("dynamodb:" + operation,
                    (Map<String, Object>) body.get("RequestItems"));
            // Scan, DescribeTable, ...: on the table, no key named (ListTables and the like: on none).
            default -> List.of(new Request("dynamodb:" + operation, tableArn(body), Map.of()));
        };
    }

    private List<Request> transactWrites(List<Map<String, Map<String, Object>>> items) {
        var requests = new ArrayList<Request>();
        for (var item : items) {
            item.forEach((kind, write) -> requests.add(
                    item(TRANSACT_WRITES.get(kind), write, kind.equals("Put") ? "Item" : "Key")));
        }
        return requests;
    }

    // Batches are IAM actions of their own: one request a table, with every key it names.
    @SuppressWarnings("unchecked")
    private List<Request> batch(String action, Map<String, Object> requestItems) {
        var requests = new ArrayList<Request>();
        requestItems.forEach((table, items) -> {
            var keys = new ArrayList<String>();
            if (items instanceof Map<?, ?> gets) {
                ((List<Map<String, Object>>) gets.get("Keys")).forEach(key -> keys.add(partitionKey(key)));
            } else {
                for (var write : (List<Map<String, Map<String, Object>>>) items) {
                    write.forEach((kind, request) -> keys.add(partitionKey(
                            (Map<String, Object>) request.get(kind.equals("PutRequest") ? "Item" : "Key"))));
                }
            }
            requests.add(new Request(action, tableArn(Map.of("TableName", table)),
                    Map.of("dynamodb:LeadingKeys", keys.stream().distinct().toList())));
        });
        return requests;
    }

    @SuppressWarnings("unchecked")
    private Request item(String action, Map<String, Object> body, String keyField) {
        String key = partitionKey((Map<String, Object>) body.get(keyField));
        return new Request(action, tableArn(body), Map.of("dynamodb:LeadingKeys", List.of(key)));
    }

    @SuppressWarnings("unchecked")
    private Request query(Map<String, Object> body) {
        String index = (String) body.get("IndexName");
        String resource = tableArn(body) + (index == null ? "" : "/index/" + index);
        String partitionKey = index == null ? tablePartitionKey : indexPartitionKeys.get(index);
        var names = (Map<String, String>) body.getOrDefault("ExpressionAttributeNames", Map.of());
        var values = (Map<String, Map<String, Object>>) body.getOrDefault("ExpressionAttributeValues", Map.of());
        var keys = new ArrayList<String>();
        var equality = EQUALITY.matcher((String) body.getOrDefault("KeyConditionExpression", ""));
        while (equality.find()) {
            if (names.getOrDefault(equality.group(1), equality.group(1)).equals(partitionKey)) {
                keys.add(scalar(values.get(equality.group(2))));
            }
        }
        return new Request("dynamodb:Query", resource, Map.of("dynamodb:LeadingKeys", keys));
    }

    @SuppressWarnings("unchecked")
    private String partitionKey(Map<String, Object> item) {
        return scalar((Map<String, Object>) item.get(tablePartitionKey));
    }

    /** A key attribute's value in DynamoDB's JSON ({"S": ...}, {"N": ...} or {"B": ...}). */
    private static String scalar(Map<String, Object> attribute) {
        return String.valueOf(attribute.values().iterator().next());
    }

    private String tableArn(Map<String, Object> body) {
        String table = (String) body.get("TableName");
        return table == null ? "*" : table.startsWith("arn:") ? table : arnPrefix + table;
    }
}
