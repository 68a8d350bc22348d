package partnerhub.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import partnerhub.domain.registry.ValidationException;

/**
 * The parts of an API Gateway HTTP API (payload 2.0) event a handler reads. Header names are lower-cased, as API
 * Gateway sends them; the JWT authorizer's claims come from {@code requestContext.authorizer.jwt.claims}.
 *
 * @param body the body as text (decoded when API Gateway sent it base64-encoded), or null
 */
public record ApiRequest(String routeKey, String requestId, Map<String, String> headers,
                         Map<String, String> pathParameters, Map<String, String> query, Map<String, String> claims,
                         String body) {

    public static ApiRequest from(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var jwt = context == null || context.getAuthorizer() == null ? null : context.getAuthorizer().getJwt();
        var headers = new HashMap<String, String>();
        orEmpty(event.getHeaders()).forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = fromBase64(body);
        }
        return new ApiRequest(event.getRouteKey(), context == null ? null : context.getRequestId(), headers,
                orEmpty(event.getPathParameters()), orEmpty(event.getQueryStringParameters()),
                orEmpty(jwt == null ? null : jwt.getClaims()), body);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public static final int MAX_IDEMPOTENCY_KEY = 255;

    /** The {@code Idempotency-Key} header: 1 to 255 characters; null when absent and not required. */
    public String idempotencyKey(boolean required) {
        String key = header("Idempotency-Key");
        if (key == null && required) {
            throw ValidationException.of("Idempotency-Key", "is required on this route");
        }
        if (key != null && (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ValidationException.of("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return key;
    }

    /** A whole-number query parameter, or null when absent. */
    public Integer integerQuery(String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException notANumber) {
            throw ValidationException.of(name, "must be a whole number");
        }
    }

    /** The version an {@code If-Match} header names ({@code "3"}, {@code W/"3"}), or null without one or for *. */
    public Long ifMatchVersion() {
        String value = header("If-Match");
        if (value == null || value.strip().equals("*")) {
            return null;
        }
        String version = value.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.valueOf(version);
        } catch (NumberFormatException notAVersion) {
            throw ValidationException.of("If-Match", "must be an ETag this API returned, like \"3\"");
        }
    }

    // API Gateway base64-encodes the bodies it does not take for text. JSON is UTF-8 (RFC 8259): bytes that are not
    // are refused, not turned into U+FFFD behind the partner's back.
    private static String fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw Problem.malformed("The body is marked base64-encoded but is not base64.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw Problem.malformed("The body is not UTF-8 text.");
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
