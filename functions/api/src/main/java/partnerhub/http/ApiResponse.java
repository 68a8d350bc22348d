package partnerhub.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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

    /** The answer in the design card's type, as Lambda hands it back to API Gateway. */
    public APIGatewayV2HTTPResponse toEvent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false).build();
    }
}
