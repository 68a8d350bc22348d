package partnerhub.runtime;

import static partnerhub.runtime.JsonTree.list;
import static partnerhub.runtime.JsonTree.map;
import static partnerhub.runtime.JsonTree.string;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table stream's batch into {@code DynamodbEvent}, and {@code StreamsEventResponse} (the batch item failures)
 * back, by hand as {@link HttpApiJson} does for HTTP events.
 */
public final class DynamodbStreamJson {

    private DynamodbStreamJson() {}

    /** A batch of DynamoDB stream records, as an event source mapping hands them over. */
    public static DynamodbEvent read(InputStream input) throws IOException {
        return read(JSON.std.mapFrom(input));
    }

    static DynamodbEvent read(Map<String, Object> json) {
        var records = new ArrayList<DynamodbEvent.DynamodbStreamRecord>();
        for (Object element : list(json.get("Records"))) {
            Map<String, Object> recordJson = map(element);
            var record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(string(recordJson.get("eventID")));
            record.setEventName(string(recordJson.get("eventName")));
            record.setEventSource(string(recordJson.get("eventSource")));
            record.setEventSourceARN(string(recordJson.get("eventSourceARN")));
            record.setAwsRegion(string(recordJson.get("awsRegion")));
            Map<String, Object> dynamodb = map(recordJson.get("dynamodb"));
            var stream = new StreamRecord();
            stream.setSequenceNumber(string(dynamodb.get("SequenceNumber")));
            if (dynamodb.get("ApproximateCreationDateTime") instanceof Number seconds) {
                stream.setApproximateCreationDateTime(new Date((long) (seconds.doubleValue() * 1000)));
            }
            stream.setKeys(item(dynamodb.get("Keys")));
            stream.setNewImage(item(dynamodb.get("NewImage")));
            stream.setOldImage(item(dynamodb.get("OldImage")));
            record.setDynamodb(stream);
            records.add(record);
        }
        var event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    public static void write(StreamsEventResponse response, OutputStream output) throws IOException {
        var failures = new ArrayList<Map<String, String>>();
        response.getBatchItemFailures().forEach(failure ->
                failures.add(Map.of("itemIdentifier", failure.getItemIdentifier())));
        JSON.std.write(Map.of("batchItemFailures", failures), output);
    }

    // DynamoDB's JSON form of an item ({"S": "..."}, {"N": "..."}, ...), or null when absent, as the runtime has it.
    private static Map<String, AttributeValue> item(Object json) {
        if (!(json instanceof Map<?, ?>)) {
            return null;
        }
        var item = new LinkedHashMap<String, AttributeValue>();
        map(json).forEach((name, value) -> item.put(name, attribute(map(value))));
        return item;
    }

    private static AttributeValue attribute(Map<String, Object> typed) {
        var value = new AttributeValue();
        typed.forEach((type, v) -> {
            switch (type) {
                case "S" -> value.setS(string(v));
                case "N" -> value.setN(string(v));
                case "B" -> value.setB(ByteBuffer.wrap(Base64.getDecoder().decode(string(v))));
                case "BOOL" -> value.setBOOL((Boolean) v);
                case "NULL" -> value.setNULL(Boolean.TRUE.equals(v));
                case "SS" -> value.setSS(list(v).stream().map(JsonTree::string).toList());
                case "NS" -> value.setNS(list(v).stream().map(JsonTree::string).toList());
                case "BS" -> value.setBS(list(v).stream()
                        .map(b -> ByteBuffer.wrap(Base64.getDecoder().decode(string(b)))).toList());
                case "L" -> value.setL(list(v).stream().map(element -> attribute(map(element))).toList());
                case "M" -> value.setM(item(v));
                default -> throw new IllegalArgumentException("unknown attribute type " + type);
            }
        });
        return value;
    }

}
