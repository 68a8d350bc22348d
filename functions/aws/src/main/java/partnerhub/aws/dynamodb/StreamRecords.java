package partnerhub.aws.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import partnerhub.domain.OutboxEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's stream records, as Lambda hands them to the dispatcher (the event's JSON, attribute values in
 * DynamoDB's JSON form), read back into outbox entries.
 */
public final class StreamRecords {

    private StreamRecords() {}

    /** The outbox entry a record inserted; empty for any other record (the mapping's filter lets few through). */
    @SuppressWarnings("unchecked")
    public static Optional<OutboxEntry> insertedEntry(Map<String, Object> record) {
        var dynamodb = (Map<String, Object>) record.get("dynamodb");
        if (!"INSERT".equals(record.get("eventName")) || dynamodb == null
                || !(dynamodb.get("NewImage") instanceof Map<?, ?> image)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = item((Map<String, Object>) image);
        String pk = Attributes.string(item, TableDesign.PK);
        if (pk == null || !pk.startsWith(TableDesign.OUTBOX_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(OutboxItems.entry(item));
    }

    static Map<String, AttributeValue> item(Map<String, Object> image) {
        var item = new LinkedHashMap<String, AttributeValue>();
        image.forEach((name, value) -> item.put(name, value(value)));
        return item;
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue value(Object json) {
        var typed = (Map<String, Object>) json;
        var entry = typed.entrySet().iterator().next();
        Object v = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> AttributeValue.fromS((String) v);
            case "N" -> AttributeValue.fromN(String.valueOf(v));
            case "BOOL" -> AttributeValue.fromBool((Boolean) v);
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs((List<String>) v);
            case "NS" -> AttributeValue.fromNs(((List<Object>) v).stream().map(String::valueOf).toList());
            case "L" -> {
                var list = new ArrayList<AttributeValue>();
                ((List<Object>) v).forEach(element -> list.add(value(element)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(item((Map<String, Object>) v));
            default -> throw new IllegalArgumentException("unsupported attribute type " + entry.getKey());
        };
    }
}
