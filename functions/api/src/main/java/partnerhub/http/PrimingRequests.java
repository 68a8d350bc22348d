package partnerhub.http;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The requests a handler sends itself before a SnapStart snapshot: its own route, as a partner that has no
 * customers, for a customer id no one has, with a body that passes validation wherever a valid body leads only to a
 * read (every route with an id reads the customer first and answers 404). {@code POST /customers} gets an invalid
 * body, because a valid one would add a customer.
 */
public final class PrimingRequests {

    /** Never a real partner: partner ids come from the identity provider's tokens, and this one has no customers. */
    public static final String PARTNER = "snapstart-priming";

    /** A well-formed customer id (a ULID) that no customer has. */
    public static final String CUSTOMER_ID = "00000000000000000000000000";

    private static final Map<String, String> BODIES = Map.of(
            "POST /customers", "{}",
            "PATCH /customers/{id}", "{\"sku\":\"STANDARD\"}",
            "POST /customers/{id}/activation-link", "{}",
            "POST /activations", "{\"token\":\"snapstart-priming\"}",
            "POST /customers/{id}/trial-extension", "{}",
            "PUT /customers/{id}/auto-upgrade", "{\"enabled\":true}",
            "POST /customers/{id}/conversion", "{}");

    private PrimingRequests() {}

    /**
     * The HTTP API event, as JSON, for one route ({@code "GET /customers/{id}"}), with the given body or, when null,
     * the route's own.
     */
    public static byte[] of(String route, String partnerClaim, String body) {
        String method = route.substring(0, route.indexOf(' '));
        String template = route.substring(route.indexOf(' ') + 1);
        String path = template.replace("{id}", CUSTOMER_ID);
        var http = new LinkedHashMap<String, Object>();
        http.put("method", method);
        http.put("path", path);
        var context = new LinkedHashMap<String, Object>();
        context.put("requestId", "snapstart-priming");
        context.put("routeKey", route);
        context.put("http", http);
        context.put("authorizer", Map.of("jwt", Map.of("claims", Map.of(partnerClaim, PARTNER))));
        var event = new LinkedHashMap<String, Object>();
        event.put("version", "2.0");
        event.put("routeKey", route);
        event.put("rawPath", path);
        event.put("headers", Map.of("content-type", "application/json"));
        event.put("pathParameters", template.contains("{id}") ? Map.of("id", CUSTOMER_ID) : Map.of());
        event.put("requestContext", context);
        if (body == null) {
            body = BODIES.get(route);
        }
        if (body != null) {
            event.put("body", body);
            event.put("isBase64Encoded", false);
        }
        try {
            return JSON.std.asBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
