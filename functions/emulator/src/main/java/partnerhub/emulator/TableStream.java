package partnerhub.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.aws.AwsSettings;
import partnerhub.aws.dynamodb.DynamoDbJson;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A table's DynamoDB stream on the emulator, read from its start the way Lambda's event source mapping reads it,
 * each record in the JSON shape Lambda hands to the function. Each poll asks for a fresh iterator after the last
 * record seen: moto replaces its tables with copies when it rolls a failed transaction back, and an iterator kept
 * from before would go on reading the old copy's stream.
 */
public final class TableStream implements AutoCloseable {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    private final Map<String, String> lastSequenceNumbers = new LinkedHashMap<>();

    public TableStream(AwsSettings aws, String streamArn) {
        this.streams = DynamoDbStreamsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(aws.region()).credentialsProvider(aws.credentials()).endpointOverride(aws.endpoint()).build();
        this.streamArn = streamArn;
        this.region = aws.region().id();
    }

    /** The records written since the last call, oldest first. */
    public synchronized List<Map<String, Object>> poll() {
        var records = new ArrayList<Map<String, Object>>();
        for (var shard : streams.describeStream(request -> request.streamArn(streamArn)).streamDescription().shards()) {
            String last = lastSequenceNumbers.get(shard.shardId());
            String next = streams.getShardIterator(request -> {
                request.streamArn(streamArn).shardId(shard.shardId());
                if (last == null) {
                    request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                } else {
                    request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(last);
                }
            }).shardIterator();
            while (next != null) {
                String iterator = next;
                var page = streams.getRecords(request -> request.shardIterator(iterator));
                if (page.records().isEmpty()) {
                    break;
                }
                for (var record : page.records()) {
                    records.add(json(record));
                    lastSequenceNumbers.put(shard.shardId(), record.dynamodb().sequenceNumber());
                }
                next = page.nextShardIterator();
            }
        }
        return records;
    }

    private Map<String, Object> json(software.amazon.awssdk.services.dynamodb.model.Record record) {
        var change = record.dynamodb();
        var dynamodb = new LinkedHashMap<String, Object>();
        dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        dynamodb.put("Keys", DynamoDbJson.item(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.put("NewImage", DynamoDbJson.item(change.newImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes());
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        var json = new LinkedHashMap<String, Object>();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion());
        json.put("eventSource", "aws:dynamodb");
        json.put("awsRegion", region);
        json.put("dynamodb", dynamodb);
        json.put("eventSourceARN", streamArn);
        return json;
    }

    @Override
    public void close() {
        streams.close();
    }
}
