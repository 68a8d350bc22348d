package partnerhub.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import partnerhub.domain.ValidationException;

/**
 * The parts of an API Gateway HTTP API (payload 2.0) event a handler reads. Header names are lower-cased, as API
 * Gateway sends them; the JWT authorizer's claims come from {@code requestContext.authorizer.jwt.claims}.
 *
 * @param body the body as text (decoded when API Gateway sent it base64-encoded), or null
 */
public record ApiRequest(String routeKey, String requestId, Map<String, String> headers,
                         Map<String, String> pathParameters, Map<String, String> query, Map<String, String> claims,
                         String body) {

    public static ApiRequest from(Map<String, Object> event) {
        Map<String, Object> context = map(event.get("requestContext"));
        Map<String, Object> authorizer = map(context.get("authorizer"));
        Map<String, Object> jwt = map(authorizer.get("jwt"));
        var headers = new HashMap<String, String>();
        strings(event.get("headers")).forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        String body = (String) event.get("body");
        if (body != null && Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            body = fromBase64(body);
        }
        return new ApiRequest((String) event.get("routeKey"), (String) context.get("requestId"), headers,
                strings(event.get("pathParameters")), strings(event.get("queryStringParameters")),
                strings(jwt.get("claims")), body);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    // Claims can arrive as strings, numbers or booleans; the handlers compare them as text.
    private static Map<String, String> strings(Object value) {
        var strings = new HashMap<String, String>();
        map(value).forEach((name, v) -> {
            if (v != null) {
                strings.put(name, v.toString());
            }
        });
        return strings;
    }
}
