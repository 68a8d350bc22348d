package partnerhub.aws.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import partnerhub.domain.delivery.OutboxEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's stream records, as the event source mapping hands them to the dispatcher ({@code DynamodbEvent}),
 * read back into outbox entries.
 */
public final class StreamRecords {

    private StreamRecords() {}

    /** The outbox entry a record inserted; empty for any other record (the mapping's filter lets few through). */
    public static Optional<OutboxEntry> insertedEntry(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        if (!"INSERT".equals(record.getEventName()) || stream == null || stream.getNewImage() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = item(stream.getNewImage());
        String pk = Attributes.string(item, TableDesign.PK);
        if (pk == null || !pk.startsWith(TableDesign.OUTBOX_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(OutboxItems.entry(item));
    }

    // The events library's attribute values into the SDK's, which the item mapping reads.
    private static Map<String, AttributeValue> item(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        var item = new LinkedHashMap<String, AttributeValue>();
        image.forEach((name, value) -> item.put(name, value(value)));
        return item;
    }

    private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (Boolean.TRUE.equals(v.getNULL())) {
            return AttributeValue.fromNul(true);
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getL() != null) {
            var list = new ArrayList<AttributeValue>();
            v.getL().forEach(element -> list.add(value(element)));
            return AttributeValue.fromL(list);
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(item(v.getM()));
        }
        throw new IllegalArgumentException("unsupported attribute value " + v);
    }
}
