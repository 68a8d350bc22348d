package partnerhub.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** A handler's API Gateway response, with its JSON body read. */
public record Response(int status, Map<String, String> headers, String body, Map<String, Object> json) {

    @SuppressWarnings("unchecked")
    static Response parse(String text) {
        try {
            Map<String, Object> event = JSON.std.mapFrom(text);
            String body = (String) event.get("body");
            Map<String, Object> json = body == null || body.isEmpty() ? Map.of() : JSON.std.mapFrom(body);
            return new Response((Integer) event.get("statusCode"), (Map<String, String>) event.get("headers"), body,
                    json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON response: " + text, e);
        }
    }

    /** A typed entry's answer; a body that is not JSON by its type (an export's CSV) is kept as text alone. */
    public static Response of(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        String type = response.getHeaders() == null ? null : response.getHeaders().get("Content-Type");
        if (type != null && type.startsWith("text/")) {
            return new Response(response.getStatusCode(), response.getHeaders(), body, Map.of());
        }
        try {
            Map<String, Object> json = body == null || body.isEmpty() ? Map.of() : JSON.std.mapFrom(body);
            return new Response(response.getStatusCode(), response.getHeaders(), body, json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON body: " + body, e);
        }
    }

    public String string(String field) {
        return (String) json.get(field);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
        return (List<Map<String, Object>>) json.get("items");
    }

    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
