package partnerhub.testing;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The sample events in {@code events/} (the same files {@code sam local invoke} takes), adjusted per test and sent
 * through a handler's real stream entry point.
 */
public final class ApiEvents {

    private final Map<String, Object> event;

    private ApiEvents(Map<String, Object> event) {
        this.event = event;
    }

    /** A sample event as plain JSON, for the functions that EventBridge (not API Gateway) invokes. */
    public static Map<String, Object> json(String name) {
        return load(name).event;
    }

    public static ApiEvents load(String name) {
        Path path = Path.of(System.getProperty("eventsDir", "../../events"), name);
        try {
            return new ApiEvents(JSON.std.mapFrom(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event " + path.toAbsolutePath(), e);
        }
    }

    /** The caller: the claims the JWT authorizer passes on. A null email drops the claim. */
    public ApiEvents as(String partnerId, String email) {
        Map<String, Object> claims = map(map(map(map(event, "requestContext"), "authorizer"), "jwt"), "claims");
        putOrRemove(claims, "partner_id", partnerId);
        putOrRemove(claims, "email", email);
        return this;
    }

    public ApiEvents body(String body) {
        putOrRemove(event, "body", body);
        event.put("isBase64Encoded", false);
        return this;
    }

    public ApiEvents base64Body(String base64) {
        event.put("body", base64);
        event.put("isBase64Encoded", true);
        return this;
    }

    public ApiEvents header(String name, String value) {
        putOrRemove(map(event, "headers"), name, value);
        return this;
    }

    public ApiEvents query(String name, String value) {
        putOrRemove(map(event, "queryStringParameters"), name, value);
        return this;
    }

    public ApiEvents pathParameter(String name, String value) {
        putOrRemove(map(event, "pathParameters"), name, value);
        return this;
    }

    /** Sends the event through the handler as Lambda would: JSON in, JSON out. */
    public Response sendTo(RequestStreamHandler handler) {
        return sendTo(handler, null);
    }

    /** The same with the Lambda context the runtime would pass (its request id goes into every log line). */
    public Response sendTo(RequestStreamHandler handler, Context context) {
        try {
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.std.asBytes(event)), out, context);
            return Response.parse(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.computeIfAbsent(name, key -> new LinkedHashMap<String, Object>());
    }

    private static void putOrRemove(Map<String, Object> map, String name, Object value) {
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
    }
}
