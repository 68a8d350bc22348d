package partnerhub.http;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Role;
import partnerhub.domain.customer.Source;

/**
 * What a route handler sends itself before a SnapStart snapshot ({@link ApiHandler#prime}): its own route, as a
 * partner that has no customers, for a customer id no one has, with a body that passes validation and leads the
 * route to its write. It runs against a table that is nowhere (an HTTP client that answers every call itself, holding
 * {@link #customer}), so the whole path runs, down to the write's marshalling and the answer, writing nothing.
 */
public final class PrimingRequests {

    /** Never a real partner: partner ids come from the identity provider's tokens, and this one has no customers. */
    public static final String PARTNER = "snapstart-priming";

    /** A well-formed customer id (a ULID) that no customer has. */
    public static final String CUSTOMER_ID = "00000000000000000000000000";

    private static final Map<String, String> BODIES = Map.of(
            "POST /customers", "{\"organizationName\":\"Priming\",\"notificationEmail\":\"priming@example.com\","
                    + "\"sku\":\"STANDARD\",\"addOns\":[\"AUDIT\"]}",
            "PATCH /customers/{id}", "{\"sku\":\"PROFESSIONAL\"}",
            "POST /customers/{id}/activation-link", "{}",
            "POST /activations", "{\"token\":\"snapstart-priming\"}",
            "POST /customers/{id}/trial-extension", "{}",
            "PUT /customers/{id}/auto-upgrade", "{\"enabled\":false}",
            "POST /customers/{id}/conversion", "{}",
            "POST /customers/bulk", "{\"action\":\"EXTEND_TRIAL\",\"customerIds\":[\"" + CUSTOMER_ID + "\"]}");

    private PrimingRequests() {}

    /** The customer the table that is nowhere holds: an MSP trial under way, which every action applies to. */
    public static Customer customer(Instant now) {
        return Customer.assigned(CUSTOMER_ID, PARTNER, new NewCustomer("Priming", "priming@example.com", "STANDARD",
                List.of()), Source.MSP, now.plus(Duration.ofDays(14)), now);
    }

    /** The HTTP API event, as JSON, for one route ({@code "GET /customers/{id}"}), from an admin. */
    public static byte[] of(String route, String partnerClaim, String roleClaim) {
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
        context.put("authorizer", Map.of("jwt", Map.of("claims", Map.of(partnerClaim, PARTNER,
                roleClaim, Role.ADMIN.name()))));
        var event = new LinkedHashMap<String, Object>();
        event.put("version", "2.0");
        event.put("routeKey", route);
        event.put("rawPath", path);
        // The bulk route requires a key (never stored: the table is nowhere); the create takes its keyless path.
        event.put("headers", route.equals("POST /customers/bulk")
                ? Map.of("content-type", "application/json", "idempotency-key", "snapstart-priming")
                : Map.of("content-type", "application/json"));
        event.put("pathParameters", template.contains("{id}") ? Map.of("id", CUSTOMER_ID) : Map.of());
        event.put("requestContext", context);
        String body = BODIES.get(route);
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
