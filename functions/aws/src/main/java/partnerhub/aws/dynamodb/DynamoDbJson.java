package partnerhub.aws.dynamodb;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in DynamoDB's JSON form ({@code {"S": "..."}}, {@code {"N": "..."}}, ...), as its API and its streams write
 * them: for answers and stream records made outside DynamoDB (SnapStart's canned answers, the emulated stream).
 */
public final class DynamoDbJson {

    private DynamoDbJson() {}

    public static Map<String, Object> item(Map<String, AttributeValue> item) {
        var json = new LinkedHashMap<String, Object>();
        item.forEach((name, value) -> json.put(name, value(value)));
        return json;
    }

    private static Map<String, Object> value(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case B -> Map.of("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case SS -> Map.of("SS", value.ss());
            case NS -> Map.of("NS", value.ns());
            case L -> Map.of("L", value.l().stream().map(DynamoDbJson::value).toList());
            case M -> Map.of("M", item(value.m()));
            default -> throw new IllegalArgumentException("unsupported attribute type " + value.type());
        };
    }
}
