package partnerhub.http;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response in API Gateway's HTTP API payload 2.0 format. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    // The contract shows absent values as null ("expirationDate": null), so nulls are written, not dropped.
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, Object body) {
        try {
            return new ApiResponse(status, Map.of("Content-Type", "application/json"), WRITER.asString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiResponse withHeader(String name, String value) {
        var with = new LinkedHashMap<>(headers);
        with.put(name, value);
        return new ApiResponse(status, with, body);
    }

    /** The map Lambda serializes back to API Gateway. */
    public Map<String, Object> toEvent() {
        var event = new LinkedHashMap<String, Object>();
        event.put("statusCode", status);
        event.put("headers", headers);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }
}
